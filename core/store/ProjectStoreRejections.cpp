// Rejected labels ("not this label"): Prodigy's reject answers and teach mode's "no". Schema version 7.
#include "store/ProjectStore.h"
#include "store/ProvenanceColumns.h"
#include "store/SqlDialect.h"
#include "store/SqlHelpers.h"
#include "store/WriteGate.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// A rejection counts while the sample's current annotation does not carry the label: labeling a sample with a
// label it was once refused is the annotator changing their mind.
const char kEffective[] =
    "NOT EXISTS(SELECT 1 FROM annotations a JOIN annotation_labels al ON al.annotation_id = a.id"
    " WHERE a.id = (SELECT max(b.id) FROM annotations b WHERE b.sample_id = r.sample_id)"
    " AND a.cleared = 0 AND al.label_id = r.label_id)";

} // namespace

Result<qint64> ProjectStore::rejectLabel(qint64 sampleId, const RejectionInput &input)
{
    qint64 rejectionId = 0;
    const WriteGate::Interactive interactive(writeGate());
    Status done = inTransaction([&]() -> Status {
        const auto label = labelId(input.label);
        if (!label)
            return Error{label.error()};
        QSqlQuery exists(database());
        if (auto s = sql::run(exists, QStringLiteral("SELECT 1 FROM samples WHERE id = ?"), {sampleId},
                              Tr::tr("reading a sample"));
            !s)
            return s;
        if (!exists.next())
            return Error{Tr::tr("Sample %1 does not exist.").arg(sampleId)};
        QSqlQuery insert(database());
        const auto id = sql::insertReturningId(
            insert,
            QStringLiteral("INSERT INTO label_rejections(sample_id, label_id, annotator, source, created_at, %1)"
                           " VALUES(?, ?, ?, ?, ?, %2)")
                .arg(QLatin1String(provenance::columns()), QLatin1String(provenance::placeholders())),
            QVariantList{sampleId, *label, sql::text(input.annotator), sourceName(input.source), sql::nowMs()}
                + provenance::values(input.provenance),
            Tr::tr("saving a rejected label"));
        if (!id)
            return Error{id.error()};
        rejectionId = *id;
        return {};
    });
    if (!done)
        return done;
    return rejectionId;
}

Status ProjectStore::withdrawRejection(qint64 rejectionId)
{
    const WriteGate::Interactive interactive(writeGate());
    QSqlQuery query(database());
    if (auto s = sql::run(query, QStringLiteral("DELETE FROM label_rejections WHERE id = ?"), {rejectionId},
                          Tr::tr("withdrawing a rejected label"));
        !s)
        return s;
    if (query.numRowsAffected() != 1)
        return Error{Tr::tr("The rejected label %1 does not exist.").arg(rejectionId)};
    return {};
}

Result<QStringList> ProjectStore::rejectedLabels(qint64 sampleId) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT DISTINCT l.name, l.position, l.id FROM label_rejections r"
                                         " JOIN labels l ON l.id = r.label_id WHERE r.sample_id = ? AND %1"
                                         " ORDER BY l.position, l.id")
                              .arg(QLatin1String(kEffective)),
                          {sampleId}, Tr::tr("reading rejected labels"));
        !s)
        return s;
    QStringList out;
    while (query.next())
        out << query.value(0).toString();
    return out;
}

Result<QVector<Rejection>> ProjectStore::rejections(qint64 sampleId) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT r.id, l.name, r.annotator, r.source, r.created_at, %1"
                                         " FROM label_rejections r JOIN labels l ON l.id = r.label_id"
                                         " WHERE r.sample_id = ? ORDER BY r.id")
                              .arg(QLatin1String(provenance::columns())),
                          {sampleId}, Tr::tr("reading rejected labels"));
        !s)
        return s;
    QVector<Rejection> out;
    while (query.next()) {
        Rejection r;
        r.id = query.value(0).toLongLong();
        r.sampleId = sampleId;
        r.label = query.value(1).toString();
        r.annotator = query.value(2).toString();
        r.source = sourceFromName(query.value(3).toString()).value_or(AnnotationSource::Human);
        r.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(4).toLongLong());
        r.provenance = provenance::read(query, 5);
        out.push_back(r);
    }
    return out;
}

Result<QHash<qint64, QStringList>> ProjectStore::rejectedLabelsBySample() const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT DISTINCT r.sample_id, l.name, l.position, l.id FROM label_rejections r"
                                   " JOIN labels l ON l.id = r.label_id WHERE %1 ORDER BY r.sample_id, l.position, l.id")
                        .arg(QLatin1String(kEffective))))
        return sql::failure(query, Tr::tr("reading rejected labels"));
    QHash<qint64, QStringList> out;
    while (query.next())
        out[query.value(0).toLongLong()] << query.value(1).toString();
    return out;
}

} // namespace marginalia
