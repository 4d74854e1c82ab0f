// Annotation versions, flags and project statistics.
#include "store/AnnotationHistories.h"
#include "store/ProjectStore.h"
#include "store/ProvenanceColumns.h"
#include "store/SqlDialect.h"
#include "store/SqlHelpers.h"
#include "store/WriteGate.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

} // namespace

Result<qint64> ProjectStore::annotate(qint64 sampleId, const AnnotationInput &input)
{
    if (!input.cleared) {
        if (isSingleLabel(m_task) && input.labels.size() != 1)
            return Error{Tr::tr("A single-label project needs exactly one label per sample.")};
        for (const Span &span : input.spans)
            if (span.start < 0 || span.end <= span.start)
                return Error{Tr::tr("The span %1–%2 is empty or out of range.").arg(span.start).arg(span.end)};
    }
    // The annotator waits for this: the worker's bulk writes step aside until it is committed.
    const WriteGate::Interactive interactive(writeGate());
    if (m_server)
        return annotateOnServer(sampleId, input);
    return insertAnnotationCommitted(sampleId, input);
}

Result<qint64> ProjectStore::insertAnnotationCommitted(qint64 sampleId, const AnnotationInput &input)
{
    qint64 annotationId = 0;
    const Status done = inTransaction([&]() -> Status {
        auto inserted = insertAnnotation(sampleId, input);
        if (!inserted)
            return Error{inserted.error()};
        annotationId = *inserted;
        return {};
    });
    if (!done)
        return Error{done.error()};
    return annotationId;
}

// One annotation version with its labels or spans, inside the caller's transaction. A version whose client key is
// already stored is not added again: the earlier send of the same label arrived.
Result<qint64> ProjectStore::insertAnnotation(qint64 sampleId, const AnnotationInput &input)
{
    QSqlDatabase db = database();
    if (!input.clientKey.isEmpty()) {
        QSqlQuery sent(db);
        if (auto s = sql::run(sent, QStringLiteral("SELECT id FROM annotations WHERE client_key = ?"), {input.clientKey},
                              Tr::tr("saving an annotation"));
            !s)
            return s;
        if (sent.next())
            return sent.value(0).toLongLong();
    }
    QSqlQuery exists(db);
    // Span offsets are UTF-16 units of the QString, which SQLite's length() (code points) undercounts for
    // emoji and other characters beyond the BMP.
    if (auto s = sql::run(exists, QStringLiteral("SELECT text FROM samples WHERE id = ?"), {sampleId},
                          Tr::tr("reading a sample"));
        !s)
        return s;
    if (!exists.next())
        return Error{Tr::tr("Sample %1 does not exist.").arg(sampleId)};
    const qsizetype textLength = exists.value(0).toString().size();
    for (const Span &span : input.spans)
        if (!input.cleared && span.end > textLength)
            return Error{Tr::tr("The span %1–%2 lies outside the sample's text.").arg(span.start).arg(span.end)};

    QSqlQuery insert(db);
    const auto inserted = sql::insertReturningId(
        insert,
        QStringLiteral("INSERT INTO annotations(sample_id, cleared, annotator, source, created_at, client_key, %1)"
                       " VALUES(?, ?, ?, ?, ?, ?, %2)")
            .arg(QLatin1String(provenance::columns()), QLatin1String(provenance::placeholders())),
        QVariantList{sampleId, input.cleared ? 1 : 0, sql::text(input.annotator), sourceName(input.source),
                     input.createdAtMs > 0 ? input.createdAtMs : sql::nowMs(),
                     input.clientKey.isEmpty() ? QVariant() : QVariant(input.clientKey)}
            + provenance::values(input.provenance),
        Tr::tr("saving an annotation"));
    if (!inserted)
        return inserted;
    const qint64 annotationId = *inserted;
    if (input.cleared)
        return annotationId;
    QSqlQuery label(db);
    for (const QString &name : input.labels) {
        const auto id = labelId(name);
        if (!id)
            return Error{id.error()};
        if (auto s = sql::run(label,
                              QStringLiteral("INSERT INTO annotation_labels(annotation_id, label_id) VALUES(?, ?)"
                                             " ON CONFLICT DO NOTHING"),
                              {annotationId, *id}, Tr::tr("saving an annotation"));
            !s)
            return s;
    }
    QSqlQuery span(db);
    for (const Span &sp : input.spans) {
        const auto id = labelId(sp.label);
        if (!id)
            return Error{id.error()};
        if (auto s = sql::run(span,
                              QStringLiteral("INSERT INTO annotation_spans(annotation_id, start, \"end\", label_id)"
                                             " VALUES(?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                              {annotationId, sp.start, sp.end, *id}, Tr::tr("saving an annotation"));
            !s)
            return s;
    }
    return annotationId;
}

namespace {
// The versions of the annotations `where` selects (a condition on annotations `a`), by sample, oldest first: three
// queries however many samples.
Result<QHash<qint64, QVector<Annotation>>> readHistories(const QSqlDatabase &db, const QString &where,
                                                          const QVariantList &binds)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT a.id, a.sample_id, a.cleared, a.annotator, a.source, a.created_at, %1"
                                         " FROM annotations a WHERE %2 ORDER BY a.id")
                              .arg(QLatin1String(provenance::columns()), where),
                          binds, Tr::tr("reading annotations"));
        !s)
        return s;
    QHash<qint64, QVector<Annotation>> out;
    QHash<qint64, QPair<qint64, int>> index; // annotation -> its sample and place in the sample's history
    while (query.next()) {
        Annotation a;
        a.id = query.value(0).toLongLong();
        a.sampleId = query.value(1).toLongLong();
        a.cleared = query.value(2).toInt() != 0;
        a.annotator = query.value(3).toString();
        a.source = sourceFromName(query.value(4).toString()).value_or(AnnotationSource::Human);
        a.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(5).toLongLong());
        a.provenance = provenance::read(query, 6);
        QVector<Annotation> &history = out[a.sampleId];
        index.insert(a.id, {a.sampleId, int(history.size())});
        history.push_back(a);
    }
    // Labels and spans of versions the first query saw. Versions committed since (an annotator labels meanwhile;
    // these reads are not one transaction) are left out whole: their labels arrive with their rows, never alone.
    const auto versionOf = [&](qint64 annotationId) -> Annotation * {
        const auto at = index.constFind(annotationId);
        return at == index.cend() ? nullptr : &out[at->first][at->second];
    };
    QSqlQuery labels(db);
    labels.setForwardOnly(true);
    if (auto s = sql::run(labels,
                          QStringLiteral("SELECT al.annotation_id, l.name FROM annotation_labels al"
                                         " JOIN labels l ON l.id = al.label_id JOIN annotations a"
                                         " ON a.id = al.annotation_id WHERE %1 ORDER BY l.position, l.id")
                              .arg(where),
                          binds, Tr::tr("reading annotations"));
        !s)
        return s;
    while (labels.next())
        if (Annotation *a = versionOf(labels.value(0).toLongLong()))
            a->labels << labels.value(1).toString();
    QSqlQuery spans(db);
    spans.setForwardOnly(true);
    if (auto s = sql::run(spans,
                          QStringLiteral("SELECT sp.annotation_id, sp.start, sp.\"end\", l.name FROM annotation_spans sp"
                                         " JOIN labels l ON l.id = sp.label_id JOIN annotations a"
                                         " ON a.id = sp.annotation_id WHERE %1 ORDER BY sp.start, sp.\"end\"")
                              .arg(where),
                          binds, Tr::tr("reading annotations"));
        !s)
        return s;
    while (spans.next())
        if (Annotation *a = versionOf(spans.value(0).toLongLong()))
            a->spans.push_back(Span{spans.value(1).toInt(), spans.value(2).toInt(), spans.value(3).toString()});
    return out;
}
} // namespace

Result<QVector<Annotation>> ProjectStore::annotationHistory(qint64 sampleId) const
{
    auto histories = readHistories(database(), QStringLiteral("a.sample_id = ?"), {sampleId});
    if (!histories)
        return Error{histories.error()};
    return histories->value(sampleId);
}

Result<QHash<qint64, QVector<Annotation>>> annotationHistories(const ProjectStore &store, const QString &samplesSql)
{
    return readHistories(store.database(), QStringLiteral("a.sample_id IN (%1)").arg(samplesSql), {});
}

Result<std::optional<Annotation>> ProjectStore::currentAnnotation(qint64 sampleId) const
{
    auto history = annotationHistory(sampleId);
    if (!history)
        return Error{history.error()};
    if (history->isEmpty())
        return std::optional<Annotation>{};
    return std::optional<Annotation>{history->back()};
}

Status ProjectStore::setFlag(qint64 sampleId, const QString &comment)
{
    const WriteGate::Interactive interactive(writeGate());
    QSqlQuery query(database());
    return sql::run(query,
                       QStringLiteral("INSERT INTO sample_flags(sample_id, comment, created_at) VALUES(?, ?, ?)"
                                      " ON CONFLICT(sample_id) DO UPDATE SET comment = excluded.comment"),
                       {sampleId, sql::text(comment), sql::nowMs()}, Tr::tr("flagging a sample"));
}

Status ProjectStore::clearFlag(qint64 sampleId)
{
    const WriteGate::Interactive interactive(writeGate());
    QSqlQuery query(database());
    return sql::run(query, QStringLiteral("DELETE FROM sample_flags WHERE sample_id = ?"), {sampleId},
                       Tr::tr("removing a flag"));
}

Result<std::optional<QString>> ProjectStore::flag(qint64 sampleId) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query, QStringLiteral("SELECT comment FROM sample_flags WHERE sample_id = ?"), {sampleId},
                             Tr::tr("reading a flag"));
        !s)
        return s;
    if (!query.next())
        return std::optional<QString>{};
    return std::optional<QString>{query.value(0).toString()};
}

Result<ProjectStats> ProjectStore::stats() const
{
    ProjectStats out;
    out.task = m_task;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // Each count from the narrowest structure that has it, so that stats of a million samples read megabytes, not
    // the table: the total from the smallest index (SQLite counts over it), the evaluation split from its partial
    // index, the labeled ones from the current annotations (as many as the labels, not the samples).
    if (!query.exec(QStringLiteral(
            "SELECT (SELECT count(*) FROM samples), (SELECT count(*) FROM samples WHERE split = 'eval'),"
            " (SELECT count(*) FROM sample_flags)"))
        || !query.next())
        return sql::failure(query, Tr::tr("counting samples"));
    out.samples = query.value(0).toLongLong();
    out.evalSamples = query.value(1).toLongLong();
    out.poolSamples = out.samples - out.evalSamples;
    out.flagged = query.value(2).toLongLong();
    if (!query.exec(QStringLiteral(
            "WITH cur AS (SELECT max(id) AS id FROM annotations GROUP BY sample_id)"
            " SELECT coalesce(sum(CASE WHEN s.split = 'pool' THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN s.split = 'eval' THEN 1 ELSE 0 END), 0)"
            " FROM cur JOIN annotations a ON a.id = cur.id AND a.cleared = 0 JOIN samples s ON s.id = a.sample_id"))
        || !query.next())
        return sql::failure(query, Tr::tr("counting samples"));
    out.labeledPool = query.value(0).toLongLong();
    out.labeledEval = query.value(1).toLongLong();

    // Per label: samples whose current annotation carries it (as a class or in a span).
    if (!query.exec(QStringLiteral(
            "WITH cur AS (SELECT max(id) AS id, sample_id FROM annotations GROUP BY sample_id),"
            " used AS (SELECT al.label_id, cur.sample_id FROM cur JOIN annotation_labels al ON al.annotation_id = cur.id"
            "   UNION SELECT sp.label_id, cur.sample_id FROM cur JOIN annotation_spans sp ON sp.annotation_id = cur.id)"
            " SELECT l.name, coalesce(sum(CASE WHEN s.split = 'pool' THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN s.split = 'eval' THEN 1 ELSE 0 END), 0)"
            " FROM labels l LEFT JOIN used u ON u.label_id = l.id LEFT JOIN samples s ON s.id = u.sample_id"
            " GROUP BY l.id ORDER BY l.position, l.id")))
        return sql::failure(query, Tr::tr("counting labels"));
    while (query.next())
        out.perLabel.push_back(LabelCount{query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong()});

    auto last = latestRun(true);
    if (!last)
        return Error{last.error()};
    out.lastRun = *last;
    return out;
}

} // namespace marginalia
