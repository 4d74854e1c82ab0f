// Copies of a project in use (store/ProjectBackup.h): complete, consistent while labels are being saved,
// atomic (OUT is the whole copy or untouched, no temporary file stays), and refused where they would do harm.
#include "ProcLocks.h"
#include "store/ProjectBackup.h"
#include "store/ProjectStore.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>
#include <atomic>
#include <sys/stat.h>

using namespace marginalia;

class TestBackup : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A project with `samples` samples, the first `labeled` of them labeled ham or spam in turn.
    std::unique_ptr<ProjectStore> makeProject(const QString &name, int samples, int labeled)
    {
        auto created =
            ProjectStore::create(path(name), TaskType::TextCat, {QStringLiteral("ham"), QStringLiteral("spam")});
        if (!created)
            qFatal("create failed: %s", qPrintable(created.error()));
        std::unique_ptr<ProjectStore> store = std::move(created).value();
        const Status filled = store->inTransaction([&]() -> Status {
            for (int i = 0; i < samples; ++i) {
                const QString text = QStringLiteral("sample %1 %2").arg(i).arg(QString(80, QLatin1Char('x')));
                const auto id = store->addSample(Sample{0, {}, text, {}, {}, Split::Pool});
                if (!id)
                    return Error{id.error()};
                if (i < labeled) {
                    AnnotationInput input;
                    input.labels = {i % 2 ? QStringLiteral("spam") : QStringLiteral("ham")};
                    if (auto a = store->annotate(**id, input); !a)
                        return Error{a.error()};
                }
            }
            return {};
        });
        if (!filled)
            qFatal("filling failed: %s", qPrintable(filled.error()));
        return store;
    }

    // Text -> current label of every labeled sample.
    static QMap<QString, QString> labelsOf(ProjectStore &store)
    {
        QMap<QString, QString> labels;
        const auto samples = store.annotatedSamples(SampleFilter::labeled());
        if (!samples)
            qFatal("reading failed: %s", qPrintable(samples.error()));
        for (const AnnotatedSample &s : *samples)
            labels.insert(s.sample.text, s.annotation->labels.value(0));
        return labels;
    }

    // Runs one-value queries on a copy, through a connection of its own (never on a project in use).
    static QVariant copyValue(const QString &file, const QString &sql)
    {
        QVariant value;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("copy"));
            db.setDatabaseName(file);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(sql) && query.next())
                    value = query.value(0);
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("copy"));
        return value;
    }

    // What a backup may have left in the folder besides OUT.
    QStringList leftovers() const
    {
        return QDir(m_dir.path()).entryList({QStringLiteral("*.partial-*")}, QDir::Files | QDir::Hidden);
    }

    static QStringList locksOn(const QString &file) { return testlocks::posixLocksOn(file); }

private Q_SLOTS:
    void copiesEveryLabel()
    {
        auto store = makeProject(QStringLiteral("full.marginalia"), 500, 300);
        const QString out = path(QStringLiteral("full-copy.marginalia"));
        const Status s = backupProject(store->path(), out);
        QVERIFY2(s, qPrintable(s.error()));
        QVERIFY(leftovers().isEmpty());
        // One self-contained file: rollback journal, nothing beside it.
        QCOMPARE(copyValue(out, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("delete"));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("-wal")));
        auto copy = ProjectStore::open(out);
        QVERIFY2(copy, qPrintable(copy.error()));
        QCOMPARE(labelsOf(**copy).size(), 300);
        QCOMPARE(labelsOf(**copy), labelsOf(*store));
        QCOMPARE((*copy)->countSamples().value(), 500);
        // The studio's connection went on working while the copy was made and after.
        AnnotationInput input;
        input.labels = {QStringLiteral("spam")};
        QVERIFY(store->annotate(store->sampleIds(SampleFilter::unlabeled())->first(), input));
    }

    void copyWhileAnotherConnectionKeepsLabeling()
    {
        auto store = makeProject(QStringLiteral("busy.marginalia"), 3000, 0);
        const QString projectPath = store->path();
        const QVector<qint64> ids = store->sampleIds().value();
        std::atomic_bool stop{false};
        std::atomic_int committed{0};
        // The annotator: its own connection, saving labels as fast as it can until told to stop.
        QFuture<QString> writer = QtConcurrent::run([&]() -> QString {
            auto own = ProjectStore::open(projectPath);
            if (!own)
                return own.error();
            for (int i = 0; !stop.load(); ++i) {
                AnnotationInput input;
                input.labels = {i % 2 ? QStringLiteral("spam") : QStringLiteral("ham")};
                if (auto a = (*own)->annotate(ids.at(i % ids.size()), input); !a)
                    return a.error();
                committed.fetch_add(1);
            }
            return {};
        });
        while (committed.load() < 20)
            QThread::msleep(1);
        const int before = committed.load();
        const QString out = path(QStringLiteral("busy-copy.marginalia"));
        BackupOptions options;
        options.pagesPerStep = 2; // many steps, each a moment for the writer to commit in
        int steps = 0;
        const Status s = backupProject(
            projectPath, out,
            [&](qint64, qint64) {
                ++steps;
                QThread::msleep(2);
                return true;
            },
            options);
        const int after = committed.load();
        stop.store(true);
        QCOMPARE(writer.result(), QString()); // never blocked for long, never refused
        QVERIFY2(s, qPrintable(s.error()));
        QVERIFY(steps > 10);
        QVERIFY2(after > before, "the writer committed nothing during the copy");
        QCOMPARE(copyValue(out, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        // One snapshot from when the copy began: at least what was committed then, at most what was at the end.
        const int copied = copyValue(out, QStringLiteral("SELECT count(*) FROM annotations")).toInt();
        QVERIFY2(copied >= before && copied <= after,
                 qPrintable(QStringLiteral("%1 annotations in the copy, %2 before, %3 after")
                                .arg(copied)
                                .arg(before)
                                .arg(after)));
        auto copy = ProjectStore::open(out);
        QVERIFY2(copy, qPrintable(copy.error()));
        QVERIFY(leftovers().isEmpty());
    }

    void theStudioKeepsItsLocks()
    {
        // The copy reads the project through SQLite only: closing its connection must not drop the locks the
        // studio's connection in this same process holds on the file and its -shm (see ProjectStore.h).
        auto store = makeProject(QStringLiteral("locks.marginalia"), 50, 10);
        const QStringList onFile = locksOn(store->path());
        const QStringList onShm = locksOn(store->path() + QStringLiteral("-shm"));
        QVERIFY(!onFile.isEmpty());
        QVERIFY(!onShm.isEmpty());
        const Status s = backupProject(store->path(), path(QStringLiteral("locks-copy.marginalia")));
        QVERIFY2(s, qPrintable(s.error()));
        QCOMPARE(locksOn(store->path()), onFile);
        QCOMPARE(locksOn(store->path() + QStringLiteral("-shm")), onShm);
    }

    void cancelLeavesNothing()
    {
        auto store = makeProject(QStringLiteral("cancel.marginalia"), 2000, 100);
        const QString out = path(QStringLiteral("cancel-copy.marginalia"));
        BackupOptions options;
        options.pagesPerStep = 4;
        int calls = 0;
        const Status s = backupProject(store->path(), out, [&](qint64, qint64) { return ++calls < 2; }, options);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(QStringLiteral("cancelled")), qPrintable(s.error()));
        QCOMPARE(calls, 2);
        QVERIFY(!QFileInfo::exists(out));
        QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(QLatin1Char(' '))));
    }

    void existingOutIsRefusedUnlessOverwriting()
    {
        auto store = makeProject(QStringLiteral("exists.marginalia"), 20, 10);
        const QString out = path(QStringLiteral("exists-copy.marginalia"));
        {
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me");
        }
        const Status refused = backupProject(store->path(), out);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("already exists")), qPrintable(refused.error()));
        {
            QFile f(out);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("keep me"));
        }
        BackupOptions options;
        options.overwrite = true;
        const Status replaced = backupProject(store->path(), out, {}, options);
        QVERIFY2(replaced, qPrintable(replaced.error()));
        auto copy = ProjectStore::open(out);
        QVERIFY2(copy, qPrintable(copy.error()));
        QCOMPARE(labelsOf(**copy).size(), 10);
        QVERIFY(leftovers().isEmpty());
    }

    void theProjectItselfIsNeverTheTarget()
    {
        auto store = makeProject(QStringLiteral("self.marginalia"), 20, 10);
        BackupOptions options;
        options.overwrite = true;
        for (const QString &out : {store->path(), path(QStringLiteral("./self.marginalia")),
                                   store->path() + QStringLiteral("-wal"), store->path() + QStringLiteral("-shm")}) {
            const Status s = backupProject(store->path(), out, {}, options);
            QVERIFY2(!s, qPrintable(out));
        }
        QVERIFY(QFile::link(store->path(), path(QStringLiteral("link.marginalia"))));
        QVERIFY(!backupProject(store->path(), path(QStringLiteral("link.marginalia")), {}, options));
        QCOMPARE(labelsOf(*store).size(), 10);
        AnnotationInput input;
        input.labels = {QStringLiteral("ham")};
        QVERIFY(store->annotate(store->sampleIds(SampleFilter::unlabeled())->first(), input));
        QVERIFY(leftovers().isEmpty());
    }

    void nonProjectSourceIsRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("sqlite"); // a plain SQLite database instead of `content`
        QTest::addRow("text") << QByteArray("hello, world\nnot a database at all, just some words\n") << false;
        QTest::addRow("empty") << QByteArray() << false;
        QTest::addRow("sqlite") << QByteArray() << true;
    }
    void nonProjectSourceIsRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, sqlite);
        const QString source = path(QStringLiteral("foreign-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
        if (sqlite) {
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
                db.setDatabaseName(source);
                QVERIFY(db.open());
                QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t(x)")));
            }
            QSqlDatabase::removeDatabase(QStringLiteral("plain"));
        } else {
            QFile f(source);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        const QString out = source + QStringLiteral(".copy");
        const Status s = backupProject(source, out);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(QStringLiteral("is not a Marginalia project")), qPrintable(s.error()));
        QVERIFY(!QFileInfo::exists(out));
        QVERIFY(leftovers().isEmpty());
        QVERIFY(!backupProject(path(QStringLiteral("missing.marginalia")), out));
        QVERIFY(!QFileInfo::exists(out));
    }

    void progressCountsUp()
    {
        auto store = makeProject(QStringLiteral("progress.marginalia"), 2000, 50);
        BackupOptions options;
        options.pagesPerStep = 8;
        QVector<QPair<qint64, qint64>> calls;
        const Status s = backupProject(store->path(), path(QStringLiteral("progress-copy.marginalia")),
                                       [&](qint64 done, qint64 total) {
                                           calls.push_back({done, total});
                                           return true;
                                       },
                                       options);
        QVERIFY2(s, qPrintable(s.error()));
        QVERIFY(calls.size() > 3);
        for (qsizetype i = 0; i < calls.size(); ++i) {
            QVERIFY(calls[i].first > 0 && calls[i].first <= calls[i].second);
            QCOMPARE(calls[i].second, calls.first().second);
            if (i > 0)
                QVERIFY(calls[i].first > calls[i - 1].first);
        }
        QCOMPARE(calls.last().first, calls.last().second);
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
