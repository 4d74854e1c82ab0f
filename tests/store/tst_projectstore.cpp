// The project file: creation, validation of foreign files, labels, annotation versions, runs.
#include "SchemaRewind.h"
#include "store/ProjectStore.h"
#include "store/RunScores.h"
#include "store/Schema.h"
#include "store/WriteGate.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace marginalia;

class TestProjectStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    std::unique_ptr<ProjectStore> makeProject(const QString &name, TaskType task = TaskType::TextCat)
    {
        auto store = ProjectStore::create(path(name), task, {QStringLiteral("ham"), QStringLiteral("spam")});
        if (!store)
            qFatal("create failed: %s", qPrintable(store.error()));
        return std::move(store).value();
    }
    static int count(const ProjectStore &store, const QString &sql)
    {
        QSqlQuery q(store.database());
        return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
    }
    static QByteArray fileBytes(const QString &p)
    {
        QFile f(p);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }

private Q_SLOTS:
    void createsAndReopens()
    {
        {
            auto store = makeProject(QStringLiteral("a.marginalia"), TaskType::MultiLabel);
            QCOMPARE(store->task(), TaskType::MultiLabel);
        }
        auto reopened = ProjectStore::open(path(QStringLiteral("a.marginalia")));
        QVERIFY2(reopened, qPrintable(reopened.error()));
        QCOMPARE((*reopened)->task(), TaskType::MultiLabel);
        auto labels = (*reopened)->labels();
        QVERIFY(labels);
        QCOMPARE(labels->size(), 2);
        QCOMPARE(labels->at(0).name, QStringLiteral("ham"));
        QCOMPARE(labels->at(0).shortcut, QStringLiteral("1"));
        QCOMPARE(labels->at(1).shortcut, QStringLiteral("2"));
        QVERIFY(!labels->at(1).color.isEmpty());
    }

    void createRefusesExistingFile()
    {
        makeProject(QStringLiteral("exists.marginalia"));
        auto again = ProjectStore::create(path(QStringLiteral("exists.marginalia")), TaskType::TextCat);
        QVERIFY(!again);
        QVERIFY(again.error().contains(QStringLiteral("already exists")));
    }

    void openRejectsForeignFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::addRow("empty") << QByteArray() << QStringLiteral("not a Marginalia project");
        QTest::addRow("text") << QByteArray("hello, world\n") << QStringLiteral("not a Marginalia project");
        QTest::addRow("truncated header") << QByteArray("SQLite format 3\0garbagegarbagegarbage", 38)
                                          << QStringLiteral("corrupt");
    }
    void openRejectsForeignFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString p = path(QStringLiteral("foreign-%1").arg(QTest::currentDataTag()));
        {
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        auto store = ProjectStore::open(p);
        QVERIFY(!store);
        QVERIFY2(store.error().contains(expected) || store.error().contains(QStringLiteral("damaged")),
                 qPrintable(store.error()));
        QCOMPARE(fileBytes(p), content);
        QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));
    }

    void openRejectsPlainSqliteDatabase()
    {
        const QString p = path(QStringLiteral("plain.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
            db.setDatabaseName(p);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t(x)"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("plain"));
        const QByteArray before = fileBytes(p);
        auto store = ProjectStore::open(p);
        QVERIFY(!store);
        QVERIFY2(store.error().contains(QStringLiteral("not a Marginalia project")), qPrintable(store.error()));
        QCOMPARE(fileBytes(p), before);
    }

    void openRejectsNewerSchemaWithoutTouchingIt()
    {
        const QString p = path(QStringLiteral("newer.marginalia"));
        makeProject(QStringLiteral("newer.marginalia"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(p);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(schema::kCurrentVersion + 1)));
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        const QByteArray before = fileBytes(p);
        auto store = ProjectStore::open(p);
        QVERIFY(!store);
        QVERIFY2(store.error().contains(QStringLiteral("newer")), qPrintable(store.error()));
        QCOMPARE(fileBytes(p), before);
    }

    void openMissingFileDoesNotCreateIt()
    {
        auto store = ProjectStore::open(path(QStringLiteral("missing.marginalia")));
        QVERIFY(!store);
        QVERIFY(!QFile::exists(path(QStringLiteral("missing.marginalia"))));
    }

    void labelsCanBeEditedButUsedOnesNotRemoved()
    {
        auto store = makeProject(QStringLiteral("labels.marginalia"));
        auto extra = store->addLabel(QStringLiteral("eggs"));
        QVERIFY(extra);
        QVERIFY(!store->addLabel(QStringLiteral("eggs")));
        QVERIFY(!store->addLabel(QStringLiteral("  ")));
        Label renamed = *extra;
        renamed.name = QStringLiteral("bacon");
        renamed.shortcut = QStringLiteral("b");
        QVERIFY(store->updateLabel(renamed));
        auto id = store->addSample(Sample{0, {}, QStringLiteral("text"), {}, {}, Split::Pool});
        QVERIFY(id && id->has_value());
        QVERIFY(store->annotate(**id, AnnotationInput{{QStringLiteral("bacon")}, {}, false, QStringLiteral("me"),
                                                      AnnotationSource::Human}));
        QVERIFY(!store->removeLabel(extra->id));
        auto labels = store->labels();
        QCOMPARE(labels->size(), 3);
        QCOMPARE(labels->at(2).name, QStringLiteral("bacon"));
        QVERIFY(store->reorderLabels({labels->at(2).id, labels->at(0).id, labels->at(1).id}));
        QCOMPARE(store->labels()->at(0).name, QStringLiteral("bacon"));
        auto unused = store->addLabel(QStringLiteral("unused"));
        QVERIFY(store->removeLabel(unused->id));
    }

    void duplicateSamplesAreSkipped()
    {
        auto store = makeProject(QStringLiteral("dupes.marginalia"));
        auto first = store->addSample(Sample{0, QStringLiteral("x1"), QStringLiteral("同一句话"), {}, {}, Split::Pool});
        auto second = store->addSample(Sample{0, QStringLiteral("x2"), QStringLiteral("同一句话"), {}, {}, Split::Eval});
        QVERIFY(first && first->has_value());
        QVERIFY(second && !second->has_value());
        QCOMPARE(*store->countSamples(), 1);
    }

    void annotationVersionsAreKept()
    {
        auto store = makeProject(QStringLiteral("versions.marginalia"));
        const qint64 id = **store->addSample(Sample{0, {}, QStringLiteral("buy now"), {}, {}, Split::Pool});
        auto input = [](const char *label) {
            return AnnotationInput{{QString::fromLatin1(label)}, {}, false, QStringLiteral("ann"), AnnotationSource::Human};
        };
        QVERIFY(store->annotate(id, input("ham")));
        QVERIFY(store->annotate(id, input("spam")));
        QVERIFY(!store->annotate(id, input("nope")));
        auto current = store->currentAnnotation(id);
        QVERIFY(current && current->has_value());
        QCOMPARE((*current)->labels, QStringList{QStringLiteral("spam")});
        QCOMPARE(store->annotationHistory(id)->size(), 2);
        QCOMPARE(*store->countSamples(SampleFilter::labeled()), 1);

        AnnotationInput clear;
        clear.cleared = true;
        { auto r = store->annotate(id, clear); QVERIFY2(r, qPrintable(r.error())); }
        QCOMPARE(*store->countSamples(SampleFilter::labeled()), 0);
        QCOMPARE(*store->countSamples(SampleFilter::unlabeled()), 1);
        QCOMPARE(store->annotationHistory(id)->size(), 3);
        // A single-label project refuses zero or two labels.
        QVERIFY(!store->annotate(id, AnnotationInput{{}, {}, false, {}, AnnotationSource::Human}));
        QVERIFY(!store->annotate(id, AnnotationInput{{QStringLiteral("ham"), QStringLiteral("spam")}, {}, false, {},
                                                     AnnotationSource::Human}));
    }

    void provenanceIsStoredWithEachVersion()
    {
        auto store = makeProject(QStringLiteral("provenance.marginalia"));
        const qint64 id = **store->addSample(Sample{0, {}, QStringLiteral("cheap pills"), {}, {}, Split::Pool});
        AnnotationInput ranked{{QStringLiteral("spam")}, {}, false, QStringLiteral("ann"), AnnotationSource::Human};
        ranked.provenance.origin = QString::fromLatin1(Provenance::Ranked);
        ranked.provenance.runId = 7;
        ranked.provenance.strategy = QStringLiteral("margin");
        ranked.provenance.score = 0.25;
        ranked.provenance.rank = 3;
        ranked.provenance.seconds = 4.5;
        QVERIFY(store->annotate(id, ranked));
        AnnotationInput unknown{{QStringLiteral("ham")}, {}, false, {}, AnnotationSource::Human};
        QVERIFY(store->annotate(id, unknown));
        const auto history = store->annotationHistory(id);
        QVERIFY(history && history->size() == 2);
        QCOMPARE(history->at(0).provenance, ranked.provenance);
        // Nothing known is stored as NULL and read back as "unknown", not as run 0 or rank 0.
        QCOMPARE(history->at(1).provenance, Provenance{});
        QSqlQuery q(store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM annotations WHERE origin_run_id IS NULL AND origin_rank IS NULL"
                                      " AND seconds IS NULL AND origin IS NULL")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void rejectedLabelsAreNotLabels()
    {
        auto store = makeProject(QStringLiteral("rejections.marginalia"));
        QVERIFY(store->addLabel(QStringLiteral("eggs")));
        const qint64 a = **store->addSample(Sample{0, {}, QStringLiteral("win a prize"), {}, {}, Split::Pool});
        const qint64 b = **store->addSample(Sample{0, {}, QStringLiteral("lunch at noon"), {}, {}, Split::Pool});
        RejectionInput no{QStringLiteral("spam"), QStringLiteral("ann"), AnnotationSource::Human, {}};
        no.provenance.origin = QString::fromLatin1(Provenance::Teach);
        const auto first = store->rejectLabel(b, no);
        QVERIFY2(first, qPrintable(first.error()));
        QVERIFY(store->rejectLabel(b, RejectionInput{QStringLiteral("eggs"), {}, AnnotationSource::Imported, {}}));
        QVERIFY(store->rejectLabel(a, no));
        // Refused without a trace: an unknown label or sample.
        QVERIFY(!store->rejectLabel(b, RejectionInput{QStringLiteral("nope"), {}, AnnotationSource::Human, {}}));
        QVERIFY(!store->rejectLabel(9999, no));

        // A single-label sample with rejections stays unlabeled; every count ignores them.
        QCOMPARE(*store->countSamples(SampleFilter::labeled()), 0);
        QCOMPARE(store->stats()->labeledPool, 0);
        QCOMPARE(*store->rejectedLabels(b), (QStringList{QStringLiteral("spam"), QStringLiteral("eggs")}));
        const auto history = store->rejections(b);
        QVERIFY(history && history->size() == 2);
        QCOMPARE(history->at(0).provenance.origin, QString::fromLatin1(Provenance::Teach));
        QCOMPARE(history->at(1).source, AnnotationSource::Imported);

        // A later label wins over an earlier "no" for that label.
        QVERIFY(store->annotate(a, AnnotationInput{{QStringLiteral("spam")}, {}, false, {}, AnnotationSource::Human}));
        QVERIFY(store->rejectedLabels(a)->isEmpty());
        const auto all = store->rejectedLabelsBySample();
        QVERIFY(all);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->value(b), (QStringList{QStringLiteral("spam"), QStringLiteral("eggs")}));

        // Undo of one "no"; a second withdrawal of it fails.
        QVERIFY(store->withdrawRejection(*first));
        QVERIFY(!store->withdrawRejection(*first));
        QCOMPARE(*store->rejectedLabels(b), QStringList{QStringLiteral("eggs")});
        // Removing a label takes its rejections with it; the label's annotations still protect it.
        const auto labels = *store->labels();
        QVERIFY(store->removeLabel(labels.at(2).id));
        QVERIFY(store->rejectedLabels(b)->isEmpty());
        QVERIFY(!store->removeLabel(labels.at(1).id));
    }

    void versionSixFileGainsProvenanceAndRejections()
    {
        const QString p = path(QStringLiteral("v6-upgrade.marginalia"));
        qint64 sample = 0;
        {
            auto store = makeProject(QStringLiteral("v6-upgrade.marginalia"));
            sample = **store->addSample(Sample{0, {}, QStringLiteral("old label"), {}, {}, Split::Pool});
            QSqlQuery q(store->database());
            QVERIFY(marginalia::testing::rewindToVersion6(q));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO annotations(sample_id, annotator, source, created_at)"
                                          " VALUES(%1, 'old', 'human', 1)").arg(sample)));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO annotation_labels VALUES(last_insert_rowid(), 1)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 6")));
        }
        auto store = ProjectStore::open(p);
        QVERIFY2(store, qPrintable(store.error()));
        const auto current = (*store)->currentAnnotation(sample);
        QVERIFY(current && current->has_value());
        QCOMPARE((*current)->labels, QStringList{QStringLiteral("ham")});
        QCOMPARE((*current)->provenance, Provenance{});
        QVERIFY((*store)->rejectLabel(sample, RejectionInput{QStringLiteral("spam"), {}, AnnotationSource::Human, {}}));
        QVERIFY((*store)->openNotices().isEmpty());
    }

    void filtersAndStats()
    {
        auto store = makeProject(QStringLiteral("filters.marginalia"), TaskType::MultiLabel);
        QVector<qint64> ids;
        for (int i = 0; i < 10; ++i)
            ids << **store->addSample(Sample{0, QString::number(i), QStringLiteral("Sample number %1 中文").arg(i), {}, {},
                                             i < 2 ? Split::Eval : Split::Pool});
        QVERIFY(store->annotate(ids[0], AnnotationInput{{QStringLiteral("ham")}, {}, false, {}, AnnotationSource::Imported}));
        QVERIFY(store->annotate(ids[3], AnnotationInput{{QStringLiteral("ham"), QStringLiteral("spam")}, {}, false, {},
                                                        AnnotationSource::Human}));
        QVERIFY(store->annotate(ids[4], AnnotationInput{{}, {}, false, {}, AnnotationSource::Human})); // multilabel: none
        QVERIFY(store->setFlag(ids[5], QStringLiteral("unclear")));

        SampleFilter spam;
        spam.label = QStringLiteral("spam");
        QCOMPARE(*store->sampleIds(spam), QVector<qint64>{ids[3]});
        const auto searched = [&](const QString &text) {
            SampleFilter search;
            search.text = parseTextSearch(text).value();
            return *store->sampleIds(search);
        };
        QCOMPARE(searched(QStringLiteral("\"NUMBER 7\"")), QVector<qint64>{ids[7]});
        QCOMPARE(searched(QStringLiteral("7 sample 中文")), QVector<qint64>{ids[7]}); // every word, any order
        QCOMPARE(searched(QStringLiteral("7 absent")), QVector<qint64>{});
        QCOMPARE(searched(QStringLiteral("/number [78] 中/")), (QVector<qint64>{ids[7], ids[8]}));
        QCOMPARE(searched(QStringLiteral("/^sample number \\d 中文$/")).size(), 10);
        QCOMPARE(searched(QStringLiteral("/文$/")).size(), 10);
        QCOMPARE(searched(QStringLiteral("/\\p{Han}{3}/")), QVector<qint64>{});
        const auto broken = parseTextSearch(QStringLiteral("/number (/"));
        QVERIFY(!broken);
        QVERIFY2(broken.error().contains(QLatin1String("regular expression")), qPrintable(broken.error()));
        QCOMPARE(parseTextSearch(QStringLiteral("  a \"b c\" d")).value().keywords, (QStringList{"a", "b c", "d"}));
        SampleFilter eval;
        eval.split = Split::Eval;
        QCOMPARE(*store->countSamples(eval), 2);
        SampleFilter flagged;
        flagged.flaggedOnly = true;
        QCOMPARE(*store->sampleIds(flagged), QVector<qint64>{ids[5]});
        QCOMPARE(**store->flag(ids[5]), QStringLiteral("unclear"));

        auto all = store->annotatedSamples();
        QVERIFY(all);
        QCOMPARE(all->size(), 10);
        QCOMPARE(all->at(3).annotation->labels, (QStringList{QStringLiteral("ham"), QStringLiteral("spam")}));
        QVERIFY(all->at(4).isLabeled());
        QVERIFY(!all->at(5).isLabeled());

        auto stats = store->stats();
        QVERIFY(stats);
        QCOMPARE(stats->samples, 10);
        QCOMPARE(stats->evalSamples, 2);
        QCOMPARE(stats->labeledPool, 2);
        QCOMPARE(stats->labeledEval, 1);
        QCOMPARE(stats->flagged, 1);
        QCOMPARE(stats->perLabel.at(0).label, QStringLiteral("ham"));
        QCOMPARE(stats->perLabel.at(0).pool, 1);
        QCOMPARE(stats->perLabel.at(0).eval, 1);
        QCOMPARE(stats->perLabel.at(1).pool, 1);
    }

    void spansAreValidatedAndStored()
    {
        auto store = makeProject(QStringLiteral("spans.marginalia"), TaskType::Ner);
        const qint64 id = **store->addSample(Sample{0, {}, QStringLiteral("北京 is big"), {}, {}, Split::Pool});
        QVERIFY(!store->annotate(id, AnnotationInput{{}, {Span{0, 99, QStringLiteral("ham")}}, false, {},
                                                     AnnotationSource::Human}));
        QVERIFY(!store->annotate(id, AnnotationInput{{}, {Span{3, 3, QStringLiteral("ham")}}, false, {},
                                                     AnnotationSource::Human}));
        QVERIFY(store->annotate(id, AnnotationInput{{}, {Span{0, 2, QStringLiteral("ham")}}, false, {},
                                                    AnnotationSource::Human}));
        auto current = store->annotatedSamples();
        QCOMPARE(current->at(0).annotation->spans, (QVector<Span>{Span{0, 2, QStringLiteral("ham")}}));
    }

    void runsAreStored()
    {
        auto store = makeProject(QStringLiteral("runs.marginalia"));
        const qint64 a = **store->addSample(Sample{0, {}, QStringLiteral("a"), {}, {}, Split::Pool});
        const qint64 b = **store->addSample(Sample{0, {}, QStringLiteral("b"), {}, {}, Split::Pool});
        auto run = store->beginRun(QStringLiteral("bag-of-ngrams"), QStringLiteral("{}"), QStringLiteral("CPU"),
                                   QStringLiteral("margin"));
        QVERIFY(run);
        RunResult result;
        result.trainLabels = 12;
        result.accuracy = 0.75;
        result.epochs = {EpochRow{1, 0.9, 0.8}, EpochRow{2, 0.5, std::nullopt}};
        result.metrics = {MetricRow{QStringLiteral("label"), QStringLiteral("ham"), false, 0.5, 1.0, 0.6667, 2},
                          MetricRow{QStringLiteral("label"), QStringLiteral("macro avg"), true, 0.5, 0.5, 0.5, 4}};
        result.confusion = {ConfusionCell{QStringLiteral("ham"), QStringLiteral("spam"), 3}};
        result.checkpoint = QByteArray("weights");
        QVERIFY(store->finishRun(*run, result));
        QVERIFY(store->storePredictions(*run, {PredictionRow{a, QStringLiteral("ham"), 0.9, 0.1, 2, {}, {}},
                                               PredictionRow{b, QStringLiteral("spam"), 0.55, 0.45, 1, {}, {}}}));
        auto ranked = store->rankedPredictions(*run, 10);
        QCOMPARE(ranked->size(), 2);
        QCOMPARE(ranked->at(0).sampleId, b);
        QVERIFY(store->annotate(b, AnnotationInput{{QStringLiteral("spam")}, {}, false, {}, AnnotationSource::Human}));
        QCOMPARE(store->rankedPredictions(*run, 10)->size(), 1);
        QCOMPARE(*store->checkpoint(*run), QByteArray("weights"));
        QCOMPARE(store->runEpochs(*run)->size(), 2);
        QVERIFY(!store->runEpochs(*run)->at(1).devLoss.has_value());
        QCOMPARE(store->runMetrics(*run)->at(1).name, QStringLiteral("macro avg"));
        QCOMPARE(store->runConfusion(*run)->at(0).count, 3);
        auto latest = store->latestRun();
        QVERIFY(latest && latest->has_value());
        QCOMPARE((*latest)->trainLabels, 12);
        QCOMPARE(*(*latest)->accuracy, 0.75);

        auto failed = store->beginRun(QStringLiteral("bag-of-ngrams"), {}, {}, {});
        QVERIFY(store->failRun(*failed, QStringLiteral("boom")));
        QCOMPARE((*store->latestRun())->id, *run);
        QCOMPARE((*store->latestRun(false))->status, QStringLiteral("failed"));
    }

    void runsAreNeverLeftRunning()
    {
        const QString p = path(QStringLiteral("unfinished-runs.marginalia"));
        qint64 open = 0, abandoned = 0, deadOwner = 0, otherHost = 0;
        {
            auto store = makeProject(QStringLiteral("unfinished-runs.marginalia"));
            // A round that stopped on any path ends the runs it began, with its reason.
            open = *store->beginRun(QStringLiteral("m"), {}, {}, {});
            QVERIFY(store->endOpenRuns(QStringLiteral("stopped: out of memory"), false));
            QCOMPARE(store->latestRun(false)->value().status, QStringLiteral("failed"));
            QCOMPARE(store->latestRun(false)->value().error, QStringLiteral("stopped: out of memory"));
            const qint64 cancelled = *store->beginRun(QStringLiteral("m"), {}, {}, {});
            QVERIFY(store->endOpenRuns(QStringLiteral("cancelled"), true));
            QCOMPARE(store->latestRun(false)->value().status, QStringLiteral("cancelled"));
            // Ending again touches nothing, and a finished run never turns failed.
            const qint64 done = *store->beginRun(QStringLiteral("m"), {}, {}, {});
            QVERIFY(store->finishRun(done, RunResult{}));
            QVERIFY(store->failRun(done, QStringLiteral("late")));
            QCOMPARE(store->latestRun(false)->value().status, QStringLiteral("done"));
            QVERIFY(cancelled > open);
            // Closing the store ends a run nobody finished.
            abandoned = *store->beginRun(QStringLiteral("m"), {}, {}, {});
            // Runs of a process that is gone, and of one on another machine (which cannot be checked).
            QSqlQuery q(store->database());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO model_runs(created_at, status, model_kind, owner)"
                                          " VALUES(1, 'running', 'm', '%1 999999999 1')")
                               .arg(QSysInfo::machineHostName())));
            deadOwner = q.lastInsertId().toLongLong();
            QVERIFY(q.exec(QStringLiteral("INSERT INTO model_runs(created_at, status, model_kind, owner)"
                                          " VALUES(1, 'running', 'm', 'elsewhere.example 1 1')")));
            otherHost = q.lastInsertId().toLongLong();
        }
        auto reopened = ProjectStore::open(p);
        QVERIFY2(reopened, qPrintable(reopened.error()));
        QHash<qint64, ModelRunRecord> byId;
        const auto runs = (*reopened)->runs();
        QVERIFY(runs);
        for (const ModelRunRecord &r : *runs)
            byId.insert(r.id, r);
        QCOMPARE(byId.value(abandoned).status, QStringLiteral("failed"));
        QVERIFY2(byId.value(abandoned).error.contains(QLatin1String("Interrupted")), qPrintable(byId.value(abandoned).error));
        QCOMPARE(byId.value(deadOwner).status, QStringLiteral("failed"));
        QVERIFY(byId.value(deadOwner).error.contains(QLatin1String("Interrupted")));
        QCOMPARE(byId.value(otherHost).status, QStringLiteral("running"));
        // A run of a live process (this one, through a second connection) is left to it.
        const qint64 live = *(*reopened)->beginRun(QStringLiteral("m"), {}, {}, {});
        auto second = ProjectStore::open(p);
        QVERIFY(second);
        QCOMPARE((*second)->latestRun(false)->value().id, live);
        QCOMPARE((*second)->latestRun(false)->value().status, QStringLiteral("running"));
    }

    void predictionsAreWrittenAndPrunedInChunks()
    {
        auto store = makeProject(QStringLiteral("chunks.marginalia"));
        QVector<PredictionRow> rows;
        QVERIFY(store->inTransaction([&]() -> Status {
            for (int i = 0; i < 4500; ++i) {
                auto id = store->addSample(Sample{0, {}, QStringLiteral("sample %1").arg(i), {}, {}, Split::Pool});
                if (!id)
                    return Error{id.error()};
                rows.push_back(PredictionRow{**id, QStringLiteral("ham"), 0.5, 1.0 / (i + 1), i + 1, {}, {}});
            }
            return {};
        }));
        auto older = store->beginRun(QStringLiteral("m"), {}, {}, {});
        QVERIFY(store->storePredictions(*older, rows));
        QVERIFY(store->finishRun(*older, RunResult{}));
        auto newer = store->beginRun(QStringLiteral("m"), {}, {}, {});
        QVERIFY(store->storePredictions(*newer, rows.mid(0, 2100)));
        QVERIFY(store->finishRun(*newer, RunResult{}));
        QCOMPARE(store->rankedPredictions(*older, -1)->size(), 4500);
        // A cancelled round stops between chunks instead of writing every row first.
        const std::atomic_bool cancelled{true};
        auto stopped = store->beginRun(QStringLiteral("m"), {}, {}, {});
        const Status s = store->storePredictions(*stopped, rows, &cancelled);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(QLatin1String("cancelled")), qPrintable(s.error()));
        QCOMPARE(store->rankedPredictions(*stopped, -1)->size(), 0);
        QVERIFY(store->failRun(*stopped, s.error(), true));
        QVERIFY(store->prunePredictions(1));
        QCOMPARE(store->rankedPredictions(*older, -1)->size(), 0);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM run_scores WHERE run_id = %1").arg(*older)), 0);
        QVERIFY(count(*store, QStringLiteral("SELECT count(*) FROM run_scores WHERE run_id = %1").arg(*newer)) > 0);
        QCOMPARE(store->rankedPredictions(*newer, -1)->size(), 2100);
        QCOMPARE(store->rankedPredictions(*newer, 1)->at(0).sampleId, rows.at(0).sampleId);
    }

    // A run's predictions of every sample are kept as compact parts; the top of the ranking also whole, with its
    // probabilities. Reads by id, by rank (also below the rows kept whole) and in order give what was stored.
    void predictionsOfEverySampleAreKeptInParts()
    {
        auto store = makeProject(QStringLiteral("parts.marginalia"));
        const int n = runscores::kRankedRowsKept + 2500;
        QVector<PredictionRow> rows;
        QVERIFY(store->inTransaction([&]() -> Status {
            for (int i = 0; i < n; ++i) {
                auto id = store->addSample(Sample{0, {}, QStringLiteral("part %1").arg(i), {}, {}, Split::Pool});
                if (!id)
                    return Error{id.error()};
                PredictionRow p{**id, i % 3 ? QStringLiteral("ham") : QStringLiteral("spam, 垃圾"), 0.25 + i * 1e-6, {},
                                {}, {}, {}};
                p.probabilities = QByteArray(8, char(i % 7));
                if (i % 5 != 0) { // every fifth sample is not ranked (labeled or evaluation in a real round)
                    p.rank = n - i;
                    p.score = 1.0 / (n - i);
                }
                if (i % 11 == 0)
                    p.detailJson = QStringLiteral("{\"spans\":[{\"label\":\"人名\",\"start\":%1}]}").arg(i);
                rows.push_back(p);
            }
            return {};
        }));
        auto run = store->beginRun(QStringLiteral("m"), {}, {}, {});
        QVERIFY(store->storePredictions(*run, rows));
        QVERIFY(store->finishRun(*run, RunResult{}));
        int ranked = 0, keptWhole = 0;
        for (const PredictionRow &p : std::as_const(rows)) {
            ranked += p.rank ? 1 : 0;
            keptWhole += p.rank && *p.rank <= runscores::kRankedRowsKept ? 1 : 0;
        }
        QVERIFY(ranked > keptWhole);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM predictions")), keptWhole);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM run_scores")),
                 (n + runscores::kSamplesPerPart - 1) / runscores::kSamplesPerPart);

        qint64 previous = 0;
        int seen = 0;
        QVERIFY(store->forEachPrediction(*run, [&](const PredictionRow &p) {
            const PredictionRow &want = rows.at(seen++);
            if (p.sampleId <= previous || p.sampleId != want.sampleId || p.label != want.label
                || p.confidence != want.confidence || p.rank != want.rank || p.score != want.score
                || p.detailJson != want.detailJson || !p.probabilities.isEmpty())
                return false;
            previous = p.sampleId;
            return true;
        }));
        QCOMPARE(seen, n);

        const PredictionRow &top = rows.last(); // rank 1: kept whole, with its probabilities
        const PredictionRow &deep = rows.at(3); // ranked below the rows kept whole
        const PredictionRow &unranked = rows.at(55);
        QCOMPARE(store->prediction(*run, top.sampleId)->value().probabilities, top.probabilities);
        const auto d = store->prediction(*run, deep.sampleId);
        QVERIFY(d && d->has_value());
        QCOMPARE((*d)->rank, deep.rank);
        QCOMPARE((*d)->label, deep.label);
        QCOMPARE((*d)->detailJson, deep.detailJson);
        QVERIFY((*d)->probabilities.isEmpty());
        QVERIFY(!store->prediction(*run, unranked.sampleId)->value().rank.has_value());
        QVERIFY(!store->prediction(*run, 10 * n)->has_value());
        const auto some = store->predictions(*run, {deep.sampleId, top.sampleId, 10 * n, unranked.sampleId});
        QCOMPARE(some->size(), 3);
        QCOMPARE(some->value(unranked.sampleId).confidence, unranked.confidence);

        // The whole ranking, rank order, also below the rows kept whole; a sample labeled since is skipped.
        AnnotationInput label;
        label.labels = {QStringLiteral("ham")};
        QVERIFY(store->annotate(deep.sampleId, label));
        const auto ranking = store->rankedPredictions(*run, -1);
        QVERIFY(ranking);
        QCOMPARE(ranking->size(), ranked - 1);
        for (int i = 1; i < ranking->size(); ++i)
            QVERIFY(*ranking->at(i - 1).rank < *ranking->at(i).rank);
        for (const PredictionRow &p : *ranking)
            QVERIFY(p.sampleId != deep.sampleId);
        QCOMPARE(store->rankedPredictions(*run, keptWhole + 10)->size(), keptWhole + 10);
        QCOMPARE(store->rankedPredictions(*run, keptWhole + 10)->last().rank, ranking->at(keptWhole + 9).rank);
    }

    // A round hands its pool, evaluation and labeled rows over as separate lists: every row is stored, and a
    // sample in two lists keeps the later one, as if the lists were joined.
    void predictionsFromSeveralListsAreStoredAsOne()
    {
        auto store = makeProject(QStringLiteral("several-lists.marginalia"));
        QVector<qint64> ids;
        for (const char *text : {"one", "two", "three"})
            ids << store->addSample(Sample{0, {}, QString::fromLatin1(text), {}, {}, Split::Pool})->value();
        auto run = store->beginRun(QStringLiteral("m"), {}, {}, {});
        const QVector<PredictionRow> pool{PredictionRow{ids[0], QStringLiteral("ham"), 0.6, 0.4, 1, {}, {}},
                                          PredictionRow{ids[1], QStringLiteral("ham"), 0.7, 0.3, 2, {}, {}}};
        const QVector<PredictionRow> labeled{PredictionRow{ids[1], QStringLiteral("spam"), 0.8, {}, {}, {}, {}},
                                             PredictionRow{ids[2], QStringLiteral("spam"), 0.9, {}, {}, {}, {}}};
        QVERIFY(store->storePredictions(*run, std::vector<const QVector<PredictionRow> *>{&pool, &labeled}));
        QVERIFY(store->finishRun(*run, RunResult{}));
        QCOMPARE(store->prediction(*run, ids[0])->value().label, QStringLiteral("ham"));
        const auto later = store->prediction(*run, ids[1]);
        QCOMPARE(later->value().label, QStringLiteral("spam"));
        QVERIFY(!later->value().rank);
        QCOMPARE(store->prediction(*run, ids[2])->value().confidence, 0.9);
        QCOMPARE(store->rankedPredictions(*run, 10)->size(), 1);
    }

    // A part that is not one (damaged on disk, or written by something else) is an error, never a crash or a
    // wrong row.
    void aDamagedPartIsAnError()
    {
        auto store = makeProject(QStringLiteral("damaged-part.marginalia"));
        auto id = store->addSample(Sample{0, {}, QStringLiteral("one"), {}, {}, Split::Pool});
        auto run = store->beginRun(QStringLiteral("m"), {}, {}, {});
        QVERIFY(store->storePredictions(*run, {PredictionRow{**id, QStringLiteral("ham"), 0.9, {}, {}, {}, {}}}));
        QVERIFY(store->finishRun(*run, RunResult{}));
        QSqlQuery q(store->database());
        const QByteArray good = [&] {
            QSqlQuery read(store->database());
            read.exec(QStringLiteral("SELECT data FROM run_scores"));
            return read.next() ? read.value(0).toByteArray() : QByteArray();
        }();
        QVERIFY(good.startsWith("MRGNSCR1"));
        for (const QByteArray &bad : {QByteArray("MRGNSCR1\xff\xff\xff\xff garbage"), good.left(good.size() - 3),
                                      QByteArray("not a part at all")}) {
            q.prepare(QStringLiteral("UPDATE run_scores SET data = ?"));
            q.addBindValue(bad);
            QVERIFY(q.exec());
            const auto read = store->prediction(*run, **id);
            QVERIFY(!read);
            QVERIFY2(read.error().contains(QLatin1String("damaged")), qPrintable(read.error()));
        }
    }

    // Version 11 kept a row per sample and run; the upgrade moves them into parts and keeps the top of each ranking.
    void versionElevenPredictionsMoveToParts()
    {
        const QString file = path(QStringLiteral("v11-predictions.marginalia"));
        QVector<qint64> ids;
        {
            auto store = ProjectStore::create(file, TaskType::TextCat, {QStringLiteral("ham"), QStringLiteral("spam")});
            QVERIFY(store);
            QVERIFY((*store)->inTransaction([&]() -> Status {
                for (int i = 0; i < 5000; ++i) {
                    auto id = (*store)->addSample(Sample{0, {}, QStringLiteral("old %1").arg(i), {}, {}, Split::Pool});
                    if (!id)
                        return Error{id.error()};
                    ids << **id;
                }
                return {};
            }));
            auto run = (*store)->beginRun(QStringLiteral("m"), {}, {}, {});
            QVERIFY((*store)->finishRun(*run, RunResult{}));
            QSqlQuery q((*store)->database());
            QVERIFY(testing::rewindToVersion11(q));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO predictions(run_id, sample_id, label, confidence, score, rank,"
                                          " probabilities, detail) SELECT %1, id, 'spam', 0.5, 1.0 / id, id,"
                                          " x'0000803f', NULL FROM samples")
                               .arg(*run)));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 11")));
        }
        auto store = ProjectStore::open(file);
        QVERIFY2(store, qPrintable(store.error()));
        const auto run = (*store)->latestRun(true)->value().id;
        QCOMPARE(count(**store, QStringLiteral("SELECT count(*) FROM predictions")), 5000); // all within the top
        int moved = 0;
        QVERIFY((*store)->forEachPrediction(run, [&](const PredictionRow &p) {
            return p.label == QLatin1String("spam") && p.rank == int(p.sampleId) && ++moved > 0;
        }));
        QCOMPARE(moved, 5000);
        QCOMPARE((*store)->prediction(run, ids.at(7))->value().probabilities, QByteArray::fromHex("0000803f"));
    }

    void bulkWritesWaitWhileALabelIsBeingSaved()
    {
        auto store = makeProject(QStringLiteral("gate.marginalia"));
        QVector<PredictionRow> rows;
        QVERIFY(store->inTransaction([&]() -> Status {
            for (int i = 0; i < 3000; ++i) {
                auto id = store->addSample(Sample{0, {}, QStringLiteral("gate %1").arg(i), {}, {}, Split::Pool});
                if (!id)
                    return Error{id.error()};
                rows.push_back(PredictionRow{**id, QStringLiteral("spam"), 0.9, 0.1, i + 1, {}, {}});
            }
            return {};
        }));
        const auto run = store->beginRun(QStringLiteral("m"), {}, {}, {});
        QVERIFY(run);
        // A second connection on the same file (the worker's) shares the gate.
        auto worker = ProjectStore::open(store->path());
        QVERIFY(worker);
        QCOMPARE(&(*worker)->writeGate(), &store->writeGate());
        QFuture<Status> stored;
        {
            const WriteGate::Interactive labelSaving(store->writeGate());
            QVERIFY(store->writeGate().interactiveWaiting());
            const WriteGate::Budget budget(store->writeGate());
            QVERIFY(budget.spent()); // a bulk transaction under way would commit at once
            const QString path = store->path();
            stored = QtConcurrent::run([path, run, rows]() -> Status {
                auto own = ProjectStore::open(path);
                if (!own)
                    return Error{own.error()};
                return (*own)->storePredictions(*run, rows);
            });
            QTest::qWait(40);
            QCOMPARE(store->rankedPredictions(*run, -1, false)->size(), 0); // nothing written while the label waits
        }
        QVERIFY(!store->writeGate().interactiveWaiting());
        stored.waitForFinished();
        QVERIFY2(stored.result(), qPrintable(stored.result().ok() ? QString() : stored.result().error()));
        QCOMPARE(store->rankedPredictions(*run, -1, false)->size(), 3000);
    }

    void labelsAndBulkWritesInterleaveWithoutLoss()
    {
        auto store = makeProject(QStringLiteral("interleave.marginalia"));
        QVector<PredictionRow> rows;
        QVector<qint64> ids;
        QVERIFY(store->inTransaction([&]() -> Status {
            for (int i = 0; i < 6000; ++i) {
                auto id = store->addSample(Sample{0, {}, QStringLiteral("mixed %1").arg(i), {}, {}, Split::Pool});
                if (!id)
                    return Error{id.error()};
                ids.push_back(**id);
                rows.push_back(PredictionRow{**id, QStringLiteral("ham"), 0.6, 0.4, i + 1, {}, {}});
            }
            return {};
        }));
        const auto run = store->beginRun(QStringLiteral("m"), {}, {}, {});
        QVERIFY(run);
        RunResult result;
        result.checkpoint = QByteArray(2 * 1024 * 1024 + 5, 'c');
        const QString path = store->path();
        QFuture<Status> worker = QtConcurrent::run([path, run, rows, result]() -> Status {
            auto own = ProjectStore::open(path);
            if (!own)
                return Error{own.error()};
            if (auto s = (*own)->storePredictions(*run, rows); !s)
                return s;
            return (*own)->finishRun(*run, result);
        });
        for (int i = 0; i < 60; ++i) {
            AnnotationInput input;
            input.labels = {i % 2 ? QStringLiteral("spam") : QStringLiteral("ham")};
            QVERIFY(store->annotate(ids.at(i), input));
        }
        worker.waitForFinished();
        QVERIFY(worker.result());
        for (int i = 0; i < 60; ++i)
            QCOMPARE(store->currentAnnotation(ids.at(i))->value().labels.value(0),
                     i % 2 ? QStringLiteral("spam") : QStringLiteral("ham"));
        QCOMPARE(store->rankedPredictions(*run, -1, false)->size(), 6000);
        QCOMPARE(*store->checkpoint(*run), result.checkpoint);
        QCOMPARE(store->latestRun()->value().id, *run);
    }

    void oldCheckpointsArePrunedLatestKept()
    {
        auto store = makeProject(QStringLiteral("prune.marginalia"));
        QVector<qint64> runs;
        const QByteArray weights(3 * 1024 * 1024 + 17, 'w'); // several parts
        for (int i = 0; i < 5; ++i) {
            auto run = store->beginRun(QStringLiteral("m"), {}, {}, {});
            RunResult result;
            result.checkpoint = weights + QByteArray::number(i);
            QVERIFY(store->finishRun(*run, result));
            runs << *run;
        }
        QCOMPARE(*store->checkpoint(runs[0]), weights + "0");
        QVERIFY(store->pruneCheckpoints(2));
        QVERIFY(!store->checkpoint(runs[0]));
        QVERIFY(!store->checkpoint(runs[2]));
        QCOMPARE(*store->checkpoint(runs[3]), weights + "3");
        QCOMPARE(*store->checkpoint(runs[4]), weights + "4");
        QCOMPARE(store->runs()->size(), 5); // the runs and their metrics stay
    }

    void versionOneFileIsMigrated()
    {
        const QString p = path(QStringLiteral("v1.marginalia"));
        makeProject(QStringLiteral("v1.marginalia"));
        {
            // Turn the file back into what version 1 wrote.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(p);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(marginalia::testing::rewindToVersion6(q));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE run_checkpoint_parts")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE model_runs DROP COLUMN owner")));
            QVERIFY(q.exec(QStringLiteral("DROP INDEX samples_eval")));
            QVERIFY(q.exec(QStringLiteral("CREATE INDEX samples_split ON samples(split, id)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO model_runs(created_at, status, model_kind, checkpoint)"
                                          " VALUES(1, 'done', 'm', x'0102')")));
            // A round an old version left running when it died.
            QVERIFY(q.exec(QStringLiteral("INSERT INTO model_runs(created_at, status, model_kind)"
                                          " VALUES(2, 'running', 'm')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        auto store = ProjectStore::open(p);
        QVERIFY2(store, qPrintable(store.error()));
        // Version 6 dropped the old weights (not in the new format), with a notice; the run stays.
        const auto dropped = (*store)->checkpoint(1);
        QVERIFY2(dropped, qPrintable(dropped.error()));
        QVERIFY(dropped->isEmpty());
        QCOMPARE((*store)->openNotices().size(), 1);
        QCOMPARE((*store)->runs()->size(), 2);
        QCOMPARE((*store)->runs()->at(1).status, QStringLiteral("failed"));
        auto run = (*store)->beginRun(QStringLiteral("m"), {}, {}, {});
        RunResult result;
        result.checkpoint = QByteArray("new");
        QVERIFY((*store)->finishRun(*run, result));
        QCOMPARE(*(*store)->checkpoint(*run), QByteArray("new"));
        QSqlQuery version((*store)->database());
        QVERIFY(version.exec(QStringLiteral("PRAGMA user_version")) && version.next());
        QCOMPARE(version.value(0).toInt(), schema::kCurrentVersion);
        // Version 3 replaced the split index by a partial one on eval samples, which eval queries use.
        QSqlQuery indexes((*store)->database());
        QVERIFY(indexes.exec(QStringLiteral("SELECT group_concat(name) FROM sqlite_master WHERE type = 'index'"
                                            " AND name IN ('samples_split', 'samples_eval')"))
                && indexes.next());
        QCOMPARE(indexes.value(0).toString(), QStringLiteral("samples_eval"));
        QSqlQuery plan((*store)->database());
        QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT s.id FROM samples s WHERE s.split = 'eval'")));
        QString steps;
        while (plan.next())
            steps += plan.value(3).toString();
        QVERIFY2(steps.contains(QLatin1String("samples_eval")), qPrintable(steps));
    }

    // Version 6 stores models as plain named tensors ("MRGNTNSR..."): opening an older project drops the torch
    // archives it holds, in either place a checkpoint may be, keeps the runs with their metrics and predictions,
    // and says so once.
    void versionFiveCheckpointsAreDroppedWithANotice()
    {
        const QString p = path(QStringLiteral("v5.marginalia"));
        QVector<qint64> runs;
        const QByteArray oldArchive = QByteArray("PK\x03\x04", 4) + QByteArray(300 * 1024, 'z'); // several parts
        const QByteArray newFormat = QByteArray("MRGNTNSR\x01\x00\x00\x00", 12) + QByteArray(200 * 1024, 'n');
        {
            auto store = makeProject(QStringLiteral("v5.marginalia"));
            const qint64 sample = **store->addSample(Sample{0, {}, QStringLiteral("a"), {}, {}, Split::Pool});
            for (const QByteArray &weights : {oldArchive, newFormat, oldArchive}) {
                auto run = store->beginRun(QStringLiteral("embedding-bag"), QStringLiteral("{}"), {}, {});
                RunResult result;
                result.metrics = {MetricRow{QStringLiteral("label"), QStringLiteral("ham"), false, 0.5, 1.0, 0.6667, 2}};
                result.epochs = {EpochRow{1, 0.9, 0.8}};
                result.checkpoint = weights;
                QVERIFY(store->finishRun(*run, result));
                QVERIFY(store->storePredictions(*run, {PredictionRow{sample, QStringLiteral("ham"), 0.9, 0.1, 1, {}, {}}}));
                runs << *run;
            }
            QSqlQuery q(store->database());
            // A checkpoint as version 1 stored it, in the run's own column.
            QVERIFY(q.prepare(QStringLiteral("UPDATE model_runs SET checkpoint = ? WHERE id = ?")));
            q.addBindValue(oldArchive.left(500));
            q.addBindValue(runs[0]);
            QVERIFY(q.exec());
            QVERIFY(q.exec(QStringLiteral("DELETE FROM run_checkpoint_parts WHERE run_id = %1").arg(runs[0])));
            QVERIFY(marginalia::testing::rewindToVersion6(q));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 5")));
        }
        auto store = ProjectStore::open(p);
        QVERIFY2(store, qPrintable(store.error()));
        const QStringList notices = (*store)->openNotices();
        QCOMPARE(notices.size(), 1);
        QVERIFY2(notices.first().contains(QLatin1String("removed")), qPrintable(notices.first()));
        // A dropped model reads as empty bytes, which readers take for "no stored model" (not an error).
        for (qint64 run : {runs[0], runs[2]}) {
            const auto dropped = (*store)->checkpoint(run);
            QVERIFY2(dropped, qPrintable(dropped.error()));
            QVERIFY(dropped->isEmpty());
        }
        QCOMPARE(*(*store)->checkpoint(runs[1]), newFormat);
        QSqlQuery q((*store)->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM run_checkpoint_parts WHERE run_id <> %1").arg(runs[1])) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE((*store)->runs()->size(), 3);
        for (qint64 run : runs) {
            QCOMPARE((*store)->runMetrics(run)->size(), 1);
            QCOMPARE((*store)->runEpochs(run)->size(), 1);
            QCOMPARE((*store)->rankedPredictions(run, -1, false)->size(), 1);
        }
        QCOMPARE((*(*store)->latestRun())->id, runs[2]);
        QSqlQuery version((*store)->database());
        QVERIFY(version.exec(QStringLiteral("PRAGMA user_version")) && version.next());
        QCOMPARE(version.value(0).toInt(), schema::kCurrentVersion);
        // Said once: the next open (this process or another) has nothing to say, nor does a new project.
        auto again = ProjectStore::open(p);
        QVERIFY(again);
        QVERIFY((*again)->openNotices().isEmpty());
        QVERIFY(makeProject(QStringLiteral("v6.marginalia"))->openNotices().isEmpty());
    }

    // A version 5 project without stored models opens without a notice.
    void versionFiveWithoutModelsOpensQuietly()
    {
        const QString p = path(QStringLiteral("v5-quiet.marginalia"));
        {
            auto store = makeProject(QStringLiteral("v5-quiet.marginalia"));
            QSqlQuery q(store->database());
            QVERIFY(marginalia::testing::rewindToVersion6(q));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 5")));
        }
        auto store = ProjectStore::open(p);
        QVERIFY2(store, qPrintable(store.error()));
        QVERIFY((*store)->openNotices().isEmpty());
    }

    void secondConnectionSeesCommittedWrites()
    {
        auto writer = makeProject(QStringLiteral("shared.marginalia"));
        auto reader = ProjectStore::open(path(QStringLiteral("shared.marginalia")));
        QVERIFY2(reader, qPrintable(reader.error()));
        const qint64 id = **writer->addSample(Sample{0, {}, QStringLiteral("x"), {}, {}, Split::Pool});
        QVERIFY(writer->annotate(id, AnnotationInput{{QStringLiteral("ham")}, {}, false, {}, AnnotationSource::Human}));
        QCOMPARE((*reader)->stats()->labeledPool, 1);
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_projectstore.moc"
