// Labeling a project that lives on a PostgreSQL server (a cluster this test starts itself): the store opens a
// postgresql:// location as it opens a file; a dropped connection is opened again and the label retried without
// being stored twice; labels made while the server is down wait in the local outbox and arrive exactly once; and
// three annotators in processes of their own, one of them killed and every connection cut while they work, lose no
// acknowledged label, apply none twice and never share a sample outside the overlap.
#include "LabelerProcess.h"
#include "PgCluster.h"
#include "settings/ProjectSettings.h"
#include "store/Assignments.h"
#include "store/LabelOutbox.h"
#include "store/ProjectStore.h"
#include "store/ProjectTransfer.h"
#include "store/Schema.h"
#include "store/ServerBrowse.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace marginalia;

namespace {

using testing::Labeler;

AnnotationInput labelBy(const QString &annotator, const QString &label)
{
    AnnotationInput a;
    a.labels = {label};
    a.annotator = annotator;
    return a;
}

} // namespace

class TestServerLabeling : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    testing::PgCluster m_cluster;

    QString dataHome() const { return m_dir.filePath(QStringLiteral("data-home")); }

    // A new project on the server with `samples` texts, made through the store itself (create() pushes a new file).
    QString makeProject(const QString &name, int samples, double overlap = 0)
    {
        const QString url = m_cluster.url(name);
        auto store = ProjectStore::create(url, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")});
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        for (int i = 0; i < samples; ++i) {
            Sample s;
            s.text = i % 4 ? QStringLiteral("team sample %1").arg(i) : QStringLiteral("第%1条：退款申请").arg(i);
            if (!(*store)->addSample(s))
                qFatal("cannot add a sample");
        }
        if (overlap > 0
            && !settings::setValue(**store, QLatin1String(settings::kOverlapShare), QString::number(overlap), settings::Cli))
            qFatal("cannot set the overlap");
        return url;
    }

    static int versionsOnServer(const ProjectStore &store, const QString &where = QStringLiteral("true"))
    {
        QSqlQuery q(store.database());
        return q.exec(QStringLiteral("SELECT count(*) FROM annotations WHERE %1").arg(where)) && q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", QFile::encodeName(dataHome()));
        QString why;
        QVERIFY2(m_cluster.start(&why), qPrintable(why));
    }

    void aServerProjectWorksLikeAFile()
    {
        const QString url = makeProject(QStringLiteral("plain"), 30);
        auto opened = ProjectStore::open(url);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        ProjectStore &store = **opened;
        QVERIFY(store.isServer());
        QCOMPARE(store.task(), TaskType::TextCat);
        QCOMPARE(store.labels()->size(), 2);
        QCOMPARE(*store.countSamples(), qint64(30));

        const auto first = store.annotate(5, labelBy(QStringLiteral("ann"), QStringLiteral("a")));
        QVERIFY2(first, qPrintable(first ? QString() : first.error()));
        QVERIFY(*first > 0);
        QVERIFY(store.annotate(5, labelBy(QStringLiteral("ann"), QStringLiteral("b"))));
        QCOMPARE((*store.currentAnnotation(5))->labels, QStringList{QStringLiteral("b")});
        QCOMPARE(store.annotationHistory(5)->size(), 2);
        QCOMPARE(*store.countSamples(SampleFilter::labeled()), qint64(1));
        QCOMPARE(store.stats()->perLabel.at(1).pool + store.stats()->perLabel.at(1).eval, qint64(1));

        // The same label sent twice (its key) is one version, the id of the first send.
        AnnotationInput again = labelBy(QStringLiteral("ann"), QStringLiteral("a"));
        again.clientKey = QStringLiteral("key-1");
        const auto sent = store.annotate(6, again);
        QVERIFY(sent && *sent > 0);
        QCOMPARE(*store.annotate(6, again), *sent);
        QCOMPARE(store.annotationHistory(6)->size(), 1);

        // Searching, filtering by label and streaming with the current annotation.
        SampleFilter chinese;
        chinese.text.keywords = {QStringLiteral("退款")};
        QCOMPARE(*store.countSamples(chinese), qint64(8));
        SampleFilter pattern;
        pattern.text.pattern = QStringLiteral("sample 1[0-9]$");
        QCOMPARE(store.sampleIds(pattern)->size(), 8); // 10..19 less 12 and 16 (Chinese)
        SampleFilter byLabel;
        byLabel.label = QStringLiteral("b");
        QCOMPARE(*store.sampleIds(byLabel), QVector<qint64>{5});
        int streamed = 0;
        QVERIFY(store.forEachSample(SampleFilter::labeled(), [&](const AnnotatedSample &s) {
            ++streamed;
            return s.annotation && !s.annotation->labels.isEmpty();
        }));
        QCOMPARE(streamed, 2);
        SampleFilter page;
        page.offset = 25;
        QCOMPARE(store.sampleIds(page)->size(), 5);

        // The server refuses what the file refuses: its checks and references came with the push.
        QSqlQuery refused(store.database());
        QVERIFY(!refused.exec(QStringLiteral("UPDATE samples SET split = 'test' WHERE id = 1")));
        QVERIFY(!refused.exec(QStringLiteral("INSERT INTO annotations(sample_id, cleared, annotator, source, created_at)"
                                             " VALUES(999, 0, 'ann', 'human', 0)")));
        QVERIFY(!refused.exec(QStringLiteral("INSERT INTO labels(name) VALUES('')")));
        QVERIFY(!store.annotate(999, labelBy(QStringLiteral("ann"), QStringLiteral("a"))));
        QCOMPARE(store.outboxSize(), 0);

        // A second instance sees every label at once: the server commits before annotate() returns.
        auto other = std::move(ProjectStore::open(url)).value();
        QCOMPARE(other->annotationHistory(5)->size(), 2);
    }

    void aDroppedConnectionIsOpenedAgainAndNothingIsStoredTwice()
    {
        const QString url = makeProject(QStringLiteral("dropped"), 10);
        auto store = std::move(ProjectStore::open(url)).value();
        QVERIFY(store->annotate(1, labelBy(QStringLiteral("ann"), QStringLiteral("a"))));
        QVERIFY(m_cluster.terminateClients() >= 1);
        const auto saved = store->annotate(2, labelBy(QStringLiteral("ann"), QStringLiteral("b")));
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error()));
        QVERIFY(*saved > 0); // on the server, not in the outbox
        QCOMPARE(store->outboxSize(), 0);
        QCOMPARE(versionsOnServer(*store), 2);
        // A read that meets a cut connection fails once at most; the next one works.
        QVERIFY(m_cluster.terminateClients() >= 1);
        (void)store->sample(3);
        QVERIFY(store->sample(3));
        // A claim that meets one is made again at once: a studio whose claim failed would show the sample
        // unleased, and another annotator could be given it as well.
        QVERIFY(m_cluster.terminateClients() >= 1);
        const auto claimed = claimSamples(*store, QStringLiteral("ann"), {3, 4}, 2, {});
        QVERIFY2(claimed, qPrintable(claimed ? QString() : claimed.error()));
        QCOMPARE(claimed->size(), 2);
        QVERIFY(m_cluster.terminateClients() >= 1);
        auto bob = std::move(ProjectStore::open(url)).value();
        QCOMPARE(claimSamples(*bob, QStringLiteral("bob"), {3, 4, 5}, 3, {})->size(), 1); // only 5: ann holds 3 and 4
    }

    void labelsMadeWhileTheServerIsDownArriveOnceItIsBack()
    {
        const QString url = makeProject(QStringLiteral("outage"), 10);
        auto store = std::move(ProjectStore::open(url)).value();
        QVERIFY(store->annotate(1, labelBy(QStringLiteral("ann"), QStringLiteral("a"))));
        QVERIFY(m_cluster.pause());
        const auto kept1 = store->annotate(2, labelBy(QStringLiteral("ann"), QStringLiteral("b")));
        QVERIFY2(kept1, qPrintable(kept1 ? QString() : kept1.error()));
        QCOMPARE(*kept1, qint64(0)); // acknowledged as kept on this computer
        QVERIFY(store->annotate(3, labelBy(QStringLiteral("ann"), QStringLiteral("a"))));
        QVERIFY(store->annotate(2, labelBy(QStringLiteral("ann"), QStringLiteral("a")))); // changed her mind
        QCOMPARE(store->outboxSize(), 3);
        QVERIFY(!store->flushOutbox()); // still down: an error, nothing lost
        QCOMPARE(store->outboxSize(), 3);

        // Another process of the same person sees the same outbox (it is on disk, not in memory).
        auto location = parseServerLocation(url);
        QVERIFY(location);
        {
            auto outbox = LabelOutbox::open(*location);
            QVERIFY(outbox);
            QCOMPARE((*outbox)->size(), 3);
        }

        QString why;
        QVERIFY2(m_cluster.resume(&why), qPrintable(why));
        const auto sent = store->flushOutbox();
        QVERIFY2(sent, qPrintable(sent ? QString() : sent.error()));
        QCOMPARE(*sent, 3);
        QCOMPARE(store->outboxSize(), 0);
        QCOMPARE(versionsOnServer(*store), 4);
        // In the order they were made: sample 2's current label is the later one.
        QCOMPARE((*store->currentAnnotation(2))->labels, QStringList{QStringLiteral("a")});
        QCOMPARE(store->annotationHistory(2)->size(), 2);

        // A crash between the server's commit and the outbox's delete: the same label is sent again, and stored once.
        QSqlQuery key(store->database());
        QVERIFY(key.exec(QStringLiteral("SELECT client_key FROM annotations WHERE sample_id = 3")) && key.next());
        AnnotationInput resent = labelBy(QStringLiteral("ann"), QStringLiteral("a"));
        resent.clientKey = key.value(0).toString();
        QVERIFY(!resent.clientKey.isEmpty());
        {
            auto outbox = std::move(LabelOutbox::open(*location)).value();
            QVERIFY(outbox->add(3, resent));
        }
        QCOMPARE(store->outboxSize(), 1);
        QVERIFY(store->flushOutbox());
        QCOMPARE(store->outboxSize(), 0);
        QCOMPARE(versionsOnServer(*store, QStringLiteral("sample_id = 3")), 1);

        // The next label after an outage sends what waits first, without being asked.
        QVERIFY(m_cluster.pause());
        QVERIFY(store->annotate(4, labelBy(QStringLiteral("ann"), QStringLiteral("b"))));
        QVERIFY(m_cluster.resume(&why));
        QVERIFY(store->annotate(5, labelBy(QStringLiteral("ann"), QStringLiteral("b"))));
        QCOMPARE(store->outboxSize(), 0);
        QCOMPARE(versionsOnServer(*store, QStringLiteral("sample_id IN (4, 5)")), 2);
    }

    void aFinishedRunIsAnnouncedToListeners()
    {
        const QString url = makeProject(QStringLiteral("announce"), 5);
        auto studio = std::move(ProjectStore::open(url)).value();
        auto engine = std::move(ProjectStore::open(url)).value();
        QVERIFY(studio->listenForChanges());
        QSignalSpy heard(studio->database().driver(), &QSqlDriver::notification);
        const auto run = engine->beginRun(QStringLiteral("test"), {}, QStringLiteral("CPU"), QStringLiteral("random"));
        QVERIFY(run);
        QVERIFY(heard.isEmpty() || !heard.wait(300)); // a run that is only begun is not announced
        QVERIFY(engine->finishRun(*run, RunResult{}));
        QVERIFY(heard.wait(5000));
        QCOMPARE(heard.first().at(0).toString(), studio->changeChannel());
        QCOMPARE(heard.first().at(2).toString(), QStringLiteral("run %1").arg(*run));

        // The subscription outlives a dropped connection: the store opens it again and listens again.
        QVERIFY(m_cluster.terminateClients() >= 2);
        (void)studio->sample(1);
        QVERIFY(studio->sample(1));
        engine = std::move(ProjectStore::open(url)).value();
        const auto second = engine->beginRun(QStringLiteral("test"), {}, QStringLiteral("CPU"), QStringLiteral("random"));
        QVERIFY(second && engine->finishRun(*second, RunResult{}));
        heard.clear();
        QVERIFY(heard.wait(5000));
        QCOMPARE(heard.first().at(2).toString(), QStringLiteral("run %1").arg(*second));
    }

    void browsingTheServerAnswersAsTheFileDoes()
    {
        // A file project with labels, a flag and a run's predictions, pushed; every query asked of both.
        const QString path = m_dir.filePath(QStringLiteral("browse.marginalia"));
        auto file = std::move(ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")})).value();
        QVector<PredictionRow> rows;
        for (int i = 0; i < 80; ++i) {
            Sample s;
            s.text = i % 5 ? QStringLiteral("browse sample %1 alpha").arg(i) : QStringLiteral("浏览样本 %1").arg(i);
            s.split = i % 6 == 0 ? Split::Eval : Split::Pool;
            const qint64 id = **file->addSample(s);
            if (i % 3 == 0)
                QVERIFY(file->annotate(id, labelBy(QStringLiteral("ann"), i % 2 ? QStringLiteral("a") : QStringLiteral("b"))));
            PredictionRow p;
            p.sampleId = id;
            p.label = i % 4 ? QStringLiteral("a") : QStringLiteral("b");
            p.confidence = 0.5 + double((i * 37) % 50) / 100.0;
            p.score = 1.0 - p.confidence;
            if (i % 3 != 0 && i % 6 != 0)
                p.rank = (i * 7) % 53 + 1;
            rows.push_back(p);
        }
        QVERIFY(file->setFlag(4, QStringLiteral("odd")));
        const auto run = file->beginRun(QStringLiteral("test"), {}, QStringLiteral("CPU"), QStringLiteral("margin"));
        QVERIFY(run && file->storePredictions(*run, rows) && file->finishRun(*run, RunResult{}));
        const QString url = m_cluster.url(QStringLiteral("browse"));
        QVERIFY(pushProject(*file, *parseServerLocation(url), false));
        auto server = std::move(ProjectStore::open(url)).value();

        QVector<BrowseQuery> queries(17);
        queries[1].split = Split::Eval;
        queries[2].labelState = SampleFilter::LabelState::Labeled;
        queries[3].labelState = SampleFilter::LabelState::Unlabeled;
        queries[4].label = QStringLiteral("a");
        queries[5].text.keywords = {QStringLiteral("浏览")};
        queries[6].text.pattern = QStringLiteral("sample [1-3]");
        queries[7].flaggedOnly = true;
        queries[8].predicted = QStringLiteral("b");
        queries[9].minConfidence = 0.8;
        queries[10].disagreement = true;
        queries[11].rankedQueue = true;
        queries[12].sort = BrowseQuery::Sort::Confidence;
        queries[13].sort = BrowseQuery::Sort::Score;
        queries[14].sort = BrowseQuery::Sort::Predicted;
        queries[14].descending = true;
        queries[15].sort = BrowseQuery::Sort::Split;
        queries[16].sort = BrowseQuery::Sort::Label;
        for (int i = 0; i < queries.size(); ++i) {
            const auto want = browseIds(file->sqliteHandle(), TaskType::TextCat, *run, nullptr, queries.at(i));
            const auto got = browseIdsOnServer(*server, *run, queries.at(i));
            QVERIFY2(want && got, qPrintable(QStringLiteral("query %1").arg(i)));
            QVERIFY2(!want->isEmpty(), qPrintable(QStringLiteral("query %1 matches nothing").arg(i)));
            QVERIFY2(*got == *want, qPrintable(QStringLiteral("query %1: %2 ids, the file %3").arg(i).arg(got->size()).arg(want->size())));
        }
        QVERIFY(!browseIdsOnServer(*server, *run, queries[11])->isEmpty());
    }

    // A project a version 13 push wrote (no client keys, no indexes, checks, references or lease functions) is
    // brought to this version by the first open, and then works as a new one.
    void anOlderServerProjectIsUpgradedOnOpen()
    {
        const QString url = makeProject(QStringLiteral("older"), 12);
        {
            auto store = std::move(ProjectStore::open(url)).value();
            QVERIFY(store->annotate(1, labelBy(QStringLiteral("ann"), QStringLiteral("a"))));
            QSqlQuery q(store->database());
            for (const char *statement :
                 {"ALTER TABLE annotations DROP COLUMN client_key",
                  "DROP FUNCTION sample_labelers(bigint)",
                  "DROP FUNCTION overlap_waiting(text, bigint, bigint, bigint)",
                  "DO $$ DECLARE r record; BEGIN"
                  " FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint"
                  "   WHERE connamespace = 'marginalia_older'::regnamespace AND contype IN ('c', 'f') LOOP"
                  "   EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname); END LOOP;"
                  " FOR r IN SELECT indexname FROM pg_indexes WHERE schemaname = 'marginalia_older'"
                  "   AND indexname NOT LIKE '%_pkey' LOOP"
                  "   EXECUTE format('DROP INDEX marginalia_older.%I', r.indexname); END LOOP; END $$",
                  "UPDATE marginalia_project SET value = '13' WHERE key = 'schema_version'"})
                QVERIFY2(q.exec(QString::fromLatin1(statement)), qPrintable(q.lastError().text()));
        }
        auto opened = ProjectStore::open(url);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        ProjectStore &store = **opened;
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM marginalia_project WHERE key = 'schema_version'")) && q.next());
        QCOMPARE(q.value(0).toInt(), schema::kCurrentVersion);
        QCOMPARE((*store.currentAnnotation(1))->labels, QStringList{QStringLiteral("a")}); // kept
        AnnotationInput keyed = labelBy(QStringLiteral("ann"), QStringLiteral("b"));
        keyed.clientKey = QStringLiteral("after-upgrade");
        const auto first = store.annotate(2, keyed);
        QVERIFY2(first, qPrintable(first ? QString() : first.error()));
        QCOMPARE(*store.annotate(2, keyed), *first);
        QVERIFY(!q.exec(QStringLiteral("UPDATE samples SET split = 'test' WHERE id = 3"))); // checks again
        Sample again;
        again.text = QStringLiteral("team sample 1"); // the unique content hash again: a duplicate is no new sample
        QVERIFY(!store.addSample(again)->has_value());
        QCOMPARE(claimSamples(store, QStringLiteral("bob"), {3, 4}, 2, {})->size(), 2); // the lease functions
    }

    void theCommandsTakeAServerLocation()
    {
        const auto cli = [](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral(MARGINALIA_BINARY), args);
            p.waitForFinished(300000);
            return QPair<int, QByteArray>(p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError());
        };
        const QString url = m_cluster.url(QStringLiteral("cli"));
        const QString secret = QStringLiteral("postgresql://marginalia:sesame@/postgres?project=cli&host=%1").arg(m_cluster.socketDir());
        const auto created = cli({QStringLiteral("new"), secret, QStringLiteral("--task"), QStringLiteral("textcat"),
                                  QStringLiteral("--labels"), QStringLiteral("spam,ham")});
        QVERIFY2(created.first == 0, created.second.constData());
        QVERIFY2(!created.second.contains("sesame"), created.second.constData());
        QCOMPARE(cli({QStringLiteral("new"), url, QStringLiteral("--task"), QStringLiteral("textcat")}).first, 2); // exists
        {
            auto store = std::move(ProjectStore::open(url)).value();
            for (int i = 0; i < 60; ++i) {
                Sample s;
                const bool spam = i % 2 == 0;
                s.text = spam ? QStringLiteral("win a free prize now %1 click here").arg(i)
                              : QStringLiteral("meeting notes for the project review %1").arg(i);
                s.split = i % 4 == 0 ? Split::Eval : Split::Pool;
                const auto id = store->addSample(s);
                QVERIFY(id && id->has_value());
                if (i < 40)
                    QVERIFY(store->annotate(**id, labelBy(QStringLiteral("ann"), spam ? QStringLiteral("spam") : QStringLiteral("ham"))));
            }
        }
        const auto stats = cli({QStringLiteral("stats"), url, QStringLiteral("--json")});
        QVERIFY2(stats.first == 0, stats.second.constData());
        QVERIFY2(stats.second.contains("60"), stats.second.constData());
        const auto trained = cli({QStringLiteral("train"), url});
        QVERIFY2(trained.first == 0, trained.second.constData());
        {
            auto store = std::move(ProjectStore::open(url)).value();
            const auto run = store->latestRun(true);
            QVERIFY(run && run->has_value());
            QVERIFY(!store->rankedPredictions((*run)->id, 5)->isEmpty()); // the ranking the queue reads
        }
        const QString exported = m_dir.filePath(QStringLiteral("server.jsonl"));
        const auto exportRun = cli({QStringLiteral("export"), url, exported});
        QVERIFY2(exportRun.first == 0, exportRun.second.constData());
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 40);
        // The exported rows come back as duplicates; the same file as bob's adds his labels to those samples.
        const auto again = cli({QStringLiteral("import"), url, exported});
        QVERIFY2(again.first == 0 && again.second.contains("imported 0"), again.second.constData());
        const auto bobs = cli({QStringLiteral("import"), url, exported, QStringLiteral("--annotator"), QStringLiteral("bob")});
        QVERIFY2(bobs.first == 0, bobs.second.constData());
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.jsonl"));
        {
            QFile out(fresh);
            QVERIFY(out.open(QIODevice::WriteOnly));
            for (int i = 0; i < 5; ++i)
                out.write(QStringLiteral("{\"text\": \"全新的文本 %1\", \"label\": \"ham\"}\n").arg(i).toUtf8());
            out.write("{\"text\": \n");                 // a bad line: reported, the rest imported
        }
        const auto imported = cli({QStringLiteral("import"), url, fresh});
        QVERIFY2(imported.first == 0 && imported.second.contains("imported 5"), imported.second.constData());
        auto store = std::move(ProjectStore::open(url)).value();
        QCOMPARE(*store->countSamples(), qint64(65));
        QSqlQuery q(store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM annotations WHERE annotator = 'bob'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 40);
        SampleFilter chinese;
        chinese.text.keywords = {QStringLiteral("全新")};
        chinese.labelState = SampleFilter::LabelState::Labeled;
        QCOMPARE(*store->countSamples(chinese), qint64(5));
    }

    void annotatorsInProcessesLoseNothingWhenKilledOrCut()
    {
        const QString url = makeProject(QStringLiteral("team"), 60, 0.2);
        std::vector<Labeler> labelers(3);
        labelers[0].name = QStringLiteral("ann");
        labelers[1].name = QStringLiteral("bob");
        labelers[2].name = QStringLiteral("cid");
        for (Labeler &l : labelers)
            l.start(url, 1500, 20, 4000, dataHome());
        // Cut every connection now and then while they work, and kill ann once she acknowledged some labels.
        QElapsedTimer timer;
        timer.start();
        int cuts = 0;
        while (labelers[0].acknowledged().size() < 8 && timer.elapsed() < 60000) {
            labelers[0].process->waitForReadyRead(150);
            if (timer.elapsed() > (cuts + 1) * 400)
                cuts += m_cluster.terminateClients() > 0 ? 1 : 0;
        }
        QVERIFY(labelers[0].acknowledged().size() >= 8);
        labelers[0].process->kill();
        QVERIFY(labelers[0].process->waitForFinished(10000));
        while (!(labelers[1].finished() && labelers[2].finished()) && timer.elapsed() < 120000) {
            for (Labeler &l : labelers) {
                l.process->waitForFinished(100);
                l.read();
            }
            if (timer.elapsed() > (cuts + 1) * 400 && cuts < 12)
                cuts += m_cluster.terminateClients() > 0 ? 1 : 0;
        }
        QVERIFY(cuts >= 2);
        for (int i = 1; i < 3; ++i)
            QVERIFY2(labelers[i].transcript.contains("done"),
                     qPrintable(QStringLiteral("%1 exited %2: %3")
                                    .arg(labelers[i].name)
                                    .arg(labelers[i].process->exitCode())
                                    .arg(QString::fromLocal8Bit(labelers[i].process->readAllStandardError()))));

        auto store = std::move(ProjectStore::open(url)).value();
        QVERIFY(store->flushOutbox()); // anything a cut sent to the outbox (the helpers flush their own on the next label)
        QHash<qint64, QStringList> bySample;
        QSqlQuery q(store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT sample_id, annotator FROM annotations ORDER BY id")));
        while (q.next())
            bySample[q.value(0).toLongLong()] << q.value(1).toString();
        QCOMPARE(bySample.size(), 60); // every sample labeled: ann's leases ran out and went to the others
        for (auto it = bySample.cbegin(); it != bySample.cend(); ++it) {
            const QSet<QString> people(it->begin(), it->end());
            QVERIFY2(people.size() == it->size(), qPrintable(QStringLiteral("sample %1 twice: %2").arg(it.key()).arg(it->join(','))));
            QVERIFY2(it->size() <= (isOverlapSample(it.key(), 0.2) ? 2 : 1),
                     qPrintable(QStringLiteral("sample %1 labeled by %2").arg(it.key()).arg(it->join(','))));
        }
        for (Labeler &l : labelers)
            for (qint64 id : l.acknowledged())
                QVERIFY2(bySample.value(id).contains(l.name), qPrintable(QStringLiteral("%1's label of %2 is missing").arg(l.name).arg(id)));
    }
};

QTEST_GUILESS_MAIN(TestServerLabeling)
#include "tst_serverlabeling.moc"
