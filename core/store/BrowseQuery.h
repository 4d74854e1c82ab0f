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

// The ids of the samples `query` matches, in its order. `runId` is the run whose predictions filter and sort
// (0 = none). Stops with an error once `cancel` is set.
Result<QVector<qint64>> browseIds(sqlite3 *db, TaskType task, qint64 runId, const BrowseQuery &query,
                                  const std::atomic_bool *cancel = nullptr);

// The same on a connection of its own to the project file at `path`, for a worker thread (a connection belongs
// to the thread that opened it).
Result<QVector<qint64>> browseIds(const QString &path, TaskType task, qint64 runId, const BrowseQuery &query,
                                  const std::atomic_bool *cancel = nullptr);

// The full-text index's query for words: each word's trigrams, all required. A superset of the samples
// that contain every word (the trigrams of a word may occur apart); callers check the words themselves.
// Empty when no word has three characters.
QString ftsTrigramQuery(const QStringList &words);

// The run's predictions of these samples, by sample id.
Result<QHash<qint64, PredictionRow>> predictionsOf(sqlite3 *db, qint64 runId, const QVector<qint64> &ids);

} // namespace marginalia
