// The bulk import path of ImportWriter: the in-memory duplicate check that stands in for the unique
// content-hash index, and the rollback journal used while it runs.
#include "io/ImportWriter.h"
#include "io/MultiRowInsert.h"
#include "io/RecordReader.h"

#include <QCoreApplication>
#include <algorithm>
#include <cstring>
#include <thread>
#include <sqlite3.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

constexpr int kBulkCacheKiB = 4 * 1024;
constexpr int kSortCacheKiB = 1024;
constexpr unsigned kMaxSortThreads = 4;
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
    for (sqlite3_stmt *s : {m_insertSample, m_insertAnnotation, m_insertLabel, m_insertSpan, m_insertRejection})
        if (s)
            sqlite3_reset(s);
    for (const auto *rows : {&m_bulkSamples, &m_bulkAnnotations, &m_bulkLabels, &m_bulkSpans, &m_bulkRejections})
        if (*rows)
            (*rows)->reset();
    m_rollbackJournal = !setJournalMode("wal");
}

void ImportWriter::sortOnAllCores(bool on)
{
    const unsigned threads = on ? std::clamp(std::thread::hardware_concurrency(), 1u, kMaxSortThreads) : 0u;
    const QByteArray pragma = "PRAGMA threads = " + QByteArray::number(threads);
    sqlite3_exec(m_db, pragma.constData(), nullptr, nullptr, nullptr);
    const int cacheKiB = on ? kSortCacheKiB : kBulkCacheKiB;
    if (m_savedCacheSize != 0) {
        const QByteArray cache = "PRAGMA cache_size = " + QByteArray::number(-cacheKiB);
        sqlite3_exec(m_db, cache.constData(), nullptr, nullptr, nullptr);
    }
}

bool ImportWriter::dropIndexesForBulk()
{
    // The DDL comes from the file itself, so the indexes come back exactly as the schema made them.
    // samples_eval stays: new samples take ascending ids, so its few inserts are appends, while building it
    // again would scan the whole table.
    sqlite3_stmt *q = nullptr;
    QVector<QPair<QByteArray, QByteArray>> indexes;
    if (sqlite3_prepare_v2(m_db,
                           "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN"
                           " ('samples', 'annotations', 'annotation_labels', 'annotation_spans')"
                           " AND name <> 'samples_eval' ORDER BY name",
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
    // No ON CONFLICT: there is no unique index to conflict with; ids are given, so rows can wait in buffers.
    m_bulkSamples = std::make_unique<MultiRowInsert>(
        m_db, "INSERT INTO samples(id, external_id, text, tokens, meta, content_hash, split, created_at) VALUES",
        "(?, ?, ?, ?, ?, ?, ?, ?)", 8);
    m_bulkAnnotations = std::make_unique<MultiRowInsert>(
        m_db, "INSERT INTO annotations(id, sample_id, cleared, annotator, source, created_at, origin) VALUES",
        "(?, ?, 0, ?, 'imported', ?, 'import')", 4);
    m_bulkLabels = std::make_unique<MultiRowInsert>(
        m_db, "INSERT OR IGNORE INTO annotation_labels(annotation_id, label_id) VALUES", "(?, ?)", 2);
    m_bulkSpans = std::make_unique<MultiRowInsert>(
        m_db, "INSERT OR IGNORE INTO annotation_spans(annotation_id, start, end, label_id) VALUES", "(?, ?, ?, ?)", 4);
    m_bulkRejections = std::make_unique<MultiRowInsert>(
        m_db, "INSERT INTO label_rejections(sample_id, label_id, annotator, source, created_at, origin) VALUES",
        "(?, ?, ?, 'imported', ?, 'import')", 4);
    for (const auto *rows : {&m_bulkSamples, &m_bulkAnnotations, &m_bulkLabels, &m_bulkSpans, &m_bulkRejections})
        if (!(*rows)->prepare())
            return sqliteError(Tr::tr("Preparing the import"));
    sqlite3_stmt *lastAnnotation = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT coalesce(max(id), 0) FROM annotations", -1, &lastAnnotation, nullptr)
            != SQLITE_OK
        || sqlite3_step(lastAnnotation) != SQLITE_ROW) {
        sqlite3_finalize(lastAnnotation);
        return sqliteError(Tr::tr("Preparing the import"));
    }
    m_nextAnnotationId = sqlite3_column_int64(lastAnnotation, 0) + 1;
    sqlite3_finalize(lastAnnotation);
    m_hashes = SampleHashSet(existing + expectedRows);
    sqlite3_stmt *all = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT content_hash FROM samples", -1, &all, nullptr) != SQLITE_OK)
        return sqliteError(Tr::tr("Reading the project's samples"));
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(all)) == SQLITE_ROW) {
        const auto *bytes = static_cast<const char *>(sqlite3_column_blob(all, 0));
        const QByteArray hash = QByteArray::fromRawData(bytes, sqlite3_column_bytes(all, 0));
        m_hashes.insert(hash);
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
            return s;
    }
    return true;
}

Result<ImportWriter::Outcome> ImportWriter::writeBulk(const ImportRecord &record, bool labeled,
                                                      bool eval)
{
    if (m_nextId > kMaxBulkId)
        return Error{Tr::tr("Too many samples for one import (line %1).").arg(record.line)};
    if (record.duplicate) {
        ++m_summary.duplicates;
        return Outcome::Duplicate;
    }
    static const QByteArray pool = QByteArrayLiteral("pool"), evalSplit = QByteArrayLiteral("eval");
    const qint64 sampleId = m_nextId++;
    MultiRowInsert &samples = *m_bulkSamples;
    samples.addInt(sampleId);
    samples.addTextOrNull(record.externalId);
    samples.addText(record.text);
    samples.addTextOrNull(record.tokensJson);
    samples.addTextOrNull(record.metaJson);
    samples.addBlob(record.contentHash);
    samples.addText(eval ? evalSplit : pool);
    samples.addInt(m_now);
    samples.endRow();
    ++m_summary.imported;
    if (eval)
        ++m_summary.evalSamples;

    // Other annotators' versions first, so that the record's own is the current one.
    for (const ImportAnnotation &version : record.earlier)
        if (auto written = writeBulkVersion(sampleId, version.labels, version.spans, version.annotator); !written)
            return written;
    if (labeled) {
        if (auto written = writeBulkVersion(sampleId, record.labels, record.spans, record.annotator); !written)
            return written;
    }
    if (labeled || !record.earlier.isEmpty())
        ++m_summary.labeled;
    for (const ImportRejection &rejection : record.rejections) {
        const auto labelId = labelIdFor(rejection.label);
        if (!labelId)
            return Error{labelId.error()};
        m_bulkRejections->addInt(sampleId);
        m_bulkRejections->addInt(*labelId);
        m_bulkRejections->addText(annotatorBytes(rejection.annotator));
        m_bulkRejections->addInt(m_now);
        m_bulkRejections->endRow();
        ++m_summary.rejections;
    }
    if (samples.isFull() || m_bulkAnnotations->isFull() || m_bulkLabels->isFull() || m_bulkSpans->isFull()
        || m_bulkRejections->isFull()) {
        if (auto s = flushBulkRows(record.line); !s)
            return s;
    }
    return Outcome::Imported;
}

Status ImportWriter::writeBulkVersion(qint64 sampleId, const QStringList &labels, const QVector<Span> &spans,
                                      const QString &annotator)
{
    const qint64 annotationId = m_nextAnnotationId++;
    MultiRowInsert &annotations = *m_bulkAnnotations;
    annotations.addInt(annotationId);
    annotations.addInt(sampleId);
    annotations.addText(annotatorBytes(annotator));
    annotations.addInt(m_now);
    annotations.endRow();
    // prepare() left the row only the kind of annotation the project's task has.
    for (const QString &name : labels) {
        const auto labelId = labelIdFor(name);
        if (!labelId)
            return Error{labelId.error()};
        m_bulkLabels->addInt(annotationId);
        m_bulkLabels->addInt(*labelId);
        m_bulkLabels->endRow();
    }
    for (const Span &span : spans) {
        const auto labelId = labelIdFor(span.label);
        if (!labelId)
            return Error{labelId.error()};
        m_bulkSpans->addInt(annotationId);
        m_bulkSpans->addInt(span.start);
        m_bulkSpans->addInt(span.end);
        m_bulkSpans->addInt(*labelId);
        m_bulkSpans->endRow();
    }
    return {};
}

Status ImportWriter::flush()
{
    return m_bulk ? flushBulkRows(0) : Status{};
}

Status ImportWriter::flushBulkRows(qint64 line)
{
    // Parents first, so the rows are valid even where the foreign-key pragma could not be turned off.
    for (const auto *rows : {&m_bulkSamples, &m_bulkAnnotations, &m_bulkLabels, &m_bulkSpans, &m_bulkRejections}) {
        if (!*rows || (*rows)->isEmpty())
            continue;
        if (!(*rows)->flush()) {
            if (line > 0)
                return sqliteError(Tr::tr("Saving the imported rows up to line %1").arg(line));
            return sqliteError(Tr::tr("Saving the imported rows"));
        }
    }
    return {};
}

void ImportWriter::discardBulkRows()
{
    for (const auto *rows : {&m_bulkSamples, &m_bulkAnnotations, &m_bulkLabels, &m_bulkSpans, &m_bulkRejections})
        if (*rows)
            (*rows)->discard();
}

} // namespace marginalia
