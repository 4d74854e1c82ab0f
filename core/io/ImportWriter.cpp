#include "io/ImportWriter.h"
#include "io/RecordReader.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <sqlite3.h>

namespace marginalia {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Import", text); }

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
    : m_store(store), m_options(options), m_db(store.sqliteHandle()), m_splitter(options.evalFraction, options.seed)
{
}

ImportWriter::~ImportWriter()
{
    if (m_open)
        rollback();
    sqlite3_finalize(m_insertSample);
    sqlite3_finalize(m_insertAnnotation);
    sqlite3_finalize(m_insertLabel);
}

Error ImportWriter::sqliteError(const QString &what) const
{
    return Error{tr("%1 failed: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_db)))};
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
        return Error{tr("The project's database connection is not SQLite.")};
    const struct
    {
        sqlite3_stmt **statement;
        const char *sql;
    } statements[] = {
        {&m_insertSample, "INSERT INTO samples(external_id, text, tokens, meta, content_hash, split, created_at)"
                          " VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING"},
        {&m_insertAnnotation, "INSERT INTO annotations(sample_id, cleared, annotator, source, created_at)"
                              " VALUES(?, 0, ?, 'imported', ?)"},
        {&m_insertLabel, "INSERT OR IGNORE INTO annotation_labels(annotation_id, label_id) VALUES(?, ?)"},
    };
    for (const auto &s : statements)
        if (!*s.statement && sqlite3_prepare_v2(m_db, s.sql, -1, s.statement, nullptr) != SQLITE_OK)
            return sqliteError(tr("Preparing the import"));
    return {};
}

Status ImportWriter::begin()
{
    if (auto s = prepare(); !s)
        return s;
    const auto labels = m_store.labels();
    if (!labels)
        return Error{labels.error()};
    m_labelIds.clear();
    for (const Label &label : *labels)
        m_labelIds.insert(label.name, label.id);
    if (auto s = execRaw("BEGIN IMMEDIATE", tr("Starting the import")); !s)
        return s;
    m_open = true;
    m_now = QDateTime::currentMSecsSinceEpoch();
    return {};
}

Status ImportWriter::commit()
{
    if (!m_open)
        return {};
    if (auto s = execRaw("COMMIT", tr("Saving the import")); !s) {
        rollback();
        return s;
    }
    m_open = false;
    m_sinceCommit = 0;
    return {};
}

void ImportWriter::rollback()
{
    if (m_open)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    m_open = false;
}

Status ImportWriter::commitBatch()
{
    if (auto s = commit(); !s)
        return s;
    if (auto s = execRaw("BEGIN IMMEDIATE", tr("Continuing the import")); !s)
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

Result<ImportWriter::Outcome> ImportWriter::write(const ImportRecord &record, QString &reason)
{
    if (!record.error.isEmpty()) {
        reason = record.error;
        return Outcome::Bad;
    }
    const TaskType task = m_store.task();
    QByteArray text = record.text;
    QByteArray tokensJson;
    QByteArray hash;
    const bool useTokens = task == TaskType::Ner && record.hasTokens;
    if (useTokens) {
        text = record.tokens.join(QLatin1Char(' ')).toUtf8();
        tokensJson = QJsonDocument(QJsonArray::fromStringList(record.tokens)).toJson(QJsonDocument::Compact);
        hash = ProjectStore::contentHash(QString(), record.tokens);
        if (record.tokens.isEmpty() || isBlank(text)) {
            reason = tr("the token list is empty");
            return Outcome::Bad;
        }
    } else {
        if (isBlank(text)) {
            reason = tr("the text is empty");
            return Outcome::Bad;
        }
        // Same digest as ProjectStore::contentHash: SHA-256 of the UTF-8 text.
        hash = QCryptographicHash::hash(text, QCryptographicHash::Sha256);
    }
    const bool labeled = task != TaskType::Ner && record.hasLabels
                         && (task == TaskType::MultiLabel || !record.labels.isEmpty());
    if (labeled && task == TaskType::TextCat && record.labels.size() > 1) {
        reason = tr("%1 labels (%2) in a single-label project").arg(record.labels.size()).arg(record.labels.join(QStringLiteral(", ")));
        return Outcome::Bad;
    }

    QStringList sorted = record.labels;
    sorted.sort();
    const bool eval = m_splitter.enabled()
                      && m_splitter.take(labeled ? sorted.join(QChar(0x1f)) : QStringLiteral("\x1e-unlabeled"));
    // The stratum counter moved even if the row turns out to be a duplicate; that only shifts which rows
    // are picked, not the shares.
    sqlite3_stmt *s = m_insertSample;
    sqlite3_reset(s);
    bindText(s, 1, record.externalId);
    sqlite3_bind_text(s, 2, text.constData(), int(text.size()), SQLITE_STATIC);
    bindText(s, 3, tokensJson);
    bindText(s, 4, record.metaJson);
    sqlite3_bind_blob(s, 5, hash.constData(), int(hash.size()), SQLITE_STATIC);
    sqlite3_bind_text(s, 6, eval ? "eval" : "pool", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 7, m_now);
    if (sqlite3_step(s) != SQLITE_DONE)
        return sqliteError(tr("Adding a sample (line %1)").arg(record.line));
    if (sqlite3_changes(m_db) == 0) {
        ++m_summary.duplicates;
        return Outcome::Duplicate;
    }
    const qint64 sampleId = sqlite3_last_insert_rowid(m_db);
    ++m_summary.imported;
    if (eval)
        ++m_summary.evalSamples;

    if (labeled) {
        const QByteArray annotator = m_options.annotator.toUtf8();
        sqlite3_stmt *a = m_insertAnnotation;
        sqlite3_reset(a);
        sqlite3_bind_int64(a, 1, sampleId);
        sqlite3_bind_text(a, 2, annotator.constData(), int(annotator.size()), SQLITE_STATIC);
        sqlite3_bind_int64(a, 3, m_now);
        if (sqlite3_step(a) != SQLITE_DONE)
            return sqliteError(tr("Adding an annotation (line %1)").arg(record.line));
        const qint64 annotationId = sqlite3_last_insert_rowid(m_db);
        for (const QString &name : record.labels) {
            const auto labelId = labelIdFor(name);
            if (!labelId)
                return Error{labelId.error()};
            sqlite3_stmt *l = m_insertLabel;
            sqlite3_reset(l);
            sqlite3_bind_int64(l, 1, annotationId);
            sqlite3_bind_int64(l, 2, *labelId);
            if (sqlite3_step(l) != SQLITE_DONE)
                return sqliteError(tr("Adding an annotation (line %1)").arg(record.line));
        }
        ++m_summary.labeled;
    }

    if (!m_options.strict && m_options.batchRows > 0 && ++m_sinceCommit >= m_options.batchRows) {
        if (auto c = commitBatch(); !c)
            return Error{c.error()};
    }
    return Outcome::Imported;
}

} // namespace marginalia
