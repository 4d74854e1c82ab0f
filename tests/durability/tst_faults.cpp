// Faults a project meets in use, each with a clear message, the process still working and every acknowledged
// annotation kept: a full disk, a read-only file, the file deleted or replaced while open, the write lock held
// by another process, a damaged or foreign model checkpoint, and a training round that diverges or throws.
#include "../ml/BundleParts.h"
#include "../ml/MlTestData.h"
#include "io/Importer.h"
#include "ml/TextClassifier.h"
#include "LatestTaskModel.h"
#include "ml/TrainingRound.h"
#include "store/ProjectStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <stdexcept>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace marginalia;

class TestFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static qint64 scalar(ProjectStore &store, const QString &sql)
    {
        QSqlQuery q(store.database());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    static QString integrity(ProjectStore &store)
    {
        QSqlQuery q(store.database());
        return q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next() ? q.value(0).toString() : QString();
    }

    QString newProject(const QString &name, int samples)
    {
        const QString path = m_dir.filePath(name);
        auto store = ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")});
        if (!store)
            return {};
        (void)(*store)->inTransaction([&]() -> Status {
            for (int i = 0; i < samples; ++i) {
                Sample s;
                s.text = QStringLiteral("sample %1 with some words to fill a page").arg(i);
                if (auto r = (*store)->addSample(s); !r)
                    return Error{r.error()};
            }
            return {};
        });
        return path;
    }

    static AnnotationInput label(const QString &name)
    {
        AnnotationInput in;
        in.labels << name;
        in.annotator = QStringLiteral("faults");
        return in;
    }

    // After a stored model was refused: the next round trains from scratch, says so, and leaves a model that
    // loads.
    static void nextRoundStartsOver(ProjectStore &store, const ml::TrainingOptions &options,
                                    const std::atomic_bool &cancel)
    {
        QStringList notes;
        const auto next = ml::runTrainingRound(store, options, cancel, [&](int, int, const QString &what) {
            notes << what;
        });
        QVERIFY2(next, qPrintable(next.error()));
        QVERIFY2(notes.join(QLatin1Char('\n')).contains(QLatin1String("training from scratch")),
                 qPrintable(notes.join(QLatin1Char('\n'))));
        QVERIFY(tasktest::latestModel(store));
    }

    // Every acknowledged (annotation id -> sample id) is in the file at `path`, which is intact.
    static void verifyKept(const QString &path, const QHash<qint64, qint64> &acknowledged)
    {
        auto store = ProjectStore::open(path);
        QVERIFY2(store, qPrintable(store.error()));
        QCOMPARE(integrity(**store), QStringLiteral("ok"));
        for (auto it = acknowledged.constBegin(); it != acknowledged.constEnd(); ++it)
            QCOMPARE(scalar(**store, QStringLiteral("SELECT a.sample_id FROM annotations a JOIN annotation_labels l"
                                                    " ON l.annotation_id = a.id WHERE a.id = %1")
                                         .arg(it.key())),
                     it.value());
    }

private Q_SLOTS:
    void diskFullRefusesTheLabelAndKeepsTheRest()
    {
        const QString path = newProject(QStringLiteral("full.marginalia"), 400);
        auto store = ProjectStore::open(path);
        QVERIFY(store);
        // SQLite's page limit stands in for a full disk: the file cannot grow past a few more pages (8 KiB,
        // whatever the page size). Labels go round the samples again (each is a new version) until it is full.
        const qint64 pages = scalar(**store, QStringLiteral("PRAGMA page_count"));
        const qint64 pageSize = scalar(**store, QStringLiteral("PRAGMA page_size"));
        QSqlQuery q((*store)->database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + qMax<qint64>(1, 8192 / pageSize))));
        QHash<qint64, qint64> acknowledged;
        QString error;
        for (qint64 i = 0; i < 20000 && error.isEmpty(); ++i) {
            const qint64 sample = 1 + i % 400;
            const auto id = (*store)->annotate(sample, label((i / 400) % 2 ? QStringLiteral("b") : QStringLiteral("a")));
            if (id)
                acknowledged.insert(*id, sample);
            else
                error = id.error();
        }
        qInfo("disk full after %lld labels: %s", qint64(acknowledged.size()), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("disk is full")), qPrintable(error));
        QVERIFY(!acknowledged.isEmpty());
        // Space comes back: the same connection saves again, nothing had to be reopened.
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1000000")));
        const auto again = (*store)->annotate(399, label(QStringLiteral("b")));
        QVERIFY2(again, qPrintable(again.error()));
        acknowledged.insert(*again, 399);
        store->reset();
        verifyKept(path, acknowledged);
    }

    void diskFullDuringImportKeepsWholeBatches()
    {
        const QString path = newProject(QStringLiteral("full-import.marginalia"), 3);
        QHash<qint64, qint64> acknowledged;
        const QString file = m_dir.filePath(QStringLiteral("many.txt"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 20000; ++i)
                f.write("imported line " + QByteArray::number(i) + " with a little more text to take room\n");
        }
        auto store = ProjectStore::open(path);
        QVERIFY(store);
        const auto id = (*store)->annotate(2, label(QStringLiteral("b")));
        QVERIFY(id);
        acknowledged.insert(*id, 2);
        // Room for about 800 KiB more, well short of the file's rows.
        const qint64 pages = scalar(**store, QStringLiteral("PRAGMA page_count"));
        const qint64 pageSize = scalar(**store, QStringLiteral("PRAGMA page_size"));
        QSqlQuery q((*store)->database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 800 * 1024 / pageSize)));
        ImportOptions options;
        options.batchRows = 500;
        options.bulkMinRows = 0;
        const auto summary = importFile(**store, file, options);
        QVERIFY(!summary);
        qInfo("import on a full disk: %s", qPrintable(summary.error()));
        QVERIFY2(summary.error().contains(QLatin1String("disk is full")), qPrintable(summary.error()));
        // Still usable, and what the batches committed is a prefix of whole batches.
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1000000")));
        const qint64 imported = scalar(**store, QStringLiteral("SELECT count(*) FROM samples")) - 3;
        QVERIFY2(imported >= 0 && imported % 500 == 0 && imported < 20000, qPrintable(QString::number(imported)));
        const auto after = (*store)->annotate(1, label(QStringLiteral("a")));
        QVERIFY2(after, qPrintable(after.error()));
        acknowledged.insert(*after, 1);
        store->reset();
        verifyKept(path, acknowledged);
    }

    void readOnlyProjectIsRefusedWithAReason()
    {
        // Root writes to any file whatever its mode, so the opening process drops to "nobody" then.
        QTemporaryDir shared;
        QVERIFY(QFile::setPermissions(shared.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                         | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                                         | QFileDevice::ExeOther | QFileDevice::ReadGroup
                                                         | QFileDevice::ExeGroup));
        const QString path = shared.filePath(QStringLiteral("readonly.marginalia"));
        QHash<qint64, qint64> acknowledged;
        {
            auto store = ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")});
            QVERIFY(store);
            Sample s;
            s.text = QStringLiteral("only sample");
            QVERIFY((*store)->addSample(s));
            const auto id = (*store)->annotate(1, label(QStringLiteral("b")));
            QVERIFY(id);
            acknowledged.insert(*id, 1);
            QSqlQuery q((*store)->database());
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        const QByteArray before = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();

        // Root may write to any file whatever its mode, so the opening thread takes the file system ids of
        // "nobody" (Linux keeps them per thread). Nothing is executed as nobody: the suite also runs from a
        // checkout inside a folder only root may enter.
        QString error;
        std::thread opener([&] {
            if (::geteuid() == 0) {
                ::setfsgid(65534);
                ::setfsuid(65534);
                if (::setfsuid(65534) != 65534) {
                    error = QStringLiteral("could not drop the file system ids");
                    return;
                }
            }
            const auto store = ProjectStore::open(path);
            error = store ? QStringLiteral("opened") : store.error();
        });
        opener.join();
        qInfo("read-only project: %s", qPrintable(error.trimmed()));
        QVERIFY2(error.contains(QLatin1String("read-only")), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        f.close();
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        verifyKept(path, acknowledged);
    }

    void deletedProjectRefusesFurtherLabels()
    {
        const QString path = newProject(QStringLiteral("deleted.marginalia"), 10);
        auto store = ProjectStore::open(path);
        QVERIFY(store);
        QVERIFY((*store)->annotate(1, label(QStringLiteral("a"))));
        QVERIFY(QFile::remove(path));
        const auto id = (*store)->annotate(2, label(QStringLiteral("a")));
        QVERIFY(!id);
        qInfo("deleted while open: %s", qPrintable(id.error()));
        QVERIFY2(id.error().contains(QLatin1String("deleted or moved")), qPrintable(id.error()));
        // Reading still works: the studio can show what it has while the user decides.
        QVERIFY((*store)->countSamples());
    }

    void replacedProjectRefusesFurtherLabels()
    {
        const QString path = newProject(QStringLiteral("replaced.marginalia"), 10);
        const QString other = newProject(QStringLiteral("other.marginalia"), 4);
        QHash<qint64, qint64> acknowledged;
        auto store = ProjectStore::open(path);
        QVERIFY(store);
        const auto first = (*store)->annotate(1, label(QStringLiteral("a")));
        QVERIFY(first);
        acknowledged.insert(*first, 1);
        // A sync tool restoring another copy: the old file is kept aside, a different one takes its name.
        const QString aside = m_dir.filePath(QStringLiteral("replaced-aside.marginalia"));
        QVERIFY(QFile::rename(path, aside));
        QVERIFY(QFile::rename(path + QStringLiteral("-wal"), aside + QStringLiteral("-wal")));
        QVERIFY(QFile::rename(path + QStringLiteral("-shm"), aside + QStringLiteral("-shm")));
        QVERIFY(QFile::copy(other, path));
        const auto id = (*store)->annotate(2, label(QStringLiteral("a")));
        QVERIFY(!id);
        qInfo("replaced while open: %s", qPrintable(id.error()));
        QVERIFY2(id.error().contains(QLatin1String("replaced")), qPrintable(id.error()));
        store->reset();
        verifyKept(aside, acknowledged);
    }

    void busyProjectWaitsThenGivesUpWithAReason()
    {
        const QString path = newProject(QStringLiteral("busy.marginalia"), 10);
        auto store = ProjectStore::open(path);
        QVERIFY(store);
        QHash<qint64, qint64> acknowledged;
        // A short lock is waited out.
        {
            QProcess locker;
            locker.start(QStringLiteral(DURABILITY_HELPER), {QStringLiteral("lock"), path, QStringLiteral("700")});
            QVERIFY(locker.waitForReadyRead(20000));
            QElapsedTimer timer;
            timer.start();
            const auto id = (*store)->annotate(1, label(QStringLiteral("a")));
            QVERIFY2(id, qPrintable(id.error()));
            acknowledged.insert(*id, 1);
            QVERIFY(timer.elapsed() >= 300);
            QVERIFY(locker.waitForFinished(20000));
            QCOMPARE(locker.exitCode(), 0);
        }
        // One held past the busy timeout (10 s) fails the label with a message, and the next one saves.
        {
            QProcess locker;
            locker.start(QStringLiteral(DURABILITY_HELPER), {QStringLiteral("lock"), path, QStringLiteral("12000")});
            QVERIFY(locker.waitForReadyRead(20000));
            const auto id = (*store)->annotate(2, label(QStringLiteral("a")));
            QVERIFY(!id);
            qInfo("busy: %s", qPrintable(id.error()));
            QVERIFY2(id.error().contains(QLatin1String("busy in another program")), qPrintable(id.error()));
            QVERIFY(locker.waitForFinished(20000));
        }
        const auto id = (*store)->annotate(2, label(QStringLiteral("b")));
        QVERIFY2(id, qPrintable(id.error()));
        acknowledged.insert(*id, 2);
        store->reset();
        verifyKept(path, acknowledged);
    }

    void projectWithATriggerIsRefused()
    {
        // A file from someone else that would quietly delete every label as it is saved.
        const QString path = newProject(QStringLiteral("trigger.marginalia"), 5);
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store);
            QSqlQuery q((*store)->database());
            QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER eat AFTER INSERT ON annotation_labels"
                                          " BEGIN DELETE FROM annotation_labels WHERE annotation_id = new.annotation_id; END")));
        }
        const auto store = ProjectStore::open(path);
        QVERIFY(!store);
        qInfo("trigger: %s", qPrintable(store.error()));
        QVERIFY2(store.error().contains(QLatin1String("trigger")), qPrintable(store.error()));
    }

    void damagedCheckpointIsReportedAndTrainingStartsOver()
    {
        const QString path = m_dir.filePath(QStringLiteral("checkpoint.marginalia"));
        auto store = mltest::makeProject(path, 60, 30, 20);
        ml::TrainingOptions options;
        options.epochs = 3;
        options.threads = 1;
        const std::atomic_bool cancel{false};
        const auto first = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY2(first, qPrintable(first.error()));
        // Cut the stored model short, as a disk error or a crashed copy would.
        QSqlQuery q(store->database());
        QVERIFY(q.exec(QStringLiteral("UPDATE run_checkpoint_parts SET data = substr(data, 1, 200)")));
        const auto loaded = tasktest::latestModel(*store);
        QVERIFY(!loaded);
        qInfo("truncated checkpoint: %s", qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(QLatin1String("cannot be loaded")), qPrintable(loaded.error()));
        nextRoundStartsOver(*store, options, cancel);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM annotations")), qint64(50));
    }

    void checkpointOfAnotherShapeIsRefused()
    {
        // What an older or newer layout looks like to this version: tensors that do not fit the model.
        const QString path = m_dir.filePath(QStringLiteral("foreign.marginalia"));
        auto store = mltest::makeProject(path, 40, 20, 10);
        ml::TrainingOptions options;
        options.epochs = 2;
        options.threads = 1;
        const std::atomic_bool cancel{false};
        QVERIFY(ml::runTrainingRound(*store, options, cancel, {}));
        ml::ModelShape shape;
        shape.buckets = 64;
        shape.classes = 3;
        shape.embeddingDim = 4;
        auto other = ml::TextClassifier::create(shape, 1);
        QVERIFY(other);
        const auto bytes = (*other)->saveCheckpoint();
        QVERIFY(bytes);
        QSqlQuery q(store->database());
        QVERIFY(q.prepare(QStringLiteral("UPDATE run_checkpoint_parts SET data = ? WHERE part = 0")));
        q.addBindValue(*bytes);
        QVERIFY(q.exec());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM run_checkpoint_parts WHERE part > 0")));
        const auto loaded = tasktest::latestModel(*store);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().contains(QLatin1String("different shape")), qPrintable(loaded.error()));
        const auto next = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY2(next, qPrintable(next.error()));
    }

    void tamperedCheckpointLeavesTheProjectUsable()
    {
        const QString path = m_dir.filePath(QStringLiteral("tampered.marginalia"));
        auto store = mltest::makeProject(path, 40, 20, 10);
        ml::TrainingOptions options;
        options.epochs = 2;
        options.threads = 1;
        const std::atomic_bool cancel{false};
        QVERIFY(ml::runTrainingRound(*store, options, cancel, {}));
        const auto stored = store->checkpoint((*store->latestRun(true))->id);
        QVERIFY(stored && !stored->isEmpty());
        // The stored model's output bias now declares 2^33 elements (a project file made elsewhere): the
        // checkpoint reader refuses it before anything is allocated. Every other kind of tampering is in tst_ml.
        bundletest::Parts parts = bundletest::split(*stored);
        QVERIFY(!bundletest::entry(parts, QStringLiteral("out.bias")).isEmpty());
        bundletest::setField(parts, QStringLiteral("out.bias"), QStringLiteral("shape"), QJsonArray{qint64(1) << 33});
        QSqlQuery q(store->database());
        QVERIFY(q.prepare(QStringLiteral("UPDATE run_checkpoint_parts SET data = ? WHERE part = 0")));
        q.addBindValue(bundletest::join(parts));
        QVERIFY(q.exec());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM run_checkpoint_parts WHERE part > 0")));

        const auto loaded = tasktest::latestModel(*store);
        QVERIFY(!loaded);
        qInfo("tampered checkpoint: %s", qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(QLatin1String("cannot be loaded")), qPrintable(loaded.error()));
        nextRoundStartsOver(*store, options, cancel);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM annotations")), qint64(30));
        QCOMPARE(integrity(*store), QStringLiteral("ok"));
    }

    void divergingRoundFailsAndTheNextOneWorks()
    {
        const QString path = m_dir.filePath(QStringLiteral("nan.marginalia"));
        auto store = mltest::makeProject(path, 40, 30, 10);
        ml::TrainingOptions options;
        options.epochs = 5;
        options.threads = 1;
        options.learningRate = 1e37; // finite, accepted, and the loss overflows within the first epochs
        options.classWeights = false;
        const std::atomic_bool cancel{false};
        const auto diverged = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY(!diverged);
        qInfo("diverging round: %s", qPrintable(diverged.error()));
        QVERIFY2(diverged.error().contains(QLatin1String("not a number")), qPrintable(diverged.error()));
        const auto failedRun = store->latestRun(false);
        QVERIFY(failedRun && *failedRun);
        QCOMPARE((*failedRun)->status, QStringLiteral("failed"));
        options.learningRate = 0.05;
        const auto next = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY2(next, qPrintable(next.error()));
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM annotations")), qint64(40));
    }

    void throwingRoundIsAnErrorNotACrash()
    {
        const QString path = m_dir.filePath(QStringLiteral("throw.marginalia"));
        auto store = mltest::makeProject(path, 40, 30, 10);
        ml::TrainingOptions options;
        options.epochs = 2;
        options.threads = 1;
        const std::atomic_bool cancel{false};
        // The progress callback is the one piece of foreign code a round runs: let it throw mid-training.
        const auto thrown = ml::runTrainingRound(*store, options, cancel, [](int, int, const QString &what) {
            if (what.contains(QLatin1String("Training")))
                throw std::runtime_error("injected failure");
        });
        QVERIFY(!thrown);
        QVERIFY2(thrown.error().contains(QLatin1String("injected failure")), qPrintable(thrown.error()));
        const auto run = store->latestRun(false);
        QVERIFY(run && *run);
        QCOMPARE((*run)->status, QStringLiteral("failed"));
        QVERIFY(ml::runTrainingRound(*store, options, cancel, {}));
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM annotations")), qint64(40));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
