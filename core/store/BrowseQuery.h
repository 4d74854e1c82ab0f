#pragma once
// What the browse view shows, as the ordered ids of every matching sample. A million samples are too many to
// read row by row: each filter and sort key comes from one narrow query over an index (ids only), the sets
// meet as bitmaps over the id range, and the view then reads the rows it shows by id, a page at a time.
// A correlated subquery per sample (the current annotation, its label, its prediction) costs 0.4–0.5 s at a
// million samples; the narrow queries cost tens of milliseconds (bench/BrowseBench.cpp measures both).
#include "Result.h"
#include "store/ProjectStore.h"

#include <QHash>
#include <QString>
#include <QVector>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

struct sqlite3;

namespace marginalia {

struct BrowseQuery
{
    // Natural: id order, or rank order for the ranked queue. Score sorts by rank (rank 1 = highest score).
    enum class Sort { Natural, Id, Split, Label, Predicted, Confidence, Score };
    std::optional<Split> split;
    SampleFilter::LabelState labelState = SampleFilter::LabelState::Any;
    QString label;              // the current annotation has this label (a span of this type)
    TextSearch text;            // words (full-text index, then checked exactly) or a regular expression (a scan)
    bool flaggedOnly = false;
    QString predicted;          // the run predicts this label (span labeling: a span of this type)
    bool disagreement = false;  // labeled, and the label differs from the prediction
    double minConfidence = 0;   // > 0: predicted with at least this confidence
    double maxConfidence = 1;   // < 1: predicted with at most this confidence
    bool rankedQueue = false;   // unlabeled pool samples the run ranked
    Sort sort = Sort::Natural;
    bool descending = false;
};

// A finished run's predictions as the browse view filters and sorts them, read once per run from its compact
// parts (store/RunScores.h) and kept by the caller while the run is the latest (a finished run's predictions do
// not change).
struct RunPredictions
{
    qint64 runId = 0;
    std::vector<double> confidence; // by sample id; < 0: no prediction
    std::vector<qint16> label;     // by sample id: an index into labels; -1: no prediction
    QStringList labels;            // the distinct predicted labels (multi-label: "a,b")
    QVector<qint64> byConfidence;  // every predicted sample, by ascending confidence (ties by id)
    QVector<qint64> byRank;        // the ranked samples, rank 1 first
};
Result<std::shared_ptr<const RunPredictions>> readRunPredictions(sqlite3 *db, qint64 runId,
                                                                 const std::atomic_bool *cancel = nullptr);
// Whether `query` filters or sorts by a run's predictions (reading them takes a third of a second at a million
// samples the first time: callers on the GUI thread run such a query on a worker).
bool needsRunPredictions(const BrowseQuery &query);

// A search's first hits, in the answer's order, handed over while the search goes on (from the thread that runs
// it). A common word has half a million hits at a million samples, and checking them all takes longer than
// an annotator should wait to see the first ones.
using FirstIdsFn = std::function<void(const QVector<qint64> &firstIds)>;
inline constexpr int kFirstIdsWanted = 200; // a page of the browse view
inline constexpr int kFirstIdsWaitMs = 30;  // then whatever was found, once there is something

// The ids of the samples `query` matches, in its order. `runId` is the run whose predictions and ranking filter
// and sort (0 = none); `run`, its predictions as readRunPredictions() read them (null: read here when needed).
// Stops with an error once `cancel` is set. With `firstIds`, a search hands its first hits over before the
// answer is complete, at most once, and only when that helps: they are always the answer's first ids.
Result<QVector<qint64>> browseIds(sqlite3 *db, TaskType task, qint64 runId, const RunPredictions *run,
                                  const BrowseQuery &query, const std::atomic_bool *cancel = nullptr,
                                  const FirstIdsFn &firstIds = {});

// The same on a connection of its own to the project file at `path`, for a worker thread (a connection belongs
// to the thread that opened it). With `readRun` (and no `run`), the run's predictions are read there first and
// handed back, so that the caller can keep them for its next query.
Result<QVector<qint64>> browseIds(const QString &path, TaskType task, qint64 runId, const RunPredictions *run,
                                  const BrowseQuery &query, const std::atomic_bool *cancel = nullptr,
                                  std::shared_ptr<const RunPredictions> *readRun = nullptr,
                                  const FirstIdsFn &firstIds = {});

// Indexes up to `rows` samples above the full-text index's mark (samples_fts_state) in one short transaction
// of its own and moves the mark past them; true while samples above the mark remain. A bulk import leaves its
// samples to this (the studio runs it in the background); a search scans the samples above the mark meanwhile.
Result<bool> indexTextStep(sqlite3 *db, int rows);
// The same on a connection of its own to the project file at `path`, until every sample is indexed or `cancel`
// is set.
Status indexText(const QString &path, int rowsPerStep, const std::atomic_bool *cancel = nullptr);
// Whether samples above the mark wait for the index.
Result<bool> textIndexLags(sqlite3 *db);

// The full-text index's query for words: each word's trigrams, all required. A superset of the samples
// that contain every word (the trigrams of a word may occur apart); callers check the words themselves.
// Empty when no word has three characters.
QString ftsTrigramQuery(const QStringList &words);

// The run's predictions of these samples, by sample id.
Result<QHash<qint64, PredictionRow>> predictionsOf(sqlite3 *db, qint64 runId, const QVector<qint64> &ids);

} // namespace marginalia
