#pragma once
#include "task/TaskModel.h"

namespace marginalia::task {

struct RankedSample
{
    qint64 sampleId = 0;
    int rank = 0;
    double score = 0;
    QString label; // the model's top label; empty without a model, and for span labeling (see detailJson)
    double confidence = 0;
    QString detailJson; // the prediction's task-specific extras (as PredictionRow::detailJson)
};

// Ranks the unlabeled pool now with `strategy` and the latest run's model, loaded into `model`; while there is
// none (or it does not load), by coverage where the task has it, else in a seeded random order. Nothing is
// stored. Returns the first `top` samples (top <= 0: all).
Result<QVector<RankedSample>> rankCurrentPool(const ProjectStore &store, TaskModel &model, const QString &strategy,
                                              int batchSize, std::uint64_t seed, int top);

} // namespace marginalia::task
