#pragma once
#include "Result.h"
#include <QString>
#include <QVariantList>
#include <functional>

class QSqlDatabase;
class QSqlQuery;

namespace marginalia::sql {

// How long a connection to a project waits for another one's lock before giving up with "database is locked".
constexpr int kBusyTimeoutMs = 10000;

// A readable error from a failed query, naming what we were doing.
Error failure(const QSqlQuery &query, const QString &what);
Error failure(const QSqlDatabase &db, const QString &what);
// SQLite's own message, with what it means for the user where it is a full disk, a lock or a read-only file.
QString explain(const QString &sqliteMessage);

// Prepares `sql` on `query`; fails with a readable error.
Status prepare(QSqlQuery &query, const QString &sql);
Status exec(QSqlQuery &query, const QString &what);
// prepare + bind `values` in order + exec, forward-only.
Status run(QSqlQuery &query, const QString &sql, const QVariantList &values, const QString &what);

// BEGIN IMMEDIATE (takes the write lock up front, so a second process waits on busy_timeout instead of
// failing half-way), runs `body`, COMMIT on success, ROLLBACK otherwise. Nested calls join the outer one.
Status inTransaction(QSqlDatabase &db, const std::function<Status()> &body);
// Whether the connection is inside such a transaction now.
bool inOpenTransaction(const QSqlDatabase &db);

qint64 nowMs();
// Qt binds a null QString as SQL NULL; NOT NULL text columns get '' instead.
QString text(const QString &value);

} // namespace marginalia::sql
