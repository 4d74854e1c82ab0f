#pragma once
// Ranking samples with a task's model: what the round, `rank` and the simulation share.
#include "task/TaskModel.h"

namespace marginalia::task {

// Predicts `samples` and orders them, most informative first, by `strategy`; the model's coverage picks take their
// share of the first `batchSize` places (all of them in a cold start, a part while some label is rare). At most `limit` picks (<= 0: all);
// a pick's index is a position in `samples`. `prediction` (may be null) receives the model's rows; without it, a
// strategy that reads no model output (random) predicts nothing. Without a `trained` model nothing tells the
// samples apart but coverage: they come in a seeded random order. Labels in `rejected` (by sample id) are out
// for their samples before anything is ranked (RejectedLabels.h).
Result<std::vector<al::Pick>> rankSamples(TaskModel &model, const al::Strategy &strategy, const std::vector<int> &samples,
                                          const std::vector<int> &labeled, int batchSize, std::uint64_t seed, int limit,
                                          Prediction *prediction = nullptr, bool trained = true,
                                          const QHash<qint64, QStringList> *rejected = nullptr);

// The project's rejected labels for a model that ranks by class probabilities; empty for other tasks.
Result<QHash<qint64, QStringList>> rejectedLabelsFor(const ProjectStore &store, const TaskModel &model);

// The strategy for a configured name and a model: an error naming the choices when the name is unknown for
// every task; a strategy of another task (e.g. "margin" for span labeling) means the model's default.
Result<const al::Strategy *> strategyFor(const QString &name, const TaskModel &model);

} // namespace marginalia::task
