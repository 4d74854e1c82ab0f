#pragma once
// The few places where SQLite (a project file) and PostgreSQL (a project on a server) spell the same thing
// differently. Everything else the store writes is SQL both accept, so one code path serves both.
#include "Result.h"

#include <QString>
#include <QVariantList>

class QSqlDatabase;
class QSqlQuery;

namespace marginalia::sql {

bool isPostgres(const QSqlDatabase &db);

// `expression` of a group's rows joined by `separator` (an SQL expression): group_concat or string_agg.
QString joinedText(const QSqlDatabase &db, const QString &expression, const QString &separator);
// Whether `haystack` (an SQL expression) contains the bound lower-case text: instr or strpos.
QString containsBound(const QSqlDatabase &db, const QString &haystack);
// Whether `haystack` matches the bound regular expression (the file registers marginalia_regexp, the server has ~).
QString matchesBound(const QSqlDatabase &db, const QString &haystack);
// The ids of a bound JSON array, as a one-column SELECT.
QString idsOfBoundJson(const QSqlDatabase &db);

// `sql` with its ? placeholders numbered $1, $2, ... as the body of a server-side SQL function takes them.
QString numberedParameters(const QString &sql);

// Runs an INSERT (`sql`, without RETURNING) and returns the new row's id. numRowsAffected-free: nothing inserted
// (ON CONFLICT DO NOTHING) gives 0.
Result<qint64> insertReturningId(QSqlQuery &query, const QString &sql, const QVariantList &values, const QString &what);

} // namespace marginalia::sql
