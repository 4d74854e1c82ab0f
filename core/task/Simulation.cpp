#include "task/Simulation.h"
#include "task/PoolRanking.h"
#include "text/Tokenizer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <limits>
#include <set>

namespace marginalia::task {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

// Every label (entity type) the samples use, sorted.
QStringList labelSetOf(const QVector<AnnotatedSample> &pool, const QVector<AnnotatedSample> &eval)
{
    std::set<QString> names;
    for (const QVector<AnnotatedSample> *rows : {&pool, &eval})
        for (const AnnotatedSample &a : *rows) {
            if (!a.isLabeled())
                continue;
            for (const QString &l : a.annotation->labels)
                names.insert(l);
            for (const Span &s : a.annotation->spans)
                names.insert(s.label);
        }
    return QStringList(names.begin(), names.end());
}

// A fresh model for the label set, holding no samples yet.
Result<std::unique_ptr<TaskModel>> freshModel(const ModelFactory &makeModel, const ml::TrainingOptions &options,
                                              const QStringList &labels)
{
    std::unique_ptr<TaskModel> model = makeModel(options);
    if (auto s = model->setLabels(labels, {}); !s)
        return Error{s.error()};
    return model;
}

// Adds the pool (indices 0..pool-1) and then the eval samples.
void addSamples(TaskModel &model, const QVector<AnnotatedSample> &pool, const QVector<AnnotatedSample> &eval)
{
    for (const QVector<AnnotatedSample> *rows : {&pool, &eval})
        for (const AnnotatedSample &a : *rows)
            model.addSample(a);
}

std::vector<int> range(int begin, int end)
{
    std::vector<int> out(static_cast<std::size_t>(std::max(0, end - begin)));
    std::iota(out.begin(), out.end(), begin);
    return out;
}

// Tokens per pool sample, for throughput figures: the sample's own tokens, or its text's.
std::vector<qint64> tokenCounts(const QVector<AnnotatedSample> &pool)
{
    std::vector<qint64> counts;
    counts.reserve(static_cast<std::size_t>(pool.size()));
    for (const AnnotatedSample &a : pool)
        counts.push_back(a.sample.tokens.isEmpty() ? text::tokenize(a.sample.text).size() : a.sample.tokens.size());
    return counts;
}

qint64 tokensOf(const std::vector<qint64> &counts, const std::vector<int> &samples)
{
    qint64 tokens = 0;
    for (int i : samples)
        tokens += counts[static_cast<std::size_t>(i)];
    return tokens;
}

// Trains once on the whole pool: the figures the curve is measured against.
Status fillReference(SimulationResult &result, TaskModel &model, const std::vector<qint64> &tokens, int evalSize,
                     const std::atomic_bool &cancel)
{
    QElapsedTimer timer;
    timer.start();
    const int poolSize = static_cast<int>(tokens.size());
    const std::vector<int> all = range(0, poolSize);
    const auto epochs = model.train(all, cancel, {});
    if (!epochs)
        return Error{epochs.error()};
    result.fullSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double processed = static_cast<double>(tokensOf(tokens, all)) * 0.9 * epochs->size(); // minus the dev fold
    result.fullTokensPerSecond = result.fullSeconds > 0 ? processed / result.fullSeconds : 0;
    const auto full = model.evaluate(range(poolSize, poolSize + evalSize));
    if (!full)
        return Error{full.error()};
    result.fullMacroF1 = full->macroF1;
    result.fullMicroF1 = full->microF1;
    result.fullAccuracy = full->accuracy;
    return {};
}
} // namespace

Result<SimulationResult> simulate(const ModelFactory &makeModel, const QVector<AnnotatedSample> &pool,
                                  const QVector<AnnotatedSample> &eval, const SimulationOptions &options,
                                  const std::atomic_bool &cancel, const ProgressFn &progress,
                                  const SimulationResult *reference)
{
    for (const AnnotatedSample &a : pool)
        if (!a.isLabeled())
            return fail(Tr::tr("Every pool sample needs a gold label for a simulation."));
    if (pool.isEmpty() || eval.isEmpty())
        return fail(Tr::tr("A simulation needs both pool and eval samples."));
    const QStringList labels = labelSetOf(pool, eval);
    const int poolSize = static_cast<int>(pool.size());
    const std::vector<int> evalSamples = range(poolSize, poolSize + static_cast<int>(eval.size()));
    const std::vector<qint64> tokens = tokenCounts(pool);

    SimulationResult result;
    const al::Strategy *strategy = nullptr;
    {
        auto model = freshModel(makeModel, options.training, labels);
        if (!model)
            return Error{model.error()};
        // A simulation names its strategy explicitly: one of another task is a mistake, not a setting to adapt.
        strategy = al::findStrategy(options.training.strategy, (*model)->scoreKind());
        if (!strategy)
            return fail(Tr::tr("Unknown query strategy \"%1\"; choose one of: %2.")
                            .arg(options.training.strategy,
                                 al::strategyNames((*model)->scoreKind()).join(QStringLiteral(", "))));
        result.strategy = strategy->displayName();
        result.sequence = (*model)->scoreKind() == al::ScoreKind::TokenMarginals;
        result.labels = (*model)->labels();
        if (reference) {
            result.fullMacroF1 = reference->fullMacroF1;
            result.fullMicroF1 = reference->fullMicroF1;
            result.fullAccuracy = reference->fullAccuracy;
            result.fullSeconds = reference->fullSeconds;
            result.fullTokensPerSecond = reference->fullTokensPerSecond;
        } else {
            addSamples(**model, pool, eval);
            if (auto s = fillReference(result, **model, tokens, static_cast<int>(eval.size()), cancel); !s)
                return Error{s.error()};
        }
    }
    if (options.budget <= 0)
        return result; // the reference only

    const int repeats = std::max(1, options.repeats);
    const int budget = std::min(options.budget, poolSize);
    QVector<QVector<CurvePoint>> curves;
    for (int r = 0; r < repeats; ++r) {
        ml::TrainingOptions training = options.training;
        training.seed = options.training.seed + static_cast<std::uint64_t>(r);
        auto made = freshModel(makeModel, training, labels);
        if (!made)
            return Error{made.error()};
        TaskModel &model = **made;
        addSamples(model, pool, eval);

        std::vector<int> order = range(0, poolSize);
        std::mt19937_64 rng(training.seed);
        std::shuffle(order.begin(), order.end(), rng);
        std::vector<char> revealed(order.size(), 0);
        std::vector<int> labeled;
        for (int i = 0; i < std::min(options.seedSize, budget); ++i) {
            revealed[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = 1;
            labeled.push_back(order[static_cast<std::size_t>(i)]);
        }
        QElapsedTimer timer;
        timer.start();
        QVector<CurvePoint> curve;
        for (;;) {
            if (cancel.load())
                return fail(Tr::tr("The simulation was cancelled."));
            // The model keeps its weights between rounds (a warm start, as the studio's rounds do).
            if (const auto epochs = model.train(labeled, cancel, {}); !epochs)
                return Error{epochs.error()};
            const auto report = model.evaluate(evalSamples);
            if (!report)
                return Error{report.error()};
            curve.push_back(CurvePoint{static_cast<int>(labeled.size()), report->macroF1, report->microF1,
                                       report->accuracy, static_cast<double>(timer.nsecsElapsed()) / 1e9,
                                       static_cast<double>(tokensOf(tokens, labeled))});
            if (progress)
                progress(r * budget + static_cast<int>(labeled.size()), repeats * budget, Tr::tr("Simulating"));
            const int want = std::min(training.batchSize, budget - static_cast<int>(labeled.size()));
            if (want <= 0)
                break;
            std::vector<int> unlabeled;
            for (std::size_t i = 0; i < revealed.size(); ++i)
                if (!revealed[i])
                    unlabeled.push_back(static_cast<int>(i));
            if (unlabeled.empty())
                break;
            const auto picks = rankSamples(model, *strategy, unlabeled, labeled, want, training.seed + labeled.size(),
                                           want);
            if (!picks)
                return Error{picks.error()};
            for (int i = 0; i < want && i < static_cast<int>(picks->size()); ++i) {
                const int sample = unlabeled[static_cast<std::size_t>((*picks)[static_cast<std::size_t>(i)].index)];
                revealed[static_cast<std::size_t>(sample)] = 1;
                labeled.push_back(sample);
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

} // namespace marginalia::task
