#pragma once
#include "al/QueryStrategy.h"
#include "ml/TextClassifier.h"

#include <cstdint>
#include <vector>

namespace marginalia::ml {

// True while some class has fewer than two labels: model scores mean little yet, so rank for coverage.
bool isColdStart(const std::vector<Example> &labeled, int classes);

// Orders the whole unlabeled pool, most informative first. `pool` holds the model's output on the pool (with
// hidden representations and MC passes when the strategy needs them). In a cold start the first `batchSize`
// places go to k-means++ picks over hashed feature embeddings and the rest follow the strategy's order.
// `limit` > 0 returns only that many picks (cheaper than ranking the whole pool).
std::vector<al::Pick> rankUnlabeled(al::Strategy strategy, const ModelOutput &pool,
                                    const std::vector<float> &labeledHidden, bool multilabel, bool coldStart,
                                    const std::vector<std::vector<std::int64_t>> &poolFeatures, int batchSize,
                                    std::uint64_t seed, int limit = 0);

// Whether a strategy needs hidden representations / MC-dropout passes from the model.
bool needsHidden(al::Strategy strategy);
bool needsMcPasses(al::Strategy strategy);

} // namespace marginalia::ml
