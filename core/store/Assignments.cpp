#include "store/Assignments.h"
#include "store/ProjectStore.h"
#include "store/SqlDialect.h"
#include "store/SqlHelpers.h"
#include "store/WriteGate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <QSqlQuery>
#include <cmath>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// The overlap is the samples whose hashed id falls below the share of this modulus; SQL computes the same
// expression (overlapWaiting), so the store and every studio agree on it.
constexpr qint64 kOverlapModulus = 10007;
constexpr qint64 kOverlapMultiplier = 2654435761LL; // Knuth's multiplicative hash: neighbouring ids spread out

qint64 overlapThreshold(double overlap)
{
    if (!(overlap > 0))
        return 0;
    return qint64(std::floor(std::min(overlap, 1.0) * double(kOverlapModulus) + 1e-9));
}

} // namespace

QString labelersOfSampleSql()
{
    // The annotators whose latest version of the sample is a label (not cleared; a reviewer's decision is no one's).
    return QStringLiteral("SELECT a.annotator FROM annotations a WHERE a.cleared = 0 AND a.id IN (SELECT max(id)"
                          " FROM annotations WHERE sample_id = ? AND coalesce(origin, '') <> 'review' GROUP BY annotator)");
}

QString overlapWaitingSql()
{
    return QStringLiteral("SELECT v.sample_id FROM (SELECT a.sample_id, count(*) AS labelers,"
                          " max(CASE WHEN a.annotator = ? THEN 1 ELSE 0 END) AS mine FROM annotations a JOIN (SELECT"
                          " max(id) AS id FROM annotations WHERE coalesce(origin, '') <> 'review'"
                          " GROUP BY sample_id, annotator) latest ON a.id = latest.id"
                          " WHERE a.cleared = 0 GROUP BY a.sample_id) v"
                          " JOIN samples s ON s.id = v.sample_id"
                          " WHERE v.mine = 0 AND v.labelers < ? AND s.split = 'pool'"
                          " AND (v.sample_id * %1) % %2 < ? ORDER BY v.sample_id LIMIT ?")
        .arg(kOverlapMultiplier)
        .arg(kOverlapModulus);
}

bool isOverlapSample(qint64 sampleId, double overlap)
{
    return (sampleId * kOverlapMultiplier) % kOverlapModulus < overlapThreshold(overlap);
}

Result<QVector<qint64>> claimSamples(ProjectStore &store, const QString &annotator, const QVector<qint64> &candidates,
                                     int want, const AssignmentPolicy &policy)
{
    QVector<qint64> claimed;
    if (want <= 0 || candidates.isEmpty())
        return claimed;
    const WriteGate::Interactive interactive(store.writeGate()); // the annotator waits for this one
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 expires = now + std::max<qint64>(policy.leaseMs, 1000);
    const QString what = Tr::tr("assigning samples");
    const auto claim = [&]() -> Status {
        claimed.clear();
        QSqlQuery query(store.database());
        if (auto s = sql::run(query, QStringLiteral("DELETE FROM assignments WHERE expires_at <= ?"), {now}, what); !s)
            return s;
        QSqlQuery holders(store.database()), labelers(store.database()), lease(store.database());
        if (auto s = sql::prepare(holders, QStringLiteral("SELECT annotator FROM assignments WHERE sample_id = ?")); !s)
            return s;
        // On a server the project's function answers: row-level security may hide others' labels from an annotator.
        if (auto s = sql::prepare(labelers, sql::isPostgres(store.database())
                                                ? QStringLiteral("SELECT * FROM sample_labelers(?)")
                                                : labelersOfSampleSql());
            !s)
            return s;
        if (auto s = sql::prepare(lease, QStringLiteral("INSERT INTO assignments(sample_id, annotator, expires_at)"
                                                         " VALUES(?, ?, ?) ON CONFLICT(sample_id, annotator)"
                                                         " DO UPDATE SET expires_at = excluded.expires_at"));
            !s)
            return s;
        for (const qint64 id : candidates) {
            if (claimed.size() >= want)
                break;
            QSet<QString> others;
            bool labeledByMe = false;
            holders.addBindValue(id);
            if (auto s = sql::exec(holders, what); !s)
                return s;
            while (holders.next())
                others.insert(holders.value(0).toString());
            labelers.addBindValue(id);
            if (auto s = sql::exec(labelers, what); !s)
                return s;
            while (labelers.next()) {
                const QString who = labelers.value(0).toString();
                labeledByMe = labeledByMe || who == annotator;
                others.insert(who);
            }
            others.remove(annotator);
            const int room = isOverlapSample(id, policy.overlap) ? std::max(policy.overlapAnnotators, 2) - 1 : 0;
            if (labeledByMe || others.size() > room)
                continue;
            lease.addBindValue(id);
            lease.addBindValue(annotator);
            lease.addBindValue(expires);
            if (auto s = sql::exec(lease, what); !s)
                return s;
            claimed.push_back(id);
        }
        return {};
    };
    Status s = store.inTransaction(claim);
    // A server connection that dropped (a restart, a pooler, a network hiccup) is opened again by the next
    // statement, so the claim is made once more: a studio whose claim fails shows the sample unleased, and another
    // annotator could then be given it too. Claiming again is harmless: one's own lease is only renewed.
    if (!s && store.connectionBroken())
        s = store.inTransaction(claim);
    if (!s)
        return Error{s.error()};
    return claimed;
}

Status releaseSamples(ProjectStore &store, const QString &annotator, const QVector<qint64> &sampleIds)
{
    const WriteGate::Interactive interactive(store.writeGate());
    const QString what = Tr::tr("giving samples back");
    return store.inTransaction([&]() -> Status {
        QSqlQuery query(store.database());
        if (sampleIds.isEmpty())
            return sql::run(query, QStringLiteral("DELETE FROM assignments WHERE annotator = ?"), {annotator}, what);
        if (auto s = sql::prepare(query, QStringLiteral("DELETE FROM assignments WHERE annotator = ? AND sample_id = ?")); !s)
            return s;
        for (const qint64 id : sampleIds) {
            query.addBindValue(annotator);
            query.addBindValue(id);
            if (auto s = sql::exec(query, what); !s)
                return s;
        }
        return {};
    });
}

Result<QVector<qint64>> overlapWaiting(const ProjectStore &store, const QString &annotator, const AssignmentPolicy &policy,
                                       int limit)
{
    QVector<qint64> out;
    const qint64 threshold = overlapThreshold(policy.overlap);
    if (threshold == 0 || limit <= 0)
        return out;
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (auto s = sql::run(query,
                          sql::isPostgres(store.database()) ? QStringLiteral("SELECT * FROM overlap_waiting(?, ?, ?, ?)")
                                                            : overlapWaitingSql(),
                          {annotator, qint64(std::max(policy.overlapAnnotators, 2)), threshold, qint64(limit)},
                          Tr::tr("reading the overlap samples")); !s)
        return s;
    while (query.next())
        out.push_back(query.value(0).toLongLong());
    return out;
}

Result<std::optional<Annotation>> ownAnnotation(const ProjectStore &store, qint64 sampleId, const QString &annotator)
{
    const auto history = store.annotationHistory(sampleId);
    if (!history)
        return Error{history.error()};
    return ownAnnotation(*history, annotator);
}

std::optional<Annotation> ownAnnotation(const QVector<Annotation> &history, const QString &annotator)
{
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        if (it->annotator != annotator || it->provenance.origin == QLatin1String(Provenance::Review))
            continue;
        if (it->cleared)
            break;
        return *it;
    }
    return std::nullopt;
}

} // namespace marginalia
