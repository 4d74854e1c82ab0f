// Import throughput and memory: `marginalia import` of a generated JSONL file into a new project, against
// the sqlite3 shell's `.import` of the same texts (as CSV) into a plain one-column table, in the same run.
//   marginalia_import_bench [--lines N] [--keep DIR]
// Prints rows/s of both, their ratio, and each child's peak RSS. Target: ratio >= 0.5, RSS < 200 MB.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

extern char **environ;

namespace {

struct ChildRun
{
    int status = -1;
    double seconds = 0;
    long peakRssKb = 0;
};

// Runs a program with stdin from `inputPath` (or inherited) and stdout to /dev/null; wait4 gives its own
// peak RSS, not the maximum over every child.
ChildRun runChild(const QStringList &args, const QString &inputPath = {})
{
    std::vector<QByteArray> storage;
    std::vector<char *> argv;
    for (const QString &a : args)
        storage.push_back(a.toLocal8Bit());
    for (QByteArray &a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const QByteArray input = inputPath.toLocal8Bit();
    if (!input.isEmpty())
        posix_spawn_file_actions_addopen(&actions, 0, input.constData(), O_RDONLY, 0);
    ChildRun run;
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    posix_spawn_file_actions_destroy(&actions);
    struct rusage usage{};
    int status = 0;
    wait4(pid, &status, 0, &usage);
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakRssKb = usage.ru_maxrss;
    return run;
}

// About 200 characters a line: English words with some Chinese phrases, a label on a third of the lines.
bool generate(const QString &jsonlPath, const QString &csvPath, qint64 lines)
{
    static const char *const words[] = {"the", "model", "labels", "quickly", "data", "annotation", "review", "queue",
                                        "active", "learning", "sample", "precision", "recall", "server", "error",
                                        "customer", "delivery", "refund", "great", "terrible", "service", "update"};
    static const char *const chinese[] = {"数据标注", "主动学习", "模型训练", "客户服务", "退款申请", "非常满意",
                                          "质量问题", "物流很快"};
    static const char *const labels[] = {"positive", "negative", "neutral"};
    QFile jsonl(jsonlPath), csv(csvPath);
    if (!jsonl.open(QIODevice::WriteOnly) || !csv.open(QIODevice::WriteOnly))
        return false;
    std::uint64_t state = 0x243f6a8885a308d3ULL;
    const auto next = [&state]() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    QByteArray jsonBuffer, csvBuffer, text;
    for (qint64 i = 0; i < lines; ++i) {
        text = "#" + QByteArray::number(i);
        while (text.size() < 190) {
            text += ' ';
            text += next() % 6 == 0 ? chinese[next() % std::size(chinese)] : words[next() % std::size(words)];
        }
        jsonBuffer += "{\"text\": \"" + text + "\"";
        if (i % 3 == 0)
            jsonBuffer += QByteArray(", \"label\": \"") + labels[next() % 3] + "\"";
        jsonBuffer += "}\n";
        csvBuffer += text + "\n"; // no commas or quotes in the generated text
        if (jsonBuffer.size() > (4 << 20)) {
            jsonl.write(jsonBuffer);
            csv.write(csvBuffer);
            jsonBuffer.clear();
            csvBuffer.clear();
        }
    }
    return jsonl.write(jsonBuffer) == jsonBuffer.size() && csv.write(csvBuffer) == csvBuffer.size();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qint64 lines = 1000000;
    QString keep;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--lines"))
            lines = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--keep"))
            keep = args[i + 1];
    }
    QTemporaryDir temp;
    const QString dir = keep.isEmpty() ? temp.path() : keep;
    QDir().mkpath(dir);
    const QString jsonl = dir + QStringLiteral("/bench.jsonl");
    const QString csv = dir + QStringLiteral("/bench.csv");
    const QString project = dir + QStringLiteral("/bench.marginalia");
    const QString plain = dir + QStringLiteral("/plain.sqlite");
    const QString script = dir + QStringLiteral("/import.sql");
    for (const QString &p : {project, project + QStringLiteral("-wal"), project + QStringLiteral("-shm"), plain})
        QFile::remove(p);

    std::printf("generating %lld lines...\n", static_cast<long long>(lines));
    std::fflush(stdout);
    if (!generate(jsonl, csv, lines)) {
        std::fprintf(stderr, "cannot write the input files in %s\n", qPrintable(dir));
        return 2;
    }
    std::printf("input: %.1f MB JSONL, %.1f MB CSV\n", double(QFile(jsonl).size()) / 1e6,
                double(QFile(csv).size()) / 1e6);

    // Baseline: the sqlite3 shell's CSV import into CREATE TABLE t(text), in one transaction.
    {
        QFile sql(script);
        if (!sql.open(QIODevice::WriteOnly))
            return 2;
        sql.write("CREATE TABLE t(text);\n.mode csv\n.import '" + csv.toLocal8Bit() + "' t\n");
    }
    const ChildRun baseline = runChild({QStringLiteral("sqlite3"), plain}, script);
    if (baseline.status != 0) {
        std::fprintf(stderr, "sqlite3 .import failed (status %d); is the sqlite3 shell installed?\n", baseline.status);
        return 2;
    }
    // A second, store-like baseline: the same rows into a table with a UNIQUE SHA3-256 content index, the
    // part of the project schema that costs the most (random inserts into a 32-byte key index).
    const QString indexed = dir + QStringLiteral("/indexed.sqlite");
    QFile::remove(indexed);
    {
        QFile sql(script);
        if (!sql.open(QIODevice::WriteOnly))
            return 2;
        sql.write("CREATE TEMP TABLE raw(text);\n.mode csv\n.import '" + csv.toLocal8Bit()
                  + "' raw\nCREATE TABLE t(text, h BLOB UNIQUE);\n"
                    "INSERT OR IGNORE INTO t SELECT text, sha3(text, 256) FROM raw;\n");
    }
    const ChildRun indexedBaseline = runChild({QStringLiteral("sqlite3"), indexed}, script);
    // What the binary holds before importing anything (it links the whole GUI and LibTorch).
    const ChildRun idle = runChild({QStringLiteral(MARGINALIA_BINARY), QStringLiteral("--version")});

    const QString binary = QStringLiteral(MARGINALIA_BINARY);
    const ChildRun created = runChild({binary, QStringLiteral("new"), project, QStringLiteral("--task"),
                                       QStringLiteral("textcat"), QStringLiteral("--labels"),
                                       QStringLiteral("positive,negative,neutral")});
    if (created.status != 0)
        return 2;
    const ChildRun imported = runChild({binary, QStringLiteral("import"), project, jsonl, QStringLiteral("--quiet")});
    if (imported.status != 0) {
        std::fprintf(stderr, "marginalia import failed (status %d)\n", imported.status);
        return 2;
    }

    const double ours = double(lines) / imported.seconds;
    const double theirs = double(lines) / baseline.seconds;
    std::printf("%-34s %10s %12s %12s\n", "", "seconds", "rows/s", "peak RSS MB");
    std::printf("%-34s %10.2f %12.0f %12.1f\n", "marginalia import (JSONL)", imported.seconds, ours,
                double(imported.peakRssKb) / 1024.0);
    std::printf("%-34s %10.2f %12.0f %12.1f\n", "sqlite3 .import (CSV, plain table)", baseline.seconds, theirs,
                double(baseline.peakRssKb) / 1024.0);
    if (indexedBaseline.status == 0)
        std::printf("%-34s %10.2f %12.0f %12.1f\n", "sqlite3 .import + UNIQUE sha3 index", indexedBaseline.seconds,
                    double(lines) / indexedBaseline.seconds, double(indexedBaseline.peakRssKb) / 1024.0);
    std::printf("%-34s %10.2f %12s %12.1f\n", "marginalia --version (idle)", idle.seconds, "-",
                double(idle.peakRssKb) / 1024.0);
    std::printf("ratio marginalia/sqlite3 plain: %.2f (target >= 0.5)", ours / theirs);
    if (indexedBaseline.status == 0)
        std::printf("; vs indexed baseline: %.2f", ours / (double(lines) / indexedBaseline.seconds));
    std::printf("\nmarginalia peak RSS %.1f MB (target < 200), of which %.1f MB above the idle binary\n",
                double(imported.peakRssKb) / 1024.0, double(imported.peakRssKb - idle.peakRssKb) / 1024.0);
    return 0;
}
