// The bulk import path of ImportWriter: the in-memory duplicate check that stands in for the unique
// content-hash index, and the rollback journal used while it runs.
#include "io/ImportWriter.h"

#include <QCoreApplication>
#include <cstring>
#include <sqlite3.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

constexpr int kBulkCacheKiB = 4 * 1024;
} // namespace

qint64 ImportWriter::maxSampleId() const
{
    qint64 maxId = 0;
    sqlite3_stmt *q = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT coalesce(max(id), 0) FROM samples", -1, &q, nullptr) == SQLITE_OK
        && sqlite3_step(q) == SQLITE_ROW)
        maxId = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return maxId;
}

bool ImportWriter::setJournalMode(const char *mode)
{
    // Fails (the mode stays) while another connection has the file open; the import works either way.
    const QByteArray pragma = QByteArray("PRAGMA journal_mode = ") + mode;
    sqlite3_stmt *q = nullptr;
    bool done = false;
    if (sqlite3_prepare_v2(m_db, pragma.constData(), -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        done = qstricmp(reinterpret_cast<const char *>(sqlite3_column_text(q, 0)), mode) == 0;
    sqlite3_finalize(q);
    return done;
}

void ImportWriter::restoreJournal()
{
    // Both pragmas change only outside a transaction.
    if (m_open)
        return;
    if (m_foreignKeysOff)
        m_foreignKeysOff = sqlite3_exec(m_db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr) != SQLITE_OK;
    // The store opens every project in WAL mode again, so a kill before this line costs nothing lasting.
    if (!m_rollbackJournal)
        return;
    // A statement left mid-step would hold a read transaction, and the mode cannot change under one.
    for (sqlite3_stmt *s : {m_insertSample, m_insertAnnotation, m_insertLabel, m_insertSpan, m_insertBulkSample, m_selectHash})
        if (s)
            sqlite3_reset(s);
    m_rollbackJournal = !setJournalMode("wal");
}

bool ImportWriter::dropIndexesForBulk()
{
    // The DDL comes from the file itself, so the indexes come back exactly as the schema made them.
    sqlite3_stmt *q = nullptr;
    QVector<QPair<QByteArray, QByteArray>> indexes;
    if (sqlite3_prepare_v2(m_db,
                           "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN"
                           " ('samples', 'annotations', 'annotation_labels', 'annotation_spans') ORDER BY name",
                           -1, &q, nullptr)
        != SQLITE_OK)
        return false;
    while (sqlite3_step(q) == SQLITE_ROW)
        indexes.append({QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(q, 0))),
                        QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(q, 1)))});
    sqlite3_finalize(q);
    // All or none: a savepoint undoes the drops that went through when a later one fails (it fails while
    // another statement on the connection is still reading; the batched path then does the job).
    if (sqlite3_exec(m_db, "SAVEPOINT bulk_indexes", nullptr, nullptr, nullptr) != SQLITE_OK)
        return false;
    m_deferredIndexes.clear();
    for (const auto &index : std::as_const(indexes)) {
        const QByteArray drop = "DROP INDEX \"" + index.first + "\"";
        if (sqlite3_exec(m_db, drop.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            sqlite3_exec(m_db, "ROLLBACK TO bulk_indexes", nullptr, nullptr, nullptr);
            sqlite3_exec(m_db, "RELEASE bulk_indexes", nullptr, nullptr, nullptr);
            m_deferredIndexes.clear();
            return false;
        }
        m_deferredIndexes.append(index.second);
    }
    return sqlite3_exec(m_db, "RELEASE bulk_indexes", nullptr, nullptr, nullptr) == SQLITE_OK;
}

Result<bool> ImportWriter::startBulk(qint64 expectedRows)
{
    if (m_options.bulkMinRows <= 0 || expectedRows < m_options.bulkMinRows)
        return false;
    // max(id) bounds the sample count without scanning the table.
    const qint64 maxId = maxSampleId();
    const qint64 existing = maxId;
    // A big project would cost more to reload and reindex than the batched inserts cost.
    if (existing > expectedRows || existing + expectedRows > m_options.bulkMaxRows
        || maxId + 2 * m_options.bulkMaxRows > kMaxBulkId)
        return false;
    if (!dropIndexesForBulk())
        return false;
    const struct
    {
        sqlite3_stmt **statement;
        const char *sql;
    } statements[] = {
        {&m_insertBulkSample, "INSERT INTO samples(id, external_id, text, tokens, meta, content_hash, split,"
                              " created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"},
        {&m_selectHash, "SELECT content_hash FROM samples WHERE id = ?"},
    };
    for (const auto &s : statements)
        if (!*s.statement && sqlite3_prepare_v2(m_db, s.sql, -1, s.statement, nullptr) != SQLITE_OK)
            return sqliteError(Tr::tr("Preparing the import"));
    m_hashes = SampleHashSet(existing + expectedRows);
    sqlite3_stmt *all = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT id, content_hash FROM samples", -1, &all, nullptr) != SQLITE_OK)
        return sqliteError(Tr::tr("Reading the project's samples"));
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(all)) == SQLITE_ROW) {
        const auto *bytes = static_cast<const char *>(sqlite3_column_blob(all, 1));
        const QByteArray hash = QByteArray::fromRawData(bytes, sqlite3_column_bytes(all, 1));
        // Stored samples are distinct already: no fingerprint match needs checking.
        m_hashes.insert(hash, std::uint32_t(sqlite3_column_int64(all, 0)), [](std::uint32_t) { return false; });
    }
    sqlite3_finalize(all);
    if (rc != SQLITE_DONE)
        return sqliteError(Tr::tr("Reading the project's samples"));
    m_nextId = maxId + 1;
    // Rows only append now, so a small page cache does; the memory goes to the hash table instead, and the
    // final index sort (whose in-memory runs SQLite sizes from the cache) stays within the RSS budget.
    if (m_savedCacheSize != 0) {
        const QByteArray pragma = "PRAGMA cache_size = " + QByteArray::number(-kBulkCacheKiB);
        if (auto s = execRaw(pragma.constData(), Tr::tr("Configuring the import")); !s)
            return Error{s.error()};
    }
    return true;
}

Result<bool> ImportWriter::isNewInBulk(const QByteArray &hash, qint64 id)
{
    bool failed = false;
    const bool added = m_hashes.insert(hash, std::uint32_t(id), [&](std::uint32_t storedId) {
        sqlite3_stmt *q = m_selectHash;
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, storedId);
        if (sqlite3_step(q) != SQLITE_ROW) {
            failed = true;
            return false;
        }
        return sqlite3_column_bytes(q, 0) == hash.size()
               && std::memcmp(sqlite3_column_blob(q, 0), hash.constData(), size_t(hash.size())) == 0;
    });
    if (failed)
        return sqliteError(Tr::tr("Checking for duplicates"));
    return added;
}

} // namespace marginalia
