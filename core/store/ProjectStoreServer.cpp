// A project on a PostgreSQL server (store/ServerLocation.h): opening and creating it, opening a dropped connection
// again, and saving labels so that a dropped connection neither loses one nor stores one twice.
#include "store/LabelOutbox.h"
#include "store/ProjectStore.h"
#include "store/ProjectTransfer.h"
#include "store/Schema.h"
#include "store/ServerTeam.h"
#include "store/SqlDialect.h"
#include "store/SqlHelpers.h"
#include "store/WriteGate.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <dlfcn.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

constexpr int kSendAttempts = 4;
// After a failed attempt to reach the server, labels and reads do not try again for a while: each attempt can wait
// for the connection timeout, and the annotator should not wait on every label while the server is away.
constexpr qint64 kReconnectPauseMs = 5000;

// libpq's own view of a connection: QPSQL keeps calling a connection open after the server dropped it, while libpq
// marks it bad as soon as a statement saw it break. Looked up in the libpq the driver loaded (the project does not
// link libpq itself); CONNECTION_BAD is 1 in libpq's ConnStatusType.
bool libpqSaysBroken(const QVariant &handle)
{
    using Status = int (*)(const void *);
    static const Status status = reinterpret_cast<Status>(::dlsym(RTLD_DEFAULT, "PQstatus"));
    if (!status || !handle.isValid() || qstrcmp(handle.typeName(), "PGconn*") != 0)
        return false;
    const void *connection = *static_cast<void *const *>(handle.constData());
    return connection && status(connection) == 1;
}

Status useProjectSchema(QSqlDatabase &db, const QString &schema)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SET search_path TO %1").arg(schema)))
        return sql::failure(q, Tr::tr("opening the project on the server"));
    return {};
}
// The upgrade in one transaction that holds the project's write lock (the connection's search path is the project's
// schema), so two programs opening an old project at once upgrade it once; what an annotator's rights do not allow
// fails and changes nothing.
Status upgradeOnServer(QSqlDatabase &db, const ServerLocation &location)
{
    return sql::inTransaction(db, [&]() -> Status {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT value FROM marginalia_project WHERE key = 'schema_version'")) || !q.next())
            return sql::failure(q, Tr::tr("upgrading the project on the server"));
        const int version = q.value(0).toInt();
        if (version >= schema::kCurrentVersion)
            return {}; // upgraded meanwhile by another program
        if (auto s = upgradeServerProject(db, location.schema(), version); !s)
            return s;
        return refreshTeamGrants(db, location);
    });
}

// Asks the server to announce the project's changes to this connection (again after it was opened anew).
Status subscribe(QSqlDatabase &db, const QString &channel, const QString &location)
{
    if (db.driver()->subscribeToNotification(channel))
        return {};
    return Error{Tr::tr("The server %1 does not announce changes: %2").arg(location, db.driver()->lastError().text())};
}
} // namespace

Result<std::unique_ptr<ProjectStore>> ProjectStore::openServer(const QString &text, const QString &connection)
{
    const auto location = parseServerLocation(text);
    if (!location)
        return Error{location.error()};
    std::unique_ptr<ProjectStore> store(new ProjectStore(text, connection));
    store->m_server = true;
    store->m_schema = QLatin1Char('"') + location->schema() + QLatin1Char('"');
    auto server = connectToServer(*location, connection);
    if (!server)
        return Error{server.error()};
    QSqlDatabase db = *server;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT value FROM %1.marginalia_project WHERE key = 'schema_version'").arg(store->m_schema))
        || !q.next())
        return Error{Tr::tr("The server has no project \"%1\" (%2); push one there first.").arg(location->project, location->text())};
    const int version = q.value(0).toInt();
    if (version > schema::kCurrentVersion || version < kFirstServerVersion)
        return Error{Tr::tr("The project on the server has schema version %1; this Marginalia works on version %2. Open "
                            "it with the version that pushed it.")
                         .arg(version)
                         .arg(schema::kCurrentVersion)};
    if (auto s = useProjectSchema(db, store->m_schema); !s)
        return s;
    if (version < schema::kCurrentVersion)
        if (auto s = upgradeOnServer(db, *location); !s)
            return Error{Tr::tr("The project on the server has schema version %1 and needs an upgrade to version %2, which "
                                "failed; nothing was changed. Its owner upgrades it by opening it once. (%3)")
                             .arg(version)
                             .arg(schema::kCurrentVersion)
                             .arg(s.error())};
    if (auto s = store->readTask(); !s)
        return s;
    store->m_gate = WriteGate::forFile(location->text());
    auto outbox = LabelOutbox::open(*location);
    if (!outbox)
        return Error{outbox.error()};
    store->m_outbox = std::move(*outbox);
    return store;
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::createOnServer(const QString &text, TaskType task,
                                                                   const QStringList &labels)
{
    const auto location = parseServerLocation(text);
    if (!location)
        return Error{location.error()};
    if (open(text))
        return Error{Tr::tr("The server already has a project \"%1\" (%2); open it, or choose another name.")
                         .arg(location->project, location->text())};
    // The server gets exactly what a new file holds: the file is made, pushed, and thrown away.
    const QTemporaryDir scratch;
    if (!scratch.isValid())
        return Error{Tr::tr("No temporary folder to build the new project in.")};
    {
        auto file = create(scratch.filePath(QStringLiteral("new.mrgn")), task, labels);
        if (!file)
            return Error{file.error()};
        if (auto pushed = pushProject(**file, *location, false); !pushed)
            return Error{pushed.error()};
    }
    return open(text);
}

bool ProjectStore::connectionBroken() const
{
    if (!m_server)
        return false;
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    return !db.isOpen() || libpqSaysBroken(db.driver()->handle());
}

Status ProjectStore::reconnect(bool now) const
{
    const qint64 at = sql::nowMs();
    if (!now && m_lastReconnectMs > 0 && at - m_lastReconnectMs < kReconnectPauseMs)
        return Error{Tr::tr("The server %1 cannot be reached.").arg(m_path)};
    m_lastReconnectMs = at;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.close();
    if (!db.open())
        return Error{Tr::tr("The server %1 cannot be reached: %2").arg(m_path, db.lastError().text().trimmed())};
    m_lastReconnectMs = 0;
    if (auto s = useProjectSchema(db, m_schema); !s)
        return s;
    return m_listening ? subscribe(db, changeChannel(), m_path) : Status{};
}

QString ProjectStore::changeChannel() const
{
    return m_server ? QString(m_schema).remove(QLatin1Char('"')) : QString();
}

Status ProjectStore::listenForChanges()
{
    if (!m_server || m_listening)
        return {};
    QSqlDatabase db = database();
    if (auto s = subscribe(db, changeChannel(), m_path); !s)
        return s;
    m_listening = true;
    return {};
}

Result<qint64> ProjectStore::annotateOnServer(qint64 sampleId, AnnotationInput input)
{
    if (input.clientKey.isEmpty())
        input.clientKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (input.createdAtMs == 0)
        input.createdAtMs = sql::nowMs();
    // Part of a caller's transaction (an undo of two versions, a review): it commits or fails as one, so no retry
    // or outbox here, where the caller's other statements would be lost.
    if (sql::inOpenTransaction(database()))
        return insertAnnotation(sampleId, input);
    // Labels kept while the server was away go first, so that versions arrive in the order they were made; while any
    // still wait (flushOutbox fails until none does), this one waits behind them.
    const bool waiting = outboxSize() > 0 && !flushOutbox();
    QString lastError;
    if (!waiting) {
        for (int attempt = 0; attempt < kSendAttempts; ++attempt) {
            const auto saved = insertAnnotationCommitted(sampleId, input);
            if (saved)
                return saved;
            lastError = saved.error();
            if (!connectionBroken())
                return Error{lastError}; // the server refused it: a real error, not a lost connection
            // One attempt to reach the server again; while it stays away, labels go straight to the outbox.
            if (auto s = reconnect(); !s) {
                lastError = s.error();
                break;
            }
        }
    }
    // The server cannot be reached: the label waits on this computer, on disk, under its key.
    if (auto s = m_outbox->add(sampleId, input); !s)
        return Error{Tr::tr("The label could not be saved: the server is unreachable (%1) and keeping it on this "
                            "computer failed too (%2).")
                         .arg(lastError, s.error())};
    return qint64(0);
}

Result<int> ProjectStore::flushOutbox()
{
    if (!m_outbox)
        return 0;
    if (connectionBroken())
        if (auto s = reconnect(true); !s)
            return Error{s.error()};
    int sent = 0;
    for (;;) {
        const auto batch = m_outbox->pending(64);
        if (!batch)
            return Error{batch.error()};
        if (batch->isEmpty())
            return sent;
        for (const LabelOutbox::Pending &p : *batch) {
            const auto saved = insertAnnotationCommitted(p.sampleId, p.input);
            if (!saved && connectionBroken())
                return Error{saved.error()};
            // A label the server refuses for good (its sample or its label was deleted meanwhile) is set aside in the
            // outbox file with the reason, so that it neither vanishes nor holds back the labels after it.
            if (auto s = saved ? m_outbox->remove(p.row) : m_outbox->setAside(p.row, saved.error()); !s)
                return Error{s.error()};
            if (saved)
                ++sent;
            else
                qWarning("A label waiting for the server was refused: %s", qPrintable(saved.error()));
        }
    }
}

int ProjectStore::outboxSize() const { return m_outbox ? m_outbox->size() : 0; }

} // namespace marginalia
