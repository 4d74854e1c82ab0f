// marginalia engine PROJECT [--every N] [--poll MS] [--rounds K]: the training loop as a service of its own. It
// retrains whenever N new labels have arrived (from any studio or process on the project), scores the pool and
// stores the run; the studios on the project see the new run (and that an engine trains for them) through the
// project itself (store/EngineHeartbeat.h). Stops cleanly on SIGINT/SIGTERM, cancelling a running round.
#include "cli/CommandRegistry.h"
#include "ml/Device.h"
#include "ml/TrainingRound.h"
#include "settings/ModelSettings.h"
#include "settings/ProjectSettings.h"
#include "store/EngineHeartbeat.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>
#include <atomic>
#include <csignal>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

std::atomic_bool g_stop{false};

extern "C" void requestStop(int) { g_stop.store(true); }

// Sleeps up to `ms` in short steps, so a stop request is answered at once.
void nap(int ms)
{
    QElapsedTimer t;
    t.start();
    while (!g_stop.load() && t.elapsed() < ms)
        QThread::msleep(50);
}

int runEngine(const QStringList &arguments)
{
    const QString name = QStringLiteral("engine");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    const QCommandLineOption every(QStringLiteral("every"),
                                   Tr::tr("Retrain after this many new labels (default: the project's "
                                          "studio.retrain_interval)."),
                                   QStringLiteral("N"));
    const QCommandLineOption poll(QStringLiteral("poll"), Tr::tr("How often to look for new labels, in ms (default 2000)."),
                                  QStringLiteral("MS"), QStringLiteral("2000"));
    const QCommandLineOption rounds(QStringLiteral("rounds"), Tr::tr("Stop after this many rounds (default: run until "
                                                                     "stopped)."),
                                    QStringLiteral("K"));
    parser.addOptions({every, poll, rounds});
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Run the training loop for a project as a service: retrain when enough new labels have "
                               "arrived, rank the pool and store the run, until stopped (Ctrl+C). Studios on the "
                               "project show its runs and leave training to it."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one PROJECT path."));
    bool ok = true;
    const int pollMs = parser.value(poll).toInt(&ok);
    if (!ok || pollMs < 50 || pollMs > 600000)
        return usageError(name, Tr::tr("--poll needs a number of milliseconds from 50 to 600000."));
    int maxRounds = -1;
    if (parser.isSet(rounds)) {
        maxRounds = parser.value(rounds).toInt(&ok);
        if (!ok || maxRounds < 1)
            return usageError(name, Tr::tr("--rounds needs a whole number of at least 1."));
    }
    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    int interval = settings::value(**store, settings::kRetrainInterval).toInt();
    if (parser.isSet(every)) {
        interval = parser.value(every).toInt(&ok);
        if (!ok || interval < 1)
            return usageError(name, Tr::tr("--every needs a whole number of at least 1."));
    }

    g_stop.store(false);
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    ml::configureTorchThreads(1); // see TrainingWorker: scoring uses options.threads plain threads
    ml::FeatureCache cache;       // samples featurized once for every round of this engine
    // The labels the last run saw: its round began at this annotation version. None yet: train at once.
    const auto latest = (*store)->latestRun(true);
    qint64 seenVersion = -1;
    if (latest && latest->has_value()) {
        const auto version = latestAnnotationVersion(**store);
        seenVersion = version ? *version : 0;
    }
    err() << Tr::tr("Engine on %1: retraining after %n new label(s); Ctrl+C stops.", nullptr, interval)
                 .arg(parser.positionalArguments().first())
          << '\n';
    err().flush();
    int done = 0;
    QString lastProblem;
    while (!g_stop.load()) {
        if (auto s = writeEngineHeartbeat(**store); !s && s.error() != lastProblem) {
            lastProblem = s.error();
            err() << s.error() << '\n';
            err().flush();
        }
        const auto version = latestAnnotationVersion(**store);
        if (!version) {
            err() << version.error() << '\n';
            err().flush();
            nap(pollMs);
            continue;
        }
        const qint64 fresh = seenVersion < 0 ? interval : *version - seenVersion;
        if (fresh < interval || *version == 0) {
            nap(pollMs);
            continue;
        }
        // The project's settings as they are now (a studio may have changed them since the last round).
        const ml::TrainingOptions options = settings::trainingOptions(**store);
        QElapsedTimer beat;
        beat.start();
        const auto summary = ml::runTrainingRound(
            **store, options, g_stop,
            [&](int, int, const QString &) {
                // A long round keeps saying it is alive, so studios do not start training themselves meanwhile.
                if (beat.elapsed() > 2000) {
                    beat.start();
                    (void)writeEngineHeartbeat(**store);
                }
            },
            &cache);
        seenVersion = *version;
        if (!summary) {
            if (g_stop.load())
                break;
            err() << Tr::tr("The round failed: %1").arg(summary.error()) << '\n';
            err().flush();
            nap(pollMs);
            continue;
        }
        ++done;
        const QString quality = summary->evalLabels > 0 ? Tr::tr("macro-F1 %1").arg(summary->macroF1, 0, 'f', 3)
                                                        : Tr::tr("no labeled eval samples to judge it on");
        out() << Tr::tr("run #%1: %2 training labels, %3 eval labels, %4, %5 s\n")
                     .arg(summary->runId)
                     .arg(summary->trainLabels)
                     .arg(summary->evalLabels)
                     .arg(quality)
                     .arg(summary->seconds, 0, 'f', 1);
        out().flush();
        if (maxRounds > 0 && done >= maxRounds)
            break;
    }
    (void)clearEngineHeartbeat(**store);
    err() << Tr::tr("Engine stopped after %n round(s).", nullptr, done) << '\n';
    err().flush();
    return Success;
}

} // namespace

[[maybe_unused]] const bool engineRegistered = registerCommand(
    {75, "engine", QT_TRANSLATE_NOOP("Cli", "run the training loop as a service: retrain as labels arrive"), &runEngine});

} // namespace marginalia::cli
