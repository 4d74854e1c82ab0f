#include "task/RoundDriver.h"
#include "task/PoolRanking.h"
#include "task/RoundStorage.h"
#include "store/LabelResolution.h"
#include "store/RunScores.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <QJsonDocument>
#include <exception>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace marginalia::task {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

// The project's samples by part of the round, as indices into the model.
struct Parts
{
    std::vector<int> train;     // labeled pool samples
    std::vector<int> unlabeled; // unlabeled pool samples
    std::vector<int> eval;      // every eval sample
};

Result<Parts> readSamples(const ProjectStore &store, TaskModel &model, const std::atomic_bool &cancel)
{
    Parts parts;
    // Samples several people labeled train on the reviewed or majority label, not on whoever saved last.
    const auto resolved = resolveProjectLabels(store);
    if (!resolved)
        return Error{resolved.error()};
    const Status s = store.forEachSample({}, [&](const AnnotatedSample &read) {
        AnnotatedSample scratch;
        const AnnotatedSample &a = resolvedSample(read, *resolved, scratch);
        const int index = model.sampleCount();
        model.addSample(a);
        if (a.sample.split == Split::Eval)
            parts.eval.push_back(index);
        else if (model.isLabeled(index))
            parts.train.push_back(index);
        else if (!a.isLabeled())
            parts.unlabeled.push_back(index); // a labeled sample the model cannot use is neither
        return !cancel.load();
    });
    if (!s)
        return s;
    return parts;
}

// Hands the heap pages freed by the last step back to the system. A round at a million samples frees hundreds
// of MB of short-lived buffers (texts read, hashing scratch on the model's threads, the pool's scores) that the
// allocator would otherwise keep, and the round's peak is measured in resident memory.
void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

// The latest finished run whose model fits, loaded into `model` (0 when none, or when it would not load: a stored
// model that is damaged or from another version must not block training for good).
Result<qint64> warmStart(const ProjectStore &store, TaskModel &model, const std::optional<ModelRunRecord> &latest,
                         const ProgressFn &report)
{
    if (!latest || latest->modelKind != model.kind()) // another kind of model (the settings chose another since)
        return qint64(0);
    const auto bytes = store.checkpoint(latest->id);
    if (!bytes)
        return Error{bytes.error()};
    if (bytes->isEmpty() || !model.fits(*latest, *bytes))
        return qint64(0);
    if (auto s = model.load(*bytes); !s) {
        qWarning("run %lld: %s", static_cast<long long>(latest->id), qPrintable(s.error()));
        report(0, 0, Tr::tr("The model of run %1 cannot be loaded; training from scratch").arg(latest->id));
        return qint64(0);
    }
    return latest->id;
}

// The pool's rows with their score and rank, moved out of `pool`. The rows the store keeps whole get their
// probabilities from the prediction's scores (a classifier leaves them there); the rest go without.
QVector<PredictionRow> rankedRows(Prediction &pool, const std::vector<al::Pick> &picks)
{
    for (std::size_t r = 0; r < picks.size(); ++r) {
        PredictionRow &row = pool.rows[picks[r].index];
        row.score = picks[r].score;
        row.rank = static_cast<int>(r) + 1;
    }
    const al::PoolScores &scores = pool.scores;
    const std::size_t classes = static_cast<std::size_t>(std::max(0, scores.classes));
    QVector<PredictionRow> rows = std::move(pool.rows);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        PredictionRow &row = rows[i];
        if (!row.rank || *row.rank > runscores::kRankedRowsKept) {
            row.probabilities = QByteArray();
        } else if (row.probabilities.isEmpty() && classes > 0 && scores.probs.size() >= (std::size_t(i) + 1) * classes) {
            row.probabilities = QByteArray(reinterpret_cast<const char *>(scores.probs.data() + std::size_t(i) * classes),
                                           qsizetype(classes * sizeof(float)));
        }
    }
    return rows;
}

Result<ml::RoundSummary> round(ProjectStore &store, TaskModel &model, const ml::TrainingOptions &options,
                               const std::atomic_bool &cancel, const ProgressFn &progress)
{
    QElapsedTimer timer;
    timer.start();
    const auto report = [&](int done, int total, const QString &what) {
        if (progress)
            progress(done, total, what);
    };
    const auto strategy = strategyFor(options.strategy, model);
    if (!strategy)
        return Error{strategy.error()};
    const auto labelList = store.labels();
    if (!labelList)
        return Error{labelList.error()};
    QStringList labels;
    for (const Label &l : *labelList)
        labels << l.name;
    if (auto s = model.setLabels(labels, report); !s)
        return s;

    report(0, 0, Tr::tr("Reading samples"));
    const auto parts = readSamples(store, model, cancel);
    if (!parts)
        return Error{parts.error()};
    releaseFreedMemory();
    if (parts->train.empty())
        return fail(Tr::tr("There is nothing to train on: label some samples in the pool first."));

    const auto latest = store.latestRun(true);
    if (!latest)
        return Error{latest.error()};
    const auto warmFrom = warmStart(store, model, *latest, report);
    if (!warmFrom)
        return Error{warmFrom.error()};
    const QJsonObject config = model.runConfig(*warmFrom);
    const auto runId = store.beginRun(model.kind(), QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)),
                                      model.deviceName(), (*strategy)->displayName());
    if (!runId)
        return Error{runId.error()};
    // From here on, a failure returned (or thrown) ends this run in runRound, with its reason.

    report(0, options.epochs, Tr::tr("Training"));
    const auto epochs = model.train(parts->train, cancel, report);
    if (!epochs)
        return Error{epochs.error()};

    report(0, 0, Tr::tr("Evaluating"));
    const auto evaluation = model.evaluate(parts->eval);
    if (!evaluation)
        return Error{evaluation.error()};

    // The labeled pool gets predictions too (no score or rank): the UI shows where the model disagrees. They and
    // the checkpoint come first, so that scoring the pool is the weights' last use.
    const auto labeled = model.predict(parts->train, nullptr, {}, options.seed);
    if (!labeled)
        return Error{labeled.error()};
    const auto checkpoint = model.checkpoint();
    if (!checkpoint)
        return Error{checkpoint.error()};

    report(0, 0, Tr::tr("Scoring the pool"));
    if (cancel.load())
        return fail(Tr::tr("Training was cancelled."));
    const auto rejected = rejectedLabelsFor(store, model);
    if (!rejected)
        return Error{rejected.error()};
    model.releaseWeightsAfterNextPrediction();
    Prediction pool;
    const auto picks = rankSamples(model, **strategy, parts->unlabeled, parts->train, options.batchSize, options.seed, 0,
                                   &pool, true, &*rejected);
    if (!picks)
        return Error{picks.error()};
    QVector<PredictionRow> rows = rankedRows(pool, *picks);
    const std::optional<double> kappa = stopSetKappa(store, *latest ? (*latest)->id : 0, model, parts->unlabeled, rows);
    pool = Prediction{}; // its scores (a float per class and sample) are not needed any more
    releaseFreedMemory();

    report(0, 0, Tr::tr("Saving the run"));
    RunResult result;
    result.trainLabels = static_cast<int>(parts->train.size());
    result.evalLabels = evaluation->labeled;
    result.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    if (evaluation->labeled > 0) {
        result.accuracy = evaluation->accuracy;
        result.metrics = evaluation->metrics;
        result.confusion = evaluation->confusion;
    }
    result.stopKappa = kappa;
    result.epochs = *epochs;
    result.checkpoint = *checkpoint;
    if (auto s = storeFinishedRun(store, *runId, result, {&rows, &evaluation->rows, &labeled->rows}, cancel); !s)
        return s;

    ml::RoundSummary summary;
    summary.runId = *runId;
    summarizeFinishedRuns(store, summary);
    summary.trainLabels = result.trainLabels;
    summary.evalLabels = evaluation->labeled;
    if (evaluation->labeled > 0) {
        summary.macroF1 = evaluation->macroF1;
        summary.microF1 = evaluation->microF1;
        summary.accuracy = evaluation->accuracy;
    }
    summary.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    summary.device = model.deviceName();
    report(1, 1, Tr::tr("Done"));
    return summary;
}

} // namespace

Result<ml::RoundSummary> runRound(ProjectStore &store, TaskModel &model, const ml::TrainingOptions &options,
                                  const std::atomic_bool &cancel, const ProgressFn &progress)
{
    // The round runs on the training thread, where an exception that escapes ends the whole application: torch
    // and the standard library can still throw (out of memory, a progress callback), so it stops here.
    Result<ml::RoundSummary> result = [&]() -> Result<ml::RoundSummary> {
        try {
            return round(store, model, options, cancel, progress);
        } catch (const std::exception &e) {
            return fail(Tr::tr("The training round stopped on an internal error: %1")
                            .arg(firstLine(e)));
        } catch (...) {
            return fail(Tr::tr("The training round stopped on an internal error."));
        }
    }();
    // Whatever path stopped the round, for any task, its run ends with the reason instead of staying "running".
    // A store that cannot write even that still ends it from its destructor or the next open.
    if (!result)
        (void)store.endOpenRuns(result.error(), cancel.load());
    return result;
}

} // namespace marginalia::task
