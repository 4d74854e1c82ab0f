#pragma once
// What the classifier's and the sequence tagger's training rounds share once a run is trained: how its results
// are stored and what the round summary says about the runs so far.
#include "Result.h"
#include "ml/TrainingTypes.h"
#include "store/RunTypes.h"

#include <QVector>
#include <atomic>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

// Samples of the unlabeled pool whose predictions two consecutive runs are compared on (the stop set).
inline constexpr int kStopSetSize = 1000;

// Stores the run's predictions and results, then prunes older runs' predictions and checkpoints
// (checkpoints are tens of MB; the latest few are enough to warm-start and to export the model).
// Gives up between chunks of predictions once `cancel` is set.
Status storeFinishedRun(ProjectStore &store, qint64 runId, const RunResult &result,
                        const QVector<PredictionRow> &predictions, const std::atomic_bool &cancel);

// Fills summary.round (finished runs so far) and summary.suggestStop (their kappas with the previous run).
void summarizeFinishedRuns(const ProjectStore &store, RoundSummary &summary);

} // namespace marginalia::ml
