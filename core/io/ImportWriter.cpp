#include "io/ImportWriter.h"
#include "io/MultiRowInsert.h"
#include "io/RecordReader.h"
#include "io/SpanRecord.h"
#include "store/ContentHash.h"
#include "store/ProjectStore.h"
#include "store/Schema.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <sqlite3.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

// A span-labeling row labeled like a classification row ("label": "PER") would import unlabeled without a
// word: it is a bad row instead. Returns false after setting record.error.
bool labelsInsteadOfSpans(ImportRecord &record)
{
    if (!record.hasLabels || record.hasSpans)
        return true;
    record.error = Tr::tr("\"%1\" is a label name, not tags or spans, which a span-labeling project needs")
                       .arg(record.labels.join(QStringLiteral(", ")));
    return false;
}

QStringList spanTypes(const QVector<Span> &spans)
{
    QStringList types;
    for (const Span &span : spans)
        if (!types.contains(span.label))
            types << span.label;
    return types;
}

bool isBlank(const QByteArray &text)
{
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    return true;
}

void bindText(sqlite3_stmt *statement, int index, const QByteArray &value)
{
    if (value.isEmpty())
        sqlite3_bind_null(statement, index);
    else
        sqlite3_bind_text(statement, index, value.constData(), int(value.size()), SQLITE_STATIC);
}

} // namespace

ImportWriter::ImportWriter(ProjectStore &store, const ImportOptions &options)
    : m_store(store), m_options(options), m_db(store.sqliteHandle()), m_splitter(options.evalFraction, options.seed),
      m_annotator(options.annotator.toUtf8())
{
}

ImportWriter::~ImportWriter()
{
    if (m_open)
        rollback();
    restoreJournal();
    if (m_savedCacheSize != 0) {
        const QByteArray pragma = "PRAGMA cache_size = " + QByteArray::number(m_savedCacheSize);
        sqlite3_exec(m_db, pragma.constData(), nullptr, nullptr, nullptr);
    }
    sqlite3_finalize(m_insertSample);
    sqlite3_finalize(m_insertAnnotation);
    sqlite3_finalize(m_insertLabel);
    sqlite3_finalize(m_insertSpan);
    sqlite3_finalize(m_insertRejection);
    sqlite3_finalize(m_findSample);
    sqlite3_finalize(m_annotatorLabels);
}

Error ImportWriter::sqliteError(const QString &what) const
{
    return Error{Tr::tr("%1 failed: %2").arg(what, sql::explain(QString::fromUtf8(sqlite3_errmsg(m_db))))};
}

Status ImportWriter::execRaw(const char *sql, const QString &what)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return sqliteError(what);
    return {};
}

Status ImportWriter::prepare()
{
    if (!m_db)
        return Error{Tr::tr("The project's database connection is not SQLite.")};
    const struct
    {
        sqlite3_stmt **statement;
        const char *sql;
    } statements[] = {
        {&m_insertSample, "INSERT INTO samples(external_id, text, tokens, meta, content_hash, split, created_at)"
                          " VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING"},
        {&m_insertAnnotation, "INSERT INTO annotations(sample_id, cleared, annotator, source, created_at, origin)"
                              " VALUES(?, 0, ?, 'imported', ?, 'import')"},
        {&m_insertLabel, "INSERT OR IGNORE INTO annotation_labels(annotation_id, label_id) VALUES(?, ?)"},
        {&m_insertSpan, "INSERT OR IGNORE INTO annotation_spans(annotation_id, start, end, label_id) VALUES(?, ?, ?, ?)"},
        {&m_insertRejection, "INSERT INTO label_rejections(sample_id, label_id, annotator, source, created_at, origin)"
                             " VALUES(?, ?, ?, 'imported', ?, 'import')"},
        {&m_findSample, "SELECT id FROM samples WHERE content_hash = ?"},
        {&m_annotatorLabels, "SELECT group_concat(l.name, char(31)) FROM annotation_labels al JOIN labels l ON l.id = al.label_id"
                             " WHERE al.annotation_id = (SELECT max(id) FROM annotations WHERE sample_id = ? AND annotator = ?)"},
    };
    for (const auto &s : statements)
        if (!*s.statement && sqlite3_prepare_v2(m_db, s.sql, -1, s.statement, nullptr) != SQLITE_OK)
            return sqliteError(Tr::tr("Preparing the import"));
    return {};
}

Status ImportWriter::begin(qint64 expectedRows)
{
    if (auto s = prepare(); !s)
        return s;
    const auto labels = m_store.labels();
    if (!labels)
        return Error{labels.error()};
    m_labelIds.clear();
    for (const Label &label : *labels)
        m_labelIds.insert(label.name, label.id);
    if (m_labelIds.isEmpty())
        m_onlyProjectLabels = false; // a project without labels takes the file's
    // A bigger page cache for the import: the content-hash index takes inserts at random places, and a
    // small cache spills its dirty pages to the WAL again and again within one batch.
    sqlite3_stmt *cache = nullptr;
    if (sqlite3_prepare_v2(m_db, "PRAGMA cache_size", -1, &cache, nullptr) == SQLITE_OK
        && sqlite3_step(cache) == SQLITE_ROW)
        m_savedCacheSize = sqlite3_column_int(cache, 0);
    sqlite3_finalize(cache);
    if (m_savedCacheSize != 0 && m_options.cacheKiB > 0) {
        const QByteArray pragma = "PRAGMA cache_size = " + QByteArray::number(-m_options.cacheKiB);
        if (auto s = execRaw(pragma.constData(), Tr::tr("Configuring the import")); !s)
            return s;
    }
    if (m_options.bulkMinRows > 0 && expectedRows >= m_options.bulkMinRows && expectedRows >= maxSampleId()) {
        m_rollbackJournal = setJournalMode("delete");
        // Every row a bulk import writes points at rows it wrote or read itself, so checking each reference
        // costs a lookup per row and finds nothing; the pragma only changes outside a transaction.
        m_foreignKeysOff = sqlite3_exec(m_db, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    if (auto s = execRaw("BEGIN IMMEDIATE", Tr::tr("Starting the import")); !s)
        return s;
    m_open = true;
    m_now = QDateTime::currentMSecsSinceEpoch();
    const auto bulk = startBulk(expectedRows);
    if (!bulk)
        return Error{bulk.error()};
    m_bulk = *bulk;
    m_summary.bulk = m_bulk;
    return {};
}

Status ImportWriter::commit()
{
    const Status status = commitTransaction();
    restoreJournal();
    return status;
}

Status ImportWriter::commitTransaction()
{
    if (!m_open)
        return {};
    const bool bulk = m_bulk;
    if (m_bulk) {
        if (auto s = flushBulkRows(0); !s) {
            rollback();
            return s;
        }
        m_hashes.clear(); // its memory goes back before the index sort needs some
        // One sort per index over the finished tables is much cheaper than a b-tree insert per row. The
        // reading thread is done by now, so SQLite's sorter may use the other cores; it hands work to them
        // per sorted run, which a small page cache makes many of (measured: the content-hash index in 0.6x
        // the time on two cores).
        sortOnAllCores(true);
        for (const QByteArray &ddl : std::as_const(m_deferredIndexes)) {
            if (auto s = execRaw(ddl.constData(), Tr::tr("Indexing the imported samples")); !s) {
                sortOnAllCores(false);
                rollback();
                return s;
            }
        }
        sortOnAllCores(false);
        m_deferredIndexes.clear();
        m_bulk = false;
    }
    // The full-text index takes a batch's new samples in the same transaction (store/Schema.h). A bulk import
    // leaves them to the indexing the studio does in the background (indexTextStep in store/BrowseQuery.h):
    // trigrams of a million paragraphs would triple the import's time, and a search scans what is not indexed.
    for (const char *statement : schema::kIndexNewText) {
        if (bulk)
            break;
        if (auto s = execRaw(statement, Tr::tr("Indexing the imported text")); !s) {
            rollback();
            return s;
        }
    }
    if (auto s = execRaw("COMMIT", Tr::tr("Saving the import")); !s) {
        rollback();
        return s;
    }
    m_open = false;
    m_sinceCommit = 0;
    m_committedImported = m_summary.imported;
    return {};
}

void ImportWriter::rollback()
{
    if (m_open)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); // brings a dropped index back too
    m_open = false;
    m_bulk = false;
    m_deferredIndexes.clear(); // the rollback brought them back
    m_hashes.clear();
    discardBulkRows();
    restoreJournal();
}

Status ImportWriter::commitBatch()
{
    if (auto s = commitTransaction(); !s)
        return s;
    if (auto s = execRaw("BEGIN IMMEDIATE", Tr::tr("Continuing the import")); !s)
        return s;
    m_open = true;
    m_now = QDateTime::currentMSecsSinceEpoch();
    return {};
}

Result<qint64> ImportWriter::labelIdFor(const QString &name)
{
    const auto it = m_labelIds.constFind(name);
    if (it != m_labelIds.constEnd())
        return *it;
    // addLabel runs on the same connection, so it joins the open transaction (and its rollback).
    auto added = m_store.addLabel(name);
    if (!added)
        return Error{added.error()};
    m_labelIds.insert(added->name, added->id);
    m_summary.addedLabels << added->name;
    return added->id;
}

Status ImportWriter::writeLabels(qint64 annotationId, const QStringList &labels, qint64 line)
{
    for (const QString &name : labels) {
        const auto labelId = labelIdFor(name);
        if (!labelId)
            return Error{labelId.error()};
        sqlite3_stmt *l = m_insertLabel;
        sqlite3_reset(l);
        sqlite3_bind_int64(l, 1, annotationId);
        sqlite3_bind_int64(l, 2, *labelId);
        if (sqlite3_step(l) != SQLITE_DONE)
            return sqliteError(Tr::tr("Adding an annotation (line %1)").arg(line));
    }
    return {};
}

Status ImportWriter::writeSpans(qint64 annotationId, const QVector<Span> &spans, qint64 line)
{
    for (const Span &span : spans) {
        const auto labelId = labelIdFor(span.label);
        if (!labelId)
            return Error{labelId.error()};
        sqlite3_stmt *s = m_insertSpan;
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, annotationId);
        sqlite3_bind_int(s, 2, span.start);
        sqlite3_bind_int(s, 3, span.end);
        sqlite3_bind_int64(s, 4, *labelId);
        if (sqlite3_step(s) != SQLITE_DONE)
            return sqliteError(Tr::tr("Adding an annotation (line %1)").arg(line));
    }
    return {};
}

namespace {

// A span-labeling row: tokens (joined by spaces into its text) or a text, with spans; labels are no annotation
// here.
void prepareSpanRow(ImportRecord &record)
{
    if (record.hasTokens) {
        record.text = record.tokens.join(QLatin1Char(' ')).toUtf8();
        if (QString problem = tokenProblem(record.tokens); !problem.isEmpty()) {
            record.error = problem;
            return;
        }
    } else if (isBlank(record.text)) {
        record.error = Tr::tr("the text is empty");
        return;
    }
    if (!labelsInsteadOfSpans(record))
        return;
    record.labels.clear();
    record.hasLabels = false;
    // A row is labeled even with zero spans: "this sentence has no entities".
    record.labeled = record.hasSpans;
    record.stratum = spanTypes(record.spans);
    if (record.hasTokens) {
        record.tokensJson = QJsonDocument(QJsonArray::fromStringList(record.tokens)).toJson(QJsonDocument::Compact);
        record.contentHash = ProjectStore::contentHash(QString(), record.tokens);
    } else {
        record.contentHash = sha256(record.text); // as ProjectStore::contentHash: SHA-256 of the UTF-8 text
    }
}

// A classification row: a text with its label (or labels); tokens and spans are no annotation here.
void prepareLabelRow(ImportRecord &record, bool multilabel)
{
    record.hasTokens = false;
    record.spans.clear();
    record.hasSpans = false;
    if (isBlank(record.text)) {
        record.error = Tr::tr("the text is empty");
        return;
    }
    if (!multilabel && record.labels.size() > 1) {
        record.error = Tr::tr("%1 labels (%2) in a single-label project")
                           .arg(record.labels.size())
                           .arg(record.labels.join(QStringLiteral(", ")));
        return;
    }
    record.labeled = record.hasLabels && (multilabel || !record.labels.isEmpty());
    record.stratum = record.labels;
    record.contentHash = sha256(record.text);
}

// The versions a record brings before its own (other annotators'), checked as its own: only the kind of
// annotation the task has, one label in a single-label project. Versions without a label are dropped.
void prepareEarlier(ImportRecord &record, TaskType task)
{
    QVector<ImportAnnotation> kept;
    for (ImportAnnotation &version : record.earlier) {
        const QString who = version.annotator.isEmpty() ? Tr::tr("an earlier annotation")
                                                        : Tr::tr("the annotation of %1").arg(version.annotator);
        if (task == TaskType::Ner) {
            if (version.hasLabels && !version.hasSpans) {
                record.error = Tr::tr("%1: \"%2\" is a label name, not spans, which a span-labeling project needs")
                                   .arg(who, version.labels.join(QStringLiteral(", ")));
                return;
            }
            version.labels.clear();
            version.hasLabels = false;
            if (version.hasSpans)
                kept.append(version);
            continue;
        }
        version.spans.clear();
        version.hasSpans = false;
        const bool multilabel = task == TaskType::MultiLabel;
        if (!multilabel && version.labels.size() > 1) {
            record.error = Tr::tr("%1: %2 labels (%3) in a single-label project")
                               .arg(who)
                               .arg(version.labels.size())
                               .arg(version.labels.join(QStringLiteral(", ")));
            return;
        }
        if (version.hasLabels && (multilabel || !version.labels.isEmpty()))
            kept.append(version);
    }
    record.earlier = kept;
}

} // namespace

void ImportWriter::prepare(ImportRecord &record, TaskType task)
{
    if (!record.error.isEmpty())
        return;
    if (task == TaskType::Ner)
        prepareSpanRow(record);
    else
        prepareLabelRow(record, task == TaskType::MultiLabel);
    if (record.error.isEmpty() && !record.earlier.isEmpty())
        prepareEarlier(record, task);
}

const QByteArray &ImportWriter::annotatorBytes(const QString &annotator)
{
    if (annotator.isEmpty())
        return m_annotator;
    auto it = m_annotators.find(annotator);
    if (it == m_annotators.end())
        it = m_annotators.insert(annotator, annotator.toUtf8());
    return *it;
}

QString ImportWriter::labelOutsideProject(const ImportRecord &record) const
{
    if (!m_onlyProjectLabels)
        return {};
    const auto known = [this](const QString &name) { return m_labelIds.contains(name); };
    for (const QString &name : record.labels)
        if (!known(name))
            return name;
    for (const Span &span : record.spans)
        if (!known(span.label))
            return span.label;
    for (const ImportAnnotation &version : record.earlier) {
        for (const QString &name : version.labels)
            if (!known(name))
                return name;
        for (const Span &span : version.spans)
            if (!known(span.label))
                return span.label;
    }
    for (const ImportRejection &rejection : record.rejections)
        if (!known(rejection.label))
            return rejection.label;
    return {};
}

Status ImportWriter::writeVersion(qint64 sampleId, const QStringList &labels, const QVector<Span> &spans,
                                  const QString &annotator, qint64 line)
{
    const QByteArray &who = annotatorBytes(annotator);
    sqlite3_stmt *a = m_insertAnnotation;
    sqlite3_reset(a);
    sqlite3_bind_int64(a, 1, sampleId);
    sqlite3_bind_text(a, 2, who.constData(), int(who.size()), SQLITE_STATIC);
    sqlite3_bind_int64(a, 3, m_now);
    if (sqlite3_step(a) != SQLITE_DONE)
        return sqliteError(Tr::tr("Adding an annotation (line %1)").arg(line));
    const qint64 annotationId = sqlite3_last_insert_rowid(m_db);
    // prepare() left the row only the kind of annotation the project's task has.
    if (auto written = writeLabels(annotationId, labels, line); !written)
        return written;
    return writeSpans(annotationId, spans, line);
}

Result<ImportWriter::Outcome> ImportWriter::write(const ImportRecord &record, QString &reason)
{
    if (!record.error.isEmpty()) {
        reason = record.error;
        return Outcome::Bad;
    }
    if (record.contentHash.isEmpty()) {
        reason = Tr::tr("the row was not prepared for import");
        return Outcome::Bad;
    }
    if (const QString outside = labelOutsideProject(record); !outside.isEmpty()) {
        reason = Tr::tr("the label \"%1\" is not in the project's label set (strict mode adds no labels)").arg(outside);
        return Outcome::Bad;
    }
    const bool labeled = record.labeled;
    bool eval = false;
    if (m_splitter.enabled()) {
        // Strata are label sets (span labeling: the entity types a row has); the counter moves even if the row
        // turns out to be a duplicate, which only shifts which rows are picked, not the shares.
        QStringList sorted = record.stratum;
        sorted.sort();
        eval = m_splitter.take(labeled ? sorted.join(QChar(0x1f)) : QStringLiteral("\x1e-unlabeled"));
    }
    if (m_bulk)
        return writeBulk(record, labeled, eval);
    sqlite3_stmt *s = m_insertSample;
    sqlite3_reset(s);
    bindText(s, 1, record.externalId);
    sqlite3_bind_text(s, 2, record.text.constData(), int(record.text.size()), SQLITE_STATIC);
    bindText(s, 3, record.tokensJson);
    bindText(s, 4, record.metaJson);
    sqlite3_bind_blob(s, 5, record.contentHash.constData(), int(record.contentHash.size()), SQLITE_STATIC);
    sqlite3_bind_text(s, 6, eval ? "eval" : "pool", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 7, m_now);
    if (sqlite3_step(s) != SQLITE_DONE)
        return sqliteError(Tr::tr("Adding a sample (line %1)").arg(record.line));
    if (sqlite3_changes(m_db) == 0) {
        if (m_options.addToExisting && labeled)
            return addToExisting(record);
        ++m_summary.duplicates;
        return Outcome::Duplicate;
    }
    const qint64 sampleId = sqlite3_last_insert_rowid(m_db);
    ++m_summary.imported;
    if (eval)
        ++m_summary.evalSamples;

    // Other annotators' versions first, so that the record's own is the current one.
    for (const ImportAnnotation &version : record.earlier)
        if (auto written = writeVersion(sampleId, version.labels, version.spans, version.annotator, record.line); !written)
            return written;
    if (labeled) {
        if (auto written = writeVersion(sampleId, record.labels, record.spans, record.annotator, record.line); !written)
            return written;
    }
    if (labeled || !record.earlier.isEmpty())
        ++m_summary.labeled;
    for (const ImportRejection &rejection : record.rejections) {
        const auto labelId = labelIdFor(rejection.label);
        if (!labelId)
            return Error{labelId.error()};
        const QByteArray &who = annotatorBytes(rejection.annotator);
        sqlite3_stmt *r = m_insertRejection;
        sqlite3_reset(r);
        sqlite3_bind_int64(r, 1, sampleId);
        sqlite3_bind_int64(r, 2, *labelId);
        sqlite3_bind_text(r, 3, who.constData(), int(who.size()), SQLITE_STATIC);
        sqlite3_bind_int64(r, 4, m_now);
        if (sqlite3_step(r) != SQLITE_DONE)
            return sqliteError(Tr::tr("Recording a rejected label (line %1)").arg(record.line));
        ++m_summary.rejections;
    }

    if (!m_options.strict && m_options.batchRows > 0 && ++m_sinceCommit >= m_options.batchRows) {
        if (auto c = commitBatch(); !c)
            return c;
    }
    return Outcome::Imported;
}

Result<ImportWriter::Outcome> ImportWriter::addToExisting(const ImportRecord &record)
{
    sqlite3_stmt *find = m_findSample;
    sqlite3_reset(find);
    sqlite3_bind_blob(find, 1, record.contentHash.constData(), int(record.contentHash.size()), SQLITE_STATIC);
    if (sqlite3_step(find) != SQLITE_ROW)
        return sqliteError(Tr::tr("Finding the sample of line %1").arg(record.line));
    const qint64 sampleId = sqlite3_column_int64(find, 0);
    const QByteArray &who = annotatorBytes(record.annotator);
    sqlite3_stmt *current = m_annotatorLabels;
    sqlite3_reset(current);
    sqlite3_bind_int64(current, 1, sampleId);
    sqlite3_bind_text(current, 2, who.constData(), int(who.size()), SQLITE_STATIC);
    if (sqlite3_step(current) != SQLITE_ROW)
        return sqliteError(Tr::tr("Reading the labels of line %1").arg(record.line));
    if (record.spans.isEmpty() && sqlite3_column_type(current, 0) != SQLITE_NULL) {
        QStringList had = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(current, 0)))
                              .split(QChar(0x1f));
        QStringList now = record.labels;
        had.sort();
        now.sort();
        if (had == now) { // the same file imported again
            ++m_summary.duplicates;
            return Outcome::Duplicate;
        }
    }
    if (auto written = writeVersion(sampleId, record.labels, record.spans, record.annotator, record.line); !written)
        return written;
    ++m_summary.addedToExisting;
    return Outcome::Duplicate;
}

} // namespace marginalia
