#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <sqlite3.h>

namespace marginalia::sql {

namespace {
QString describe(const QSqlError &error, const QString &what)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return QCoreApplication::translate("Store", "%1 failed: %2").arg(what, explain(text));
}

sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant v = db.driver()->handle();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(v.constData());
    return nullptr;
}
} // namespace

QString explain(const QString &text)
{
    if (text.contains(QLatin1String("database is locked")) || text.contains(QLatin1String("busy")))
        return QCoreApplication::translate("Store", "the project is busy in another program (%1)").arg(text);
    if (text.contains(QLatin1String("disk is full")) || text.contains(QLatin1String("disk I/O error")))
        return QCoreApplication::translate("Store", "the disk is full or failing (%1); what was saved before is kept, "
                                                    "free some space and try again")
            .arg(text);
    if (text.contains(QLatin1String("readonly database")) || text.contains(QLatin1String("read-only")))
        return QCoreApplication::translate("Store", "the project file is read-only (%1)").arg(text);
    return text;
}

Error failure(const QSqlQuery &query, const QString &what) { return Error{describe(query.lastError(), what)}; }
Error failure(const QSqlDatabase &db, const QString &what) { return Error{describe(db.lastError(), what)}; }

Status prepare(QSqlQuery &query, const QString &text)
{
    if (!query.prepare(text))
        return failure(query, QCoreApplication::translate("Store", "preparing a query"));
    return {};
}

Status exec(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        return failure(query, what);
    return {};
}

Status run(QSqlQuery &query, const QString &text, const QVariantList &values, const QString &what)
{
    query.setForwardOnly(true);
    if (auto s = prepare(query, text); !s)
        return s;
    for (const QVariant &v : values)
        query.addBindValue(v);
    return exec(query, what);
}

namespace {
// A server connection's open transaction, marked on its driver (shared by every copy of the QSqlDatabase).
constexpr char kServerTransaction[] = "marginaliaTransaction";

// The server's counterpart of BEGIN IMMEDIATE: a transaction that first takes the project's write lock (an advisory
// lock named after its schema), so writers on the server queue up exactly as they do on a file, and a decision
// such as "nobody holds this sample" stays true until COMMIT.
bool beginOnServer(QSqlQuery &query)
{
    return query.exec(QStringLiteral("BEGIN"))
        && query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(current_schema()))"));
}
} // namespace

Status inTransaction(QSqlDatabase &db, const std::function<Status()> &body)
{
    if (inOpenTransaction(db))
        return body(); // already inside a transaction: the outer call commits
    const bool server = db.driver() && db.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    QSqlQuery query(db);
    if (server ? !beginOnServer(query) : !query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        if (server)
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return failure(query, QCoreApplication::translate("Store", "starting a transaction"));
    }
    if (server)
        db.driver()->setProperty(kServerTransaction, true);
    Status result = body();
    if (server)
        db.driver()->setProperty(kServerTransaction, false);
    if (result && !query.exec(QStringLiteral("COMMIT")))
        result = failure(query, QCoreApplication::translate("Store", "saving"));
    if (!result) {
        QSqlQuery rollback(db);
        rollback.exec(QStringLiteral("ROLLBACK"));
    }
    return result;
}

bool inOpenTransaction(const QSqlDatabase &db)
{
    if (!db.driver())
        return false;
    if (db.driver()->dbmsType() == QSqlDriver::PostgreSQL)
        return db.driver()->property(kServerTransaction).toBool();
    sqlite3 *handle = handleOf(db);
    return handle && !sqlite3_get_autocommit(handle);
}

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString text(const QString &value) { return value.isNull() ? QStringLiteral("") : value; }

} // namespace marginalia::sql
