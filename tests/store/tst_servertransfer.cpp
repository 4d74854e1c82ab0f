// A project moved to a PostgreSQL server and back (push, pull) on a cluster this test starts itself: every table's
// rows come back the same (annotation versions, reviews, rejections, flags, leases, runs with weights and
// predictions), the text search works on the pulled file, and refusals change nothing on either side.
#include "PgCluster.h"
#include "store/TextSearch.h"
#include "store/Assignments.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"
#include "store/ProjectTransfer.h"

#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;

namespace {
// Every row of every table of a project file, as text, in a fixed order: what "the same project" means here.
QStringList dump(const QString &path)
{
    auto store = std::move(ProjectStore::open(path)).value();
    QStringList out;
    QSqlQuery tables(store->database());
    tables.exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                               " AND name NOT LIKE 'samples_fts%' ORDER BY name"));
    while (tables.next()) {
        const QString table = tables.value(0).toString();
        QSqlQuery rows(store->database());
        rows.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY 1, 2").arg(table));
        while (rows.next()) {
            QStringList cells;
            for (int i = 0; i < rows.record().count(); ++i) {
                const QVariant v = rows.value(i);
                cells << (v.isNull() ? QStringLiteral("NULL")
                                     : v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex())
                                                                            : v.toString());
            }
            out << table + QLatin1Char('|') + cells.join(QLatin1Char('|'));
        }
    }
    return out;
}
} // namespace

class TestServerTransfer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    testing::PgCluster m_cluster;

    QString makeProject()
    {
        const QString path = m_dir.filePath(QStringLiteral("team.marginalia"));
        auto store = std::move(ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("spam"), QStringLiteral("ham"), QStringLiteral("退款")})).value();
        for (int i = 0; i < 450; ++i) { // more rows than one insert statement carries
            Sample s;
            s.text = i % 3 ? QStringLiteral("message %1 about a refund").arg(i) : QStringLiteral("第%1条消息：退款").arg(i);
            s.externalId = QStringLiteral("m%1").arg(i);
            s.split = i % 5 == 0 ? Split::Eval : Split::Pool;
            (void)store->addSample(s);
        }
        AnnotationInput a;
        a.labels = {QStringLiteral("spam")};
        a.annotator = QStringLiteral("ann");
        a.provenance.origin = QLatin1String(Provenance::Ranked);
        a.provenance.seconds = 2.5;
        for (qint64 id = 1; id <= 40; ++id)
            (void)store->annotate(id, a);
        a.annotator = QStringLiteral("bob");
        a.labels = {QStringLiteral("ham")};
        (void)store->annotate(3, a);
        (void)store->annotate(3, reviewInput({QStringLiteral("退款")}, QStringLiteral("rita")));
        RejectionInput no;
        no.label = QStringLiteral("ham");
        no.annotator = QStringLiteral("ann");
        (void)store->rejectLabel(50, no);
        (void)store->setFlag(7, QStringLiteral("unsure"));
        (void)store->setSetting(QStringLiteral("model.epochs"), QStringLiteral("12"));
        (void)claimSamples(*store, QStringLiteral("ann"), {60, 61}, 2, {});
        const auto run = store->beginRun(QStringLiteral("text"), QStringLiteral("{\"labels\":[\"spam\",\"ham\",\"退款\"]}"),
                                         QStringLiteral("CPU"), QStringLiteral("margin"));
        QVector<PredictionRow> rows;
        for (qint64 id = 41; id <= 450; ++id) {
            PredictionRow p;
            p.sampleId = id;
            p.label = QStringLiteral("spam");
            p.confidence = 0.5 + double(id % 7) / 20;
            p.score = double(id % 11);
            p.rank = int(id - 40);
            rows.push_back(p);
        }
        (void)store->storePredictions(*run, rows);
        RunResult result;
        result.trainLabels = 32;
        result.evalLabels = 8;
        result.accuracy = 0.75;
        result.epochs = {EpochRow{1, 0.9, 0.8}, EpochRow{2, 0.5, 0.6}};
        MetricRow metric;
        metric.name = QStringLiteral("spam");
        metric.precision = 0.8;
        metric.recall = 0.7;
        metric.f1 = 0.75;
        metric.support = 5;
        result.metrics = {metric};
        result.confusion = {ConfusionCell{QStringLiteral("spam"), QStringLiteral("ham"), 2}};
        result.checkpoint = QByteArray(300 * 1024, '\x07'); // several checkpoint parts
        if (!store->finishRun(*run, result))
            qFatal("cannot store the run");
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString why;
        QVERIFY2(m_cluster.start(&why), qPrintable(why));
    }

    void locations()
    {
        const auto l = parseServerLocation(QStringLiteral("postgresql://ann:s3cret@db.example.org:5433/labels?project=news&sslmode=require"));
        QVERIFY2(l, qPrintable(l.error()));
        QCOMPARE(l->user, QStringLiteral("ann"));
        QCOMPARE(l->password, QStringLiteral("s3cret"));
        QCOMPARE(l->host, QStringLiteral("db.example.org"));
        QCOMPARE(l->port, 5433);
        QCOMPARE(l->database, QStringLiteral("labels"));
        QCOMPARE(l->project, QStringLiteral("news"));
        QCOMPARE(l->sslmode, QStringLiteral("require"));
        QVERIFY(!l->text().contains(QStringLiteral("s3cret")));
        const auto socket = parseServerLocation(QStringLiteral("postgresql:///labels?project=p1&host=/run/postgresql"));
        QVERIFY(socket);
        QCOMPARE(socket->host, QStringLiteral("/run/postgresql"));
        QVERIFY(!parseServerLocation(QStringLiteral("postgresql://h/labels")));                       // no project
        QVERIFY(!parseServerLocation(QStringLiteral("postgresql://h/labels?project=a;drop")));       // not a plain name
        QVERIFY(!parseServerLocation(QStringLiteral("postgresql://h/?project=a")));                  // no database
        QVERIFY(!parseServerLocation(QStringLiteral("postgresql://h/x?project=a&sslmode=sometimes")));
        const auto bad = parseServerLocation(QStringLiteral("postgresql://ann:s3cret@h/x"));
        QVERIFY(!bad && !bad.error().contains(QStringLiteral("s3cret")));
    }

    void pushThenPullGivesTheSameProject()
    {
        const QString path = makeProject();
        const auto location = *parseServerLocation(m_cluster.url(QStringLiteral("team")));
        qint64 lastDone = 0, lastTotal = 0;
        {
            auto store = std::move(ProjectStore::open(path)).value();
            const auto pushed = pushProject(*store, location, false, nullptr, [&](qint64 done, qint64 total) {
                lastDone = done;
                lastTotal = total;
            });
            QVERIFY2(pushed, qPrintable(pushed.error()));
            QVERIFY2(pushed->rows > 900 && pushed->tables >= 18, qPrintable(QString::number(pushed->rows)));
            QCOMPARE(lastDone, lastTotal);
            // Pushed again: refused without --replace, and the server's copy stays.
            const auto again = pushProject(*store, location, false);
            QVERIFY(!again);
            QVERIFY2(again.error().contains(QStringLiteral("--replace")), qPrintable(again.error()));
            QVERIFY(pushProject(*store, location, true));
        }
        const QString pulled = m_dir.filePath(QStringLiteral("pulled.marginalia"));
        const auto back = pullProject(location, pulled);
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->rows, lastTotal);
        const QStringList before = dump(path), after = dump(pulled);
        QCOMPARE(after.size(), before.size());
        QCOMPARE(after, before);
        // The pulled file works as a project: the reviewed label stands, the text search finds Chinese text.
        auto store = std::move(ProjectStore::open(pulled)).value();
        QCOMPARE(resolveLabel(*store->annotationHistory(3), TaskType::TextCat).annotation->labels, QStringList{QStringLiteral("退款")});
        SampleFilter chinese;
        chinese.text = *parseTextSearch(QStringLiteral("消息"));
        QCOMPARE(*store->countSamples(chinese), qint64(150));
        QVERIFY(store->checkpoint(store->latestRun(true).value()->id)->size() == 300 * 1024);

        // A second pull onto the same file is refused and leaves it alone; an unknown project is named.
        QVERIFY(!pullProject(location, pulled));
        QCOMPARE(dump(pulled), after);
        const auto missing = pullProject(*parseServerLocation(m_cluster.url(QStringLiteral("nothere"))),
                                         m_dir.filePath(QStringLiteral("none.marginalia")));
        QVERIFY(!missing && missing.error().contains(QStringLiteral("nothere")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.marginalia"))));
    }

    // The commands, as a user runs them; a server that is not there is a clear error.
    void theCommands()
    {
        const QString path = m_dir.filePath(QStringLiteral("team.marginalia"));
        QVERIFY(QFile::exists(path));
        const auto cli = [](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral(MARGINALIA_BINARY), args);
            p.waitForFinished(120000);
            return QPair<int, QByteArray>(p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError());
        };
        const auto push = cli({QStringLiteral("push"), path, m_cluster.url(QStringLiteral("cli")), QStringLiteral("--replace")});
        QVERIFY2(push.first == 0, push.second.constData());
        const QString pulled = m_dir.filePath(QStringLiteral("cli.marginalia"));
        const auto pull = cli({QStringLiteral("pull"), m_cluster.url(QStringLiteral("cli")), pulled});
        QVERIFY2(pull.first == 0, pull.second.constData());
        QCOMPARE(dump(pulled), dump(path));
        const auto exportedA = cli({QStringLiteral("export"), path, m_dir.filePath(QStringLiteral("a.jsonl")), QStringLiteral("--with-meta")});
        const auto exportedB = cli({QStringLiteral("export"), pulled, m_dir.filePath(QStringLiteral("b.jsonl")), QStringLiteral("--with-meta")});
        QVERIFY(exportedA.first == 0 && exportedB.first == 0);
        QFile a(m_dir.filePath(QStringLiteral("a.jsonl"))), b(m_dir.filePath(QStringLiteral("b.jsonl")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
        const auto nowhere = cli({QStringLiteral("push"), path,
                                  QStringLiteral("postgresql://marginalia:pw@/postgres?project=x&host=%1/nowhere").arg(m_dir.path())});
        QCOMPARE(nowhere.first, 2);
        QVERIFY2(nowhere.second.contains("Cannot connect") && !nowhere.second.contains(":pw@"), nowhere.second.constData());
        QCOMPARE(cli({QStringLiteral("push"), path, QStringLiteral("postgresql://h/db")}).first, 1);
    }
};

QTEST_GUILESS_MAIN(TestServerTransfer)
#include "tst_servertransfer.moc"
