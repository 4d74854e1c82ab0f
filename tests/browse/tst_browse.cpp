// The browse view at scale: the paged model (rows across page boundaries, every sort and filter against the
// same answer computed here from the data, searches in English and Chinese, labels changing underneath), the
// full-text index following every way samples arrive (one at a time, the batched and the bulk import, a
// version-9 file upgraded), and errors reaching the user.
#include "SchemaRewind.h"
#include "io/Importer.h"
#include "store/BrowseQuery.h"
#include "store/ProjectStore.h"
#include "store/Schema.h"
#include "ui/BrowseView.h"
#include "ui/SampleTableModel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

using namespace marginalia;
using marginalia::ui::SampleTableModel;

namespace {
const QStringList kLabels{QStringLiteral("billing"), QStringLiteral("praise"), QStringLiteral("technical")};
const QStringList kWords{QStringLiteral("refund"), QStringLiteral("order"), QStringLiteral("late"),
                         QStringLiteral("Screen"), QStringLiteral("battery"), QStringLiteral("great")};
const QStringList kHanzi{QStringLiteral("退款申请"), QStringLiteral("订单延迟"), QStringLiteral("屏幕坏了"),
                         QStringLiteral("服务很好")};

// What the generated project holds, to compute each expected answer from.
struct Truth
{
    QString text;
    QString label; // "" = unlabeled
    QString predicted;
    double confidence = 0;
    std::optional<int> rank;
    bool eval = false;
    bool flagged = false;
};

QString textOf(int i)
{
    if (i % 5 == 0)
        return QStringLiteral("第%1条：").arg(i) + kHanzi.at(i % kHanzi.size()) + kHanzi.at((i / 5) % kHanzi.size());
    return QStringLiteral("sample %1 %2 %3").arg(i).arg(kWords.at(i % kWords.size()), kWords.at((i / 7) % kWords.size()));
}
} // namespace

class TestBrowse : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ProjectStore> m_store;
    QMap<qint64, Truth> m_truth;
    int m_project = 0;

    QString newPath() { return m_dir.filePath(QStringLiteral("p%1.marginalia").arg(++m_project)); }

    // 1,000 samples over five pages: a fifth in Chinese, every tenth evaluation, every seventh labeled, a run
    // that predicts every sample with a confidence spread over [0, 1), the unlabeled pool ranked.
    void makeProject(int count = 1000)
    {
        m_store.reset();
        m_truth.clear();
        auto created = ProjectStore::create(newPath(), TaskType::TextCat, kLabels);
        QVERIFY2(created, qPrintable(created.error()));
        m_store = std::move(created).value();
        QVERIFY(m_store->inTransaction([&]() -> Status {
            for (int i = 1; i <= count; ++i) {
                Sample s;
                s.text = textOf(i);
                s.split = i % 10 == 0 ? Split::Eval : Split::Pool;
                auto id = m_store->addSample(s);
                if (!id)
                    return Error{id.error()};
                Truth t;
                t.text = s.text;
                t.eval = s.split == Split::Eval;
                m_truth.insert(**id, t);
            }
            return {};
        }));
        auto run = m_store->beginRun(QStringLiteral("test"), QStringLiteral("{}"), QStringLiteral("CPU"),
                                     QStringLiteral("margin"));
        QVERIFY(run);
        QVector<PredictionRow> predictions;
        int rank = 0;
        for (auto it = m_truth.begin(); it != m_truth.end(); ++it) {
            const qint64 id = it.key();
            if (id % 7 == 0) {
                AnnotationInput input;
                input.labels = {kLabels.at(id % 3)};
                QVERIFY(m_store->annotate(id, input));
                it->label = input.labels.first();
            }
            if (id % 50 == 3) {
                QVERIFY(m_store->setFlag(id, QStringLiteral("check")));
                it->flagged = true;
            }
            PredictionRow p;
            p.sampleId = id;
            p.label = kLabels.at((id / 2) % 3);
            p.confidence = double((id * 37) % 1000) / 1000.0;
            if (!it->eval && it->label.isEmpty() && id % 3 == 0)
                p.rank = ++rank;
            p.score = p.rank ? std::optional<double>(1.0 / *p.rank) : std::nullopt;
            it->predicted = p.label;
            it->confidence = p.confidence;
            it->rank = p.rank;
            predictions << p;
        }
        QVERIFY(m_store->storePredictions(*run, predictions));
        QVERIFY(m_store->finishRun(*run, RunResult{}));
    }

    QVector<qint64> expected(const std::function<bool(const Truth &)> &keep) const
    {
        QVector<qint64> ids;
        for (auto it = m_truth.cbegin(); it != m_truth.cend(); ++it)
            if (keep(*it))
                ids << it.key();
        return ids;
    }

    static QVector<qint64> idsOf(const SampleTableModel &model)
    {
        QVector<qint64> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids << model.index(r, SampleTableModel::IdColumn).data().toLongLong();
        return ids;
    }

    static void waitLoaded(SampleTableModel &model)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
    }

    QVector<qint64> search(const QString &text)
    {
        BrowseQuery q;
        q.text = parseTextSearch(text).value();
        auto ids = browseIds(m_store->sqliteHandle(), m_store->task(), 0, nullptr, q);
        if (!ids)
            qWarning("%s", qPrintable(ids.error()));
        return ids ? *ids : QVector<qint64>{-1};
    }

    static bool containsAll(const QString &text, const QStringList &words)
    {
        // The search's folding: ASCII letters only, as SQLite's lower().
        const auto fold = [](QString s) {
            for (QChar &c : s)
                if (c.unicode() < 128)
                    c = c.toLower();
            return s;
        };
        return std::all_of(words.cbegin(), words.cend(), [&](const QString &w) { return fold(text).contains(fold(w)); });
    }

    qint64 indexedTo() const
    {
        QSqlQuery q(m_store->database());
        if (!q.exec(QStringLiteral("SELECT indexed_to FROM samples_fts_state")) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    qint64 maxId() const
    {
        QSqlQuery q(m_store->database());
        return q.exec(QStringLiteral("SELECT max(id) FROM samples")) && q.next() ? q.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void trigramQueryNeedsThreeCharacters()
    {
        QCOMPARE(ftsTrigramQuery({QStringLiteral("ab")}), QString());
        QCOMPARE(ftsTrigramQuery({QStringLiteral("退款")}), QString());
        QCOMPARE(ftsTrigramQuery({QStringLiteral("退款申")}), QStringLiteral("\"退款申\""));
        QCOMPARE(ftsTrigramQuery({QStringLiteral("abcd"), QStringLiteral("x")}), QStringLiteral("\"abc\" AND \"bcd\""));
        QCOMPARE(ftsTrigramQuery({QStringLiteral("a\"bc")}), QStringLiteral("\"a\"\"b\" AND \"\"\"bc\""));
        QCOMPARE(ftsTrigramQuery({QStringLiteral("退款"), QStringLiteral("refund")}),
                 QStringLiteral("\"ref\" AND \"efu\" AND \"fun\" AND \"und\"")); // the short word is checked in the text
    }

    void searchMatchesTheText_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addRow("English word") << QStringLiteral("refund");
        QTest::addRow("case folded") << QStringLiteral("SCREEN");
        QTest::addRow("two words") << QStringLiteral("late battery");
        QTest::addRow("phrase") << QStringLiteral("\"refund order\"");
        QTest::addRow("Chinese, four characters") << QStringLiteral("退款申请");
        QTest::addRow("Chinese across words") << QStringLiteral("请订单");
        QTest::addRow("Chinese, two characters") << QStringLiteral("屏幕");
        QTest::addRow("Chinese, one character") << QStringLiteral("坏");
        QTest::addRow("short and long") << QStringLiteral("退款 第10");
        QTest::addRow("number") << QStringLiteral("sample 12 ");
        QTest::addRow("absent") << QStringLiteral("zebra");
    }
    void searchMatchesTheText()
    {
        QFETCH(QString, query);
        if (!m_store || m_truth.size() != 1000)
            makeProject();
        const QStringList words = parseTextSearch(query)->keywords;
        const QVector<qint64> want = expected([&](const Truth &t) { return containsAll(t.text, words); });
        QCOMPARE(search(query), want);
        if (query == QLatin1String("refund"))
            QVERIFY(want.size() > 50);
    }

    void regexSearchScans()
    {
        QCOMPARE(search(QStringLiteral("/^第1\\d条/")),
                 expected([](const Truth &t) { return t.text.startsWith(QStringLiteral("第1")) && t.text.at(3) == QChar(u'条'); }));
        QCOMPARE(search(QStringLiteral("/REFUND|屏幕坏/")), expected([](const Truth &t) {
                     return t.text.contains(QStringLiteral("refund")) || t.text.contains(QStringLiteral("屏幕坏"));
                 }));
    }

    void indexFollowsAddedSamples()
    {
        makeProject(50);
        QCOMPARE(indexedTo(), maxId());
        Sample s;
        s.text = QStringLiteral("一条新的退款投诉 with a zebra");
        const qint64 id = **m_store->addSample(s);
        QCOMPARE(indexedTo(), id);
        QCOMPARE(search(QStringLiteral("zebra")), QVector<qint64>{id});
        QCOMPARE(search(QStringLiteral("退款投诉")), QVector<qint64>{id});
        // A row another program appended without indexing it is above the mark: found by scanning it.
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO samples(text, content_hash, created_at) VALUES('a quokka appears', x'01', 0)")));
        const qint64 outside = q.lastInsertId().toLongLong();
        QCOMPARE(indexedTo(), id);
        QCOMPARE(search(QStringLiteral("quokka")), QVector<qint64>{outside});
        // The next sample added indexes both.
        s.text = QStringLiteral("another quokka");
        const qint64 next = **m_store->addSample(s);
        QCOMPARE(indexedTo(), next);
        QCOMPARE(search(QStringLiteral("quokka")), (QVector<qint64>{outside, next}));
        QSqlQuery fts(m_store->database());
        QVERIFY(fts.exec(QStringLiteral("SELECT count(*) FROM samples_fts WHERE samples_fts MATCH '\"quo\" AND \"kka\"'")));
        QVERIFY(fts.next());
        QCOMPARE(fts.value(0).toInt(), 2);
    }

    // After a bulk import left many rows to the background indexing, a single new sample does not index them all
    // in its own transaction (which would hold the write lock for seconds at a million rows); searches still find
    // every row, and the background indexing brings the index up to date.
    void aSmallWriteAfterABulkImportLeavesTheBacklogToTheBackground()
    {
        m_store.reset();
        auto created = ProjectStore::create(newPath(), TaskType::TextCat, kLabels);
        QVERIFY(created);
        m_store = std::move(created).value();
        const QString file = m_dir.filePath(QStringLiteral("backlog.jsonl"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 1; i <= 20100; ++i)
                f.write(QJsonDocument(QJsonObject{{QStringLiteral("text"), QStringLiteral("row %1 %2").arg(i).arg(i % 97)}})
                            .toJson(QJsonDocument::Compact)
                        + '\n');
        }
        ImportOptions options;
        options.bulkMinRows = 1;
        auto summary = importFile(*m_store, file, options);
        QVERIFY2(summary, qPrintable(summary.error()));
        QVERIFY(summary->bulk);
        QCOMPARE(indexedTo(), qint64(0));
        const auto added = m_store->addSample(Sample{0, {}, QStringLiteral("一个独特的新样本"), {}, {}, Split::Pool});
        QVERIFY(added && added->has_value());
        QCOMPARE(indexedTo(), qint64(0)); // left to the background, with the bulk import's rows
        QCOMPARE(search(QStringLiteral("独特的新样本")), QVector<qint64>{**added});
        QCOMPARE(search(QStringLiteral("row 20077")), QVector<qint64>{20077});
        SampleTableModel model;
        model.setStore(m_store.get());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isIndexing(), 20000);
        QCOMPARE(indexedTo(), maxId());
        // With the backlog gone, a new sample is indexed in its own transaction again.
        const auto next = m_store->addSample(Sample{0, {}, QStringLiteral("another one"), {}, {}, Split::Pool});
        QVERIFY(next && next->has_value());
        QCOMPARE(indexedTo(), **next);
    }

    void indexFollowsImports_data()
    {
        QTest::addColumn<qint64>("bulkMinRows");
        QTest::addRow("batched") << qint64(0);
        QTest::addRow("bulk") << qint64(1);
    }
    void indexFollowsImports()
    {
        QFETCH(qint64, bulkMinRows);
        m_store.reset();
        auto created = ProjectStore::create(newPath(), TaskType::TextCat, kLabels);
        QVERIFY(created);
        m_store = std::move(created).value();
        const QString file = m_dir.filePath(QStringLiteral("import-%1.jsonl").arg(bulkMinRows));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 1; i <= 600; ++i)
                f.write(QJsonDocument(QJsonObject{{QStringLiteral("text"), textOf(i)}}).toJson(QJsonDocument::Compact) + '\n');
        }
        ImportOptions options;
        options.bulkMinRows = bulkMinRows;
        options.batchRows = 100; // the batched import commits (and indexes) six times
        auto summary = importFile(*m_store, file, options);
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, qint64(600));
        QCOMPARE(summary->bulk, bulkMinRows > 0);
        if (bulkMinRows > 0) {
            // A bulk import leaves its samples to the background indexing; a search scans them meanwhile.
            QCOMPARE(indexedTo(), qint64(0));
            QVector<qint64> hits;
            for (int i = 1; i <= 600; ++i)
                if (textOf(i).contains(QStringLiteral("退款申请")))
                    hits << i;
            QVERIFY(!hits.isEmpty());
            QCOMPARE(search(QStringLiteral("退款申请")), hits);
            QVERIFY(*textIndexLags(m_store->sqliteHandle()));
            // A step indexes the next rows in a transaction of its own; the search is the same with part indexed.
            auto more = indexTextStep(m_store->sqliteHandle(), 250);
            QVERIFY2(more, qPrintable(more.error()));
            QVERIFY(*more);
            QCOMPARE(indexedTo(), qint64(250));
            QCOMPARE(search(QStringLiteral("退款申请")), hits);
            // The model brings the rest up to date in the background.
            SampleTableModel model;
            model.setStore(m_store.get());
            QVERIFY(model.isIndexing());
            QTRY_VERIFY_WITH_TIMEOUT(!model.isIndexing(), 20000);
            QVERIFY(!*textIndexLags(m_store->sqliteHandle()));
        }
        QCOMPARE(indexedTo(), maxId());
        // Every sample is in the index: the trigram query alone (no scan of rows above the mark) finds them.
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM samples_fts WHERE samples_fts MATCH '\"退款申\"'")));
        QVERIFY(q.next());
        int want = 0;
        for (int i = 1; i <= 600; ++i)
            want += textOf(i).contains(QStringLiteral("退款申"));
        QVERIFY(want > 0);
        QCOMPARE(q.value(0).toInt(), want);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO samples_fts(samples_fts) VALUES('integrity-check')")));
        // A second import into the same project indexes only what it adds.
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"text\": \"imported later: a wombat\"}\n");
        }
        QVERIFY(importFile(*m_store, file, options));
        QCOMPARE(indexedTo(), maxId());
        QVERIFY(q.exec(QStringLiteral("SELECT rowid FROM samples_fts WHERE samples_fts MATCH '\"wom\" AND \"bat\"'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), maxId());
    }

    void upgradeFromVersion9BuildsTheIndex()
    {
        makeProject(200);
        const QString path = m_store->path();
        m_store.reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("rewind"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(marginalia::testing::rewindToVersion9(q));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 9")));
            QVERIFY(!q.exec(QStringLiteral("SELECT count(*) FROM samples_fts")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("rewind"));
        auto opened = ProjectStore::open(path);
        QVERIFY2(opened, qPrintable(opened.error()));
        m_store = std::move(opened).value();
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), schema::kCurrentVersion);
        QCOMPARE(indexedTo(), maxId());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM samples_fts WHERE samples_fts MATCH '\"服务很\"'")) && q.next());
        const QVector<qint64> want = expected([](const Truth &t) { return t.text.contains(QStringLiteral("服务很")); });
        QVERIFY(!want.isEmpty());
        QCOMPARE(q.value(0).toInt(), int(want.size()));
        QCOMPARE(search(QStringLiteral("服务很好")), expected([](const Truth &t) { return t.text.contains(QStringLiteral("服务很好")); }));
    }

    void pagesAcrossBoundaries()
    {
        makeProject();
        SampleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        model.reload({});
        QCOMPARE(model.rowCount(), 1000);
        QVERIFY(model.pageQueries() <= 1); // the count costs no row reads (the tester reads the first row)
        const QVector<qint64> all = m_truth.keys().toVector();
        for (int row : {0, 199, 200, 201, 399, 400, 799, 800, 999}) {
            QCOMPARE(model.sampleId(row), all.at(row));
            const QString text = model.index(row, SampleTableModel::TextColumn).data().toString();
            QCOMPARE(text, m_truth.value(all.at(row)).text);
            QCOMPARE(model.index(row, SampleTableModel::LabelColumn).data().toString(), m_truth.value(all.at(row)).label);
            QCOMPARE(model.index(row, SampleTableModel::PredictedColumn).data().toString(),
                     m_truth.value(all.at(row)).predicted);
        }
        QCOMPARE(model.pageQueries(), 5); // one query per page of 200, not per row
        for (int row = 0; row < 1000; ++row)
            QCOMPARE(model.split(row), m_truth.value(all.at(row)).eval ? Split::Eval : Split::Pool);
        QCOMPARE(model.pageQueries(), 5); // the pages stay
        QCOMPARE(idsOf(model), all);
    }

    void sortsEveryColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        for (int column : {int(SampleTableModel::IdColumn), int(SampleTableModel::SplitColumn),
                           int(SampleTableModel::LabelColumn), int(SampleTableModel::PredictedColumn),
                           int(SampleTableModel::ConfidenceColumn), int(SampleTableModel::ScoreColumn)})
            for (bool descending : {false, true})
                QTest::addRow("column %d %s", column, descending ? "descending" : "ascending") << column << descending;
    }
    void sortsEveryColumn()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        if (!m_store || m_truth.size() != 1000)
            makeProject();
        SampleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        model.reload({});
        model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        waitLoaded(model); // a run's predictions are read on the worker the first time a sort needs them
        QCOMPARE(model.rowCount(), 1000);
        // The order, spelled out: a key per sample, ties by id; no key (unlabeled, unranked) first, or last for the
        // rank.
        QVector<qint64> want = m_truth.keys().toVector();
        const auto key = [&](qint64 id) -> QVariant {
            const Truth &t = m_truth.value(id);
            switch (column) {
            case SampleTableModel::SplitColumn:
                return t.eval ? 0 : 1;
            case SampleTableModel::LabelColumn:
                return t.label;
            case SampleTableModel::PredictedColumn:
                return t.predicted;
            case SampleTableModel::ConfidenceColumn:
                return t.confidence;
            case SampleTableModel::ScoreColumn:
                return t.rank ? *t.rank : 1 << 30;
            default:
                return id;
            }
        };
        std::stable_sort(want.begin(), want.end(), [&](qint64 a, qint64 b) {
            const QVariant ka = key(a), kb = key(b);
            return QVariant::compare(ka, kb) == QPartialOrdering::Less;
        });
        if (descending)
            std::reverse(want.begin(), want.end());
        const QVector<qint64> got = idsOf(model);
        if (column == SampleTableModel::ConfidenceColumn) {
            // Ties of confidence come in the index's order; the confidences must not go backwards.
            for (int r = 1; r < got.size(); ++r) {
                const double prev = m_truth.value(got.at(r - 1)).confidence, here = m_truth.value(got.at(r)).confidence;
                QVERIFY2(descending ? prev >= here : prev <= here, qPrintable(QStringLiteral("row %1").arg(r)));
            }
            QVector<qint64> a = got, b = want;
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            QCOMPARE(a, b);
        } else {
            QCOMPARE(got, want);
        }
        // The cells agree with the order across page boundaries.
        if (column == SampleTableModel::LabelColumn)
            for (int r : {199, 200, 399, 400})
                QCOMPARE(model.index(r, column).data().toString(), m_truth.value(got.at(r)).label);
    }

    void filters_data()
    {
        QTest::addColumn<int>("which");
        QTest::addRow("labeled") << 0;
        QTest::addRow("unlabeled") << 1;
        QTest::addRow("label") << 2;
        QTest::addRow("predicted") << 3;
        QTest::addRow("confidence range") << 4;
        QTest::addRow("flagged") << 5;
        QTest::addRow("evaluation split") << 6;
        QTest::addRow("pool, predicted, at least 0.5") << 7;
        QTest::addRow("disagreement") << 8;
        QTest::addRow("ranked queue") << 9;
        QTest::addRow("label and search") << 10;
    }
    void filters()
    {
        QFETCH(int, which);
        if (!m_store || m_truth.size() != 1000)
            makeProject();
        SampleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        SampleTableModel::Query query;
        std::function<bool(const Truth &)> keep;
        const QString billing = kLabels.at(0), praise = kLabels.at(1);
        switch (which) {
        case 0:
            query.filter.labelState = SampleFilter::LabelState::Labeled;
            keep = [](const Truth &t) { return !t.label.isEmpty(); };
            break;
        case 1:
            query.filter.labelState = SampleFilter::LabelState::Unlabeled;
            keep = [](const Truth &t) { return t.label.isEmpty(); };
            break;
        case 2:
            query.filter.label = billing;
            keep = [&](const Truth &t) { return t.label == billing; };
            break;
        case 3:
            query.predicted = praise;
            keep = [&](const Truth &t) { return t.predicted == praise; };
            break;
        case 4:
            query.minConfidence = 0.25;
            query.maxConfidence = 0.4;
            keep = [](const Truth &t) { return t.confidence >= 0.25 && t.confidence <= 0.4; };
            break;
        case 5:
            query.filter.flaggedOnly = true;
            keep = [](const Truth &t) { return t.flagged; };
            break;
        case 6:
            query.filter.split = Split::Eval;
            keep = [](const Truth &t) { return t.eval; };
            break;
        case 7:
            query.filter.split = Split::Pool;
            query.predicted = billing;
            query.minConfidence = 0.5;
            keep = [&](const Truth &t) { return !t.eval && t.predicted == billing && t.confidence >= 0.5; };
            break;
        case 8:
            query.disagreement = true;
            keep = [](const Truth &t) { return !t.label.isEmpty() && t.label != t.predicted; };
            break;
        case 9:
            query.rankedQueue = true;
            keep = [](const Truth &t) { return t.rank.has_value(); };
            break;
        case 10:
            query.filter.label = praise;
            query.filter.text = parseTextSearch(QStringLiteral("sample")).value();
            keep = [&](const Truth &t) { return t.label == praise && t.text.contains(QStringLiteral("sample")); };
            break;
        }
        model.reload(query);
        if (!query.filter.text.isEmpty())
            QVERIFY(model.isLoading()); // a search runs off the GUI thread (so does the first read of a run's predictions)
        waitLoaded(model);
        QVERIFY(model.errorString().isEmpty());
        QVector<qint64> want = expected(keep);
        QVERIFY2(!want.isEmpty(), "the filter keeps something");
        QVERIFY(want.size() < 1000);
        if (which == 9) // rank order
            std::sort(want.begin(), want.end(), [&](qint64 a, qint64 b) { return *m_truth.value(a).rank < *m_truth.value(b).rank; });
        QCOMPARE(idsOf(model), want);
        if (which == 9)
            QCOMPARE(model.rank(0), std::optional<int>(1));
    }

    void scanningSearchRunsOffTheGuiThread()
    {
        if (!m_store || m_truth.size() != 1000)
            makeProject();
        SampleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        model.reload({});
        QCOMPARE(model.rowCount(), 1000);
        QSignalSpy loaded(&model, &SampleTableModel::loaded);
        SampleTableModel::Query query;
        query.filter.text = parseTextSearch(QStringLiteral("/屏幕坏|REFUND/")).value();
        model.reload(query);
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 1000); // the rows shown stay until the scan is done
        // A newer search replaces the running one: only its rows arrive.
        query.filter.text = parseTextSearch(QStringLiteral("屏幕")).value();
        model.reload(query);
        waitLoaded(model);
        QCOMPARE(loaded.count(), 1); // the last search only: the cancelled one never lands
        QCOMPARE(idsOf(model), expected([](const Truth &t) { return t.text.contains(QStringLiteral("屏幕")); }));
        // Sorting a scan's result sorts it again off the thread, with the same search.
        model.sort(SampleTableModel::IdColumn, Qt::DescendingOrder);
        waitLoaded(model);
        QVector<qint64> want = expected([](const Truth &t) { return t.text.contains(QStringLiteral("屏幕")); });
        std::reverse(want.begin(), want.end());
        QCOMPARE(idsOf(model), want);
    }

    // "Every sample" is a range of ids while they run without gaps; a sample deleted elsewhere (sqlite3, another
    // tool) leaves a gap that the listing must not fill, first, last or in between.
    void everySampleListsOnlyIdsThatExist()
    {
        m_store.reset();
        m_truth.clear();
        auto created = ProjectStore::create(newPath(), TaskType::TextCat, kLabels);
        QVERIFY2(created, qPrintable(created.error()));
        auto store = std::move(created).value();
        for (int i = 1; i <= 130; ++i)
            QVERIFY(store->addSample(Sample{0, {}, textOf(i), {}, {}, Split::Pool}));
        QVector<qint64> want;
        for (qint64 id = 1; id <= 130; ++id)
            want << id;
        const auto all = [&] {
            auto ids = browseIds(store->sqliteHandle(), store->task(), 0, nullptr, BrowseQuery{});
            return ids ? *ids : QVector<qint64>{-1};
        };
        QCOMPARE(all(), want);
        QSqlQuery del(store->database());
        for (qint64 gone : {1, 64, 65, 130}) {
            QVERIFY(del.exec(QStringLiteral("DELETE FROM samples WHERE id = %1").arg(gone)));
            want.removeAll(gone);
            QCOMPARE(all(), want);
        }
        BrowseQuery unlabeled;
        unlabeled.labelState = SampleFilter::LabelState::Unlabeled;
        QCOMPARE(*browseIds(store->sqliteHandle(), store->task(), 0, nullptr, unlabeled), want);
    }

    // A search hands its first hits over before it is done, and they are always the answer's first rows: in id
    // order over every sample (one streaming pass), and with filters or another order (candidates checked in
    // that order). The answer is the same as without the early hand-over.
    void firstHitsAreTheAnswersFirst_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("variant");
        QTest::addColumn<bool>("handsOver"); // at least a page of hits: the first page must come early
        QTest::addRow("common word, id order") << QStringLiteral("sample") << 0 << true;
        QTest::addRow("regex, id order") << QStringLiteral("/SAMPLE \\d+/") << 0 << true;
        QTest::addRow("short Chinese, id order") << QStringLiteral("退款") << 0 << false;
        QTest::addRow("common word, by confidence") << QStringLiteral("sample") << 1 << true;
        QTest::addRow("common word, ids descending") << QStringLiteral("sample") << 2 << true;
        QTest::addRow("common word, unlabeled pool") << QStringLiteral("sample") << 3 << true;
        QTest::addRow("rare word, with a label") << QStringLiteral("refund") << 4 << false;
        QTest::addRow("regex, ranked queue") << QStringLiteral("/sample \\d*[02468] /") << 5 << false;
        QTest::addRow("absent word, by label") << QStringLiteral("zebra") << 6 << false;
    }
    void firstHitsAreTheAnswersFirst()
    {
        QFETCH(QString, text);
        QFETCH(int, variant);
        QFETCH(bool, handsOver);
        if (!m_store || m_truth.size() != 1000)
            makeProject();
        const auto run = m_store->latestRun(true);
        QVERIFY(run && run->has_value());
        BrowseQuery q;
        q.text = parseTextSearch(text).value();
        switch (variant) {
        case 1:
            q.sort = BrowseQuery::Sort::Confidence;
            break;
        case 2:
            q.sort = BrowseQuery::Sort::Id;
            q.descending = true;
            break;
        case 3:
            q.split = Split::Pool;
            q.labelState = SampleFilter::LabelState::Unlabeled;
            break;
        case 4:
            q.label = kLabels.at(1);
            break;
        case 5:
            q.rankedQueue = true;
            break;
        case 6:
            q.sort = BrowseQuery::Sort::Label;
            break;
        }
        const qint64 runId = (*run)->id;
        const auto whole = browseIds(m_store->sqliteHandle(), m_store->task(), runId, nullptr, q);
        QVERIFY2(whole, qPrintable(whole.error()));
        QVector<QVector<qint64>> handed;
        const auto streamed = browseIds(m_store->path(), m_store->task(), runId, nullptr, q, nullptr, nullptr,
                                        [&](const QVector<qint64> &ids) { handed << ids; });
        QVERIFY2(streamed, qPrintable(streamed.error()));
        QCOMPARE(*streamed, *whole);
        QVERIFY(handed.size() <= 1);
        if (handsOver) {
            QVERIFY(whole->size() > kFirstIdsWanted);
            QCOMPARE(handed.size(), 1);
        }
        if (!handed.isEmpty()) {
            QVERIFY(!handed.first().isEmpty());
            QVERIFY(handed.first().size() <= kFirstIdsWanted);
            QCOMPARE(handed.first(), whole->mid(0, handed.first().size()));
        }
    }

    // In the view: the first page of a common word's hits replaces the rows shown, and the rest are added below
    // it (not a reset, so the view keeps its place and selection).
    void aCommonWordShowsItsFirstHitsFirst()
    {
        if (!m_store || m_truth.size() != 1000)
            makeProject();
        SampleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        model.reload({});
        QCOMPARE(model.rowCount(), 1000);
        QSignalSpy first(&model, &SampleTableModel::firstRowsLoaded);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QVector<int> rowsAtFirst;
        connect(&model, &SampleTableModel::firstRowsLoaded, this, [&] {
            QVERIFY(model.isLoading());
            QVERIFY(model.hasFirstRowsOnly());
            rowsAtFirst << model.rowCount();
        });
        SampleTableModel::Query query;
        query.filter.text = parseTextSearch(QStringLiteral("sample")).value();
        model.reload(query);
        waitLoaded(model);
        const QVector<qint64> want = expected([](const Truth &t) { return t.text.contains(QStringLiteral("sample")); });
        QVERIFY(want.size() > kFirstIdsWanted);
        QCOMPARE(idsOf(model), want);
        QCOMPARE(first.count(), 1);
        QCOMPARE(rowsAtFirst, QVector<int>{kFirstIdsWanted});
        QCOMPARE(resets.count(), 1); // the first hits replaced the 1,000 rows; the rest came as inserted rows
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), kFirstIdsWanted);
        QCOMPARE(inserted.first().at(2).toInt(), int(want.size()) - 1);
        QVERIFY(!model.hasFirstRowsOnly());
    }

    void rowsFollowLabels()
    {
        if (!m_store || m_truth.size() != 1000)
            makeProject();
        SampleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        SampleTableModel::Query query;
        query.filter.label = kLabels.at(2);
        model.reload(query);
        const int before = model.rowCount();
        const qint64 id = 401; // unlabeled, on the third page of all samples
        QVERIFY(m_truth.value(id).label.isEmpty());
        AnnotationInput input;
        input.labels = {kLabels.at(2)};
        QVERIFY(m_store->annotate(id, input));
        model.reload(query);
        QCOMPARE(model.rowCount(), before + 1);
        QVERIFY(idsOf(model).contains(id));
        model.reload({});
        const int row = int(m_truth.keys().indexOf(id));
        QCOMPARE(model.index(row, SampleTableModel::LabelColumn).data().toString(), kLabels.at(2));
        QVERIFY(model.isLabeled(row));
        // Unlabeled again (an undo): out of the label's rows.
        AnnotationInput cleared;
        cleared.cleared = true;
        QVERIFY(m_store->annotate(id, cleared));
        model.reload(query);
        QCOMPARE(model.rowCount(), before);
        m_truth[id].label.clear();
    }

    void followsTheLatestRun()
    {
        makeProject(300);
        SampleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        SampleTableModel::Query query;
        query.predicted = kLabels.at(2);
        model.reload(query);
        QVERIFY(model.isLoading()); // the run's predictions are read on the worker...
        waitLoaded(model);
        const int before = model.rowCount();
        model.reload(query);
        QVERIFY(!model.isLoading()); // ...once
        QVERIFY(before > 0 && before < 300);
        // The ranked queue and the sort by score come from the run's parts as well: read on the worker too.
        SampleTableModel queueModel;
        queueModel.setStore(m_store.get());
        SampleTableModel::Query queue;
        queue.rankedQueue = true;
        queueModel.reload(queue);
        QVERIFY(queueModel.isLoading());
        waitLoaded(queueModel);
        QVERIFY(queueModel.rowCount() > 0);
        QCOMPARE(queueModel.rank(0), std::optional<int>(1));
        // A newer run predicts the label for every sample, with falling confidence: its rows replace the first run's.
        auto run = m_store->beginRun(QStringLiteral("test"), QStringLiteral("{}"), QStringLiteral("CPU"), QString());
        QVERIFY(run);
        QVector<PredictionRow> rows;
        for (auto it = m_truth.cbegin(); it != m_truth.cend(); ++it) {
            PredictionRow p;
            p.sampleId = it.key();
            p.label = kLabels.at(2);
            p.confidence = 1.0 - double(it.key()) / 1000.0;
            rows << p;
        }
        QVERIFY(m_store->storePredictions(*run, rows));
        QVERIFY(m_store->finishRun(*run, RunResult{}));
        model.reload(query);
        waitLoaded(model);
        QCOMPARE(model.runId(), *run);
        QCOMPARE(model.rowCount(), 300);
        model.sort(SampleTableModel::ConfidenceColumn, Qt::AscendingOrder);
        QVector<qint64> want = m_truth.keys().toVector();
        std::reverse(want.begin(), want.end());
        QCOMPARE(idsOf(model), want);
        QCOMPARE(model.index(0, SampleTableModel::ConfidenceColumn).data().toString(), QStringLiteral("0.70"));
        model.sort(-1);
    }

    void errorsReachTheUser()
    {
        makeProject(300);
        ui::BrowseView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setProject(m_store.get(), nullptr, QStringLiteral("tester"));
        QCOMPARE(view.model()->rowCount(), 300);
        QSignalSpy said(&view, &ui::BrowseView::message);
        // The index is gone (a damaged file): the search says so instead of showing nothing.
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("DROP TABLE samples_fts")));
        view.findChild<QLineEdit *>(QStringLiteral("searchEdit"))->setText(QStringLiteral("refund"));
        QTRY_VERIFY(!said.isEmpty());
        QVERIFY2(said.last().at(0).toString().contains(QLatin1String("samples_fts")), qPrintable(said.last().at(0).toString()));
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(!view.model()->errorString().isEmpty());
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("browseCount"))->text().contains(QLatin1String("could not be listed")));
        // Sorting from the header goes to the model, in the store.
        view.findChild<QLineEdit *>(QStringLiteral("searchEdit"))->clear();
        QTRY_COMPARE(view.model()->rowCount(), 300);
        auto *table = view.findChild<QTableView *>(QStringLiteral("sampleTable"));
        table->sortByColumn(SampleTableModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(view.model()->sampleId(0), maxId());
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("browseCount"))->text().contains(QLatin1String("300")));
    }
};

QTEST_MAIN(TestBrowse)
#include "tst_browse.moc"
