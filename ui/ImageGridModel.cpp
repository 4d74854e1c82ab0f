#include "ui/ImageGridModel.h"
#include "store/ProjectStore.h"
#include "ui/ThumbnailCache.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent>
#include <algorithm>

namespace marginalia::ui {

namespace {
// Whether a sample's newest annotation version labels it (0) or there is none or it was cleared (1).
const char *const kUnlabeledExpr =
    "COALESCE((SELECT a.cleared FROM annotations a WHERE a.sample_id = s.id ORDER BY a.id DESC LIMIT 1), 1)";
} // namespace

ImageGridModel::ImageGridModel(QObject *parent)
    : QAbstractListModel(parent), m_thumbnails(new ThumbnailCache(this)), m_pages(kMaxPages)
{
    connect(&m_watcher, &QFutureWatcher<Listing>::finished, this, &ImageGridModel::onListed);
    connect(m_thumbnails, &ThumbnailCache::ready, this, &ImageGridModel::onThumbnails);
}

ImageGridModel::~ImageGridModel()
{
    m_watcher.waitForFinished(); // the listing holds its own store
}

void ImageGridModel::setStore(ProjectStore *store)
{
    beginResetModel();
    m_store = store;
    ++m_generation;
    m_again = false;
    m_ids.clear();
    m_runId = 0;
    m_pages.clear();
    m_thumbnails->setProject(store ? store->path() : QString());
    endResetModel();
}

void ImageGridModel::reload(const Query &query)
{
    m_query = query;
    if (!m_store)
        return;
    if (m_watcher.isRunning()) { // one listing at a time; the newest query is read next
        m_again = true;
        return;
    }
    m_listGeneration = m_generation;
    const QString path = m_store->path();
    m_watcher.setFuture(QtConcurrent::run([path, query] { return readListing(path, query); }));
}

ImageGridModel::Listing ImageGridModel::readListing(const QString &projectPath, const Query &query)
{
    Listing listing;
    auto store = ProjectStore::open(projectPath); // this pool thread's own connection
    if (!store) {
        listing.ids = Error{store.error()};
        return listing;
    }
    if (auto run = (*store)->latestRun(true); run && run->has_value())
        listing.runId = (*run)->id;
    const bool byGuess = !query.predicted.isEmpty() || query.minConfidence > 0;
    if (byGuess && listing.runId == 0)
        return listing; // no guesses yet: nothing passes a filter on them
    // The run's guesses come from its compact parts (one pass); the samples from SQL.
    QSet<qint64> guessed;
    if (byGuess) {
        const Status read = (*store)->forEachPrediction(listing.runId, [&](const PredictionRow &p) {
            if ((query.predicted.isEmpty() || p.label == query.predicted) && p.confidence >= query.minConfidence)
                guessed.insert(p.sampleId);
            return true;
        });
        if (!read) {
            listing.ids = Error{tr("Reading the images failed: %1").arg(read.error())};
            return listing;
        }
    }
    QString sql = QStringLiteral("SELECT s.id FROM samples s WHERE s.split = 'pool'");
    if (query.state == Query::State::Labeled)
        sql += QStringLiteral(" AND %1 = 0").arg(QLatin1String(kUnlabeledExpr));
    else if (query.state == Query::State::Unlabeled)
        sql += QStringLiteral(" AND %1 = 1").arg(QLatin1String(kUnlabeledExpr));
    sql += QStringLiteral(" ORDER BY s.id");
    QSqlQuery q((*store)->database());
    q.setForwardOnly(true);
    if (!q.exec(sql)) {
        listing.ids = Error{tr("Reading the images failed: %1").arg(q.lastError().text())};
        return listing;
    }
    QVector<qint64> ids;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (!byGuess || guessed.contains(id))
            ids.push_back(id);
    }
    listing.ids = std::move(ids);
    return listing;
}

void ImageGridModel::onListed()
{
    Listing listing = m_watcher.result();
    if (m_listGeneration == m_generation) {
        if (!listing.ids) {
            Q_EMIT message(listing.ids.error());
        } else {
            beginResetModel();
            m_ids = std::move(listing.ids).value();
            m_runId = listing.runId;
            m_pages.clear();
            m_thumbnails->retryFailed();
            endResetModel();
        }
    }
    if (m_again) {
        m_again = false;
        reload(m_query);
        return;
    }
    Q_EMIT reloaded();
}

void ImageGridModel::refreshRows()
{
    m_pages.clear();
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_ids.size()) - 1));
}

void ImageGridModel::removeSamples(const QSet<qint64> &sampleIds)
{
    // From the end, a run of adjacent rows at a time, so that the view keeps its place.
    int row = int(m_ids.size()) - 1;
    while (row >= 0) {
        if (!sampleIds.contains(m_ids.at(row))) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && sampleIds.contains(m_ids.at(first - 1)))
            --first;
        beginRemoveRows({}, first, row);
        m_ids.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    m_pages.clear(); // pages are by row
}

int ImageGridModel::rowOf(qint64 sampleId) const
{
    const auto it = std::lower_bound(m_ids.cbegin(), m_ids.cend(), sampleId);
    return it != m_ids.cend() && *it == sampleId ? int(it - m_ids.cbegin()) : -1;
}

const QVector<ImageGridModel::Row> *ImageGridModel::page(int pageIndex) const
{
    if (const QVector<Row> *cached = m_pages.object(pageIndex))
        return cached;
    const int first = pageIndex * kPageRows;
    const int last = std::min(int(m_ids.size()), first + kPageRows);
    auto *rows = new QVector<Row>(last - first);
    QStringList ids;
    for (int r = first; r < last; ++r) {
        (*rows)[r - first].id = m_ids.at(r);
        ids << QString::number(m_ids.at(r)); // our own integers: safe to put in the statement
    }
    if (m_store && !ids.isEmpty()) {
        // One query for the page: each sample's path and its newest annotation with its labels; then the run's
        // guesses for the page, from the parts that hold them.
        QSqlQuery q(m_store->database());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral(
                      "SELECT s.id, s.text, a.cleared, a.source,"
                      " (SELECT group_concat(l.name, ',') FROM annotation_labels al JOIN labels l ON l.id = al.label_id"
                      "  WHERE al.annotation_id = a.id)"
                      " FROM samples s"
                      " LEFT JOIN annotations a ON a.id = (SELECT max(b.id) FROM annotations b WHERE b.sample_id = s.id)"
                      " WHERE s.id IN (%1)")
                      .arg(ids.join(QLatin1Char(','))));
        ++m_pageQueries;
        QHash<qint64, int> at;
        for (int i = 0; i < rows->size(); ++i)
            at.insert(rows->at(i).id, i);
        if (q.exec()) {
            while (q.next()) {
                Row &row = (*rows)[at.value(q.value(0).toLongLong())];
                row.file = q.value(1).toString();
                if (!q.value(2).isNull() && q.value(2).toInt() == 0) {
                    row.label = q.value(4).toString();
                    row.source = sourceFromName(q.value(3).toString()).value_or(AnnotationSource::Human);
                }
            }
        }
        QVector<qint64> pageIds;
        for (const Row &r : std::as_const(*rows))
            pageIds.push_back(r.id);
        if (const auto guesses = m_runId != 0 ? m_store->predictions(m_runId, pageIds)
                                              : Result<QHash<qint64, PredictionRow>>(QHash<qint64, PredictionRow>());
            guesses) {
            for (const PredictionRow &p : *guesses) {
                Row &row = (*rows)[at.value(p.sampleId)];
                row.predicted = p.label;
                row.confidence = p.confidence;
                row.score = p.score;
                row.rank = p.rank;
            }
        }
    }
    m_pages.insert(pageIndex, rows);
    return m_pages.object(pageIndex);
}

ImageGridModel::Row ImageGridModel::row(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return {};
    const QVector<Row> *rows = page(row / kPageRows);
    return rows->value(row % kPageRows);
}

int ImageGridModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_ids.size()); }

QVariant ImageGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 id = m_ids.at(index.row());
    switch (role) {
    case SampleIdRole:
        return id;
    case Qt::DecorationRole: {
        const QImage image = m_thumbnails->thumbnail(id); // queued when not made yet: only what is painted asks
        return image.isNull() ? QVariant() : QVariant(image);
    }
    case ThumbnailErrorRole: {
        const QString error = m_thumbnails->error(id);
        return error.isEmpty() ? QVariant() : QVariant(error);
    }
    default:
        break;
    }
    const Row r = row(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return r.label.isEmpty() ? r.predicted : r.label;
    case Qt::ToolTipRole: {
        QString tip = r.file;
        if (!r.label.isEmpty())
            tip += QLatin1Char('\n') + tr("Label: %1").arg(r.label);
        if (r.confidence >= 0)
            tip += QLatin1Char('\n') + tr("Model's guess: %1 (confidence %2%)").arg(r.predicted).arg(r.confidence * 100, 0, 'f', 0);
        if (const QString error = m_thumbnails->error(id); !error.isEmpty())
            tip += QStringLiteral("\n\n") + error;
        return tip;
    }
    case LabelRole:
        return r.label;
    case SourceRole:
        return int(r.source);
    case PredictedRole:
        return r.predicted;
    case ConfidenceRole:
        return r.confidence < 0 ? QVariant() : QVariant(r.confidence);
    case FileRole:
        return r.file;
    default:
        return {};
    }
}

QHash<int, QByteArray> ImageGridModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SampleIdRole, "sampleId");
    names.insert(LabelRole, "label");
    names.insert(SourceRole, "source");
    names.insert(PredictedRole, "predicted");
    names.insert(ConfidenceRole, "confidence");
    names.insert(ThumbnailErrorRole, "thumbnailError");
    names.insert(FileRole, "file");
    return names;
}

void ImageGridModel::onThumbnails(const QVector<qint64> &sampleIds)
{
    // Rows in id order: one signal per run of adjacent rows.
    QVector<int> rows;
    for (const qint64 id : sampleIds)
        if (const int r = rowOf(id); r >= 0)
            rows.push_back(r);
    std::sort(rows.begin(), rows.end());
    for (int i = 0; i < rows.size();) {
        int j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(index(rows.at(i)), index(rows.at(j)), {Qt::DecorationRole, ThumbnailErrorRole});
        i = j + 1;
    }
}

} // namespace marginalia::ui
