#include "ml/TrainingRound.h"
#include "metrics/Agreement.h"
#include "metrics/ClassificationReport.h"
#include "ml/Device.h"
#include "ml/RoundStorage.h"
#include "ml/PoolRanking.h"
#include "ml/SequenceRound.h"
#include "al/SequenceQuery.h"
#include "ml/TrainedModel.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <algorithm>
#include <exception>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};


// The project's samples as the round sees them.
struct RoundData
{
    std::vector<Example> train;              // labeled pool samples
    std::vector<qint64> trainIds;
    std::vector<std::vector<std::int64_t>> unlabeled; // unlabeled pool features
    std::vector<qint64> unlabeledIds;
    std::vector<std::vector<std::int64_t>> eval; // every eval sample
    std::vector<qint64> evalIds;
    std::vector<std::vector<int>> evalGold;  // empty = unlabeled
};

Result<RoundData> readSamples(const ProjectStore &store, const QStringList &labels, const text::FeatureHasher &hasher,
                              const TrainingOptions &options, const std::atomic_bool &cancel, FeatureCache *cache)
{
    QHash<QString, int> index;
    for (int i = 0; i < labels.size(); ++i)
        index.insert(labels[i], i);
    RoundData data;
    const Status s = store.forEachSample({}, [&](const AnnotatedSample &a) {
        const auto compute = [&] {
            return a.sample.tokens.isEmpty() ? hasher.features(a.sample.text) : hasher.featuresOfTokens(a.sample.tokens);
        };
        std::vector<std::int64_t> f;
        if (cache) {
            const auto cached = cache->features.constFind(a.sample.id);
            if (cached != cache->features.constEnd()) {
                f.assign(cached->begin(), cached->end());
            } else {
                f = compute();
                cache->features.insert(a.sample.id, std::vector<std::uint32_t>(f.begin(), f.end()));
            }
        } else {
            f = compute();
        }
        std::vector<int> gold;
        if (a.isLabeled())
            for (const QString &l : a.annotation->labels)
                if (index.contains(l))
                    gold.push_back(index.value(l));
        if (a.sample.split == Split::Eval) {
            data.eval.push_back(std::move(f));
            data.evalIds.push_back(a.sample.id);
            data.evalGold.push_back(std::move(gold));
        } else if (a.isLabeled() && !gold.empty()) {
            Example example{std::move(f), std::move(gold), {}};
            // Only labeled samples are augmented, and there are few of them: no need to cache these.
            if (options.augment)
                example.swapped = hasher.featuresWithSwaps(a.sample.text, 0.1, options.seed + std::uint64_t(a.sample.id));
            data.train.push_back(std::move(example));
            data.trainIds.push_back(a.sample.id);
        } else if (!a.isLabeled()) {
            data.unlabeled.push_back(std::move(f));
            data.unlabeledIds.push_back(a.sample.id);
        }
        return !cancel.load();
    });
    if (!s)
        return s;
    return data;
}

QByteArray probabilityBytes(const float *p, int classes)
{
    return QByteArray(reinterpret_cast<const char *>(p), classes * static_cast<int>(sizeof(float)));
}

PredictionRow predictionRow(qint64 sampleId, const float *p, const QStringList &labels)
{
    const int top = static_cast<int>(std::max_element(p, p + labels.size()) - p);
    PredictionRow row;
    row.sampleId = sampleId;
    row.label = labels.value(top);
    row.confidence = p[top];
    row.probabilities = probabilityBytes(p, static_cast<int>(labels.size()));
    return row;
}

metrics::ClassificationReport evalReport(const RoundData &data, const ModelOutput &out, const QStringList &labels,
                                         bool multilabel)
{
    const int k = static_cast<int>(labels.size());
    if (multilabel) {
        std::vector<std::vector<std::uint8_t>> gold, predicted;
        for (std::size_t i = 0; i < data.evalGold.size(); ++i) {
            if (data.evalGold[i].empty())
                continue;
            std::vector<std::uint8_t> g(static_cast<std::size_t>(k), 0), p(static_cast<std::size_t>(k), 0);
            for (int l : data.evalGold[i])
                g[static_cast<std::size_t>(l)] = 1;
            for (int c = 0; c < k; ++c)
                p[static_cast<std::size_t>(c)] = out.probs[i * static_cast<std::size_t>(k) + static_cast<std::size_t>(c)] >= 0.5f;
            gold.push_back(std::move(g));
            predicted.push_back(std::move(p));
        }
        return metrics::multiLabelReport(labels, gold, predicted);
    }
    std::vector<int> gold, predicted;
    for (std::size_t i = 0; i < data.evalGold.size(); ++i) {
        if (data.evalGold[i].empty())
            continue;
        const float *p = out.probs.data() + i * static_cast<std::size_t>(k);
        gold.push_back(data.evalGold[i].front());
        predicted.push_back(static_cast<int>(std::max_element(p, p + k) - p));
    }
    return metrics::singleLabelReport(labels, gold, predicted);
}

// Agreement with the previous run's top labels on a fixed stop set (the first pool samples by id).
std::optional<double> stopKappa(const ProjectStore &store, qint64 previousRun, const QVector<PredictionRow> &rows,
                                const QStringList &labels)
{
    if (previousRun <= 0)
        return std::nullopt;
    std::vector<int> a, b;
    int checked = 0;
    for (const PredictionRow &row : rows) {
        if (row.score.has_value() == false || checked++ >= kStopSetSize)
            continue;
        const auto before = store.prediction(previousRun, row.sampleId);
        if (!before || !*before)
            continue;
        a.push_back(static_cast<int>(labels.indexOf((*before)->label)));
        b.push_back(static_cast<int>(labels.indexOf(row.label)));
    }
    if (a.size() < 10)
        return std::nullopt;
    return metrics::cohensKappa(a, b, static_cast<int>(labels.size()));
}
} // namespace

Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options,
                                      const std::atomic_bool &cancel, const ProgressFn &progress)
{
    return runTrainingRound(store, options, cancel, progress, nullptr);
}

namespace {

Result<RoundSummary> runRound(ProjectStore &store, const TrainingOptions &options, const std::atomic_bool &cancel,
                              const ProgressFn &progress, FeatureCache *cache)
{
    QElapsedTimer timer;
    timer.start();
    const auto report = [&](int done, int total, const QString &what) {
        if (progress)
            progress(done, total, what);
    };
    const auto strategy = al::strategyFromName(options.strategy);
    if (store.task() == TaskType::Ner) {
        // A classifier-only strategy (e.g. the default "margin") means mnlp for the tagger.
        if (!strategy && !al::sequenceQueryFromName(options.strategy))
            return fail(Tr::tr("Unknown query strategy \"%1\"; choose one of: %2.")
                            .arg(options.strategy, al::sequenceQueryNames().join(QStringLiteral(", "))));
        return runSequenceRound(store, options, cancel, progress);
    }
    if (!strategy)
        return fail(Tr::tr("Unknown query strategy \"%1\"; choose one of: %2.")
                        .arg(options.strategy, al::strategyNames().join(QStringLiteral(", "))));
    const bool multilabel = store.task() == TaskType::MultiLabel;
    const auto labelList = store.labels();
    if (!labelList)
        return Error{labelList.error()};
    QStringList labels;
    for (const Label &l : *labelList)
        labels << l.name;
    if (labels.size() < (multilabel ? 1 : 2))
        return fail(Tr::tr("The project needs at least two labels before a model can learn to tell them apart."));

    ModelShape shape;
    text::FeatureConfig features;
    shape.buckets = features.buckets;
    shape.classes = static_cast<int>(labels.size());
    shape.embeddingDim = options.embeddingDim;
    shape.hiddenDim = options.hiddenDim;
    shape.dropout = options.dropout;
    shape.multilabel = multilabel;
    // The vectors are a seed named by a project setting, which may have been written on another machine: one that
    // cannot be used here (missing, not a regular file, too large, not a .vec file) would otherwise stop every
    // round of a project the user cannot train without editing its settings. So the round trains without them,
    // says why, and records that none were used. A file that starts as a .vec file but breaks further down still
    // fails the round (below), with its line.
    TrainingOptions used = options;
    if (!used.pretrainedVectors.isEmpty()) {
        if (const auto dim = TextClassifier::vectorFileDimension(used.pretrainedVectors)) {
            shape.embeddingDim = *dim;
        } else {
            qWarning("%s", qPrintable(dim.error()));
            report(0, 0, Tr::tr("Training without the pretrained word vectors: %1").arg(dim.error()));
            used.pretrainedVectors.clear();
        }
    }
    const text::FeatureHasher hasher(features);

    report(0, 0, Tr::tr("Reading samples"));
    auto data = readSamples(store, labels, hasher, options, cancel, cache);
    if (!data)
        return Error{data.error()};
    if (data->train.empty())
        return fail(Tr::tr("There is nothing to train on: label some samples in the pool first."));

    // Warm start from the latest finished run when its labels and model shape are unchanged.
    const auto latest = store.latestRun(true);
    if (!latest)
        return Error{latest.error()};
    qint64 warmFrom = 0;
    if (*latest) {
        const RunConfig previous = parseRunConfig((*latest)->configJson);
        if (previous.labels == labels && previous.shape == shape)
            warmFrom = (*latest)->id;
    }
    auto model = TextClassifier::create(shape, options.seed);
    if (!model)
        return Error{model.error()};
    if (warmFrom > 0) {
        // A stored model that no longer loads (damaged, cut short, written by another version) must not block
        // training for good: this round starts from scratch instead, and says so.
        const auto bytes = store.checkpoint(warmFrom);
        if (!bytes)
            return Error{bytes.error()};
        if (auto s = (*model)->loadCheckpoint(*bytes); !s) {
            qWarning("run %lld: %s", static_cast<long long>(warmFrom), qPrintable(s.error()));
            report(0, 0, Tr::tr("The model of run %1 cannot be loaded; training from scratch").arg(warmFrom));
            warmFrom = 0;
            model = TextClassifier::create(shape, options.seed); // the failed load may have written some weights
            if (!model)
                return Error{model.error()};
        }
    }
    const DeviceInfo device = selectedDevice();
    const QJsonObject config = makeRunConfig(used, labels, store.task(), features, shape, warmFrom);
    const auto runId = store.beginRun(QStringLiteral("embedding-bag"),
                                      QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)),
                                      device.name, options.strategy);
    if (!runId)
        return Error{runId.error()};
    // From here on, a failure returned (or thrown) ends this run in runTrainingRound, with its reason.

    TextClassifier &classifier = **model;
    classifier.setScoringThreads(options.threads);
    if (warmFrom == 0 && !used.pretrainedVectors.isEmpty()) {
        if (auto rows = classifier.loadPretrainedVectors(used.pretrainedVectors, hasher); !rows)
            return fail(rows.error());
    }

    report(0, options.epochs, Tr::tr("Training"));
    const auto epochs = classifier.train(data->train, options, cancel, [&](int epoch, int total) {
        report(epoch, total, Tr::tr("Training"));
    });
    if (!epochs)
        return fail(epochs.error());

    report(0, 0, Tr::tr("Evaluating"));
    const auto evalOut = classifier.predict(data->eval);
    if (!evalOut)
        return fail(evalOut.error());
    const metrics::ClassificationReport evalMetrics = evalReport(*data, *evalOut, labels, multilabel);
    int evalLabels = 0;
    for (const auto &g : data->evalGold)
        evalLabels += g.empty() ? 0 : 1;

    report(0, 0, Tr::tr("Scoring the pool"));
    if (cancel.load())
        return fail(Tr::tr("Training was cancelled."));
    const bool hidden = needsHidden(*strategy);
    const auto poolOut = classifier.predict(data->unlabeled, hidden, needsMcPasses(*strategy) ? options.mcPasses : 0,
                                            options.seed);
    if (!poolOut)
        return fail(poolOut.error());
    // The labeled pool gets predictions too (no score or rank): the UI shows where the model disagrees.
    std::vector<std::vector<std::int64_t>> trainFeatures;
    trainFeatures.reserve(data->train.size());
    for (const Example &e : data->train)
        trainFeatures.push_back(e.features);
    const auto labeledOut = classifier.predict(trainFeatures, hidden);
    if (!labeledOut)
        return fail(labeledOut.error());
    const std::vector<float> &labeledHidden = labeledOut->hidden;
    const bool cold = isColdStart(data->train, shape.classes);
    const std::vector<al::Pick> picks = rankUnlabeled(*strategy, *poolOut, labeledHidden, multilabel, cold,
                                                      data->unlabeled, options.batchSize, options.seed);

    QVector<PredictionRow> rows;
    rows.reserve(static_cast<int>(data->unlabeled.size() + data->eval.size() + data->train.size()));
    const std::size_t k = labels.size();
    for (std::size_t i = 0; i < data->unlabeled.size(); ++i)
        rows.push_back(predictionRow(data->unlabeledIds[i], poolOut->probs.data() + i * k, labels));
    for (std::size_t r = 0; r < picks.size(); ++r) {
        PredictionRow &row = rows[picks[r].index];
        row.score = picks[r].score;
        row.rank = static_cast<int>(r) + 1;
    }
    const std::optional<double> kappa = stopKappa(store, warmFrom > 0 ? warmFrom : (*latest ? (*latest)->id : 0), rows,
                                                  labels);
    for (std::size_t i = 0; i < data->eval.size(); ++i)
        rows.push_back(predictionRow(data->evalIds[i], evalOut->probs.data() + i * k, labels));
    for (std::size_t i = 0; i < data->train.size(); ++i)
        rows.push_back(predictionRow(data->trainIds[i], labeledOut->probs.data() + i * k, labels));

    report(0, 0, Tr::tr("Saving the run"));
    const auto checkpoint = classifier.saveCheckpoint();
    if (!checkpoint)
        return fail(checkpoint.error());
    RunResult result;
    result.trainLabels = static_cast<int>(data->train.size());
    result.evalLabels = evalLabels;
    result.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    if (evalLabels > 0) {
        result.accuracy = evalMetrics.accuracy;
        result.metrics = evalMetrics.toRows();
        result.confusion = evalMetrics.confusionCells();
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
    summary.macroF1 = evalLabels > 0 ? evalMetrics.macro.f1 : 0;
    summary.microF1 = evalLabels > 0 ? evalMetrics.micro.f1 : 0;
    summary.accuracy = evalLabels > 0 ? evalMetrics.accuracy : 0;
    summary.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    summary.device = device.name;
    report(1, 1, Tr::tr("Done"));
    return summary;
}

} // namespace

Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options,
                                      const std::atomic_bool &cancel, const ProgressFn &progress, FeatureCache *cache)
{
    // The round runs on the training thread, where an exception that escapes ends the whole application: torch
    // and the standard library can still throw (out of memory, a progress callback), so it stops here.
    Result<RoundSummary> result = [&]() -> Result<RoundSummary> {
        try {
            return runRound(store, options, cancel, progress, cache);
        } catch (const std::exception &e) {
            return fail(Tr::tr("The training round stopped on an internal error: %1")
                            .arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
        } catch (...) {
            return fail(Tr::tr("The training round stopped on an internal error."));
        }
    }();
    // Whatever path stopped the round, for either task, its run ends with the reason instead of staying
    // "running". A store that cannot write even that still ends it from its destructor or the next open.
    if (!result)
        (void)store.endOpenRuns(result.error(), cancel.load());
    return result;
}

} // namespace marginalia::ml
