#pragma once
#include <QVector>
#include "Result.h"
#include "io/EvalSplitter.h"
#include "io/Importer.h"
#include "io/SampleHashSet.h"
#include "store/ProjectTypes.h"

#include <QHash>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace marginalia {

struct ImportRecord;
class MultiRowInsert;

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
    // On the bulk path, the content hashes of the project: the reading thread inserts each prepared record's
    // hash and sets record.duplicate when it was there (the writer then skips the record). Null otherwise.
    // Only that thread may use it between begin() and the last write().
    SampleHashSet *bulkHashes() { return m_bulk ? &m_hashes : nullptr; }
    // Writes one prepared record (the bulk path may hold it back until flush() or commit()). Bad records come back as Outcome::Bad with `reason` set; an error result means the
    // store itself failed and the import must stop.
    Result<Outcome> write(const ImportRecord &record, QString &reason);
    // Writes the rows the bulk path holds back. The records given to write() must stay valid until this (or
    // commit()) returns: held-back rows point into them.
    Status flush();
    Status commit();
    void rollback();

    // Refuses records with labels outside the label set the project had when the import began (strict imports
    // of other tools' files, where a typo in the label config would otherwise add labels unseen). A project
    // without labels takes the file's.
    void setOnlyProjectLabels(bool on) { m_onlyProjectLabels = on; }

    const ImportSummary &summary() const { return m_summary; }
    qint64 committedImported() const { return m_committedImported; } // saved by earlier batch commits
    ImportSummary &summary() { return m_summary; }

private:
    Status prepare();
    Status execRaw(const char *sql, const QString &what);
    Error sqliteError(const QString &what) const;
    Result<qint64> labelIdFor(const QString &name);
    Status commitBatch();
    Status writeLabels(qint64 annotationId, const QStringList &labels, qint64 line);
    Status writeSpans(qint64 annotationId, const QVector<Span> &spans, qint64 line);
    // One annotation version of a sample, by `annotator` (empty: the import's).
    Status writeVersion(qint64 sampleId, const QStringList &labels, const QVector<Span> &spans,
                        const QString &annotator, qint64 line);
    Status writeBulkVersion(qint64 sampleId, const QStringList &labels, const QVector<Span> &spans,
                            const QString &annotator);
    // The annotator as the UTF-8 the statements bind; it stays valid until the writer goes (the bulk path's
    // rows reference it until they are flushed).
    const QByteArray &annotatorBytes(const QString &annotator);
    // With onlyProjectLabels(): the first label of the record the project's label set does not have.
    QString labelOutsideProject(const ImportRecord &record) const;
    static constexpr qint64 kMaxBulkId = 0xffffffffLL; // the bulk hash table counts samples in 32 bits
    Result<bool> startBulk(qint64 expectedRows);
    qint64 maxSampleId() const;
    // Drops the sample and annotation indexes (remembering their DDL in m_deferredIndexes); false, with
    // nothing dropped, when they cannot go now.
    bool dropIndexesForBulk();
    bool setJournalMode(const char *mode);
    void restoreJournal();
    void sortOnAllCores(bool on);
    Status commitTransaction();
    Result<Outcome> writeBulk(const ImportRecord &record, bool labeled, bool eval);
    // ImportOptions::addToExisting: the record's labels as its annotator's version of the sample with its content,
    // unless that annotator's current version already says the same.
    Result<Outcome> addToExisting(const ImportRecord &record);
    // Writes the rows the bulk path holds back, parents before children.
    Status flushBulkRows(qint64 line);
    void discardBulkRows();

    ProjectStore &m_store;
    ImportOptions m_options;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insertSample = nullptr;
    sqlite3_stmt *m_insertAnnotation = nullptr;
    sqlite3_stmt *m_insertLabel = nullptr;
    sqlite3_stmt *m_insertSpan = nullptr;
    sqlite3_stmt *m_insertRejection = nullptr;
    sqlite3_stmt *m_findSample = nullptr;      // by content hash (ImportOptions::addToExisting)
    sqlite3_stmt *m_annotatorLabels = nullptr; // an annotator's current labels of a sample
    // The bulk path's rows, written many per statement; its ids are assigned here, not by SQLite.
    std::unique_ptr<MultiRowInsert> m_bulkSamples, m_bulkAnnotations, m_bulkLabels, m_bulkSpans, m_bulkRejections;
    qint64 m_nextAnnotationId = 0;
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
    QHash<QString, QByteArray> m_annotators; // see annotatorBytes()
    bool m_onlyProjectLabels = false;
    ImportSummary m_summary;
    qint64 m_sinceCommit = 0;
    qint64 m_committedImported = 0;
    int m_savedCacheSize = 0;
};

} // namespace marginalia
