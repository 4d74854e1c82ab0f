#include "task/RoundStorage.h"
#include "metrics/Agreement.h"
#include "store/ProjectStore.h"
#include "task/TaskModel.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace marginalia::task {

namespace {
constexpr int kKeepPredictionRuns = 5;
constexpr int kKeepCheckpointRuns = 3;
} // namespace

Status storeFinishedRun(ProjectStore &store, qint64 runId, const RunResult &result,
                        const std::vector<const QVector<PredictionRow> *> &predictions, const std::atomic_bool &cancel)
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

void summarizeFinishedRuns(const ProjectStore &store, ml::RoundSummary &summary)
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

std::optional<double> stopSetKappa(const ProjectStore &store, qint64 previousRun, const TaskModel &model,
                                   const std::vector<int> &pool, const QVector<PredictionRow> &rows)
{
    if (previousRun <= 0)
        return std::nullopt;
    QHash<QString, int> index;
    const auto indexOf = [&](const QString &tag) {
        const auto it = index.constFind(tag);
        return it != index.constEnd() ? *it : *index.insert(tag, index.size());
    };
    const std::size_t asked = std::min<std::size_t>(pool.size(), std::size_t(kStopSetSize));
    QVector<qint64> ids;
    for (std::size_t i = 0; i < asked; ++i)
        ids.push_back(rows[static_cast<int>(i)].sampleId);
    const auto previous = store.predictions(previousRun, ids); // one read per part, not per sample
    if (!previous)
        return std::nullopt;
    std::vector<int> a, b;
    int compared = 0;
    for (std::size_t i = 0; i < asked; ++i) {
        const auto before = previous->constFind(rows[static_cast<int>(i)].sampleId);
        if (before == previous->constEnd())
            continue;
        const QStringList old = model.comparableTags(pool[i], *before);
        const QStringList now = model.comparableTags(pool[i], rows[static_cast<int>(i)]);
        for (int t = 0; t < old.size() && t < now.size(); ++t) {
            a.push_back(indexOf(old[t]));
            b.push_back(indexOf(now[t]));
        }
        ++compared;
    }
    if (compared < 10)
        return std::nullopt;
    return metrics::cohensKappa(a, b, static_cast<int>(index.size()));
}

} // namespace marginalia::task
