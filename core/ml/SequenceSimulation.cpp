#include "ml/SequenceSimulation.h"
#include "al/SequenceQuery.h"
#include "metrics/SequenceReport.h"
#include "ml/SequenceModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <random>
#include <set>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

std::vector<TaggedExample> encodeAll(const QVector<io::TaggedSentence> &rows, const QStringList &tagSet)
{
    const TokenFeatures features;
    std::vector<TaggedExample> out;
    out.reserve(static_cast<std::size_t>(rows.size()));
    for (const io::TaggedSentence &row : rows)
        out.push_back(TaggedExample{features.encode(row.tokens), tagIndices(row.tags, tagSet)});
    return out;
}

CurvePoint evaluate(const SequenceTagger &tagger, const std::vector<TaggedExample> &eval,
                    const QVector<io::TaggedSentence> &rows, const QStringList &tagSet, int labels, double seconds,
                    QString *error)
{
    std::vector<const EncodedSentence *> sentences;
    for (const TaggedExample &e : eval)
        sentences.push_back(&e.sentence);
    const auto out = tagger.predict(sentences);
    if (!out) {
        *error = out.error();
        return {};
    }
    QVector<QStringList> gold, guessed;
    for (std::size_t i = 0; i < eval.size(); ++i) {
        QStringList tags;
        for (int t : bestTags(out->marginals[i], out->tags))
            tags << tagSet.value(t);
        gold.push_back(rows[static_cast<int>(i)].tags);
        guessed.push_back(tags);
    }
    const metrics::SequenceReport r = metrics::sequenceReport(gold, guessed);
    return CurvePoint{labels, r.entities.macro.f1, r.entities.micro.f1, r.tokens.accuracy, seconds};
}
} // namespace

QStringList tagSetOf(const QVector<io::TaggedSentence> &pool, const QVector<io::TaggedSentence> &eval)
{
    std::set<QString> names;
    for (const QVector<io::TaggedSentence> *rows : {&pool, &eval})
        for (const io::TaggedSentence &row : *rows)
            for (const QString &t : row.tags)
                names.insert(t);
    QStringList tags;
    if (names.erase(QStringLiteral("O")) > 0)
        tags << QStringLiteral("O");
    for (const QString &n : names)
        tags << n;
    return tags;
}

void splitSentencesForSimulation(const QVector<io::TaggedSentence> &rows, double evalFraction, std::uint64_t seed,
                                 QVector<io::TaggedSentence> &pool, QVector<io::TaggedSentence> &eval)
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

Result<SimulationResult> simulateSequences(const QVector<io::TaggedSentence> &pool, const QVector<io::TaggedSentence> &eval,
                                           const SimulationOptions &options, const std::atomic_bool &cancel,
                                           const ProgressFn &progress, const SimulationResult *reference)
{
    const auto query = al::sequenceQueryFromName(options.training.strategy);
    if (!query)
        return fail(Tr::tr("Unknown query strategy \"%1\"; choose one of: %2.")
                        .arg(options.training.strategy, al::sequenceQueryNames().join(QStringLiteral(", "))));
    if (pool.isEmpty() || eval.isEmpty())
        return fail(Tr::tr("A simulation needs both pool and eval samples."));
    SimulationResult result;
    result.strategy = al::sequenceQueryName(*query);
    result.sequence = true;
    result.labels = tagSetOf(pool, eval);
    const QStringList &tagSet = result.labels;
    const std::vector<TaggedExample> poolData = encodeAll(pool, tagSet);
    const std::vector<TaggedExample> evalData = encodeAll(eval, tagSet);
    const TaggerShape shape = taggerShape(options.training, tagSet);
    const TaggerTraining baseTraining = taggerTraining(options.training);
    QString error;

    if (reference) {
        result.fullMacroF1 = reference->fullMacroF1;
        result.fullMicroF1 = reference->fullMicroF1;
        result.fullAccuracy = reference->fullAccuracy;
        result.fullSeconds = reference->fullSeconds;
        result.fullTokensPerSecond = reference->fullTokensPerSecond;
    } else {
        auto model = SequenceTagger::create(shape, options.training.seed);
        if (!model)
            return Error{model.error()};
        QElapsedTimer timer;
        timer.start();
        const auto epochs = (*model)->train(poolData, baseTraining, cancel);
        if (!epochs)
            return Error{epochs.error()};
        result.fullSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        qint64 tokens = 0;
        for (const TaggedExample &e : poolData)
            tokens += e.sentence.length();
        const double processed = static_cast<double>(tokens) * 0.9 * epochs->size(); // minus the dev fold
        result.fullTokensPerSecond = result.fullSeconds > 0 ? processed / result.fullSeconds : 0;
        const CurvePoint full = evaluate(**model, evalData, eval, tagSet, static_cast<int>(pool.size()), 0, &error);
        if (!error.isEmpty())
            return fail(error);
        result.fullMacroF1 = full.macroF1;
        result.fullMicroF1 = full.microF1;
        result.fullAccuracy = full.accuracy;
    }

    if (options.budget <= 0)
        return result; // the reference only
    const int repeats = std::max(1, options.repeats);
    const int budget = std::min(options.budget, static_cast<int>(pool.size()));
    QVector<QVector<CurvePoint>> curves;
    for (int r = 0; r < repeats; ++r) {
        const std::uint64_t seed = options.training.seed + static_cast<std::uint64_t>(r);
        TaggerTraining training = baseTraining;
        training.seed = seed;
        auto model = SequenceTagger::create(shape, seed);
        if (!model)
            return Error{model.error()};
        std::vector<int> order(poolData.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = static_cast<int>(i);
        std::mt19937_64 rng(seed);
        std::shuffle(order.begin(), order.end(), rng);
        std::vector<char> revealed(order.size(), 0);
        std::vector<TaggedExample> labeled;
        for (int i = 0; i < std::min(options.seedSize, budget); ++i) {
            const std::size_t at = static_cast<std::size_t>(order[static_cast<std::size_t>(i)]);
            revealed[at] = 1;
            labeled.push_back(poolData[at]);
        }
        QElapsedTimer timer;
        timer.start();
        QVector<CurvePoint> curve;
        for (;;) {
            if (cancel.load())
                return fail(Tr::tr("The simulation was cancelled."));
            // The tagger keeps its weights between rounds (a warm start, as the studio's rounds do).
            const auto epochs = (*model)->train(labeled, training, cancel);
            if (!epochs)
                return Error{epochs.error()};
            curve.push_back(evaluate(**model, evalData, eval, tagSet, static_cast<int>(labeled.size()),
                                     static_cast<double>(timer.nsecsElapsed()) / 1e9, &error));
            if (!error.isEmpty())
                return fail(error);
            for (const TaggedExample &e : labeled)
                curve.back().tokens += e.sentence.length();
            if (progress)
                progress(r * budget + static_cast<int>(labeled.size()), repeats * budget, Tr::tr("Simulating"));
            const int want = std::min(options.training.batchSize, budget - static_cast<int>(labeled.size()));
            if (want <= 0)
                break;
            std::vector<int> unlabeledIndex;
            std::vector<const EncodedSentence *> unlabeled;
            for (std::size_t i = 0; i < revealed.size(); ++i)
                if (!revealed[i]) {
                    unlabeledIndex.push_back(static_cast<int>(i));
                    unlabeled.push_back(&poolData[i].sentence);
                }
            if (unlabeled.empty())
                break;
            std::vector<al::Pick> picks;
            if (*query == al::SequenceQuery::Random) {
                picks = al::rankSequencePool(*query, al::SequenceScores{0, std::vector<std::vector<float>>(unlabeled.size()), {}},
                                             {}, 0, want, seed + labeled.size(), want);
            } else {
                const auto out = (*model)->predict(unlabeled, al::needsSentenceStates(*query));
                if (!out)
                    return Error{out.error()};
                picks = al::rankSequencePool(*query, sequenceScores(*out), out->states, out->dim, want,
                                             seed + labeled.size(), want);
            }
            for (int i = 0; i < want && i < static_cast<int>(picks.size()); ++i) {
                const int poolIndex = unlabeledIndex[static_cast<std::size_t>(picks[static_cast<std::size_t>(i)].index)];
                revealed[static_cast<std::size_t>(poolIndex)] = 1;
                labeled.push_back(poolData[static_cast<std::size_t>(poolIndex)]);
            }
        }
        curves.push_back(curve);
    }

    result.averageRepeats(curves);
    return result;
}

} // namespace marginalia::ml
