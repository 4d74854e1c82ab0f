// Child process for the durability test. It writes until killed and prints each acknowledged write:
//   durability_helper annotate PROJECT SEED [MS]  -> "ack ANNOTATION_ID SAMPLE_ID" after each annotate(), MS apart
//   durability_helper import PROJECT FILE BATCH   -> "rows N" as the import progresses (BATCH 0: bulk path)
//   durability_helper lock PROJECT MS             -> "locked", holds the write lock MS milliseconds, commits
#include "io/Importer.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QThread>
#include <cstdio>

using namespace marginalia;

namespace {
int annotateForever(ProjectStore &store, quint64 seed, unsigned long pauseMs)
{
    const auto count = store.countSamples();
    const auto labels = store.labels();
    if (!count || *count == 0 || !labels || labels->isEmpty())
        return 2;
    QRandomGenerator random(seed);
    for (;;) {
        const qint64 sampleId = 1 + qint64(random.bounded(quint64(*count)));
        AnnotationInput input;
        input.labels << labels->at(int(random.bounded(labels->size()))).name;
        input.annotator = QStringLiteral("durability");
        const auto id = store.annotate(sampleId, input);
        if (!id) {
            std::fprintf(stderr, "%s\n", qPrintable(id.error()));
            return 2;
        }
        // Only now is the write acknowledged: the parent holds us to every id it reads.
        std::printf("ack %lld %lld\n", static_cast<long long>(*id), static_cast<long long>(sampleId));
        std::fflush(stdout);
        if (pauseMs > 0)
            QThread::msleep(pauseMs);
    }
}

// A second process that holds the project's write lock, as another program (or a stuck sync tool) might.
int holdWriteLock(ProjectStore &store, unsigned long ms)
{
    QSqlQuery q(store.database());
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return 2;
    std::printf("locked\n");
    std::fflush(stdout);
    QThread::msleep(ms);
    return q.exec(QStringLiteral("COMMIT")) ? 0 : 2;
}

int importFileSlowly(ProjectStore &store, const QString &file, qint64 batch)
{
    ImportOptions options;
    // BATCH 0: default options, which take the bulk path for a file this size; else the batched path.
    if (batch > 0) {
        options.batchRows = batch;
        options.bulkMinRows = 0;
    }
    const auto summary = importFile(store, file, options, nullptr, [](qint64, qint64, qint64 rows) {
        std::printf("rows %lld\n", static_cast<long long>(rows));
        std::fflush(stdout);
    });
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.error()));
        return 2;
    }
    std::printf("done %lld\n", static_cast<long long>(summary->imported));
    std::fflush(stdout);
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4)
        return 1;
    auto store = ProjectStore::open(args[2]);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 2;
    }
    if (args[1] == QLatin1String("annotate"))
        return annotateForever(**store, args[3].toULongLong(), args.size() > 4 ? args[4].toULong() : 0);
    if (args[1] == QLatin1String("lock"))
        return holdWriteLock(**store, args[3].toULong());
    if (args[1] == QLatin1String("import") && args.size() == 5)
        return importFileSlowly(**store, args[3], args[4].toLongLong());
    return 1;
}
