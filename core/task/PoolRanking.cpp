#include "task/PoolRanking.h"
#include "task/RejectedLabels.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace marginalia::task {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};
} // namespace

Result<const al::Strategy *> strategyFor(const QString &name, const TaskModel &model)
{
    const al::ScoreKind kind = model.scoreKind();
    if (al::isStrategyName(name))
        return &al::strategyFor(name, kind);
    return fail(Tr::tr("Unknown query strategy \"%1\"; choose one of: %2.")
                    .arg(name, al::strategyNames(kind).join(QStringLiteral(", "))));
}

Result<std::vector<al::Pick>> rankSamples(TaskModel &model, const al::Strategy &strategy, const std::vector<int> &samples,
                                          const std::vector<int> &labeled, int batchSize, std::uint64_t seed, int limit,
                                          Prediction *prediction, bool trained, const QHash<qint64, QStringList> *rejected)
{
    // A strategy that does not read the model (random) needs no predictions unless the caller wants the rows.
    const bool predict = trained && (prediction || al::readsModelOutput(strategy));
    auto predicted = predict ? model.predict(samples, &strategy, labeled, seed) : Result<Prediction>(Prediction{});
    if (!predicted)
        return Error{predicted.error()};
    predicted->scores.n = static_cast<int>(samples.size());
    if (rejected && predict)
        respectRejectedLabels(*predicted, model.labels(), *rejected);
    std::vector<al::Pick> ranked = al::rankPool(strategy, predicted->scores, batchSize, seed, limit);
    if (prediction)
        *prediction = std::move(*predicted);
    const std::optional<Coverage> coverage = samples.empty() ? std::nullopt : model.coverage(samples, labeled);
    if (!coverage)
        return ranked;
    // The batch: the strategy's best picks, then the coverage picks (all of the batch in a cold start), then the
    // rest in the strategy's order.
    const int batch = std::max(1, batchSize);
    const int spread = std::clamp(static_cast<int>(std::lround(batch * coverage->share)), 1, batch);
    const std::vector<al::Pick> spreadPicks = al::coldStartPicks(coverage->scores, spread, seed);
    std::unordered_set<int> taken;
    for (const al::Pick &p : spreadPicks)
        taken.insert(p.index);
    std::vector<al::Pick> picks;
    const auto full = [&] { return limit > 0 && static_cast<int>(picks.size()) >= limit; };
    std::size_t next = 0;
    for (; next < ranked.size() && static_cast<int>(picks.size()) < batch - spread && !full(); ++next)
        if (!taken.count(ranked[next].index)) {
            taken.insert(ranked[next].index);
            picks.push_back(ranked[next]);
        }
    for (const al::Pick &p : spreadPicks)
        if (!full())
            picks.push_back(p);
    for (; next < ranked.size() && !full(); ++next)
        if (!taken.count(ranked[next].index))
            picks.push_back(ranked[next]);
    return picks;
}

Result<QHash<qint64, QStringList>> rejectedLabelsFor(const ProjectStore &store, const TaskModel &model)
{
    if (model.scoreKind() != al::ScoreKind::ClassProbabilities)
        return QHash<qint64, QStringList>();
    return store.rejectedLabelsBySample();
}

} // namespace marginalia::task
