// The browse view at 100 k and 1 M samples: what each thing an annotator does in Browse costs (the first page,
// scrolling to the middle and the end, sorting by each column, each filter, searching a common and a rare word,
// Chinese, a regular expression), with the same figures side by side so growth with size shows, and next to
// the same run's baselines: the browse model before paging (every prediction of the run into a hash, then up to
// 5,000 rows with their annotations) and the search before the full-text index (a scan with instr).
//
// Usage: marginalia_browse_bench [--sizes 100000,1000000] [--keep DIR] [--reuse] [--no-import]
// (--reuse: measure the projects a former run left in DIR instead of generating them again)
// Generated projects: paragraphs of English (a tenth Chinese), 5 % evaluation, 5 % labeled, a run predicting
// every sample, 50,000 ranked. Figures are the median of three, in milliseconds. At each size it also imports as
// many generated paragraphs through the bulk path and then builds their full-text index, timing each.
#include "io/Importer.h"
#include "store/BrowseQuery.h"
#include "store/ProjectStore.h"
#include "store/Schema.h"
#include "ui/SampleTableModel.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <sqlite3.h>

using namespace marginalia;
using marginalia::ui::SampleTableModel;

namespace {

const char *const kWords[] = {"the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "with", "was", "on",
                              "order", "delivery", "late", "broken", "great", "service", "price", "quality", "return",
                              "support", "app", "crash", "login", "password", "screen", "battery", "shipping",
                              "package", "customer", "refund", "payment", "account", "invoice", "manager", "weekend"};
const char *const kHanzi[] = {"退款", "订单", "支付", "账户", "配送", "延迟", "损坏", "服务", "价格", "质量", "返回",
                              "支持", "应用", "程序", "崩溃", "登录", "密码", "屏幕", "电池", "运输", "包裹", "客户",
                              "很好", "不错", "问题", "发票"};
const QStringList kLabels{QStringLiteral("billing"), QStringLiteral("delivery"), QStringLiteral("praise"),
                          QStringLiteral("technical"), QStringLiteral("other")};

QString paragraph(std::mt19937_64 &rng, qint64 i)
{
    QString text;
    if (i % 10 == 0) {
        std::uniform_int_distribution<int> han(0, int(std::size(kHanzi)) - 1), count(15, 45);
        for (int n = count(rng); n > 0; --n)
            text += QString::fromUtf8(kHanzi[han(rng)]);
        if (i % 9973 == 0)
            text += QStringLiteral("麒麟瓜");
    } else {
        std::uniform_int_distribution<int> word(0, int(std::size(kWords)) - 1), count(20, 45);
        for (int n = count(rng); n > 0; --n) {
            text += QString::fromUtf8(kWords[word(rng)]);
            text += QLatin1Char(' ');
        }
        if (i % 9973 == 1)
            text += QStringLiteral("zymurgy");
    }
    return text + QStringLiteral(" #%1").arg(i);
}

bool exec(sqlite3 *db, const char *sql)
{
    char *error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "%s: %s\n", sql, error);
        sqlite3_free(error);
        return false;
    }
    return true;
}

// Writes the samples, labels and flags straight into the project's tables (the import path has its own bench),
// then indexes their text as every writer does.
std::unique_ptr<ProjectStore> generate(const QString &path, qint64 count, double *indexSeconds,
                                       double *predictionSeconds)
{
    for (const QString &p : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")})
        QFile::remove(p);
    auto created = ProjectStore::create(path, TaskType::TextCat, kLabels);
    if (!created) {
        std::fprintf(stderr, "%s\n", qPrintable(created.error()));
        return nullptr;
    }
    std::unique_ptr<ProjectStore> store = std::move(created).value();
    sqlite3 *db = store->sqliteHandle();
    std::mt19937_64 rng(7);
    if (!exec(db, "BEGIN"))
        return nullptr;
    sqlite3_stmt *sample = nullptr, *annotation = nullptr, *label = nullptr, *flag = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO samples(id, text, content_hash, split, created_at) VALUES(?, ?, ?, ?, 0)", -1,
                       &sample, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO annotations(id, sample_id, source, created_at) VALUES(?, ?, 'human', 0)", -1,
                       &annotation, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO annotation_labels(annotation_id, label_id) VALUES(?, ?)", -1, &label, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO sample_flags(sample_id, created_at) VALUES(?, 0)", -1, &flag, nullptr);
    qint64 annotations = 0;
    for (qint64 i = 1; i <= count; ++i) {
        const QByteArray text = paragraph(rng, i).toUtf8();
        const QByteArray hash = ProjectStore::contentHash(QString::fromUtf8(text), {});
        sqlite3_bind_int64(sample, 1, i);
        sqlite3_bind_text(sample, 2, text.constData(), int(text.size()), SQLITE_STATIC);
        sqlite3_bind_blob(sample, 3, hash.constData(), int(hash.size()), SQLITE_STATIC);
        sqlite3_bind_text(sample, 4, i % 20 == 0 ? "eval" : "pool", -1, SQLITE_STATIC);
        sqlite3_step(sample);
        sqlite3_reset(sample);
        if (i % 20 == 3 || i % 20 == 0) { // 5 % of the pool and half the evaluation split
            sqlite3_bind_int64(annotation, 1, ++annotations);
            sqlite3_bind_int64(annotation, 2, i);
            sqlite3_step(annotation);
            sqlite3_reset(annotation);
            sqlite3_bind_int64(label, 1, annotations);
            sqlite3_bind_int64(label, 2, 1 + (i / 20) % kLabels.size());
            sqlite3_step(label);
            sqlite3_reset(label);
        }
        if (i % 997 == 5) {
            sqlite3_bind_int64(flag, 1, i);
            sqlite3_step(flag);
            sqlite3_reset(flag);
        }
    }
    for (sqlite3_stmt *s : {sample, annotation, label, flag})
        sqlite3_finalize(s);
    QElapsedTimer timer;
    timer.start();
    for (const char *statement : schema::kIndexNewText)
        if (!exec(db, statement))
            return nullptr;
    if (!exec(db, "COMMIT"))
        return nullptr;
    *indexSeconds = double(timer.nsecsElapsed()) / 1e9;

    auto run = store->beginRun(QStringLiteral("bench"), QStringLiteral("{}"), QStringLiteral("CPU"),
                               QStringLiteral("margin"));
    QVector<PredictionRow> rows;
    rows.reserve(count);
    std::uniform_real_distribution<double> confidence(0.2, 1.0);
    int rank = 0;
    for (qint64 i = 1; i <= count; ++i) {
        PredictionRow p;
        p.sampleId = i;
        p.label = kLabels.at(int((i * 7) % kLabels.size()));
        p.confidence = confidence(rng);
        if (i % 20 != 0 && i % 20 != 3 && rank < 50000 && i % 3 == 0) {
            p.rank = ++rank;
            p.score = 1.0 - double(rank) / 50000.0;
        }
        rows << p;
    }
    timer.restart();
    if (!run || !store->storePredictions(*run, rows) || !store->finishRun(*run, RunResult{}))
        return nullptr;
    *predictionSeconds = double(timer.nsecsElapsed()) / 1e9;
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    return store;
}

// The browse model before paging, for the same query: every prediction of the latest run into a hash, then the
// first 5,000 matching samples with their annotations (it showed no more).
void oldReload(const ProjectStore &store, const SampleFilter &filter)
{
    QHash<qint64, PredictionRow> predictions;
    auto run = store.latestRun(true);
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT sample_id, label, confidence, score, rank, detail FROM predictions WHERE run_id = ?"));
    query.addBindValue(run && run->has_value() ? (*run)->id : 0);
    if (query.exec())
        while (query.next()) {
            PredictionRow p;
            p.sampleId = query.value(0).toLongLong();
            p.label = query.value(1).toString();
            p.confidence = query.value(2).toDouble();
            p.detailJson = query.value(5).toString();
            predictions.insert(p.sampleId, p);
        }
    SampleFilter limited = filter;
    limited.limit = 5000;
    int rows = 0;
    (void)store.forEachSample(limited, [&](const AnnotatedSample &s) {
        rows += predictions.contains(s.sample.id) ? 1 : 0;
        return true;
    });
}

double medianMs(const std::function<void()> &op, const std::function<void()> &setup = {}, int runs = 3)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        if (setup)
            setup(); // not timed
        QElapsedTimer timer;
        timer.start();
        op();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// What the view does after a reload: waits for a scan, then reads the rows on screen (a page).
void showTop(SampleTableModel &model, int first = 0)
{
    while (model.isLoading())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    for (int r = first; r < std::min(model.rowCount(), first + 30); ++r)
        (void)model.index(r, SampleTableModel::TextColumn).data();
}

struct Figure
{
    double ms = -1;
    double baselineMs = -1;
    qint64 rows = -1;
};

using Figures = std::map<QString, Figure>;

void measure(ProjectStore &store, QStringList &order, Figures &out)
{
    const auto record = [&](const QString &name, Figure f) {
        if (!order.contains(name))
            order << name;
        out[name] = f;
    };
    SampleTableModel model;
    model.setStore(&store);
    const auto reloadMs = [&](const SampleTableModel::Query &q) {
        return medianMs([&] {
            model.reload(q);
            showTop(model);
        });
    };
    const auto oldMs = [&](const SampleFilter &f) { return medianMs([&] { oldReload(store, f); }); };
    // A search's first page: until the view shows rows of this search (its first hits, or all of them if the
    // search was done first) and reads those on screen. The rest of the search is cancelled by the next reload.
    qint64 firstRows = 0;
    const auto firstPageMs = [&](const SampleTableModel::Query &q) {
        return medianMs([&] {
            model.reload(q);
            while (model.isLoading() && !model.hasFirstRowsOnly())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
            firstRows = model.rowCount();
            for (int r = 0; r < std::min(model.rowCount(), 30); ++r)
                (void)model.index(r, SampleTableModel::TextColumn).data();
        });
    };

    record(QStringLiteral("first page (all samples)"), {reloadMs({}), oldMs({}), model.rowCount()});
    model.reload({});
    const int n = model.rowCount();
    QElapsedTimer t;
    t.start();
    showTop(model, n / 2);
    record(QStringLiteral("scroll to the middle"), {double(t.nsecsElapsed()) / 1e6, -1, 30});
    t.restart();
    showTop(model, n - 30);
    record(QStringLiteral("scroll to the end"), {double(t.nsecsElapsed()) / 1e6, -1, 30});
    t.restart();
    showTop(model, n / 3);
    record(QStringLiteral("scroll to a third"), {double(t.nsecsElapsed()) / 1e6, -1, 30});

    const std::pair<int, const char *> sorts[] = {
        {SampleTableModel::IdColumn, "sort: id (descending)"},  {SampleTableModel::SplitColumn, "sort: split"},
        {SampleTableModel::LabelColumn, "sort: label"},         {SampleTableModel::PredictedColumn, "sort: predicted"},
        {SampleTableModel::ConfidenceColumn, "sort: confidence"}, {SampleTableModel::ScoreColumn, "sort: score (rank)"}};
    for (const auto &[column, name] : sorts) {
        const double ms = medianMs(
            [&, column = column] {
                model.sort(column, column == SampleTableModel::IdColumn ? Qt::DescendingOrder : Qt::AscendingOrder);
                showTop(model);
            },
            [&] { model.sort(-1); });
        record(QString::fromLatin1(name), {ms, -1, model.rowCount()});
    }
    model.sort(-1);

    struct Filter
    {
        const char *name;
        SampleTableModel::Query query;
    };
    std::vector<Filter> filters;
    const auto add = [&](const char *name, const std::function<void(SampleTableModel::Query &)> &set) {
        SampleTableModel::Query q;
        set(q);
        filters.push_back({name, q});
    };
    add("filter: labeled", [](auto &q) { q.filter.labelState = SampleFilter::LabelState::Labeled; });
    add("filter: unlabeled", [](auto &q) { q.filter.labelState = SampleFilter::LabelState::Unlabeled; });
    add("filter: label", [](auto &q) { q.filter.label = kLabels.at(2); });
    add("filter: evaluation split", [](auto &q) { q.filter.split = Split::Eval; });
    add("filter: flagged", [](auto &q) { q.filter.flaggedOnly = true; });
    add("filter: predicted label", [](auto &q) { q.predicted = kLabels.at(1); });
    add("filter: confidence >= 90 %", [](auto &q) { q.minConfidence = 0.9; });
    add("filter: confidence 40-50 %", [](auto &q) {
        q.minConfidence = 0.4;
        q.maxConfidence = 0.5;
    });
    add("filter: unlabeled pool, predicted, >= 80 %", [](auto &q) {
        q.filter.split = Split::Pool;
        q.filter.labelState = SampleFilter::LabelState::Unlabeled;
        q.predicted = kLabels.at(0);
        q.minConfidence = 0.8;
    });
    add("filter: disagreement", [](auto &q) { q.disagreement = true; });
    add("filter: ranked queue", [](auto &q) { q.rankedQueue = true; });
    for (const Filter &f : filters) {
        const double ms = reloadMs(f.query);
        const bool plain = f.query.predicted.isEmpty() && f.query.minConfidence == 0 && !f.query.disagreement
                           && !f.query.rankedQueue;
        record(QString::fromLatin1(f.name), {ms, plain ? oldMs(f.query.filter) : -1, model.rowCount()});
    }

    const std::pair<const char *, const char *> searches[] = {
        {"search: common word \"service\"", "service"},
        {"search: two words \"late refund\"", "late refund"},
        {"search: rare word \"zymurgy\"", "zymurgy"},
        {"search: phrase \"broken screen\"", "\"broken screen\""},
        {"search: Chinese \"退款订单\"", "退款订单"},
        {"search: Chinese rare \"麒麟瓜\"", "麒麟瓜"},
        {"search: Chinese 2 chars \"退款\" (scan)", "退款"},
        {"search: regex /zymurg(y|ies)/ (scan)", "/zymurg(y|ies)/"},
    };
    sqlite3 *db = store.sqliteHandle();
    for (const auto &[name, text] : searches) {
        SampleTableModel::Query q;
        q.filter.text = parseTextSearch(QString::fromUtf8(text)).value();
        const double firstMs = firstPageMs(q);
        record(QString::fromUtf8(name) + QStringLiteral(", first page"), {firstMs, -1, firstRows});
        const double ms = reloadMs(q);
        const qint64 rows = model.rowCount();
        // The search before the index: the same words with instr over every sample (a regular expression
        // scanned then as now).
        double baseline = -1;
        if (q.filter.text.pattern.isEmpty()) {
            QString sql = QStringLiteral("SELECT count(*) FROM samples s WHERE 1");
            for (int i = 0; i < q.filter.text.keywords.size(); ++i)
                sql += QStringLiteral(" AND instr(lower(s.text), lower(?)) > 0");
            baseline = medianMs([&] {
                sqlite3_stmt *s = nullptr;
                sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &s, nullptr);
                int i = 1;
                QVector<QByteArray> words;
                for (const QString &w : q.filter.text.keywords)
                    words << w.toLower().toUtf8();
                for (const QByteArray &w : words)
                    sqlite3_bind_text(s, i++, w.constData(), int(w.size()), SQLITE_STATIC);
                sqlite3_step(s);
                sqlite3_finalize(s);
            });
        }
        record(QString::fromUtf8(name), {ms, baseline, rows});
    }
    // A search narrowed by a filter, sorted: what finding examples of a rare label looks like.
    SampleTableModel::Query q;
    q.filter.text = parseTextSearch(QStringLiteral("refund")).value();
    q.filter.labelState = SampleFilter::LabelState::Unlabeled;
    q.predicted = kLabels.at(0);
    model.sort(SampleTableModel::ConfidenceColumn, Qt::DescendingOrder);
    const double firstMs = firstPageMs(q);
    record(QStringLiteral("search + unlabeled + predicted, by confidence, first page"), {firstMs, -1, firstRows});
    record(QStringLiteral("search + unlabeled + predicted, by confidence"), {reloadMs(q), -1, model.rowCount()});
    // A common word in the same order: its first page comes from checking candidates in that order.
    q = {};
    q.filter.text = parseTextSearch(QStringLiteral("service")).value();
    const double commonFirstMs = firstPageMs(q);
    record(QStringLiteral("search \"service\", by confidence, first page"), {commonFirstMs, -1, firstRows});
    record(QStringLiteral("search \"service\", by confidence"), {reloadMs(q), -1, model.rowCount()});
    model.sort(-1);
}

// The import of `count` generated paragraphs (a third labeled) into a new project through the bulk path, which
// leaves the full-text index to the background, then that indexing (what the studio runs after opening it),
// each timed. Before the index, the import alone was the whole cost.
void importAndIndex(const QString &dir, qint64 count)
{
    const QString jsonl = dir + QStringLiteral("/import-%1.jsonl").arg(count);
    {
        QFile f(jsonl);
        if (!f.open(QIODevice::WriteOnly))
            return;
        std::mt19937_64 rng(11);
        for (qint64 i = 1; i <= count; ++i) {
            QJsonObject o{{QStringLiteral("text"), paragraph(rng, i)}};
            if (i % 3 == 0)
                o.insert(QStringLiteral("label"), kLabels.at(int(i % kLabels.size())));
            f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
            f.write("\n");
        }
    }
    const QString path = dir + QStringLiteral("/import-%1.marginalia").arg(count);
    for (const QString &p : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")})
        QFile::remove(p);
    auto created = ProjectStore::create(path, TaskType::TextCat, kLabels);
    if (!created)
        return;
    std::unique_ptr<ProjectStore> store = std::move(created).value();
    QElapsedTimer timer;
    timer.start();
    auto summary = importFile(*store, jsonl, ImportOptions{});
    const double importSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!summary || summary->imported != count) {
        std::fprintf(stderr, "import failed: %s\n", summary ? "count" : qPrintable(summary.error()));
        return;
    }
    timer.restart();
    const Status indexed = indexText(path, 20000);
    const double indexSeconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("  import of %lld paragraphs (%.0f MB JSONL, bulk path%s): %.2f s (%.0f rows/s); the full-text index "
                "of them afterwards, in 20,000-row steps: %.2f s%s\n",
                static_cast<long long>(count), double(QFile(jsonl).size()) / 1e6, summary->bulk ? "" : " not taken",
                importSeconds, double(count) / importSeconds, indexSeconds,
                indexed ? "" : qPrintable(QStringLiteral(" (failed: %1)").arg(indexed.error())));
    std::fflush(stdout);
    QFile::remove(jsonl);
}

QString cell(double v) { return v < 0 ? QStringLiteral("-") : QString::number(v, 'f', v < 10 ? 1 : 0); }

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QList<qint64> sizes{100000, 1000000};
    QString keep;
    const QStringList args = app.arguments();
    const bool reuse = args.contains(QStringLiteral("--reuse"));
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString &s : args[i + 1].split(QLatin1Char(',')))
                sizes << s.toLongLong();
        } else if (args[i] == QLatin1String("--keep")) {
            keep = args[i + 1];
        }
    }
    QTemporaryDir temp;
    const QString dir = keep.isEmpty() ? temp.path() : keep;
    QDir().mkpath(dir);

    QStringList order;
    std::vector<Figures> results;
    for (qint64 size : sizes) {
        double indexSeconds = 0, predictionSeconds = 0;
        QElapsedTimer timer;
        timer.start();
        const QString path = dir + QStringLiteral("/browse-%1.marginalia").arg(size);
        std::unique_ptr<ProjectStore> store;
        if (reuse && QFile::exists(path)) {
            auto opened = ProjectStore::open(path);
            if (!opened) {
                std::fprintf(stderr, "%s\n", qPrintable(opened.error()));
                return 2;
            }
            store = std::move(opened).value();
            std::printf("measuring %lld samples in %s\n", static_cast<long long>(size), qPrintable(path));
        } else {
            std::printf("generating %lld samples...\n", static_cast<long long>(size));
            std::fflush(stdout);
            store = generate(path, size, &indexSeconds, &predictionSeconds);
            if (!store)
                return 2;
            std::printf("  %.1f s in all; full-text index %.1f s; storing the run's predictions %.1f s\n",
                        double(timer.nsecsElapsed()) / 1e9, indexSeconds, predictionSeconds);
        }
        std::fflush(stdout);
        Figures figures;
        measure(*store, order, figures);
        results.push_back(figures);
        store.reset();
        if (!args.contains(QStringLiteral("--no-import")))
            importAndIndex(dir, size);
    }

    std::printf("\nmilliseconds, median of 3 (rows: how many match)\n%-48s", "");
    for (qint64 size : sizes)
        std::printf(" %9s %9s %9s", qPrintable(QStringLiteral("%1k").arg(size / 1000)), "baseline", "rows");
    std::printf("\n");
    for (const QString &name : std::as_const(order)) {
        // Left-justified by characters, not bytes (the Chinese names).
        QString label = name;
        while (label.size() + std::count_if(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() > 0x2e80; }) < 48)
            label += QLatin1Char(' ');
        std::printf("%s", label.toUtf8().constData());
        for (const Figures &f : results) {
            const auto it = f.find(name);
            const Figure fig = it == f.end() ? Figure{} : it->second;
            std::printf(" %9s %9s %9lld", qPrintable(cell(fig.ms)), qPrintable(cell(fig.baselineMs)),
                        static_cast<long long>(fig.rows));
        }
        std::printf("\n");
    }
    std::printf("\nbaseline: the browse model before paging (all predictions of the run, then up to 5,000 rows) "
                "for reloads and filters; a scan with instr for word searches\n");
    return 0;
}
