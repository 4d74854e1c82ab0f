#include "ui/SampleTableModel.h"
#include "ui/ProvenanceText.h"
#include "ui/SpanDraft.h"
#include "store/ServerBrowse.h"

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace marginalia::ui {

namespace {
QVector<Span> predictedSpans(const QString &detailJson, const QString &text)
{
    QVector<Span> spans;
    for (const PredictedSpan &p : parsePredictedSpans(detailJson, {}, int(text.size()), {}))
        spans << p.span;
    return spans;
}

BrowseQuery::Sort sortOf(int column)
{
    switch (column) {
    case SampleTableModel::IdColumn:
        return BrowseQuery::Sort::Id;
    case SampleTableModel::SplitColumn:
        return BrowseQuery::Sort::Split;
    case SampleTableModel::LabelColumn:
        return BrowseQuery::Sort::Label;
    case SampleTableModel::PredictedColumn:
        return BrowseQuery::Sort::Predicted;
    case SampleTableModel::ConfidenceColumn:
        return BrowseQuery::Sort::Confidence;
    case SampleTableModel::ScoreColumn:
        return BrowseQuery::Sort::Score;
    default: // the text and how it was labeled are not sort keys
        return BrowseQuery::Sort::Natural;
    }
}

} // namespace

SampleTableModel::SampleTableModel(QObject *parent) : QAbstractTableModel(parent) {}

SampleTableModel::~SampleTableModel()
{
    cancel();
    if (m_watcher)
        m_watcher->waitForFinished();
    stopIndexing();
}

void SampleTableModel::setStore(const ProjectStore *store)
{
    cancel();
    if (m_watcher)
        m_watcher->waitForFinished();
    stopIndexing();
    m_store = store;
    m_run.reset();
    if (m_store)
        indexInBackground();
}

void SampleTableModel::stopIndexing()
{
    if (m_indexCancel)
        m_indexCancel->store(true);
    if (m_indexWatcher)
        m_indexWatcher->waitForFinished(); // stops after the step under way (a fraction of a second)
    m_indexCancel.reset();
}

void SampleTableModel::indexInBackground()
{
    if (!m_store || isIndexing())
        return;
    auto lags = textIndexLags(m_store->sqliteHandle());
    if (!lags || !*lags)
        return; // an older file without the index cannot lag; a failed check leaves searches scanning, correct
    if (!m_indexWatcher) {
        m_indexWatcher = new QFutureWatcher<QString>(this);
        connect(m_indexWatcher, &QFutureWatcher<QString>::finished, this, [this] {
            const QFuture<QString> done = m_indexWatcher->future();
            if (done.resultCount() > 0 && !done.result().isEmpty())
                Q_EMIT failed(tr("The search index could not be brought up to date (searches read every new sample "
                                 "instead): %1").arg(done.result()));
        });
    }
    m_indexCancel = std::make_shared<std::atomic_bool>(false);
    const QString path = m_store->path();
    const std::shared_ptr<std::atomic_bool> flag = m_indexCancel;
    // 20,000 paragraphs a step: a quarter of a second, which a label saved meanwhile waits at most.
    m_indexWatcher->setFuture(QtConcurrent::run([path, flag]() -> QString {
        const Status done = indexText(path, 20000, flag.get());
        return done ? QString() : done.error();
    }));
}

void SampleTableModel::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    ++m_generation; // a result still on its way is dropped
    m_firstRowsOnly = false;
    setLoading(false);
}

void SampleTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

BrowseQuery SampleTableModel::browseQuery() const
{
    BrowseQuery q;
    q.split = m_query.filter.split;
    q.labelState = m_query.filter.labelState;
    q.label = m_query.filter.label;
    q.text = m_query.filter.text;
    q.flaggedOnly = m_query.filter.flaggedOnly;
    q.predicted = m_query.predicted;
    q.disagreement = m_query.disagreement;
    q.minConfidence = m_query.minConfidence;
    q.maxConfidence = m_query.maxConfidence;
    q.rankedQueue = m_query.rankedQueue;
    q.sort = m_sort;
    q.descending = m_descending;
    return q;
}

void SampleTableModel::reload(const Query &query)
{
    m_query = query;
    start();
}

void SampleTableModel::sort(int column, Qt::SortOrder order)
{
    const BrowseQuery::Sort sort = sortOf(column);
    const bool descending = sort != BrowseQuery::Sort::Natural && order == Qt::DescendingOrder;
    if (sort == m_sort && descending == m_descending)
        return;
    m_sort = sort;
    m_descending = descending;
    if (m_store)
        start();
}

void SampleTableModel::start()
{
    cancel();
    const quint64 generation = m_generation;
    if (!m_store) {
        apply({{}, {}, generation});
        return;
    }
    if (!m_store->isServer())
        indexInBackground(); // what a bulk import left unindexed (an import in the studio reloads this)
    auto run = m_store->latestRun(true);
    if (!run) {
        apply({{}, run.error(), generation});
        return;
    }
    m_runId = run->has_value() ? (*run)->id : 0;
    if (!m_run || m_run->runId != m_runId)
        m_run.reset();
    // Labels said no to (teach mode): shown with how the sample was labeled, or alone while it is unlabeled.
    auto rejected = m_store->rejectedLabelsBySample();
    if (!rejected) {
        apply({{}, rejected.error(), generation});
        return;
    }
    m_rejected = std::move(rejected).value();
    if (m_store->isServer()) {
        startOnServer(generation);
        return;
    }
    const BrowseQuery query = browseQuery();
    // A run's predictions are read once per run, on the worker (a third of a second at a million samples).
    const bool readRun = m_runId != 0 && needsRunPredictions(query) && !m_run;
    const std::shared_ptr<const RunPredictions> runPredictions = m_runId != 0 ? m_run : nullptr;
    if (query.text.isEmpty() && !readRun) {
        // Narrow indexed queries: tens of milliseconds at a million samples, so the GUI thread runs them. A search
        // goes to a worker: a rare word takes milliseconds, but a common one has half a million hits to check and a
        // regular expression reads every text. So does the first query that needs a new run's predictions.
        auto ids = browseIds(m_store->sqliteHandle(), m_store->task(), m_runId, runPredictions.get(), query);
        apply(ids ? Found{std::move(ids).value(), {}, generation} : Found{{}, ids.error(), generation});
        return;
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    ensureWatcher();
    setLoading(true);
    const QString path = m_store->path();
    const TaskType task = m_store->task();
    const std::shared_ptr<std::atomic_bool> flag = m_cancel;
    const qint64 runId = m_runId;
    m_watcher->waitForFinished(); // the previous scan was cancelled: it stops at SQLite's next check
    // Called on the worker; the model outlives it (its destructor waits), and a newer reload drops what it sends.
    const FirstIdsFn firstIds = [this, generation](const QVector<qint64> &ids) {
        QMetaObject::invokeMethod(this, [this, ids, generation] { applyFirstRows(ids, generation); },
                                  Qt::QueuedConnection);
    };
    QFuture<Found> future = QtConcurrent::run([path, task, runId, runPredictions, query, flag, generation, readRun,
                                               firstIds]() -> Found {
        std::shared_ptr<const RunPredictions> read;
        auto ids = browseIds(path, task, runId, runPredictions.get(), query, flag.get(), readRun ? &read : nullptr,
                             firstIds);
        return ids ? Found{std::move(ids).value(), {}, generation, read} : Found{{}, ids.error(), generation, {}};
    });
    m_watcher->setFuture(future);
}

// A project on a server: every query goes to a worker with its own connection (a round trip per statement is too
// slow for the GUI thread), and is answered there from the store's queries (store/ServerBrowse.h).
void SampleTableModel::startOnServer(quint64 generation)
{
    m_cancel = std::make_shared<std::atomic_bool>(false);
    ensureWatcher();
    setLoading(true);
    m_watcher->waitForFinished();
    const QString location = m_store->path();
    const qint64 runId = m_runId;
    const BrowseQuery query = browseQuery();
    const std::shared_ptr<std::atomic_bool> flag = m_cancel;
    m_watcher->setFuture(QtConcurrent::run([location, runId, query, flag, generation]() -> Found {
        auto store = ProjectStore::open(location); // this worker's own connection
        if (!store)
            return Found{{}, store.error(), generation, {}};
        auto ids = browseIdsOnServer(**store, runId, query, flag.get());
        return ids ? Found{std::move(ids).value(), {}, generation, {}} : Found{{}, ids.error(), generation, {}};
    }));
}

void SampleTableModel::ensureWatcher()
{
    if (m_watcher)
        return;
    m_watcher = new QFutureWatcher<Found>(this);
    connect(m_watcher, &QFutureWatcher<Found>::finished, this, [this] {
        const QFuture<Found> future = m_watcher->future();
        if (future.resultCount() > 0)
            apply(future.result());
    });
}

void SampleTableModel::apply(const Found &found)
{
    if (found.generation != m_generation)
        return; // a newer reload or a cancel came since
    if (found.run && found.run->runId == m_runId)
        m_run = found.run;
    // A search's first hits are shown already: the rest go below them, and the view keeps its place.
    const bool extendsShown = m_firstRowsOnly && found.error.isEmpty() && found.ids.size() >= m_ids.size()
                              && std::equal(m_ids.cbegin(), m_ids.cend(), found.ids.cbegin());
    m_firstRowsOnly = false;
    setLoading(false);
    m_cancel.reset();
    if (extendsShown) {
        clearPages(); // the last page read may have stopped short of rows that now follow it
        if (found.ids.size() > m_ids.size()) {
            beginInsertRows({}, int(m_ids.size()), int(found.ids.size()) - 1);
            m_ids = found.ids;
            endInsertRows();
        }
    } else {
        beginResetModel();
        m_ids = found.ids;
        clearPages();
        m_error = found.error;
        endResetModel();
    }
    if (!found.error.isEmpty())
        Q_EMIT failed(found.error);
    Q_EMIT loaded();
}

void SampleTableModel::applyFirstRows(const QVector<qint64> &ids, quint64 generation)
{
    if (generation != m_generation || !m_loading)
        return; // a newer reload, a cancel, or the whole answer came first
    beginResetModel();
    m_ids = ids;
    clearPages();
    m_error.clear();
    m_firstRowsOnly = true;
    endResetModel();
    Q_EMIT firstRowsLoaded();
}

void SampleTableModel::clearPages()
{
    m_pages.clear();
    m_recent.clear();
}

const SampleTableModel::Row &SampleTableModel::rowAt(int row) const
{
    static const Row none;
    if (row < 0 || row >= m_ids.size())
        return none;
    const int page = row / kPageSize;
    auto it = m_pages.constFind(page);
    if (it == m_pages.constEnd()) {
        fetchPage(page);
        it = m_pages.constFind(page);
    } else if (m_recent.front() != page) {
        m_recent.remove(page);
        m_recent.push_front(page);
    }
    const int offset = row - page * kPageSize;
    return offset < it->size() ? it->at(offset) : none;
}

void SampleTableModel::fetchPage(int page) const
{
    const int first = page * kPageSize;
    const QVector<qint64> ids = m_ids.mid(first, kPageSize);
    QVector<Row> rows(ids.size());
    for (int i = 0; i < ids.size(); ++i)
        rows[i].id = ids.at(i);
    while (int(m_recent.size()) >= kMaxPages) {
        m_pages.remove(m_recent.back());
        m_recent.pop_back();
    }
    m_pages.insert(page, rows);
    m_recent.push_front(page);
    ++m_pageQueries;
    if (!m_store || ids.isEmpty())
        return;
    QHash<qint64, int> where;
    for (int i = 0; i < ids.size(); ++i)
        where.insert(ids.at(i), i);
    const bool spans = m_store->task() == TaskType::Ner;
    auto predictions = m_store->isServer() ? m_store->predictions(m_runId, ids)
                                           : predictionsOf(m_store->sqliteHandle(), m_runId, ids);
    SampleFilter filter;
    filter.ids = ids;
    QString error = predictions ? QString() : predictions.error();
    const Status read = m_store->forEachSample(filter, [&](const AnnotatedSample &s) {
        Row &row = rows[where.value(s.sample.id)];
        row.split = s.sample.split;
        row.text = s.sample.text.left(300);
        row.labeled = s.isLabeled();
        if (s.isLabeled()) {
            row.provenance = provenanceText(*s.annotation);
            row.label = !spans ? s.annotation->labels.join(QStringLiteral(", "))
                        : s.annotation->spans.isEmpty() ? tr("no entities")
                                                        : spanSummary(s.sample.text, s.annotation->spans);
        }
        if (const auto no = m_rejected.constFind(row.id); no != m_rejected.constEnd()) {
            const QString refused = tr("not %1").arg(no->join(QStringLiteral(", ")));
            row.provenance = row.provenance.isEmpty() ? refused : row.provenance + QStringLiteral(" · ") + refused;
        }
        if (predictions) {
            if (const auto p = predictions->constFind(row.id); p != predictions->constEnd()) {
                row.predicted = p->label;
                if (spans) {
                    const QVector<Span> list = predictedSpans(p->detailJson, s.sample.text);
                    row.predicted = list.isEmpty() ? tr("no entities") : spanSummary(s.sample.text, list);
                }
                row.confidence = p->confidence;
                row.score = p->score;
                row.rank = p->rank;
            }
        }
        return true;
    });
    if (!read)
        error = read.error();
    m_pages.insert(page, rows);
    if (!error.isEmpty()) {
        // Reported once the view is done asking for data: a signal from inside data() would re-enter it.
        auto *self = const_cast<SampleTableModel *>(this);
        const QString message = tr("Rows %1 to %2 could not be read: %3").arg(first + 1).arg(first + ids.size()).arg(error);
        QMetaObject::invokeMethod(self, [self, message] { Q_EMIT self->failed(message); }, Qt::QueuedConnection);
    }
}

int SampleTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_ids.size()); }

int SampleTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SampleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::TextAlignmentRole && (index.column() == ConfidenceColumn || index.column() == ScoreColumn
                                          || index.column() == IdColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (role == Qt::DisplayRole && index.column() == IdColumn)
        return m_ids.at(index.row());
    const Row &row = rowAt(index.row());
    if (role == Qt::ToolTipRole) {
        if (index.column() == TextColumn)
            return row.text;
        if (index.column() == ProvenanceColumn)
            return row.provenance;
        return {};
    }
    switch (index.column()) {
    case SplitColumn:
        return row.split == Split::Eval ? tr("eval") : tr("pool");
    case TextColumn:
        return QString(row.text).replace(QLatin1Char('\n'), QLatin1Char(' '));
    case LabelColumn:
        return row.label;
    case PredictedColumn:
        return row.predicted;
    case ConfidenceColumn:
        return row.confidence < 0 ? QVariant() : QVariant(QString::number(row.confidence, 'f', 2));
    case ScoreColumn:
        if (row.score)
            return row.rank ? QStringLiteral("%1 (#%2)").arg(*row.score, 0, 'g', 4).arg(*row.rank)
                            : QString::number(*row.score, 'g', 4);
        return {};
    case ProvenanceColumn:
        return row.provenance;
    default:
        return {};
    }
}

QVariant SampleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Id");
    case SplitColumn:
        return tr("Split");
    case TextColumn:
        return tr("Text");
    case LabelColumn:
        return m_store && m_store->task() == TaskType::Ner ? tr("Entities") : tr("Label");
    case PredictedColumn:
        return m_store && m_store->task() == TaskType::Ner ? tr("Predicted entities") : tr("Predicted");
    case ConfidenceColumn:
        return tr("Confidence");
    case ScoreColumn:
        return tr("Score (rank)");
    case ProvenanceColumn:
        return tr("How labeled");
    default:
        return {};
    }
}

} // namespace marginalia::ui
