#pragma once
#include "Result.h"
#include "ml/TrainingTypes.h"

#include <QHash>
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

using ProgressFn = std::function<void(int done, int total, const QString &what)>;

// One round, synchronously on the calling thread (the CLI's main thread or the worker thread): load the
// current labels (pool split only), warm-start from the latest run's checkpoint, train, evaluate on the eval
// split, score and rank the unlabeled pool, and store it all as a new run. Never throws; a failure (or a
// cancel) is recorded on the run and returned as an error.
Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options,
                                      const std::atomic_bool &cancel, const ProgressFn &progress = {});

// Hashed features by sample id, kept between rounds by a long-lived caller (the training worker) so that each
// round tokenizes only new samples. A sample's text never changes, so entries stay valid for one project.
// Bucket ids fit 32 bits, which halves what a large pool keeps in memory between rounds.
struct FeatureCache
{
    QHash<qint64, std::vector<std::uint32_t>> features;
};
Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options,
                                      const std::atomic_bool &cancel, const ProgressFn &progress, FeatureCache *cache);

} // namespace marginalia::ml
