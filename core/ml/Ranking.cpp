#include "ml/Ranking.h"
#include "ml/PoolRanking.h"
#include "ml/TrainedModel.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QHash>

namespace marginalia::ml {

Result<QVector<RankedSample>> rankCurrentPool(const ProjectStore &store, const QString &strategyName, int batchSize,
                                              std::uint64_t seed, int top)
{
    const auto strategy = al::strategyFromName(strategyName);
    if (!strategy)
        return fail(QCoreApplication::translate("Model", "Unknown query strategy \"%1\"; choose one of: %2.")
                        .arg(strategyName, al::strategyNames().join(QStringLiteral(", "))));
    auto model = loadLatestModel(store);
    const bool haveModel = model.ok();
    const text::FeatureHasher hasher(haveModel ? model->features : text::FeatureConfig{});
    QStringList labels;
    if (haveModel) {
        labels = model->labels;
    } else if (const auto stored = store.labels(); stored) {
        for (const Label &l : *stored)
            labels << l.name;
    }
    QHash<QString, int> index;
    for (int i = 0; i < labels.size(); ++i)
        index.insert(labels[i], i);
    std::vector<qint64> ids;
    std::vector<std::vector<std::int64_t>> features, labeledFeatures;
    std::vector<Example> labeled;
    SampleFilter poolOnly;
    poolOnly.split = Split::Pool;
    const Status s = store.forEachSample(poolOnly, [&](const AnnotatedSample &a) {
        std::vector<std::int64_t> f = hasher.features(a.sample.text);
        if (a.isLabeled()) {
            Example e;
            for (const QString &l : a.annotation->labels)
                if (index.contains(l))
                    e.labels.push_back(index.value(l));
            labeledFeatures.push_back(f);
            e.features = std::move(f);
            labeled.push_back(std::move(e));
        } else {
            ids.push_back(a.sample.id);
            features.push_back(std::move(f));
        }
        return true;
    });
    if (!s)
        return s;
    ModelOutput out;
    out.n = static_cast<int>(ids.size());
    out.classes = std::max(1, static_cast<int>(labels.size()));
    std::vector<float> labeledHidden;
    bool cold = true;
    if (haveModel) {
        model->classifier->setScoringThreads(model->options.threads);
        const bool hidden = needsHidden(*strategy);
        auto scored = model->classifier->predict(features, hidden,
                                                 needsMcPasses(*strategy) ? model->options.mcPasses : 0, seed);
        if (!scored)
            return Error{scored.error()};
        out = std::move(*scored);
        if (hidden) {
            const auto lo = model->classifier->predict(labeledFeatures, true);
            if (!lo)
                return Error{lo.error()};
            labeledHidden = lo->hidden;
        }
        cold = isColdStart(labeled, out.classes);
    } else {
        // No model: uniform probabilities, so only the coverage picks carry information.
        out.probs.assign(ids.size() * static_cast<std::size_t>(out.classes), 1.0f / static_cast<float>(out.classes));
    }
    const auto picks = rankUnlabeled(*strategy, out, labeledHidden, model ? model->shape.multilabel : false, cold,
                                     features, batchSize, seed, top);
    QVector<RankedSample> rows;
    for (std::size_t r = 0; r < picks.size() && (top < 0 || static_cast<int>(r) < top); ++r) {
        const int i = picks[r].index;
        RankedSample row;
        row.sampleId = ids[static_cast<std::size_t>(i)];
        row.rank = static_cast<int>(r) + 1;
        row.score = picks[r].score;
        if (haveModel) {
            const float *p = out.probs.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(out.classes);
            const int best = static_cast<int>(std::max_element(p, p + out.classes) - p);
            row.label = labels.value(best);
            row.confidence = p[best];
        }
        rows.push_back(row);
    }
    return rows;
}

} // namespace marginalia::ml
