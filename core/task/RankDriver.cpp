#include "task/RankDriver.h"
#include "task/LatestModel.h"
#include "task/PoolRanking.h"

namespace marginalia::task {

namespace {
QStringList storedLabels(const ProjectStore &store)
{
    QStringList labels;
    if (const auto stored = store.labels(); stored)
        for (const Label &l : *stored)
            labels << l.name;
    return labels;
}
} // namespace

Result<QVector<RankedSample>> rankCurrentPool(const ProjectStore &store, TaskModel &model, const QString &strategyName,
                                              int batchSize, std::uint64_t seed, int top)
{
    const auto strategy = strategyFor(strategyName, model);
    if (!strategy)
        return Error{strategy.error()};
    const bool trained = loadLatestModel(store, model).ok();
    if (!trained)
        (void)model.setLabels(storedLabels(store), {}); // too few labels for a model still rank by coverage
    std::vector<int> unlabeled, labeled;
    std::vector<qint64> unlabeledIds;
    SampleFilter pool;
    pool.split = Split::Pool;
    const Status s = store.forEachSample(pool, [&](const AnnotatedSample &a) {
        const int index = model.sampleCount();
        model.addSample(a);
        if (a.isLabeled()) {
            labeled.push_back(index);
        } else {
            unlabeled.push_back(index);
            unlabeledIds.push_back(a.sample.id);
        }
        return true;
    });
    if (!s)
        return s;
    const auto rejected = rejectedLabelsFor(store, model);
    if (!rejected)
        return Error{rejected.error()};
    Prediction prediction;
    const auto picks =
        rankSamples(model, **strategy, unlabeled, labeled, batchSize, seed, top, &prediction, trained, &*rejected);
    if (!picks)
        return Error{picks.error()};
    QVector<RankedSample> rows;
    for (std::size_t r = 0; r < picks->size() && (top <= 0 || static_cast<int>(r) < top); ++r) {
        const al::Pick &pick = (*picks)[r];
        RankedSample row;
        row.sampleId = unlabeledIds[static_cast<std::size_t>(pick.index)];
        row.rank = static_cast<int>(r) + 1;
        row.score = pick.score;
        if (trained) {
            const PredictionRow &predicted = prediction.rows[pick.index];
            row.label = predicted.label;
            row.confidence = predicted.confidence;
            row.detailJson = predicted.detailJson;
        }
        rows.push_back(row);
    }
    return rows;
}

} // namespace marginalia::task
