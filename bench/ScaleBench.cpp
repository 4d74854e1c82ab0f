// A million samples: what a project costs as its pool grows, each size measured in the same run so that growth
// with size shows. For each size: `marginalia import` of generated paragraphs, two cold `marginalia train` rounds
// (the second warm-starts from the first's model but featurizes again), three in-process rounds as the studio runs
// them (one feature cache kept between rounds, 50 more labels between rounds, the next picks and stats read as the
// studio reads them), then `stats` and `export` from a warm and from a cold page cache, side by side.
//
// Last, the studio itself: its main window on the project (offscreen), rounds started with Train now, so that the
// peak is that of the whole application (its widgets, the browse model, the training thread).
//
// Usage: marginalia_scale_bench [--sizes 100000,1000000] [--keep DIR]
// Every figure of a step comes from its own child process (wait4 gives that child's peak RSS alone); the studio
// rounds run in children of this binary: marginalia_scale_bench --studio-rounds PROJECT ROUNDS, and
// marginalia_scale_bench --studio-window-rounds PROJECT ROUNDS.
// Generated data: ~270-character paragraphs, English with Chinese phrases, four labels with cue words; 2,000
// labeled whatever the size, a fifth of those in the evaluation split.
// Targets at 1 M: studio rounds with cached features <= 10 s, a cold `train` <= 20 s, <= 1024 MB in any process,
// export at least half the import's rows/s.
#include "ml/Device.h"
#include "ml/TrainingRound.h"
#include "settings/ModelSettings.h"
#include "store/ProjectStore.h"
#include "ui/MainWindow.h"
#include "ui/TrainingModelClient.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <functional>
#include <fcntl.h>
#include <map>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

using namespace marginalia;

namespace {

constexpr int kLabeledSamples = 2000;
constexpr double kEvalShare = 0.2;
constexpr int kStudioRounds = 3;
constexpr int kLabelsPerRound = 50;
constexpr int kWindowRounds = 2;

// ---- Child processes ---------------------------------------------------------------------------------------

struct ChildRun
{
    int status = -1;
    double seconds = 0;
    double peakMb = 0;
};

// Runs a program with stdout to `outPath` and stderr to `errPath` (empty: /dev/null and inherited); wait4 gives
// the child's own peak RSS, not the maximum over every child.
ChildRun runChild(const QStringList &args, const QString &outPath = {}, const QString &errPath = {})
{
    std::vector<QByteArray> storage;
    std::vector<char *> argv;
    for (const QString &a : args)
        storage.push_back(a.toLocal8Bit());
    for (QByteArray &a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const QByteArray out = outPath.isEmpty() ? QByteArray("/dev/null") : outPath.toLocal8Bit();
    const QByteArray err = errPath.toLocal8Bit();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!err.isEmpty())
        posix_spawn_file_actions_addopen(&actions, 2, err.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ChildRun run;
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return run;
    struct rusage usage{};
    int status = 0;
    wait4(pid, &status, 0, &usage);
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakMb = double(usage.ru_maxrss) / 1024.0;
    return run;
}

// A failed step says why: the last lines the child wrote to stderr.
void reportFailure(const char *what, const ChildRun &run, const QString &errPath)
{
    std::fprintf(stderr, "%s failed (status %d)\n", what, run.status);
    QFile log(errPath);
    if (log.open(QIODevice::ReadOnly)) {
        const QByteArray text = log.readAll();
        std::fprintf(stderr, "%s\n", text.right(2000).constData());
    }
}

// ---- Generated data --------------------------------------------------------------------------------------------

const char *const kFiller[] = {"the", "a", "and", "to", "of", "we", "my", "it", "was", "is", "on", "for", "with",
                               "this", "that", "order", "account", "yesterday", "today", "again", "please", "still",
                               "customer", "team", "week", "service", "app", "store", "number", "time", "about"};
const char *const kHanziFiller[] = {"今天上午", "我们公司", "另外还有", "请尽快处理", "上个星期", "已经联系", "这个月"};
const char *const kLabels[] = {"billing", "delivery", "praise", "technical"};
// Each label's cue words, English and Chinese; no cue occurs in the filler.
const std::array<const char *, 6> kCues[] = {{"invoice", "refund", "charged", "payment", "发票", "退款"},
                                             {"courier", "parcel", "shipping", "tracking", "快递", "包裹"},
                                             {"wonderful", "thanks", "excellent", "friendly", "很好", "满意"},
                                             {"crash", "login", "error", "password", "崩溃", "密码"}};

struct XorShift
{
    std::uint64_t state = 0x243f6a8885a308d3ULL;
    std::uint64_t operator()()
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
};

// The label a paragraph's cue words name most often (ties: the first label): what a careful annotator would
// choose, used both for the imported labels and for the studio rounds' new ones.
int trueLabel(const QString &text)
{
    int counts[std::size(kLabels)] = {};
    for (const QStringView word : QStringView(text).split(QLatin1Char(' '))) {
        for (std::size_t l = 0; l < std::size(kLabels); ++l)
            for (const char *cue : kCues[l])
                if (word == QString::fromUtf8(cue))
                    ++counts[l];
    }
    return int(std::max_element(std::begin(counts), std::end(counts)) - std::begin(counts));
}

// About 270 characters: a cue of the paragraph's label about every eighth word, a cue of another label now and
// then (so that the task is not trivial), a Chinese phrase about every tenth word.
QByteArray paragraph(XorShift &next, qint64 i)
{
    const std::size_t label = next() % std::size(kLabels);
    QByteArray text = "#" + QByteArray::number(i) + ' ' + kCues[label][next() % 6];
    int chars = int(text.size());
    while (chars < 270) {
        const std::uint64_t roll = next() % 40;
        const char *word = roll < 5    ? kCues[label][next() % 6]
                         : roll == 5   ? kCues[next() % std::size(kLabels)][next() % 6]
                         : roll < 10   ? kHanziFiller[next() % std::size(kHanziFiller)]
                                       : kFiller[next() % std::size(kFiller)];
        const std::size_t bytes = std::strlen(word);
        text += ' ';
        text += word;
        chars += 1 + int(static_cast<unsigned char>(word[0]) < 0x80 ? bytes : bytes / 3); // the Chinese: 3 bytes a character
    }
    return text;
}

// The unlabeled pool into one file, the labeled rows (every (N / 2,000)th) into another, so that only they are
// split for evaluation.
bool generate(qint64 samples, const QString &poolPath, const QString &labeledPath)
{
    QFile pool(poolPath), labeled(labeledPath);
    if (!pool.open(QIODevice::WriteOnly) || !labeled.open(QIODevice::WriteOnly))
        return false;
    const qint64 stride = std::max<qint64>(1, samples / kLabeledSamples);
    XorShift next;
    QByteArray poolBuffer, labeledBuffer;
    for (qint64 i = 0; i < samples; ++i) {
        const QByteArray text = paragraph(next, i);
        if (i % stride == 0 && i / stride < kLabeledSamples)
            labeledBuffer += "{\"text\": \"" + text + "\", \"label\": \""
                             + kLabels[trueLabel(QString::fromUtf8(text))] + "\"}\n";
        else
            poolBuffer += "{\"text\": \"" + text + "\"}\n"; // no quotes or backslashes in the generated text
        if (poolBuffer.size() > (4 << 20)) {
            if (pool.write(poolBuffer) != poolBuffer.size())
                return false;
            poolBuffer.clear();
        }
    }
    return pool.write(poolBuffer) == poolBuffer.size() && labeled.write(labeledBuffer) == labeledBuffer.size();
}

// ---- Files and the page cache ----------------------------------------------------------------------------------

// The project file and its WAL, by stat() alone (which opens nothing, so it is safe beside a connection).
double projectMb(const QString &project)
{
    return double(QFileInfo(project).size() + QFileInfo(project + QStringLiteral("-wal")).size()) / 1e6;
}

// The share of a file's pages in the page cache, to show that an eviction took.
double residentShare(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return 0;
    struct stat st{};
    double share = 0;
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
        void *map = mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
        if (map != MAP_FAILED) {
            const long page = sysconf(_SC_PAGESIZE);
            std::vector<unsigned char> pages(std::size_t((st.st_size + page - 1) / page));
            if (mincore(map, std::size_t(st.st_size), pages.data()) == 0)
                share = double(std::count_if(pages.begin(), pages.end(), [](unsigned char p) { return p & 1; }))
                        / double(pages.size());
            munmap(map, std::size_t(st.st_size));
        }
    }
    ::close(fd);
    return share;
}

// Cold: the project's pages leave the page cache before the child starts. The whole cache where this process may
// drop it (the binary and its libraries too, as after a reboot), else the project file and its WAL by
// posix_fadvise. Opening the file here does not break the store's
// rule against descriptors beside a connection: this process holds no SQLite connection to it at that moment.
QString evictProject(const QString &project)
{
    ::sync(); // dirty pages are not dropped
    const int proc = ::open("/proc/sys/vm/drop_caches", O_WRONLY);
    if (proc >= 0) {
        const bool dropped = ::write(proc, "1", 1) == 1;
        ::close(proc);
        if (dropped)
            return QStringLiteral("drop_caches");
    }
    bool any = false;
    for (const QString &path : {project, project + QStringLiteral("-wal")}) {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
        if (fd < 0)
            continue;
        any = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0 || any;
        ::close(fd);
    }
    return any ? QStringLiteral("posix_fadvise") : QStringLiteral("none");
}

// ---- The studio's rounds, in a child process -------------------------------------------------------------------

double msSince(const QElapsedTimer &timer) { return double(timer.nsecsElapsed()) / 1e6; }

long vmHwmKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return 0;
}

// Labels the run's next `count` picks as an annotator would, each in its own commit as the labeling view saves
// it. Returns the mean milliseconds per label; `picksMs` gets the read of the picks (the queue's refresh).
Result<double> labelPicks(ProjectStore &store, const ml::RoundSummary &round, const QString &strategy, int count,
                          double &picksMs)
{
    QElapsedTimer timer;
    timer.start();
    const auto picks = store.rankedPredictions(round.runId, count);
    if (!picks)
        return Error{picks.error()};
    picksMs = msSince(timer);
    timer.restart();
    for (const PredictionRow &pick : *picks) {
        const auto sample = store.sample(pick.sampleId);
        if (!sample)
            return Error{sample.error()};
        AnnotationInput input;
        input.labels = {QString::fromUtf8(kLabels[trueLabel(sample->text)])};
        input.provenance = {Provenance::Ranked, round.runId, strategy, pick.score, pick.rank, 4.0};
        if (auto id = store.annotate(pick.sampleId, input); !id)
            return Error{id.error()};
    }
    return picks->isEmpty() ? 0.0 : msSince(timer) / double(picks->size());
}

// Seconds per phase of a round, from the round's progress messages; "Done" runs until the round has returned, so
// it is the round's teardown (freeing the model and the pool's predictions).
class PhaseClock
{
public:
    void mark(const QString &what)
    {
        if (what == m_current)
            return;
        close();
        m_current = what;
        m_timer.start();
    }
    void close()
    {
        if (!m_current.isEmpty())
            m_seconds.emplace_back(m_current, double(m_timer.nsecsElapsed()) / 1e9);
        m_current.clear();
    }
    QString summary() const
    {
        QStringList parts;
        for (const auto &[what, seconds] : m_seconds)
            if (seconds >= 0.05)
                parts << QStringLiteral("%1 %2 s").arg(what).arg(seconds, 0, 'f', 1);
        return parts.join(QStringLiteral(", "));
    }

private:
    QString m_current;
    QElapsedTimer m_timer;
    std::vector<std::pair<QString, double>> m_seconds;
};

// The child: `rounds` rounds with one feature cache, as the studio's training worker runs them. Machine-readable
// lines on stdout for the parent, a readable account on stderr.
int studioRounds(const QString &path, int rounds)
{
    auto store = ProjectStore::open(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 2;
    }
    // The worker's setup: one torch thread (the dense layers are small; scoring splits the pool over plain
    // threads), and as many scoring threads as the studio gives it, all cores but the GUI's. The worker also
    // lowers its priority for the GUI's sake; with no GUI here that would change nothing.
    ml::configureTorchThreads(1);
    ml::TrainingOptions options = settings::trainingOptions(**store);
    options.threads = std::max(1, QThread::idealThreadCount() - 1);
    ml::FeatureCache cache;
    const std::atomic_bool cancel{false};
    ml::RoundSummary last;
    for (int r = 1; r <= rounds; ++r) {
        double picksMs = 0;
        if (r > 1) {
            const auto labelMs = labelPicks(**store, last, options.strategy, kLabelsPerRound, picksMs);
            if (!labelMs) {
                std::fprintf(stderr, "labeling: %s\n", qPrintable(labelMs.error()));
                return 2;
            }
            std::printf("picks_ms %d %.2f\nlabel_ms %d %.2f\n", r, picksMs, r, *labelMs);
        }
        PhaseClock phases;
        phases.mark(QStringLiteral("Setting up")); // until the round's first message: the model and its options
        QElapsedTimer timer;
        timer.start();
        const auto summary = ml::runTrainingRound(
            **store, options, cancel, [&phases](int, int, const QString &what) { phases.mark(what); }, &cache);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        phases.close();
        if (!summary) {
            std::fprintf(stderr, "round %d: %s\n", r, qPrintable(summary.error()));
            return 2;
        }
        last = *summary;
        timer.restart();
        const auto stats = (*store)->stats();
        const double statsMs = msSince(timer);
        std::printf("round %d %.3f %.1f\nstats_ms %d %.2f\n", r, seconds, projectMb(path), r, statsMs);
        std::fflush(stdout);
        std::fprintf(stderr, "  studio round %d: %.2f s, %d train labels, macro-F1 %.3f (%s)\n", r, seconds,
                     summary->trainLabels, summary->macroF1, qPrintable(phases.summary()));
        std::fflush(stderr);
    }
    std::printf("vmhwm_kb %ld\n", vmHwmKb());
    return 0;
}

// The child that runs the studio: its window, the project opened as a user opens it, `rounds` rounds through
// Train now, each waited for; then the process's peak.
int studioWindowRounds(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString path = app.arguments().value(2);
    const int rounds = app.arguments().value(3).toInt();
    ui::MainWindow window(ui::TrainingModelClient::factory());
    window.show();
    if (!window.openProject(path)) {
        std::fprintf(stderr, "the studio could not open %s\n", qPrintable(path));
        return 2;
    }
    for (int r = 1; r <= rounds; ++r) {
        bool finished = false;
        QString failure;
        const auto done = QObject::connect(window.model(), &ui::ModelClient::roundFinished,
                                           [&](const ml::RoundSummary &) { finished = true; });
        const auto failed = QObject::connect(window.model(), &ui::ModelClient::roundFailed,
                                             [&](const QString &message) { failure = message; });
        QElapsedTimer timer;
        timer.start();
        window.trainNow();
        while (!finished && failure.isEmpty())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        QObject::disconnect(done);
        QObject::disconnect(failed);
        if (!failure.isEmpty()) {
            std::fprintf(stderr, "round %d: %s\n", r, qPrintable(failure));
            return 2;
        }
        std::printf("window_round %d %.3f\n", r, double(timer.nsecsElapsed()) / 1e9);
        std::fflush(stdout);
    }
    std::printf("vmhwm_kb %ld\n", vmHwmKb());
    return 0;
}

// ---- One size --------------------------------------------------------------------------------------------------

struct SizeResult
{
    qint64 samples = 0;
    ChildRun import, labeledImport;
    double importRate = 0; // the pool's bulk import: the rate export is compared with
    double fileAfterImport = 0;
    ChildRun train[2];
    double fileAfterTrain[2] = {};
    double studioSeconds[kStudioRounds] = {};
    double fileAfterStudio[kStudioRounds] = {};
    ChildRun studio;
    double studioHwmMb = 0;
    ChildRun window;
    double windowHwmMb = 0;
    double windowSeconds[kWindowRounds] = {};
    double picksMs = 0, labelMs = 0, statsMs = 0; // the last round's
    ChildRun statsWarm, statsCold, exportWarm, exportCold;
};

// The parent's reading of the child's stdout: "key round value [value]".
void readStudioOutput(const QString &path, SizeResult &result)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() < 2)
            continue;
        const int r = f[1].toInt();
        if (f[0] == "vmhwm_kb")
            result.studioHwmMb = f[1].toDouble() / 1024.0;
        else if (f[0] == "window_round" && f.size() >= 3 && r >= 1 && r <= kWindowRounds)
            result.windowSeconds[r - 1] = f[2].toDouble();
        else if (f.size() < 3 || r < 1 || r > kStudioRounds)
            continue;
        else if (f[0] == "round") {
            result.studioSeconds[r - 1] = f[2].toDouble();
            result.fileAfterStudio[r - 1] = f.value(3).toDouble();
        } else if (f[0] == "picks_ms")
            result.picksMs = f[2].toDouble();
        else if (f[0] == "label_ms")
            result.labelMs = f[2].toDouble();
        else if (f[0] == "stats_ms")
            result.statsMs = f[2].toDouble();
    }
}

void step(const char *what, const ChildRun &run, const QString &extra = {})
{
    std::printf("  %-28s %8.2f s %8.1f MB peak  %s\n", what, run.seconds, run.peakMb, qPrintable(extra));
    std::fflush(stdout);
}

// `stats` or `export` after evicting the project (cold), then again at once (warm).
bool coldAndWarm(const QStringList &args, const QString &project, const QString &err, ChildRun &cold, ChildRun &warm,
                 const std::function<void()> &between = {})
{
    const QString method = evictProject(project);
    const double resident = residentShare(project);
    cold = runChild(args, {}, err);
    if (cold.status != 0) {
        reportFailure(qPrintable(args.value(1)), cold, err);
        return false;
    }
    std::printf("  (cold: evicted by %s, %.0f %% of the file resident before the child)\n", qPrintable(method),
                resident * 100);
    if (between)
        between();
    warm = runChild(args, {}, err);
    if (warm.status != 0) {
        reportFailure(qPrintable(args.value(1)), warm, err);
        return false;
    }
    return true;
}

bool runSize(qint64 samples, const QString &dir, const QString &self, SizeResult &result)
{
    const QString binary = QStringLiteral(MARGINALIA_BINARY);
    const QString poolJsonl = dir + QStringLiteral("/pool.jsonl");
    const QString labeledJsonl = dir + QStringLiteral("/labeled.jsonl");
    const QString project = dir + QStringLiteral("/scale.marginalia");
    const QString err = dir + QStringLiteral("/child.log");
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(project + suffix);
    result.samples = samples;

    std::printf("\n%lld samples: generating...\n", static_cast<long long>(samples));
    std::fflush(stdout);
    if (!generate(samples, poolJsonl, labeledJsonl)) {
        std::fprintf(stderr, "cannot write the input files in %s\n", qPrintable(dir));
        return false;
    }
    const QString labels = QStringList{kLabels[0], kLabels[1], kLabels[2], kLabels[3]}.join(QLatin1Char(','));
    if (runChild({binary, QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat"),
                  QStringLiteral("--labels"), labels}, {}, err).status != 0)
        return false;

    // Import: the pool, then the labeled rows with a fifth of them held out; one figure for both.
    const ChildRun pool = runChild({binary, QStringLiteral("import"), project, poolJsonl, QStringLiteral("--quiet")}, {}, err);
    if (pool.status != 0) {
        reportFailure("import", pool, err);
        return false;
    }
    const ChildRun labeled = runChild({binary, QStringLiteral("import"), project, labeledJsonl, QStringLiteral("--quiet"),
                                       QStringLiteral("--eval-fraction"), QString::number(kEvalShare)}, {}, err);
    if (labeled.status != 0) {
        reportFailure("import", labeled, err);
        return false;
    }
    // The baseline for export is the pool's import alone (the bulk path). The small labeled import after it also
    // brings the full-text index up to date for every row the bulk import left to the studio, so it is shown apart.
    result.import = pool;
    result.labeledImport = labeled;
    result.importRate = double(samples - kLabeledSamples) / pool.seconds;
    result.fileAfterImport = projectMb(project);
    step("import (pool)", result.import, QStringLiteral("%1 rows/s").arg(result.importRate, 0, 'f', 0));
    step("import (labeled)", result.labeledImport, QStringLiteral("file %1 MB").arg(result.fileAfterImport, 0, 'f', 1));

    for (int i = 0; i < 2; ++i) {
        result.train[i] = runChild({binary, QStringLiteral("train"), project}, {}, err);
        if (result.train[i].status != 0) {
            reportFailure("train", result.train[i], err);
            return false;
        }
        result.fileAfterTrain[i] = projectMb(project);
        step(i == 0 ? "cold train 1" : "cold train 2", result.train[i],
             QStringLiteral("file %1 MB").arg(result.fileAfterTrain[i], 0, 'f', 1));
    }

    const QString studioOut = dir + QStringLiteral("/studio.out");
    result.studio = runChild({self, QStringLiteral("--studio-rounds"), project, QString::number(kStudioRounds)}, studioOut);
    if (result.studio.status != 0) {
        std::fprintf(stderr, "studio rounds failed (status %d)\n", result.studio.status);
        return false;
    }
    readStudioOutput(studioOut, result);
    step("studio rounds (3)", result.studio, QStringLiteral("VmHWM %1 MB").arg(result.studioHwmMb, 0, 'f', 1));

    if (!coldAndWarm({binary, QStringLiteral("stats"), project, QStringLiteral("--json")}, project, err,
                     result.statsCold, result.statsWarm))
        return false;
    step("stats cold", result.statsCold);
    step("stats warm", result.statsWarm);

    // Each export writes a new folder; the one before is removed first so that the disk holds one at a time.
    const QString out = dir + QStringLiteral("/export");
    const QStringList exportArgs{binary, QStringLiteral("export"), project, out, QStringLiteral("--split-files"),
                                 QStringLiteral("--include-unlabeled")};
    const auto removeOut = [&out] { QDir(out).removeRecursively(); };
    removeOut();
    if (!coldAndWarm(exportArgs, project, err, result.exportCold, result.exportWarm, removeOut))
        return false;
    removeOut();
    step("export cold", result.exportCold,
         QStringLiteral("%1 rows/s").arg(double(samples) / result.exportCold.seconds, 0, 'f', 0));
    step("export warm", result.exportWarm,
         QStringLiteral("%1 rows/s").arg(double(samples) / result.exportWarm.seconds, 0, 'f', 0));

    // The studio's window renders offscreen in the child; this process has no window of its own.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    const QString windowOut = dir + QStringLiteral("/window.out");
    result.window =
        runChild({self, QStringLiteral("--studio-window-rounds"), project, QString::number(kWindowRounds)}, windowOut, err);
    if (result.window.status != 0) {
        reportFailure("the studio's rounds", result.window, err);
        return false;
    }
    SizeResult window;
    readStudioOutput(windowOut, window);
    result.windowHwmMb = window.studioHwmMb;
    std::copy(std::begin(window.windowSeconds), std::end(window.windowSeconds), std::begin(result.windowSeconds));
    step("studio window, 2 rounds", result.window, QStringLiteral("VmHWM %1 MB").arg(result.windowHwmMb, 0, 'f', 1));
    return true;
}

// ---- The table -------------------------------------------------------------------------------------------------

QString mark(bool ok) { return ok ? QStringLiteral(" ok") : QStringLiteral(" MISS"); }

QString secondsMb(const ChildRun &run, double maxSeconds = 0)
{
    QString cell = QStringLiteral("%1 s").arg(run.seconds, 0, 'f', 2);
    if (maxSeconds > 0)
        cell += mark(run.seconds <= maxSeconds);
    return cell + QStringLiteral(" / %1 MB").arg(run.peakMb, 0, 'f', 0) + mark(run.peakMb <= 1024);
}

void printRow(const char *name, const std::vector<SizeResult> &results, const std::function<QString(const SizeResult &)> &cell)
{
    std::printf("%-36s", name);
    for (const SizeResult &r : results)
        std::printf(" %-30s", qPrintable(cell(r)));
    std::printf("\n");
}

void printTable(const std::vector<SizeResult> &results)
{
    std::printf("\n%-36s", "");
    for (const SizeResult &r : results)
        std::printf(" %-30s", qPrintable(QStringLiteral("%1 samples").arg(r.samples)));
    std::printf("\n");
    const auto seconds = [](double s, double target = 0) {
        return QStringLiteral("%1 s").arg(s, 0, 'f', 2) + (target > 0 ? mark(s <= target) : QString());
    };
    const auto ms = [](double v) { return QStringLiteral("%1 ms").arg(v, 0, 'f', 2); };
    const auto mb = [](double v) { return QStringLiteral("%1 MB").arg(v, 0, 'f', 1); };
    printRow("import pool s / peak MB (<= 1024)", results, [](const SizeResult &r) { return secondsMb(r.import); });
    printRow("import pool rows/s", results, [](const SizeResult &r) { return QString::number(r.importRate, 'f', 0); });
    printRow("import 2,000 labeled s / MB", results, [](const SizeResult &r) { return secondsMb(r.labeledImport); });
    printRow("cold train 1 s / MB (<= 20 s)", results, [](const SizeResult &r) { return secondsMb(r.train[0], 20); });
    printRow("cold train 2 s / MB (<= 20 s)", results, [](const SizeResult &r) { return secondsMb(r.train[1], 20); });
    printRow("file after import", results, [&](const SizeResult &r) { return mb(r.fileAfterImport); });
    printRow("file after train 1", results, [&](const SizeResult &r) { return mb(r.fileAfterTrain[0]); });
    printRow("file after train 2", results, [&](const SizeResult &r) { return mb(r.fileAfterTrain[1]); });
    for (int i = 0; i < kStudioRounds; ++i)
        printRow(qPrintable(QStringLiteral("file after studio round %1").arg(i + 1)), results,
                 [&](const SizeResult &r) { return mb(r.fileAfterStudio[i]); });
    printRow("studio round 1 (fills the cache)", results, [&](const SizeResult &r) { return seconds(r.studioSeconds[0]); });
    printRow("studio round 2 (cached, <= 10 s)", results, [&](const SizeResult &r) { return seconds(r.studioSeconds[1], 10); });
    printRow("studio round 3 (cached, <= 10 s)", results, [&](const SizeResult &r) { return seconds(r.studioSeconds[2], 10); });
    printRow("studio peak MB (VmHWM, <= 1024)", results,
             [&](const SizeResult &r) { return mb(r.studioHwmMb) + mark(r.studioHwmMb <= 1024); });
    printRow("studio window rounds (Train now)", results, [&](const SizeResult &r) {
        return seconds(r.windowSeconds[0]) + QStringLiteral(", ") + seconds(r.windowSeconds[1]);
    });
    printRow("studio window peak MB (<= 1024)", results,
             [&](const SizeResult &r) { return mb(r.windowHwmMb) + mark(r.windowHwmMb <= 1024); });
    printRow("next 50 picks read", results, [&](const SizeResult &r) { return ms(r.picksMs); });
    printRow("label one sample (commit)", results, [&](const SizeResult &r) { return ms(r.labelMs); });
    printRow("stats in the studio", results, [&](const SizeResult &r) { return ms(r.statsMs); });
    printRow("stats cold s / MB (<= 1024)", results, [](const SizeResult &r) { return secondsMb(r.statsCold); });
    printRow("stats warm s / MB", results, [](const SizeResult &r) { return secondsMb(r.statsWarm); });
    printRow("export cold s / MB", results, [](const SizeResult &r) { return secondsMb(r.exportCold); });
    printRow("export warm s / MB", results, [](const SizeResult &r) { return secondsMb(r.exportWarm); });
    const auto ratio = [](const SizeResult &r, const ChildRun &run) {
        const double value = double(r.samples) / run.seconds / r.importRate;
        return QString::number(value, 'f', 2) + mark(value >= 0.5);
    };
    printRow("export cold / import rows/s (>= 0.5)", results, [&](const SizeResult &r) { return ratio(r, r.exportCold); });
    printRow("export warm / import rows/s (>= 0.5)", results, [&](const SizeResult &r) { return ratio(r, r.exportWarm); });
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--studio-window-rounds") == 0)
        return studioWindowRounds(argc, argv);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 4 && args[1] == QLatin1String("--studio-rounds"))
        return studioRounds(args[2], args[3].toInt());

    QList<qint64> sizes{100000, 1000000};
    QString keep;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString &s : args[i + 1].split(QLatin1Char(','), Qt::SkipEmptyParts))
                sizes << s.toLongLong();
        } else if (args[i] == QLatin1String("--keep")) {
            keep = args[i + 1];
        }
    }
    QTemporaryDir temp;
    const QString dir = keep.isEmpty() ? temp.path() : keep;
    QDir().mkpath(dir);
    std::printf("%d cores; %d labeled samples (%.0f %% of them evaluation) at every size\n",
                QThread::idealThreadCount(), kLabeledSamples, kEvalShare * 100);
    std::vector<SizeResult> results;
    for (const qint64 n : sizes) {
        SizeResult result;
        if (!runSize(n, dir, QCoreApplication::applicationFilePath(), result))
            return 2;
        results.push_back(result);
    }
    printTable(results);
    return 0;
}
