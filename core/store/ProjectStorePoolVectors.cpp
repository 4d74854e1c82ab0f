// Word vectors learned from the project's own text (schema version 8).
#include "store/ProjectStore.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};
} // namespace

Status ProjectStore::setPoolVectors(const PoolVectorsRecord &record)
{
    // A bulk write (megabytes): a label saved meanwhile waits for this one statement, which is short.
    QSqlQuery query(database());
    return sql::run(query,
                    QStringLiteral("INSERT INTO pool_vectors(id, created_at, samples, words, dim, seconds, data)"
                                   " VALUES(1, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET created_at = excluded.created_at,"
                                   " samples = excluded.samples, words = excluded.words, dim = excluded.dim,"
                                   " seconds = excluded.seconds, data = excluded.data"),
                    {sql::nowMs(), record.samples, record.words, record.dim, record.seconds, record.data},
                    Tr::tr("saving the learned word vectors"));
}

Result<std::optional<PoolVectorsRecord>> ProjectStore::poolVectors(bool withData) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT created_at, samples, words, dim, seconds, %1 FROM pool_vectors WHERE id = 1")
                              .arg(withData ? QStringLiteral("data") : QStringLiteral("NULL")),
                          {}, Tr::tr("reading the learned word vectors"));
        !s)
        return s;
    if (!query.next())
        return std::optional<PoolVectorsRecord>{};
    PoolVectorsRecord r;
    r.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong());
    r.samples = query.value(1).toLongLong();
    r.words = query.value(2).toInt();
    r.dim = query.value(3).toInt();
    r.seconds = query.value(4).toDouble();
    r.data = query.value(5).toByteArray();
    return std::optional<PoolVectorsRecord>{r};
}

Status ProjectStore::clearPoolVectors()
{
    QSqlQuery query(database());
    return sql::run(query, QStringLiteral("DELETE FROM pool_vectors"), {}, Tr::tr("removing the learned word vectors"));
}

} // namespace marginalia
