#include "store/SqlDialect.h"
#include "store/SqlHelpers.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>

namespace marginalia::sql {

bool isPostgres(const QSqlDatabase &db) { return db.driverName() == QLatin1String("QPSQL"); }

QString joinedText(const QSqlDatabase &db, const QString &expression, const QString &separator)
{
    return isPostgres(db) ? QStringLiteral("string_agg(%1, %2)").arg(expression, separator)
                          : QStringLiteral("group_concat(%1, %2)").arg(expression, separator);
}

QString containsBound(const QSqlDatabase &db, const QString &haystack)
{
    return isPostgres(db) ? QStringLiteral("strpos(lower(%1), ?) > 0").arg(haystack)
                          : QStringLiteral("instr(lower(%1), ?) > 0").arg(haystack);
}

QString matchesBound(const QSqlDatabase &db, const QString &haystack)
{
    return isPostgres(db) ? QStringLiteral("%1 ~ ?").arg(haystack) : QStringLiteral("marginalia_regexp(?, %1)").arg(haystack);
}

QString idsOfBoundJson(const QSqlDatabase &db)
{
    return isPostgres(db) ? QStringLiteral("SELECT value::bigint FROM json_array_elements_text(CAST(? AS json))")
                          : QStringLiteral("SELECT value FROM json_each(?)");
}

QString numberedParameters(const QString &sql)
{
    QString out;
    int n = 0;
    for (const QChar c : sql)
        out += c == QLatin1Char('?') ? QStringLiteral("$%1").arg(++n) : QString(c);
    return out;
}

Result<qint64> insertReturningId(QSqlQuery &query, const QString &text, const QVariantList &values, const QString &what)
{
    const bool server = query.driver() && query.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    if (auto s = run(query, server ? text + QStringLiteral(" RETURNING id") : text, values, what); !s)
        return s;
    if (!server)
        return query.numRowsAffected() > 0 ? query.lastInsertId().toLongLong() : 0;
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

} // namespace marginalia::sql
