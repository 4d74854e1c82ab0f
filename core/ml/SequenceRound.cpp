#include "ml/SequenceRound.h"
#include "al/SequenceQuery.h"
#include "metrics/Agreement.h"
#include "metrics/SequenceReport.h"
#include "ml/Device.h"
#include "ml/RoundStorage.h"
#include "ml/SequenceModel.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};


struct Sentence
{
    qint64 id = 0;
    QString text;
    SentenceTokens tokens;
    EncodedSentence encoded;
    QStringList gold; // BIO tags; empty when unlabeled
    bool labeled = false;
};

struct RoundData
{
    std::vector<Sentence> train;     // labeled pool sentences
    std::vector<Sentence> unlabeled; // unlabeled pool
    std::vector<Sentence> eval;      // every eval sentence
};

Result<RoundData> readSentences(const ProjectStore &store, const TokenFeatures &features, const std::atomic_bool &cancel)
{
    RoundData data;
    const Status s = store.forEachSample({}, [&](const AnnotatedSample &a) {
        Sentence sentence;
        sentence.id = a.sample.id;
        sentence.text = a.sample.text;
        sentence.tokens = sentenceTokens(a.sample.text, a.sample.tokens);
        sentence.encoded = features.encode(sentence.tokens.words);
        sentence.labeled = a.isLabeled();
        if (sentence.labeled)
            sentence.gold = text::bioTags(sentence.tokens.spans, a.annotation->spans);
        if (a.sample.split == Split::Eval)
            data.eval.push_back(std::move(sentence));
        else if (sentence.labeled)
            data.train.push_back(std::move(sentence));
        else
            data.unlabeled.push_back(std::move(sentence));
        return !cancel.load();
    });
    if (!s)
        return s;
    return data;
}

Result<TaggerOutput> tag(const SequenceTagger &tagger, const std::vector<Sentence> &sentences, bool states = false)
{
    std::vector<const EncodedSentence *> encoded;
    encoded.reserve(sentences.size());
    for (const Sentence &s : sentences)
        encoded.push_back(&s.encoded);
    return tagger.predict(encoded, states);
}

PredictionRow predictionRow(const Sentence &sentence, const PredictedSentence &predicted)
{
    PredictionRow row;
    row.sampleId = sentence.id;
    row.confidence = predicted.confidence;
    row.detailJson = spansDetailJson(predicted);
    return row;
}

// Agreement with the previous run on the stop set (the first pool sentences by id), per token: both runs'
// predicted spans as BIO tags, Cohen's kappa over all the stop set's tokens.
std::optional<double> stopKappa(const ProjectStore &store, qint64 previousRun, const std::vector<Sentence> &pool,
                                const std::vector<PredictedSentence> &predicted)
{
    if (previousRun <= 0)
        return std::nullopt;
    QHash<QString, int> index;
    const auto indexOf = [&](const QString &tag) {
        const auto it = index.constFind(tag);
        return it != index.constEnd() ? *it : *index.insert(tag, index.size());
    };
    std::vector<int> a, b;
    int sentences = 0;
    for (std::size_t i = 0; i < pool.size() && static_cast<int>(i) < kStopSetSize; ++i) {
        const auto before = store.prediction(previousRun, pool[i].id);
        if (!before || !*before)
            continue;
        const QStringList old = text::bioTags(pool[i].tokens.spans, spansFromDetailJson((*before)->detailJson));
        for (int t = 0; t < old.size() && t < predicted[i].tags.size(); ++t) {
            a.push_back(indexOf(old[t]));
            b.push_back(indexOf(predicted[i].tags[t]));
        }
        ++sentences;
    }
    if (sentences < 10)
        return std::nullopt;
    return metrics::cohensKappa(a, b, static_cast<int>(index.size()));
}
} // namespace

Result<RoundSummary> runSequenceRound(ProjectStore &store, const TrainingOptions &options,
                                      const std::atomic_bool &cancel, const ProgressFn &progress)
{
    QElapsedTimer timer;
    timer.start();
    const auto report = [&](int done, int total, const QString &what) {
        if (progress)
            progress(done, total, what);
    };
    const al::SequenceQuery query = al::sequenceQueryFor(options.strategy);
    const QString queryName = al::sequenceQueryName(query);
    const auto labelList = store.labels();
    if (!labelList)
        return Error{labelList.error()};
    QStringList types;
    for (const Label &l : *labelList)
        types << l.name;
    if (types.isEmpty())
        return fail(Tr::tr("The project needs at least one entity type before a model can learn to find it."));
    const QStringList tagSet = bioTagSet(types);
    const TokenFeatures features;

    report(0, 0, Tr::tr("Reading samples"));
    auto data = readSentences(store, features, cancel);
    if (!data)
        return Error{data.error()};
    if (data->train.empty())
        return fail(Tr::tr("There is nothing to train on: label some samples in the pool first."));

    // Warm start from the latest finished run whose tagger has the same layout (new entity types are fine).
    TaggerShape shape = taggerShape(options, tagSet);
    const TaggerTraining training = taggerTraining(options);
    const auto latest = store.latestRun(true);
    if (!latest)
        return Error{latest.error()};
    qint64 warmFrom = 0;
    QByteArray warmBytes;
    if (*latest) {
        const auto bytes = store.checkpoint((*latest)->id);
        if (bytes && !bytes->isEmpty())
            if (const auto stored = SequenceTagger::checkpointShape(*bytes); stored && stored->sameLayout(shape)) {
                warmFrom = (*latest)->id;
                warmBytes = *bytes;
            }
    }
    const TorchThreads threads(options.threads);
    auto model = SequenceTagger::create(shape, options.seed);
    if (!model)
        return Error{model.error()};
    if (warmFrom > 0) {
        // As for the classifier: a stored tagger that does not load (damaged, or refused as not ours) must not
        // block training for good; this round starts from scratch and says so.
        if (auto s = (*model)->loadCheckpoint(warmBytes); !s) {
            qWarning("run %lld: %s", static_cast<long long>(warmFrom), qPrintable(s.error()));
            report(0, 0, Tr::tr("The model of run %1 cannot be loaded; training from scratch").arg(warmFrom));
            warmFrom = 0;
            model = SequenceTagger::create(shape, options.seed); // the failed load may have written some weights
            if (!model)
                return Error{model.error()};
        }
    }
    const QJsonObject config = taggerConfig(options, types, shape, training, warmFrom);
    SequenceTagger &tagger = **model;
    const auto runId = store.beginRun(QStringLiteral("sequence-cnn"),
                                      QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)),
                                      tagger.deviceName(), queryName);
    if (!runId)
        return Error{runId.error()};
    // From here on, a failure returned (or thrown) ends this run in runTrainingRound, with its reason.

    std::vector<TaggedExample> examples;
    examples.reserve(data->train.size());
    for (const Sentence &s : data->train)
        examples.push_back(TaggedExample{s.encoded, tagIndices(s.gold, tagSet)});
    report(0, training.epochs, Tr::tr("Training"));
    const auto epochs = tagger.train(examples, training, cancel, [&](int epoch, int total) {
        report(epoch, total, Tr::tr("Training"));
    });
    if (!epochs)
        return fail(epochs.error());

    report(0, 0, Tr::tr("Evaluating"));
    const auto evalOut = tag(tagger, data->eval);
    if (!evalOut)
        return fail(evalOut.error());
    QVector<QStringList> gold, guessed;
    QVector<PredictionRow> rows;
    for (std::size_t i = 0; i < data->eval.size(); ++i) {
        const PredictedSentence p = decodeSentence(data->eval[i].tokens.spans, evalOut->marginals[i], tagSet);
        if (data->eval[i].labeled) {
            gold.push_back(data->eval[i].gold);
            guessed.push_back(p.tags);
        }
        rows.push_back(predictionRow(data->eval[i], p));
    }
    const metrics::SequenceReport evalMetrics = metrics::sequenceReport(gold, guessed);
    const int evalLabels = static_cast<int>(gold.size());

    report(0, 0, Tr::tr("Scoring the pool"));
    if (cancel.load())
        return fail(Tr::tr("Training was cancelled."));
    const auto poolOut = tag(tagger, data->unlabeled, al::needsSentenceStates(query));
    if (!poolOut)
        return fail(poolOut.error());
    const std::vector<al::Pick> picks = al::rankSequencePool(query, sequenceScores(*poolOut), poolOut->states,
                                                             poolOut->dim, options.batchSize, options.seed);
    std::vector<PredictedSentence> poolPredicted;
    poolPredicted.reserve(data->unlabeled.size());
    QVector<PredictionRow> poolRows;
    for (std::size_t i = 0; i < data->unlabeled.size(); ++i) {
        poolPredicted.push_back(decodeSentence(data->unlabeled[i].tokens.spans, poolOut->marginals[i], tagSet));
        poolRows.push_back(predictionRow(data->unlabeled[i], poolPredicted.back()));
    }
    for (std::size_t r = 0; r < picks.size(); ++r) {
        PredictionRow &row = poolRows[picks[r].index];
        row.score = picks[r].score;
        row.rank = static_cast<int>(r) + 1;
    }
    const std::optional<double> kappa =
        stopKappa(store, *latest ? (*latest)->id : 0, data->unlabeled, poolPredicted);
    rows += poolRows;
    // The labeled pool gets predictions too (no score or rank): the UI shows where the model disagrees.
    const auto labeledOut = tag(tagger, data->train);
    if (!labeledOut)
        return fail(labeledOut.error());
    for (std::size_t i = 0; i < data->train.size(); ++i)
        rows.push_back(predictionRow(data->train[i], decodeSentence(data->train[i].tokens.spans,
                                                                    labeledOut->marginals[i], tagSet)));

    report(0, 0, Tr::tr("Saving the run"));
    const auto checkpoint = tagger.saveCheckpoint();
    if (!checkpoint)
        return fail(checkpoint.error());
    RunResult result;
    result.trainLabels = static_cast<int>(data->train.size());
    result.evalLabels = evalLabels;
    result.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    if (evalLabels > 0) {
        // level "label": the entity-level report (what the charts show); level "token": per tag.
        result.accuracy = evalMetrics.tokens.accuracy;
        result.metrics = evalMetrics.entities.toRows(QStringLiteral("label")) + evalMetrics.tokens.toRows(QStringLiteral("token"));
        result.confusion = evalMetrics.tokens.confusionCells();
    }
    result.stopKappa = kappa;
    result.epochs = *epochs;
    result.checkpoint = *checkpoint;
    if (auto s = storeFinishedRun(store, *runId, result, rows, cancel); !s)
        return s;

    RoundSummary summary;
    summary.runId = *runId;
    summarizeFinishedRuns(store, summary);
    summary.trainLabels = result.trainLabels;
    summary.evalLabels = evalLabels;
    summary.macroF1 = evalLabels > 0 ? evalMetrics.entities.macro.f1 : 0;
    summary.microF1 = evalLabels > 0 ? evalMetrics.entities.micro.f1 : 0;
    summary.accuracy = evalLabels > 0 ? evalMetrics.tokens.accuracy : 0;
    summary.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    summary.device = tagger.deviceName();
    report(1, 1, Tr::tr("Done"));
    return summary;
}

} // namespace marginalia::ml
