// Samples: adding, filtering and streaming them with their current annotation.
#include "store/ProjectStore.h"
#include "store/ProvenanceColumns.h"
#include "store/RawStatement.h"
#include "store/Schema.h"
#include "store/SqlDialect.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariantList>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// The id of a sample's current annotation version (NULL if never annotated).
const char kCurrentAnnotation[] = "(SELECT max(b.id) FROM annotations b WHERE b.sample_id = s.id)";

struct WhereClause
{
    QString sql;
    QVariantList values;
};

WhereClause whereFor(const QSqlDatabase &db, const SampleFilter &filter)
{
    QStringList parts;
    WhereClause where;
    const QString current = QString::fromLatin1(kCurrentAnnotation);
    // A literal, not a parameter: only then can SQLite use the partial index on eval samples.
    if (filter.split)
        parts << (*filter.split == Split::Eval ? QStringLiteral("s.split = 'eval'") : QStringLiteral("s.split = 'pool'"));
    const bool wantLabeled = filter.labelState == SampleFilter::LabelState::Labeled || !filter.label.isEmpty();
    if (wantLabeled)
        parts << QStringLiteral("EXISTS(SELECT 1 FROM annotations c WHERE c.id = %1 AND c.cleared = 0)").arg(current);
    else if (filter.labelState == SampleFilter::LabelState::Unlabeled)
        parts << QStringLiteral("NOT EXISTS(SELECT 1 FROM annotations c WHERE c.id = %1 AND c.cleared = 0)").arg(current);
    if (!filter.label.isEmpty()) {
        parts << QStringLiteral("(EXISTS(SELECT 1 FROM annotation_labels al JOIN labels l ON l.id = al.label_id "
                                "WHERE al.annotation_id = %1 AND l.name = ?) OR "
                                "EXISTS(SELECT 1 FROM annotation_spans sp JOIN labels l ON l.id = sp.label_id "
                                "WHERE sp.annotation_id = %1 AND l.name = ?))")
                     .arg(current);
        where.values << filter.label << filter.label;
    }
    for (const QString &word : filter.text.keywords) {
        parts << sql::containsBound(db, QStringLiteral("s.text"));
        where.values << word.toLower();
    }
    if (!filter.text.pattern.isEmpty()) {
        parts << sql::matchesBound(db, QStringLiteral("s.text"));
        where.values << filter.text.pattern;
    }
    if (filter.flaggedOnly)
        parts << QStringLiteral("EXISTS(SELECT 1 FROM sample_flags f WHERE f.sample_id = s.id)");
    if (!filter.ids.isEmpty()) {
        QJsonArray ids;
        for (qint64 id : filter.ids)
            ids.append(id);
        parts << QStringLiteral("s.id IN (%1)").arg(sql::idsOfBoundJson(db));
        where.values << QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
    }
    if (!parts.isEmpty())
        where.sql = QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
    return where;
}

QString pageClause(const QSqlDatabase &db, const SampleFilter &filter)
{
    if (filter.limit < 0 && filter.offset <= 0)
        return {};
    // "No limit" is -1 to SQLite and ALL to PostgreSQL.
    const QString limit = filter.limit >= 0 ? QString::number(filter.limit)
                                            : (sql::isPostgres(db) ? QStringLiteral("ALL") : QStringLiteral("-1"));
    return QStringLiteral(" LIMIT %1 OFFSET %2").arg(limit).arg(qMax(0, filter.offset));
}


QStringList tokensFromJson(const QString &json)
{
    QStringList out;
    if (json.isEmpty())
        return out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toString();
    return out;
}

} // namespace

Result<qint64> ProjectStore::countSamples(const SampleFilter &filter) const
{
    const WhereClause where = whereFor(database(), filter);
    QSqlQuery query(database());
    if (auto s = sql::run(query, QStringLiteral("SELECT count(*) FROM samples s") + where.sql, where.values,
                     Tr::tr("counting samples"));
        !s)
        return s;
    return query.next() ? query.value(0).toLongLong() : 0;
}

Result<QVector<qint64>> ProjectStore::sampleIds(const SampleFilter &filter) const
{
    const WhereClause where = whereFor(database(), filter);
    QSqlQuery query(database());
    if (auto s = sql::run(query, QStringLiteral("SELECT s.id FROM samples s") + where.sql + QStringLiteral(" ORDER BY s.id")
                                + pageClause(database(), filter),
                     where.values, Tr::tr("listing samples"));
        !s)
        return s;
    QVector<qint64> ids;
    while (query.next())
        ids.push_back(query.value(0).toLongLong());
    return ids;
}

Result<Sample> ProjectStore::sample(qint64 sampleId) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                     QStringLiteral("SELECT id, external_id, text, tokens, meta, split FROM samples WHERE id = ?"),
                     {sampleId}, Tr::tr("reading a sample"));
        !s)
        return s;
    if (!query.next())
        return Error{Tr::tr("Sample %1 does not exist.").arg(sampleId)};
    Sample out;
    out.id = query.value(0).toLongLong();
    out.externalId = query.value(1).toString();
    out.text = query.value(2).toString();
    out.tokens = tokensFromJson(query.value(3).toString());
    out.metaJson = query.value(4).toString();
    out.split = splitFromName(query.value(5).toString()).value_or(Split::Pool);
    return out;
}

Status ProjectStore::forEachSample(const SampleFilter &filter,
                                   const std::function<bool(const AnnotatedSample &)> &visit) const
{
    const WhereClause where = whereFor(database(), filter);
    // One pass: the current annotation's labels and spans come back as JSON arrays.
    const QString text = QStringLiteral(
        "SELECT s.id, s.external_id, s.text, s.tokens, s.meta, s.split,"
        " a.id, a.cleared, a.annotator, a.source, a.created_at,"
        " (SELECT json_group_array(name) FROM (SELECT l.name FROM annotation_labels al JOIN labels l"
        "   ON l.id = al.label_id WHERE al.annotation_id = a.id ORDER BY l.position, l.id)),"
        " (SELECT json_group_array(json_array(start, end, name)) FROM (SELECT sp.start, sp.end, l.name"
        "   FROM annotation_spans sp JOIN labels l ON l.id = sp.label_id WHERE sp.annotation_id = a.id"
        "   ORDER BY sp.start, sp.end)),"
        " a.origin, a.origin_run_id, a.origin_strategy, a.origin_score, a.origin_rank, a.seconds"
        " FROM samples s LEFT JOIN annotations a ON a.id = %1")
                             .arg(QString::fromLatin1(kCurrentAnnotation))
                         + where.sql + QStringLiteral(" ORDER BY s.id") + pageClause(database(), filter);
    if (m_server)
        return forEachSampleOnServer(where.sql + QStringLiteral(" ORDER BY s.id") + pageClause(database(), filter), where.values, visit);
    // Raw SQLite rather than QSqlQuery: a million rows read as UTF-8 straight into QString (export and a round's
    // reading of the pool spent most of their time in QVariant and UTF-16 conversions).
    sql::RawStatement query(sqliteHandle(), text);
    if (!query.prepared())
        return query.error(Tr::tr("reading samples"));
    for (int i = 0; i < where.values.size(); ++i)
        query.bind(i + 1, where.values.at(i));
    while (query.next()) {
        AnnotatedSample item;
        item.sample.id = query.integer(0);
        item.sample.externalId = query.text(1);
        item.sample.text = query.text(2);
        if (!query.isNull(3))
            item.sample.tokens = tokensFromJson(query.text(3));
        item.sample.metaJson = query.text(4);
        item.sample.split = query.bytes(5) == "eval" ? Split::Eval : Split::Pool;
        if (!query.isNull(6)) {
            Annotation a;
            a.id = query.integer(6);
            a.sampleId = item.sample.id;
            a.cleared = query.integer(7) != 0;
            a.annotator = query.text(8);
            a.source = sourceFromName(query.text(9)).value_or(AnnotationSource::Human);
            a.createdAt = QDateTime::fromMSecsSinceEpoch(query.integer(10));
            for (const QJsonValue &v : QJsonDocument::fromJson(query.bytes(11)).array())
                a.labels << v.toString();
            for (const QJsonValue &v : QJsonDocument::fromJson(query.bytes(12)).array()) {
                const QJsonArray span = v.toArray();
                a.spans.push_back(Span{span.at(0).toInt(), span.at(1).toInt(), span.at(2).toString()});
            }
            a.provenance = provenance::read(query, 13); // in the order of provenance::columns()
            item.annotation = std::move(a);
        }
        if (!visit(item))
            return {};
    }
    if (query.failed())
        return query.error(Tr::tr("reading samples"));
    return {};
}

// The same on a server, through QSqlQuery, with the server's JSON aggregates.
Status ProjectStore::forEachSampleOnServer(const QString &whereAndOrder, const QVariantList &values,
                                           const std::function<bool(const AnnotatedSample &)> &visit) const
{
    const QString text = QStringLiteral(
        "SELECT s.id, s.external_id, s.text, s.tokens, s.meta, s.split,"
        " a.id, a.cleared, a.annotator, a.source, a.created_at,"
        " (SELECT json_agg(l.name ORDER BY l.position, l.id) FROM annotation_labels al JOIN labels l"
        "   ON l.id = al.label_id WHERE al.annotation_id = a.id),"
        " (SELECT json_agg(json_build_array(sp.start, sp.\"end\", l.name) ORDER BY sp.start, sp.\"end\")"
        "   FROM annotation_spans sp JOIN labels l ON l.id = sp.label_id WHERE sp.annotation_id = a.id),"
        " a.origin, a.origin_run_id, a.origin_strategy, a.origin_score, a.origin_rank, a.seconds"
        " FROM samples s LEFT JOIN annotations a ON a.id = %1")
                             .arg(QString::fromLatin1(kCurrentAnnotation))
                         + whereAndOrder;
    QSqlQuery query(database());
    if (auto s = sql::run(query, text, values, Tr::tr("reading samples")); !s)
        return s;
    while (query.next()) {
        AnnotatedSample item;
        item.sample.id = query.value(0).toLongLong();
        item.sample.externalId = query.value(1).toString();
        item.sample.text = query.value(2).toString();
        item.sample.tokens = tokensFromJson(query.value(3).toString());
        item.sample.metaJson = query.value(4).toString();
        item.sample.split = query.value(5).toString() == QLatin1String("eval") ? Split::Eval : Split::Pool;
        if (!query.isNull(6)) {
            Annotation a;
            a.id = query.value(6).toLongLong();
            a.sampleId = item.sample.id;
            a.cleared = query.value(7).toLongLong() != 0;
            a.annotator = query.value(8).toString();
            a.source = sourceFromName(query.value(9).toString()).value_or(AnnotationSource::Human);
            a.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(10).toLongLong());
            for (const QJsonValue &v : QJsonDocument::fromJson(query.value(11).toString().toUtf8()).array())
                a.labels << v.toString();
            for (const QJsonValue &v : QJsonDocument::fromJson(query.value(12).toString().toUtf8()).array()) {
                const QJsonArray span = v.toArray();
                a.spans.push_back(Span{span.at(0).toInt(), span.at(1).toInt(), span.at(2).toString()});
            }
            a.provenance = provenance::read(query, 13);
            item.annotation = std::move(a);
        }
        if (!visit(item))
            return {};
    }
    return {};
}

Result<QVector<AnnotatedSample>> ProjectStore::annotatedSamples(const SampleFilter &filter) const
{
    QVector<AnnotatedSample> out;
    if (auto s = forEachSample(filter, [&](const AnnotatedSample &item) {
            out.push_back(item);
            return true;
        });
        !s)
        return s;
    return out;
}

Result<std::optional<qint64>> ProjectStore::addSample(const Sample &sample)
{
    if (sample.text.isEmpty() && sample.tokens.isEmpty())
        return Error{Tr::tr("A sample needs text.")};
    QSqlQuery query(database());
    const auto inserted = sql::insertReturningId(
        query,
        QStringLiteral("INSERT INTO samples(external_id, text, tokens, meta, content_hash, split, created_at)"
                       " VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING"),
        {sample.externalId.isEmpty() ? QVariant() : QVariant(sample.externalId), sample.text,
         sample.tokens.isEmpty() ? QVariant()
                                 : QVariant(QString::fromUtf8(
                                       QJsonDocument(QJsonArray::fromStringList(sample.tokens)).toJson(QJsonDocument::Compact))),
         sample.metaJson.isEmpty() ? QVariant() : QVariant(sample.metaJson),
         sample.contentHash.isEmpty() ? contentHash(sample.text, sample.tokens) : sample.contentHash,
         splitName(sample.split), sql::nowMs()},
        Tr::tr("adding a sample"));
    if (!inserted)
        return Error{inserted.error()};
    if (*inserted == 0)
        return std::optional<qint64>{};
    const qint64 id = *inserted;
    if (m_server)
        return std::optional<qint64>{id}; // the server searches the text itself (store/SqlDialect.h)
    // The full-text index is not kept by a trigger (store/Schema.cpp, version 10).
    QSqlQuery index(database());
    for (const char *statement : schema::kIndexNewText)
        if (!index.exec(QString::fromUtf8(statement)))
            return sql::failure(index, Tr::tr("indexing a sample's text"));
    return std::optional<qint64>{id};
}

Status ProjectStore::setSplit(qint64 sampleId, Split split)
{
    QSqlQuery query(database());
    return sql::run(query, QStringLiteral("UPDATE samples SET split = ? WHERE id = ?"), {splitName(split), sampleId},
               Tr::tr("changing a sample's split"));
}

} // namespace marginalia
