#pragma once
// What a training round does once its model is trained: how the run's results are stored, how far it agrees with
// the previous run, and what the round summary says about the runs so far.
#include "Result.h"
#include "ml/TrainingTypes.h"
#include "store/RunTypes.h"

#include <QVector>
#include <atomic>
#include <optional>
#include <vector>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::task {
class TaskModel;

// Samples of the unlabeled pool whose predictions two consecutive runs are compared on (the stop set).
inline constexpr int kStopSetSize = 1000;

// Stores the run's predictions and results, then prunes older runs' predictions and checkpoints
// (checkpoints are tens of MB; the latest few are enough to warm-start and to export the model).
// Gives up between chunks of predictions once `cancel` is set.
// `predictions` may hold several lists (see ProjectStore::storePredictions); a later row of a sample wins.
Status storeFinishedRun(ProjectStore &store, qint64 runId, const RunResult &result,
                        const std::vector<const QVector<PredictionRow> *> &predictions, const std::atomic_bool &cancel);

// Agreement (Cohen's kappa over comparable tags) of this run's predictions of the stop set (the first pool
// samples, `rows` in the order of `pool`) with those of `previousRun`; none before 10 samples are compared.
std::optional<double> stopSetKappa(const ProjectStore &store, qint64 previousRun, const TaskModel &model,
                                   const std::vector<int> &pool, const QVector<PredictionRow> &rows);

// Fills summary.round (finished runs so far) and summary.suggestStop (their kappas with the previous run).
void summarizeFinishedRuns(const ProjectStore &store, ml::RoundSummary &summary);

} // namespace marginalia::task
