#pragma once
#include <QVector>
#include "Result.h"
#include "io/EvalSplitter.h"
#include "io/Importer.h"
#include "io/SampleHashSet.h"
#include "store/ProjectTypes.h"

#include <QHash>

struct sqlite3;
struct sqlite3_stmt;

namespace marginalia {

struct ImportRecord;

// Turns records into samples and imported annotations, through prepared statements on the store's own
// connection. Default mode commits every `batchRows` imported samples, so a killed import leaves a prefix;
// strict mode keeps everything in one transaction that rollback() undoes.
// A large import into a small project takes the bulk path instead: one transaction that drops the unique
// content-hash index, checks duplicates against an in-memory table and recreates the index before COMMIT
// (one sort instead of a random B-tree insert per row). A kill then leaves the project unchanged, index
// included, since SQLite's DDL is transactional.
class ImportWriter
{
public:
    enum class Outcome { Imported, Duplicate, Bad };

    ImportWriter(ProjectStore &store, const ImportOptions &options);
    ~ImportWriter();
    ImportWriter(const ImportWriter &) = delete;
    ImportWriter &operator=(const ImportWriter &) = delete;

    // Checks and hashes a record for a project of `task`: sets record.error for rows the project cannot
    // take, else record.contentHash (and for token rows text and tokensJson). Touches no shared state, so
    // it runs on the reading thread.
    static void prepare(ImportRecord &record, TaskType task);

    // `expectedRows` is an estimate of the file's rows; it picks the bulk path and sizes its table.
    Status begin(qint64 expectedRows = 0);
    bool bulk() const { return m_bulk; }
    // Writes one prepared record. Bad records come back as Outcome::Bad with `reason` set; an error result means the
    // store itself failed and the import must stop.
    Result<Outcome> write(const ImportRecord &record, QString &reason);
    Status commit();
    void rollback();

    const ImportSummary &summary() const { return m_summary; }
    qint64 committedImported() const { return m_committedImported; } // saved by earlier batch commits
    ImportSummary &summary() { return m_summary; }

private:
    Status prepare();
    Status execRaw(const char *sql, const QString &what);
    Error sqliteError(const QString &what) const;
    Result<qint64> labelIdFor(const QString &name);
    Status commitBatch();
    Status writeLabels(qint64 annotationId, const ImportRecord &record);
    Status writeSpans(qint64 annotationId, const ImportRecord &record);
    static constexpr qint64 kMaxBulkId = 0xffffffffLL; // the bulk hash table keeps ids in 32 bits
    Result<bool> startBulk(qint64 expectedRows);
    qint64 maxSampleId() const;
    // Drops the sample and annotation indexes (remembering their DDL in m_deferredIndexes); false, with
    // nothing dropped, when they cannot go now.
    bool dropIndexesForBulk();
    bool setJournalMode(const char *mode);
    void restoreJournal();
    Status commitTransaction();
    Result<bool> isNewInBulk(const QByteArray &hash, qint64 id);

    ProjectStore &m_store;
    ImportOptions m_options;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insertSample = nullptr;
    sqlite3_stmt *m_insertAnnotation = nullptr;
    sqlite3_stmt *m_insertLabel = nullptr;
    sqlite3_stmt *m_insertSpan = nullptr;
    sqlite3_stmt *m_insertBulkSample = nullptr; // no ON CONFLICT: there is no unique index to conflict with
    sqlite3_stmt *m_selectHash = nullptr;
    bool m_bulk = false;
    bool m_rollbackJournal = false; // switched from WAL for a bulk import; restored when the import ends
    bool m_foreignKeysOff = false;  // a bulk import writes rows that match by construction; restored at the end
    QVector<QByteArray> m_deferredIndexes; // DDL of the indexes a bulk import drops and builds again at the end
    qint64 m_nextId = 0;
    SampleHashSet m_hashes;
    bool m_open = false;
    qint64 m_now = 0;
    QHash<QString, qint64> m_labelIds;
    EvalSplitter m_splitter;
    QByteArray m_annotator;
    ImportSummary m_summary;
    qint64 m_sinceCommit = 0;
    qint64 m_committedImported = 0;
    int m_savedCacheSize = 0;
};

} // namespace marginalia
