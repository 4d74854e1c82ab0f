#include "ml/RoundStorage.h"
#include "metrics/Agreement.h"
#include "store/ProjectStore.h"

#include <vector>

namespace marginalia::ml {

namespace {
constexpr int kKeepPredictionRuns = 5;
constexpr int kKeepCheckpointRuns = 3;
} // namespace

Status storeFinishedRun(ProjectStore &store, qint64 runId, const RunResult &result,
                        const QVector<PredictionRow> &predictions, const std::atomic_bool &cancel)
{
    if (auto s = store.storePredictions(runId, predictions, &cancel); !s)
        return s;
    if (auto s = store.finishRun(runId, result); !s)
        return s;
    // Pruning is housekeeping: a failure leaves old rows behind, never a wrong run.
    (void)store.prunePredictions(kKeepPredictionRuns);
    (void)store.pruneCheckpoints(kKeepCheckpointRuns);
    return {};
}

void summarizeFinishedRuns(const ProjectStore &store, RoundSummary &summary)
{
    std::vector<double> kappas;
    int round = 0;
    if (const auto runs = store.runs(); runs) {
        for (const ModelRunRecord &r : *runs) {
            if (r.status != QLatin1String("done"))
                continue;
            ++round;
            if (r.stopKappa)
                kappas.push_back(*r.stopKappa);
        }
    }
    summary.round = round;
    summary.suggestStop = metrics::suggestStop(kappas);
}

} // namespace marginalia::ml
