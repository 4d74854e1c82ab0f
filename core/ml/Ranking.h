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
    QString detailJson; // span labeling: the predicted spans ({"spans": [...]}, as PredictionRow::detailJson)
};

// Ranks the unlabeled pool now with `strategy`: with the latest run's model when there is one, else (no model
// yet) by k-means++ coverage of hashed features. Nothing is stored. Returns the first `top` samples.
Result<QVector<RankedSample>> rankCurrentPool(const ProjectStore &store, const QString &strategy, int batchSize,
                                              std::uint64_t seed, int top);

// The same for span-labeling projects with a sequence query (al::sequenceQueryNames()): scored by the latest
// run's tagger, or in a seeded random order while there is none. `label` lists the predicted spans' types.
Result<QVector<RankedSample>> rankCurrentSequencePool(const ProjectStore &store, const QString &query, int batchSize,
                                                      std::uint64_t seed, int top);

} // namespace marginalia::ml
