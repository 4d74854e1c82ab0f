#include "ml/Simulation.h"
#include "metrics/ClassificationReport.h"
#include "ml/PoolRanking.h"
#include "ml/TextClassifier.h"
#include "text/FeatureHasher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <algorithm>
#include <random>
#include <set>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

struct Encoded
{
    std::vector<Example> examples;
    std::vector<std::vector<std::int64_t>> features;
    qint64 tokens = 0;
};

Encoded encode(const QVector<LabeledText> &rows, const QHash<QString, int> &index, const text::FeatureHasher &hasher,
               bool augment = false, std::uint64_t seed = 0)
{
    Encoded e;
    e.examples.reserve(static_cast<std::size_t>(rows.size()));
    for (const LabeledText &row : rows) {
        Example ex;
        ex.features = hasher.features(row.text);
        if (augment)
            ex.swapped = hasher.featuresWithSwaps(row.text, 0.1, seed + e.examples.size());
        for (const QString &l : row.labels)
            ex.labels.push_back(index.value(l));
        e.tokens += text::tokenize(row.text).size();
        e.features.push_back(ex.features);
        e.examples.push_back(std::move(ex));
    }
    return e;
}

metrics::ClassificationReport evaluate(const TextClassifier &model, const Encoded &eval, const QStringList &labels,
                                       bool multilabel, QString *error)
{
    const auto out = model.predict(eval.features);
    if (!out) {
        *error = out.error();
        return {};
    }
    const std::size_t k = static_cast<std::size_t>(labels.size());
    if (multilabel) {
        std::vector<std::vector<std::uint8_t>> gold, predicted;
        for (std::size_t i = 0; i < eval.examples.size(); ++i) {
            std::vector<std::uint8_t> g(k, 0), p(k, 0);
            for (int l : eval.examples[i].labels)
                g[static_cast<std::size_t>(l)] = 1;
            for (std::size_t c = 0; c < k; ++c)
                p[c] = out->probs[i * k + c] >= 0.5f;
            gold.push_back(std::move(g));
            predicted.push_back(std::move(p));
        }
        return metrics::multiLabelReport(labels, gold, predicted);
    }
    std::vector<int> gold, predicted;
    for (std::size_t i = 0; i < eval.examples.size(); ++i) {
        const float *p = out->probs.data() + i * k;
        gold.push_back(eval.examples[i].labels.empty() ? 0 : eval.examples[i].labels.front());
        predicted.push_back(static_cast<int>(std::max_element(p, p + k) - p));
    }
    return metrics::singleLabelReport(labels, gold, predicted);
}

CurvePoint pointOf(const metrics::ClassificationReport &r, int labels, double seconds)
{
    return CurvePoint{labels, r.macro.f1, r.micro.f1, r.accuracy, seconds};
}
} // namespace

void splitForSimulation(const QVector<LabeledText> &rows, double evalFraction, std::uint64_t seed,
                        QVector<LabeledText> &pool, QVector<LabeledText> &eval)
{
    std::vector<int> order(static_cast<std::size_t>(rows.size()));
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::mt19937_64 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
    const int evalCount = static_cast<int>(std::round(std::clamp(evalFraction, 0.0, 1.0) * rows.size()));
    pool.clear();
    eval.clear();
    for (std::size_t i = 0; i < order.size(); ++i)
        (static_cast<int>(i) < evalCount ? eval : pool).push_back(rows[order[i]]);
}

Result<SimulationResult> simulate(const QVector<LabeledText> &pool, const QVector<LabeledText> &eval,
                                  const SimulationOptions &options, const std::atomic_bool &cancel,
                                  const ProgressFn &progress)
{
    const auto strategy = al::strategyFromName(options.training.strategy);
    if (!strategy)
        return fail(Tr::tr("Unknown query strategy \"%1\"; choose one of: %2.")
                        .arg(options.training.strategy, al::strategyNames().join(QStringLiteral(", "))));
    std::set<QString> names;
    bool multilabel = false;
    for (const QVector<LabeledText> *rows : {&pool, &eval})
        for (const LabeledText &row : *rows) {
            if (row.labels.size() != 1)
                multilabel = true;
            for (const QString &l : row.labels)
                names.insert(l);
        }
    for (const LabeledText &row : pool)
        if (row.labels.isEmpty())
            return fail(Tr::tr("Every pool sample needs a gold label for a simulation."));
    if (names.size() < 2 && !multilabel)
        return fail(Tr::tr("A simulation needs at least two labels."));
    if (pool.isEmpty() || eval.isEmpty())
        return fail(Tr::tr("A simulation needs both pool and eval samples."));

    SimulationResult result;
    result.strategy = options.training.strategy;
    QHash<QString, int> index;
    for (const QString &n : names) {
        index.insert(n, static_cast<int>(result.labels.size()));
        result.labels << n;
    }
    const text::FeatureHasher hasher;
    const Encoded poolData = encode(pool, index, hasher, options.training.augment, options.training.seed);
    const Encoded evalData = encode(eval, index, hasher);
    ModelShape shape;
    shape.buckets = hasher.config().buckets;
    shape.classes = static_cast<int>(result.labels.size());
    shape.embeddingDim = options.training.embeddingDim;
    shape.hiddenDim = options.training.hiddenDim;
    shape.dropout = options.training.dropout;
    shape.multilabel = multilabel;
    QString error;

    // Reference: every pool label at once.
    {
        auto model = TextClassifier::create(shape, options.training.seed);
        if (!model)
            return Error{model.error()};
        (*model)->setScoringThreads(options.training.threads);
        QElapsedTimer timer;
        timer.start();
        const auto epochs = (*model)->train(poolData.examples, options.training, cancel);
        if (!epochs)
            return Error{epochs.error()};
        result.fullSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        const double processed = static_cast<double>(poolData.tokens) * 0.9 * epochs->size(); // minus the dev fold
        result.fullTokensPerSecond = result.fullSeconds > 0 ? processed / result.fullSeconds : 0;
        const auto report = evaluate(**model, evalData, result.labels, multilabel, &error);
        if (!error.isEmpty())
            return fail(error);
        result.fullMacroF1 = report.macro.f1;
        result.fullMicroF1 = report.micro.f1;
        result.fullAccuracy = report.accuracy;
    }

    const int repeats = std::max(1, options.repeats);
    const int budget = std::min(options.budget, static_cast<int>(pool.size()));
    QVector<QVector<CurvePoint>> curves;
    for (int r = 0; r < repeats; ++r) {
        const std::uint64_t seed = options.training.seed + static_cast<std::uint64_t>(r);
        TrainingOptions training = options.training;
        training.seed = seed;
        auto model = TextClassifier::create(shape, seed);
        if (!model)
            return Error{model.error()};
        (*model)->setScoringThreads(training.threads);
        std::vector<int> order(poolData.examples.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = static_cast<int>(i);
        std::mt19937_64 rng(seed);
        std::shuffle(order.begin(), order.end(), rng);
        std::vector<char> revealed(order.size(), 0);
        std::vector<Example> labeled;
        for (int i = 0; i < std::min(options.seedSize, budget); ++i) {
            revealed[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = 1;
            labeled.push_back(poolData.examples[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])]);
        }
        QElapsedTimer timer;
        timer.start();
        QVector<CurvePoint> curve;
        for (;;) {
            if (cancel.load())
                return fail(Tr::tr("The simulation was cancelled."));
            const auto epochs = (*model)->train(labeled, training, cancel);
            if (!epochs)
                return Error{epochs.error()};
            const auto report = evaluate(**model, evalData, result.labels, multilabel, &error);
            if (!error.isEmpty())
                return fail(error);
            curve.push_back(pointOf(report, static_cast<int>(labeled.size()), timer.nsecsElapsed() / 1e9));
            if (progress)
                progress(r * budget + static_cast<int>(labeled.size()), repeats * budget, Tr::tr("Simulating"));
            const int want = std::min(training.batchSize, budget - static_cast<int>(labeled.size()));
            if (want <= 0)
                break;
            std::vector<int> unlabeledIndex;
            std::vector<std::vector<std::int64_t>> unlabeled;
            for (std::size_t i = 0; i < revealed.size(); ++i)
                if (!revealed[i]) {
                    unlabeledIndex.push_back(static_cast<int>(i));
                    unlabeled.push_back(poolData.features[i]);
                }
            if (unlabeled.empty())
                break;
            const bool hidden = needsHidden(*strategy);
            const auto out = (*model)->predict(unlabeled, hidden, needsMcPasses(*strategy) ? training.mcPasses : 0, seed);
            if (!out)
                return Error{out.error()};
            std::vector<float> labeledHidden;
            if (hidden) {
                std::vector<std::vector<std::int64_t>> lf;
                for (const Example &e : labeled)
                    lf.push_back(e.features);
                const auto lo = (*model)->predict(lf, true);
                if (!lo)
                    return Error{lo.error()};
                labeledHidden = lo->hidden;
            }
            const auto picks = rankUnlabeled(*strategy, *out, labeledHidden, multilabel,
                                             isColdStart(labeled, shape.classes), unlabeled, want,
                                             seed + labeled.size(), want);
            for (int i = 0; i < want && i < static_cast<int>(picks.size()); ++i) {
                const int poolIndex = unlabeledIndex[static_cast<std::size_t>(picks[static_cast<std::size_t>(i)].index)];
                revealed[static_cast<std::size_t>(poolIndex)] = 1;
                labeled.push_back(poolData.examples[static_cast<std::size_t>(poolIndex)]);
            }
        }
        curves.push_back(curve);
    }

    result.averageRepeats(curves);
    return result;
}

void SimulationResult::averageRepeats(const QVector<QVector<CurvePoint>> &curves)
{
    curve.clear();
    if (curves.isEmpty())
        return;
    const double repeats = static_cast<double>(curves.size());
    int points = std::numeric_limits<int>::max();
    for (const auto &c : curves)
        points = std::min(points, static_cast<int>(c.size()));
    for (int i = 0; i < points; ++i) {
        CurvePoint mean;
        mean.labels = curves.front()[i].labels;
        for (const auto &c : curves) {
            mean.macroF1 += c[i].macroF1 / repeats;
            mean.microF1 += c[i].microF1 / repeats;
            mean.accuracy += c[i].accuracy / repeats;
            mean.seconds += c[i].seconds / repeats;
            mean.tokens += c[i].tokens / repeats;
        }
        curve.push_back(mean);
        if (!labelsTo95 && mean.macroF1 >= 0.95 * fullMacroF1)
            labelsTo95 = mean.labels;
        if (!labelsTo95Accuracy && mean.accuracy >= 0.95 * fullAccuracy)
            labelsTo95Accuracy = mean.labels;
    }
}

QJsonObject SimulationResult::toJson() const
{
    QJsonArray points;
    for (const CurvePoint &p : curve) {
        QJsonObject point{{QStringLiteral("labels"), p.labels},
                          {QStringLiteral("macro_f1"), p.macroF1},
                          {QStringLiteral("micro_f1"), p.microF1},
                          {QStringLiteral("accuracy"), p.accuracy},
                          {QStringLiteral("seconds"), p.seconds}};
        if (sequence)
            point.insert(QStringLiteral("tokens"), p.tokens);
        points.append(point);
    }
    QJsonObject o{{QStringLiteral("strategy"), strategy},
                  {QStringLiteral("full_data"), QJsonObject{{QStringLiteral("macro_f1"), fullMacroF1},
                                                            {QStringLiteral("micro_f1"), fullMicroF1},
                                                            {QStringLiteral("accuracy"), fullAccuracy}}},
                  {QStringLiteral("curve"), points},
                  {QStringLiteral("labels_to_95pct"), labelsTo95 ? QJsonValue(*labelsTo95) : QJsonValue()}};
    if (sequence)
        o.insert(QStringLiteral("labels_to_95pct_accuracy"),
                 labelsTo95Accuracy ? QJsonValue(*labelsTo95Accuracy) : QJsonValue());
    return o;
}

} // namespace marginalia::ml
