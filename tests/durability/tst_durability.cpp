// Kill -9 at random moments: every acknowledged annotation survives, the file stays intact, a killed batched
// import leaves a consistent prefix (whole batches), a killed bulk import leaves the project unchanged, and a
// killed training round (with an annotator writing at the same time) leaves no finished run without its model.
// A studio (the real store and training worker) keeps its locks and every acknowledged label while other
// processes (the CLI, the sqlite3 shell, a second annotator) open the same project, and is killed at random
// over 50 times. Over 110 kills in all; the count is printed at the end.
#include "../ml/MlTestData.h"
#include "io/Importer.h"
#include "LatestTaskModel.h"
#include "ml/TrainingRound.h"
#include "ProcLocks.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace marginalia;

namespace {

// The complete lines a child printed so far, appended to `transcript`; waits up to `ms` for one starting with
// `prefix` to arrive (after `from`). Returns whether it did.
bool waitForLine(QProcess &child, QByteArray &transcript, const QByteArray &prefix, int ms, qsizetype from = 0)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        transcript += child.readAllStandardOutput();
        for (qsizetype at = from; at < transcript.size();) {
            const qsizetype end = transcript.indexOf('\n', at);
            if (end < 0)
                break;
            if (transcript.mid(at, end - at).startsWith(prefix))
                return true;
            at = end + 1;
        }
        if (timer.elapsed() > ms || child.state() == QProcess::NotRunning)
            return false;
        child.waitForReadyRead(50);
    }
}

// "ack ANNOTATION SAMPLE" lines of a transcript; a last line cut off by the kill does not count.
void collectAckLines(const QByteArray &transcript, QHash<qint64, qint64> &acknowledged)
{
    const QList<QByteArray> lines = transcript.split('\n');
    for (int i = 0; i + 1 < lines.size(); ++i) {
        const QList<QByteArray> parts = lines[i].split(' ');
        if (parts.size() == 3 && parts[0] == "ack")
            acknowledged.insert(parts[1].toLongLong(), parts[2].toLongLong());
    }
}

bool holdsLock(qint64 pid, const QString &file) { return !testlocks::posixLocksOn(file, pid).isEmpty(); }

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QRandomGenerator m_random{20261129};
    int m_kills = 0;

    // Kills a child with SIGKILL and waits for it; counts the kill.
    void killChild(QProcess &child)
    {
        // A fast child may have finished on its own already: then there is nothing to kill or count.
        if (child.state() == QProcess::NotRunning)
            return;
        child.kill();
        QVERIFY(child.state() == QProcess::NotRunning || child.waitForFinished(20000));
        ++m_kills;
    }

    // Reads the complete "ack ANNOTATION SAMPLE" lines a killed annotator printed.
    static void collectAcks(QProcess &child, QHash<qint64, qint64> &acknowledged)
    {
        const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
        // The last piece may be a line cut off by the kill: only complete lines count.
        for (int i = 0; i + 1 < lines.size(); ++i) {
            const QList<QByteArray> parts = lines[i].split(' ');
            QCOMPARE(parts.size(), 3);
            acknowledged.insert(parts[1].toLongLong(), parts[2].toLongLong());
        }
    }

    static void verifyAcknowledged(ProjectStore &store, const QHash<qint64, qint64> &acknowledged)
    {
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT a.id, a.sample_id FROM annotations a JOIN annotation_labels l"
                                      " ON l.annotation_id = a.id")));
        QHash<qint64, qint64> stored;
        while (q.next())
            stored.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
        for (auto it = acknowledged.constBegin(); it != acknowledged.constEnd(); ++it) {
            QVERIFY2(stored.contains(it.key()), qPrintable(QStringLiteral("annotation %1 lost").arg(it.key())));
            QCOMPARE(stored.value(it.key()), it.value());
        }
    }

    static QString integrity(ProjectStore &store)
    {
        QSqlQuery q(store.database());
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next())
            return QStringLiteral("<query failed>");
        return q.value(0).toString();
    }

    static qint64 scalar(ProjectStore &store, const QString &sql)
    {
        QSqlQuery q(store.database());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    QString writeLines(const QString &name, int count)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        QByteArray chunk;
        for (int i = 0; i < count; ++i) {
            chunk += "row " + QByteArray::number(i) + " 中文 text to make the line a little longer\n";
            if (chunk.size() > (1 << 20)) {
                f.write(chunk);
                chunk.clear();
            }
        }
        f.write(chunk);
        return path;
    }

    // Reopens a killed project: it must open, pass integrity_check, and hold exactly a prefix of the file
    // made of whole batches (or all of it).
    void checkImportPrefix(const QString &project, qint64 batch, qint64 total)
    {
        auto store = ProjectStore::open(project);
        QVERIFY2(store, qPrintable(store.error()));
        QCOMPARE(integrity(**store), QStringLiteral("ok"));
        const qint64 count = scalar(**store, QStringLiteral("SELECT count(*) FROM samples"));
        qInfo("killed import kept %lld of %lld rows", count, total);
        QVERIFY2(count % batch == 0 || count == total, qPrintable(QString::number(count)));
        // A prefix: sample n holds line n of the file.
        QCOMPARE(scalar(**store, QStringLiteral("SELECT count(*) FROM samples"
                                                " WHERE text LIKE 'row ' || (id - 1) || ' %'")),
                 count);
    }

    static qint64 hashIndexes(ProjectStore &store)
    {
        return scalar(store, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                            " AND name = 'samples_content_hash' AND sql LIKE 'CREATE UNIQUE INDEX%'"));
    }

    // A killed bulk import is one transaction: the project holds what it held before, or all of the file,
    // and always its unique index.
    void checkBulkAllOrNothing(const QString &project, qint64 before, qint64 total, QSet<qint64> *seen = nullptr)
    {
        auto store = ProjectStore::open(project);
        QVERIFY2(store, qPrintable(store.error()));
        QCOMPARE(integrity(**store), QStringLiteral("ok"));
        QCOMPARE(hashIndexes(**store), 1);
        const qint64 count = scalar(**store, QStringLiteral("SELECT count(*) FROM samples"));
        qInfo("killed bulk import: %lld samples (%lld before, file %lld)", count, before, total);
        QVERIFY2(count == before || count == before + total, qPrintable(QString::number(count)));
        QCOMPARE(scalar(**store, QStringLiteral("SELECT count(DISTINCT content_hash) FROM samples")), count);
        if (seen)
            seen->insert(count);
    }

private Q_SLOTS:
    void acknowledgedAnnotationsSurviveKills()
    {
        const QString project = m_dir.filePath(QStringLiteral("annotate.marginalia"));
        {
            auto store = ProjectStore::create(project, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")});
            QVERIFY(store);
            QVERIFY((*store)->inTransaction([&]() -> Status {
                for (int i = 0; i < 300; ++i) {
                    Sample s;
                    s.text = QStringLiteral("sample %1").arg(i);
                    if (auto r = (*store)->addSample(s); !r)
                        return Error{r.error()};
                }
                return {};
            }));
        }
        QHash<qint64, qint64> acknowledged; // annotation id -> sample id
        const int kills = 34;
        for (int round = 0; round < kills; ++round) {
            QProcess child;
            child.start(QStringLiteral(DURABILITY_HELPER),
                        {QStringLiteral("annotate"), project, QString::number(m_random.generate())});
            QVERIFY(child.waitForStarted());
            // Let it get going, then kill it somewhere in the middle of a write.
            QVERIFY2(child.waitForReadyRead(20000), child.readAllStandardError().constData());
            QThread::msleep(m_random.bounded(5, 120));
            killChild(child);
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            collectAcks(child, acknowledged);
            auto store = ProjectStore::open(project);
            QVERIFY2(store, qPrintable(store.error()));
            QCOMPARE(integrity(**store), QStringLiteral("ok"));
        }
        qInfo("%d kills, %lld acknowledged annotations", kills, qint64(acknowledged.size()));
        QVERIFY(acknowledged.size() >= kills);
        auto store = ProjectStore::open(project);
        QVERIFY(store);
        verifyAcknowledged(**store, acknowledged);
        QCOMPARE(integrity(**store), QStringLiteral("ok"));
    }

    void killedImportLeavesWholeBatches()
    {
        const int total = 150000;
        const qint64 batch = 1000;
        const QString file = writeLines(QStringLiteral("rows.txt"), total);
        for (int round = 0; round < 6; ++round) {
            const QString project = m_dir.filePath(QStringLiteral("import%1.marginalia").arg(round));
            QVERIFY(ProjectStore::create(project, TaskType::TextCat));
            QProcess child;
            child.start(QStringLiteral(DURABILITY_HELPER),
                        {QStringLiteral("import"), project, file, QString::number(batch)});
            QVERIFY(child.waitForStarted());
            QVERIFY2(child.waitForReadyRead(30000), child.readAllStandardError().constData());
            QThread::msleep(m_random.bounded(0, 200));
            killChild(child);
            checkImportPrefix(project, batch, total);
        }
    }

    void killedBulkImportLeavesProjectUnchangedOrComplete()
    {
        const int total = 150000;
        const QString file = writeLines(QStringLiteral("bulk-rows.txt"), total);
        QSet<qint64> outcomes;
        for (int round = 0; round < 5; ++round) {
            const QString project = m_dir.filePath(QStringLiteral("bulk%1.marginalia").arg(round));
            {
                auto store = ProjectStore::create(project, TaskType::TextCat);
                QVERIFY(store);
                for (int i = 0; i < 5; ++i) {
                    Sample s;
                    s.text = QStringLiteral("already here %1").arg(i);
                    QVERIFY((*store)->addSample(s));
                }
            }
            QProcess child;
            child.start(QStringLiteral(DURABILITY_HELPER),
                        {QStringLiteral("import"), project, file, QStringLiteral("0")});
            QVERIFY(child.waitForStarted());
            QVERIFY2(child.waitForReadyRead(30000), child.readAllStandardError().constData());
            QThread::msleep(m_random.bounded(0, 200));
            killChild(child);
            checkBulkAllOrNothing(project, 5, total, &outcomes);
        }
        // Where every kill lands after the commit, the test learns nothing about a killed transaction.
        QVERIFY2(outcomes.contains(5), "no kill landed inside the bulk import");
    }

    void killedCliImportLeavesProjectUnchangedOrComplete()
    {
        // The real command on a 400,000-line file into a new project takes the bulk path: killed once its
        // progress line shows.
        const int total = 400000;
        const QString file = writeLines(QStringLiteral("cli-rows.txt"), total);
        const QString project = m_dir.filePath(QStringLiteral("cli.marginalia"));
        QProcess create;
        create.start(QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("new"), project, QStringLiteral("--task"),
                                                         QStringLiteral("textcat")});
        QVERIFY(create.waitForFinished(60000));
        QCOMPARE(create.exitCode(), 0);
        QProcess child;
        child.setReadChannel(QProcess::StandardError); // progress goes to stderr
        child.start(QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("import"), project, file});
        QVERIFY(child.waitForStarted());
        child.waitForReadyRead(30000); // the first progress line (or the end, on a fast machine)
        QThread::msleep(m_random.bounded(0, 300));
        killChild(child);
        checkBulkAllOrNothing(project, 0, total);
    }

    void killedTrainingWhileLabelingKeepsEverything()
    {
        // `marginalia train` and an annotator (a label every 2 ms, far faster than a person) on one project, both
        // killed at the same random moment: the labels it acknowledged stay, the file stays intact, and the latest
        // finished run always has a model that loads.
        const QString project = m_dir.filePath(QStringLiteral("train.marginalia"));
        {
            auto store = mltest::makeProject(project, 120, 60, 30);
            // Short rounds, so that some finish before their kill and later rounds warm-start from them.
            QVERIFY(settings::setValue(*store, QLatin1String(settings::kEpochs), QStringLiteral("2"), settings::Cli));
        }
        QHash<qint64, qint64> acknowledged;
        const int rounds = 6;
        int trainedRuns = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess trainer;
            trainer.start(QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("train"), project});
            QProcess annotator;
            annotator.start(QStringLiteral(DURABILITY_HELPER),
                            {QStringLiteral("annotate"), project, QString::number(m_random.generate()),
                             QStringLiteral("2")});
            QVERIFY(trainer.waitForStarted() && annotator.waitForStarted());
            QThread::msleep(m_random.bounded(300, 7000));
            if (trainer.state() == QProcess::Running)
                killChild(trainer);
            else
                ++trainedRuns;
            killChild(annotator);
            collectAcks(annotator, acknowledged);

            auto store = ProjectStore::open(project);
            QVERIFY2(store, qPrintable(store.error()));
            QCOMPARE(integrity(**store), QStringLiteral("ok"));
            // Older runs lose their weights to pruning by design; the latest finished one must have them.
            QCOMPARE(scalar(**store, QStringLiteral("SELECT count(*) FROM model_runs r WHERE id = (SELECT max(id) FROM"
                                                    " model_runs WHERE status = 'done') AND NOT EXISTS(SELECT 1 FROM"
                                                    " run_checkpoint_parts p WHERE p.run_id = r.id)")),
                     0);
            if (scalar(**store, QStringLiteral("SELECT count(*) FROM model_runs WHERE status = 'done'")) > 0) {
                const auto model = tasktest::latestModel(**store);
                QVERIFY2(model, qPrintable(model.error()));
            }
        }
        qInfo("%d training kills (%d rounds finished first), %lld acknowledged annotations", rounds - trainedRuns,
              trainedRuns, qint64(acknowledged.size()));
        auto store = ProjectStore::open(project);
        QVERIFY(store);
        verifyAcknowledged(**store, acknowledged);
        // And the project still trains.
        ml::TrainingOptions options;
        options.epochs = 2;
        options.threads = 1;
        const std::atomic_bool cancel{false};
        const auto result = ml::runTrainingRound(**store, options, cancel, {});
        QVERIFY2(result, qPrintable(result.error()));
    }

    // Another program runs on the project and must succeed (exit 0).
    void runOther(const QString &program, const QStringList &args)
    {
        QProcess other;
        other.start(program, args);
        QVERIFY2(other.waitForFinished(120000), qPrintable(program));
        QVERIFY2(other.exitStatus() == QProcess::NormalExit && other.exitCode() == 0,
                 qPrintable(QStringLiteral("%1 %2: %3").arg(program, args.join(QLatin1Char(' ')),
                                                            QString::fromUtf8(other.readAllStandardError()))));
    }

    void startStudio(QProcess &studio, QByteArray &transcript, const QString &project, const QStringList &mode)
    {
        studio.start(QStringLiteral(STUDIO_HELPER),
                     QStringList{project, QString::number(m_random.generate()), QStringLiteral("10")} + mode);
        QVERIFY(studio.waitForStarted());
        QVERIFY2(waitForLine(studio, transcript, "ready", 60000), studio.readAllStandardError().constData());
    }

    void studioKeepsEveryLabelWhileTheCliOpensTheProject()
    {
        // The reported case: label 11 (the first background round runs), `marginalia stats` from a terminal,
        // 4 more labels, then the studio dies. All 15 must be in the file.
        const QString project = m_dir.filePath(QStringLiteral("studio.marginalia"));
        mltest::makeProject(project, 200, 0, 40);
        QProcess studio;
        QByteArray transcript;
        startStudio(studio, transcript, project, {QStringLiteral("script")});
        if (QTest::currentTestFailed())
            return;
        QVERIFY(holdsLock(studio.processId(), project));
        studio.write("label 11\n");
        QVERIFY2(waitForLine(studio, transcript, "round 1", 120000), transcript.constData());
        QVERIFY2(holdsLock(studio.processId(), project), "the studio lost its lock on the project during its round");
        runOther(QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("stats"), project});
        if (QTest::currentTestFailed())
            return;
        const qsizetype mark = transcript.size();
        studio.write("label 4\n");
        QVERIFY2(waitForLine(studio, transcript, "labeled", 30000, mark), transcript.constData());
        QVERIFY2(holdsLock(studio.processId(), project), "the studio lost its lock on the project");
        killChild(studio);
        QHash<qint64, qint64> acknowledged;
        collectAckLines(transcript, acknowledged);
        QCOMPARE(acknowledged.size(), 15);
        auto store = ProjectStore::open(project);
        QVERIFY2(store, qPrintable(store.error()));
        QCOMPARE(integrity(**store), QStringLiteral("ok"));
        verifyAcknowledged(**store, acknowledged);
        // The round the kill may have cut short is not left "running".
        QCOMPARE(scalar(**store, QStringLiteral("SELECT count(*) FROM model_runs WHERE status = 'running'")), 0);
    }

    void stormOfOtherProcessesWhileTheStudioIsKilled()
    {
        // Each time: a studio labels every few ms and retrains every 10 labels, a second annotator writes from its
        // own process, and one of the CLI's commands or the sqlite3 shell opens and closes the project; then the
        // studio, which must still hold its lock, is killed at a random moment.
        const QString project = m_dir.filePath(QStringLiteral("storm.marginalia"));
        mltest::makeProject(project, 600, 40, 100);
        const QString exported = m_dir.filePath(QStringLiteral("storm-export"));
        runOther(QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("train"), project});
        if (QTest::currentTestFailed())
            return;
        const QVector<QPair<QString, QStringList>> others{
            {QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("stats"), project, QStringLiteral("--json")}},
            {QStringLiteral("sqlite3"),
             {project, QStringLiteral("SELECT count(*) FROM annotations; PRAGMA quick_check;")}},
            {QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("rank"), project, QStringLiteral("--top"), QStringLiteral("5")}},
            {QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("export"), project, exported}},
            {QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("train"), project}},
        };
        QHash<qint64, qint64> acknowledged;
        const int kills = 52;
        int rounds = 0;
        for (int i = 0; i < kills; ++i) {
            QProcess studio;
            QByteArray transcript;
            startStudio(studio, transcript, project, {QStringLiteral("auto"), QStringLiteral("3")});
            if (QTest::currentTestFailed())
                return;
            QProcess annotator;
            annotator.start(QStringLiteral(DURABILITY_HELPER),
                            {QStringLiteral("annotate"), project, QString::number(m_random.generate()),
                             QStringLiteral("5")});
            QVERIFY(annotator.waitForStarted());
            // Every third studio lives through a round first, so that kills also land in the rounds after it.
            if (i % 3 == 0)
                QVERIFY2(waitForLine(studio, transcript, "round ", 60000), transcript.right(300).constData());
            QThread::msleep(m_random.bounded(300, 1500));
            const auto &other = others[i % others.size()];
            QDir(exported).removeRecursively();
            runOther(other.first, other.second);
            if (QTest::currentTestFailed())
                return;
            QThread::msleep(m_random.bounded(0, 300));
            transcript += studio.readAllStandardOutput();
            QVERIFY2(studio.state() == QProcess::Running, studio.readAllStandardError().constData());
            QVERIFY2(holdsLock(studio.processId(), project),
                     qPrintable(QStringLiteral("the studio lost its lock after %1").arg(other.second.value(0))));
            killChild(studio);
            killChild(annotator);
            transcript += studio.readAllStandardOutput();
            collectAckLines(transcript, acknowledged);
            collectAcks(annotator, acknowledged);
            rounds += int(transcript.count("\nround "));
            auto store = ProjectStore::open(project);
            QVERIFY2(store, qPrintable(store.error()));
            QCOMPARE(integrity(**store), QStringLiteral("ok"));
            verifyAcknowledged(**store, acknowledged);
        }
        auto store = ProjectStore::open(project);
        QVERIFY(store);
        verifyAcknowledged(**store, acknowledged);
        QCOMPARE(scalar(**store, QStringLiteral("SELECT count(*) FROM model_runs WHERE status = 'running'")), 0);
        qInfo("storm: %d studio kills, %d rounds finished in the studio, %lld labels acknowledged, all %lld found",
              kills, rounds, qint64(acknowledged.size()), qint64(acknowledged.size()));
        QVERIFY(rounds >= kills / 3);
    }

    void cleanupTestCase() { qInfo("%d SIGKILLs in all", m_kills); }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
