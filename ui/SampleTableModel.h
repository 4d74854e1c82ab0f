#pragma once
#include "store/BrowseQuery.h"
#include "store/ProjectStore.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <atomic>
#include <list>
#include <memory>

namespace marginalia::ui {

// Rows for the browse view, a million as readily as a hundred: a reload asks the store for the ordered ids of
// every matching sample (store/BrowseQuery.h: filters and sorts in SQL over indexes), and the rows themselves
// are read when the view shows them, a page of ids per query, the latest pages kept. A text search runs on a
// worker thread with its own connection (a common word has half a million hits to check, a regular expression
// or a word under three characters scans every text) and is cancelled by the next reload; the rows shown stay
// until its first hits are in (a page of them, within milliseconds for a common word), and the rest are added
// below them when it is done. Errors are reported, never dropped.
class SampleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, SplitColumn, TextColumn, LabelColumn, PredictedColumn, ConfidenceColumn, ScoreColumn,
                  ProvenanceColumn, ColumnCount };
    static constexpr int kPageSize = 200;
    static constexpr int kMaxPages = 50; // rows kept: 10,000

    struct Query
    {
        SampleFilter filter;
        QString predicted;         // only rows the model predicts as this label
        bool disagreement = false; // only labeled rows whose label differs from the prediction
        bool rankedQueue = false;  // the latest run's ranked queue of unlabeled pool samples, in rank order
        double minConfidence = 0;  // > 0: only rows the model predicts with at least this confidence
        double maxConfidence = 1;  // < 1: only rows the model predicts with at most this confidence
    };

    explicit SampleTableModel(QObject *parent = nullptr);
    ~SampleTableModel() override;
    void setStore(const ProjectStore *store);
    void reload(const Query &query);
    bool isLoading() const { return m_loading; }
    // While loading: whether the rows are a search's first hits, with more to come.
    bool hasFirstRowsOnly() const { return m_firstRowsOnly; }
    bool isIndexing() const { return m_indexWatcher && m_indexWatcher->isRunning(); }
    // The reload's error, if the last one failed ("" otherwise).
    QString errorString() const { return m_error; }
    // How many queries a reload and the rows shown since have cost (tests, bench/BrowseBench.cpp).
    int pageQueries() const { return m_pageQueries; }
    void cancel();

    qint64 sampleId(int row) const { return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0; }
    // What bulk accept needs of a row: its split, whether it is labeled, and the model's guess ("" = none).
    Split split(int row) const { return rowAt(row).split; }
    bool isLabeled(int row) const { return rowAt(row).labeled; }
    QString predicted(int row) const { return rowAt(row).predicted; }
    std::optional<double> score(int row) const { return rowAt(row).score; }
    std::optional<int> rank(int row) const { return rowAt(row).rank; }
    qint64 runId() const { return m_runId; } // the run whose predictions the rows show; 0 = none

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void firstRowsLoaded();              // a search's first hits are in; the rest follow with loaded()
    void loaded();                       // the rows of the latest reload are in
    void failed(const QString &message); // a reload or a page could not be read

private:
    struct Row
    {
        qint64 id = 0;
        Split split = Split::Pool;
        QString text;
        QString label;
        QString predicted;
        double confidence = -1;
        std::optional<double> score;
        std::optional<int> rank;
        bool labeled = false;
        QString provenance; // how its label came about (ProvenanceText.h)
    };
    struct Found
    {
        QVector<qint64> ids;
        QString error; // "" when the ids are good
        quint64 generation = 0; // the reload they answer
        std::shared_ptr<const RunPredictions> run{}; // the latest run's predictions, when the worker read them
    };
    const Row &rowAt(int row) const;
    void fetchPage(int page) const;
    void apply(const Found &found);
    void applyFirstRows(const QVector<qint64> &ids, quint64 generation);
    void clearPages();
    void setLoading(bool loading);
    void start();
    void startOnServer(quint64 generation);
    void ensureWatcher(); // the worker's answer goes to apply()
    BrowseQuery browseQuery() const;

    const ProjectStore *m_store = nullptr;
    Query m_query;
    BrowseQuery::Sort m_sort = BrowseQuery::Sort::Natural;
    bool m_descending = false;
    QVector<qint64> m_ids;
    qint64 m_runId = 0;
    std::shared_ptr<const RunPredictions> m_run; // the latest run's predictions, read once per run
    QHash<qint64, QStringList> m_rejected;
    mutable QHash<int, QVector<Row>> m_pages;
    mutable std::list<int> m_recent; // page numbers, the most recently read first
    mutable int m_pageQueries = 0;
    QString m_error;
    bool m_loading = false;
    bool m_firstRowsOnly = false;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    // Indexing the text a bulk import left unindexed, in the background (BrowseQuery.h, indexText).
    void indexInBackground();
    void stopIndexing();
    std::shared_ptr<std::atomic_bool> m_indexCancel;
    QFutureWatcher<QString> *m_indexWatcher = nullptr;
    QFutureWatcher<Found> *m_watcher = nullptr;
};

} // namespace marginalia::ui
