#include "store/AnnotatorActivity.h"
#include "store/ProjectStore.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>
#include <algorithm>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};
} // namespace

Result<QVector<AnnotatorActivity>> annotatorActivity(const ProjectStore &store)
{
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT annotator, count(*), min(created_at), max(created_at) FROM annotations"
                                         " GROUP BY annotator"),
                          {}, Tr::tr("reading who labeled what"));
        !s)
        return s;
    QVector<AnnotatorActivity> out;
    QHash<QString, int> index;
    while (query.next()) {
        AnnotatorActivity a;
        a.annotator = query.value(0).toString();
        a.versions = query.value(1).toLongLong();
        a.first = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong());
        a.last = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong());
        index.insert(a.annotator, int(out.size()));
        out.push_back(a);
    }
    // The samples whose label by them stands: their latest version is not a cleared one (and of those, the
    // decisions they made as a reviewer).
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT a.annotator, count(*),"
                                         " sum(CASE WHEN coalesce(a.origin, '') = 'review' THEN 1 ELSE 0 END)"
                                         " FROM (SELECT max(id) AS id FROM annotations"
                                         " GROUP BY sample_id, annotator) latest JOIN annotations a ON a.id = latest.id"
                                         " WHERE a.cleared = 0 GROUP BY a.annotator"),
                          {}, Tr::tr("reading who labeled what"));
        !s)
        return s;
    while (query.next())
        if (const auto it = index.constFind(query.value(0).toString()); it != index.cend()) {
            out[*it].samples = query.value(1).toLongLong();
            out[*it].reviews = query.value(2).toLongLong();
        }
    // The median time per label: the times come sorted, so the middle one is read off per annotator.
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT annotator, seconds FROM annotations WHERE seconds IS NOT NULL"
                                         " AND seconds > 0 ORDER BY annotator, seconds"),
                          {}, Tr::tr("reading who labeled what"));
        !s)
        return s;
    QHash<QString, QVector<double>> times;
    while (query.next())
        times[query.value(0).toString()].push_back(query.value(1).toDouble());
    for (auto it = times.cbegin(); it != times.cend(); ++it) {
        const auto at = index.constFind(it.key());
        if (at == index.cend() || it->isEmpty())
            continue;
        const QVector<double> &t = *it;
        const qsizetype n = t.size();
        out[*at].timed = n;
        out[*at].medianSeconds = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }
    std::sort(out.begin(), out.end(), [](const AnnotatorActivity &a, const AnnotatorActivity &b) {
        return a.samples != b.samples ? a.samples > b.samples : a.annotator < b.annotator;
    });
    return out;
}

} // namespace marginalia
