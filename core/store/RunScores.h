#pragma once
// A run's prediction of every sample, kept compact (schema version 12): the samples in id order, 4,096 to a part,
// each part one compressed blob of columns (id, predicted label, confidence, score, rank, detail) in the table
// `run_scores`. A round at a million samples writes some 250 blobs instead of a million rows (a row each took
// a minute and hundreds of MB per round), and reads them back in a fraction of a second.
//
// The `predictions` table keeps only what is read by rank with the per-label probabilities: the top of each
// run's ranking (kRankedRowsKept rows), for the labeling queue, teach mode and `marginalia rank`.
#include "Result.h"
#include "store/RunTypes.h"

#include <QByteArray>
#include <QHash>
#include <QSqlDatabase>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <functional>
#include <vector>

struct sqlite3;
class QSqlQuery;

namespace marginalia::runscores {

inline constexpr int kSamplesPerPart = 4096;
// Ranked rows of a run also kept whole in `predictions` (rank 1..this).
inline constexpr int kRankedRowsKept = 10000;

// One part, decoded: column i describes the i-th sample (ascending ids).
struct ScorePart
{
    std::vector<qint64> ids;
    std::vector<qint32> label;    // an index into labels; -1: none
    QStringList labels;           // the distinct predicted labels of the part
    std::vector<double> confidence;
    std::vector<double> score;    // NaN: none
    std::vector<qint32> rank;     // 0: none
    std::vector<quint32> detailEnd; // end of sample i's detail in details (starts where i - 1 ends)
    QByteArray details;           // UTF-8 JSON, task-specific (predicted spans)

    int size() const { return static_cast<int>(ids.size()); }
    int find(qint64 id) const; // position of `id`, or -1
    PredictionRow row(int i) const; // without probabilities (the part does not keep them)
    QString detail(int i) const;
};

// The blob of rows[0..count) (ascending sample ids, at most kSamplesPerPart).
QByteArray encode(const PredictionRow *const *rows, int count);
// The part a blob holds; an error when it is not one (every length is checked before it is read).
Result<ScorePart> decode(const QByteArray &blob);

// Writes rows[0..count) (ascending sample ids, at most kSamplesPerPart) as one part with `insert`, prepared with
// kInsertPart.
inline constexpr const char *kInsertPart =
    "INSERT INTO run_scores(run_id, first_sample, last_sample, data) VALUES(?, ?, ?, ?) ON CONFLICT(run_id, first_sample)"
    " DO UPDATE SET last_sample = excluded.last_sample, data = excluded.data";
Status insertPart(QSqlQuery &insert, qint64 runId, const PredictionRow *const *rows, int count);

// Every part of a run in id order, on a raw connection (the browse worker's own or a store's); `visit` returns
// false to stop. Stops with an error once `cancel` is set.
Status forEachPart(sqlite3 *db, qint64 runId, const std::function<bool(const ScorePart &)> &visit,
                   const std::atomic_bool *cancel = nullptr);
// The predictions of `ids` (any order) in run `runId`; samples without one are absent.
Result<QHash<qint64, PredictionRow>> rowsOf(sqlite3 *db, qint64 runId, QVector<qint64> ids);
// The same two on a server project's connection (ProjectStore::isServer).
Status forEachPart(const QSqlDatabase &db, qint64 runId, const std::function<bool(const ScorePart &)> &visit,
                   const std::atomic_bool *cancel = nullptr);
Result<QHash<qint64, PredictionRow>> rowsOf(const QSqlDatabase &db, qint64 runId, QVector<qint64> ids);

} // namespace marginalia::runscores
