#pragma once
#include "Result.h"
#include "store/ProjectTypes.h"

#include <QAbstractListModel>
#include <QCache>
#include <QFutureWatcher>
#include <QHash>
#include <QVector>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class ThumbnailCache;

// The pool's image samples for the grid, one row each, in id order. The list of ids (all of a 100 k pool, or the
// ones a filter keeps) is read on a pool thread; each row's label and the latest run's guess are read when the
// view first shows the row, a page of rows in one query, and kept for a bounded number of pages. Thumbnails come
// from a ThumbnailCache, asked for only by what the view paints. Evaluation samples are not listed: the grid shows
// the model's guesses, and evaluation samples are labeled blind.
class ImageGridModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        SampleIdRole = Qt::UserRole + 1,
        LabelRole,          // the current label, "" when unlabeled
        SourceRole,         // its AnnotationSource as an int
        PredictedRole,      // the latest run's guess, "" when none
        ConfidenceRole,     // of the guess; invalid when none
        ThumbnailErrorRole, // why there is no picture (missing, changed); invalid otherwise
        FileRole,           // the image path relative to the project
    };
    struct Query
    {
        enum class State { Any, Unlabeled, Labeled };
        State state = State::Any;
        QString predicted;        // only rows whose guess is this label
        double minConfidence = 0; // only rows whose guess is at least this sure
    };
    struct Row
    {
        qint64 id = 0;
        QString file;
        QString label;
        AnnotationSource source = AnnotationSource::Human;
        QString predicted;
        double confidence = -1;
        std::optional<double> score;
        std::optional<int> rank;
    };
    static constexpr int kPageRows = 128; // about three screens of cells: a jump to new ones costs one query
    static constexpr int kMaxPages = 128;

    explicit ImageGridModel(QObject *parent = nullptr);
    ~ImageGridModel() override;

    void setStore(ProjectStore *store); // the GUI thread's store; null closes
    ThumbnailCache *thumbnails() const { return m_thumbnails; }
    // Reads the list again for `query` on a pool thread; `reloaded` when it is in (rows reset then).
    void reload(const Query &query);
    void reload() { reload(m_query); }
    const Query &query() const { return m_query; }
    bool isLoading() const { return m_watcher.isRunning() || m_again; }
    // Labels or guesses changed (a label saved, its undo, a new run): rows are read again when next shown.
    void refreshRows();
    // Takes these samples out of the list (labeled while the list shows unlabeled ones).
    void removeSamples(const QSet<qint64> &sampleIds);

    qint64 sampleId(int row) const { return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0; }
    int rowOf(qint64 sampleId) const; // -1 when not listed
    Row row(int row) const;          // reads its page when needed
    qint64 runId() const { return m_runId; } // the run whose guesses the rows show; 0 = none
    int pageQueries() const { return m_pageQueries; } // for tests: pages read so far

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void reloaded();
    void message(const QString &text);

private:
    struct Listing
    {
        Result<QVector<qint64>> ids = QVector<qint64>();
        qint64 runId = 0;
    };
    static Listing readListing(const QString &projectPath, const Query &query);
    void onListed();
    const QVector<Row> *page(int pageIndex) const;
    void onThumbnails(const QVector<qint64> &sampleIds);

    ProjectStore *m_store = nullptr;
    ThumbnailCache *m_thumbnails;
    Query m_query;
    QVector<qint64> m_ids; // ascending
    qint64 m_runId = 0;
    QFutureWatcher<Listing> m_watcher;
    int m_generation = 0;
    int m_listGeneration = 0;
    bool m_again = false;
    mutable QCache<int, QVector<Row>> m_pages;
    mutable int m_pageQueries = 0;
};

} // namespace marginalia::ui
