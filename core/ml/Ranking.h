#pragma once
#include "Result.h"

#include <QString>
#include <QVector>
#include <cstdint>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

struct RankedSample
{
    qint64 sampleId = 0;
    int rank = 0;
    double score = 0;
    QString label; // the model's top label; empty in a cold start without a model
    double confidence = 0;
};

// Ranks the unlabeled pool now with `strategy`: with the latest run's model when there is one, else (no model
// yet) by k-means++ coverage of hashed features. Nothing is stored. Returns the first `top` samples.
Result<QVector<RankedSample>> rankCurrentPool(const ProjectStore &store, const QString &strategy, int batchSize,
                                              std::uint64_t seed, int top);

} // namespace marginalia::ml
