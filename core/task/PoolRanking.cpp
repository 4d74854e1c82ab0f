#include "task/PoolRanking.h"

#include <QCoreApplication>
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
                                          Prediction *prediction, bool trained)
{
    auto predicted = trained ? model.predict(samples, &strategy, labeled, seed) : Result<Prediction>(Prediction{});
    if (!predicted)
        return Error{predicted.error()};
    predicted->scores.n = static_cast<int>(samples.size());
    std::vector<al::Pick> ranked = al::rankPool(strategy, predicted->scores, batchSize, seed, limit);
    if (prediction)
        *prediction = std::move(*predicted);
    const std::optional<al::PoolScores> coverage = samples.empty() ? std::nullopt : model.coldStartScores(samples, labeled);
    if (!coverage)
        return ranked;
    std::vector<al::Pick> picks = al::coldStartPicks(*coverage, batchSize, seed);
    std::unordered_set<int> taken;
    for (const al::Pick &p : picks)
        taken.insert(p.index);
    for (const al::Pick &p : ranked)
        if (!taken.count(p.index) && (limit <= 0 || static_cast<int>(picks.size()) < limit))
            picks.push_back(p);
    return picks;
}

} // namespace marginalia::task
