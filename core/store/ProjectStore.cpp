// Opening, creating and validating project files; settings and transactions.
#include "store/ProjectStore.h"
#include "store/ContentHash.h"
#include "store/LabelOutbox.h"
#include "store/Schema.h"
#include "store/ServerLocation.h"
#include "store/SqlHelpers.h"
#include "store/WriteGate.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <chrono>
#include <sqlite3.h>
#include <thread>
#include <vector>

namespace marginalia {

namespace {

// Project files that passed quick_check in this process.
QMutex g_checkedMutex;
QSet<QString> g_checked;

bool alreadyChecked(const QString &canonicalPath)
{
    const QMutexLocker lock(&g_checkedMutex);
    return g_checked.contains(canonicalPath);
}

void markChecked(const QString &canonicalPath)
{
    const QMutexLocker lock(&g_checkedMutex);
    g_checked.insert(canonicalPath);
}

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

QString newConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("marginalia-%1").arg(counter.fetchAndAddRelaxed(1));
}

// Reads the 16-byte SQLite header magic through the connection's own descriptor of the file: SQLite opened it
// without reading or writing anything yet, and opening it a second time here would cost this process its locks
// (see ProjectStore.h). An empty or short file is no database either.
bool headerIsSqlite(sqlite3 *handle)
{
    sqlite3_file *file = nullptr;
    if (!handle || sqlite3_file_control(handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file
        || !file->pMethods)
        return false;
    char magic[16] = {};
    return file->pMethods->xRead(file, magic, sizeof magic, 0) == SQLITE_OK
        && QByteArray(magic, sizeof magic) == QByteArray("SQLite format 3\0", 16);
}

// Reads the whole file once, front to back, through the connection's own descriptor (see headerIsSqlite), so
// that quick_check finds it in the page cache. The check walks each tree from its last page to its first, which
// defeats the kernel's read-ahead of SQLite's single-page reads: from a cold cache it took 2.9 s at a million
// samples (a 500 MB file), and 1.5 s after this read, which itself costs ~0.1 s when the file is cached. The
// bytes are thrown away, so reading them outside a transaction is harmless.
void readAheadForCheck(sqlite3 *handle)
{
    sqlite3_file *file = nullptr;
    if (!handle || sqlite3_file_control(handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file
        || !file->pMethods)
        return;
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) != SQLITE_OK)
        return;
    constexpr sqlite3_int64 kWorthIt = 64 * 1024 * 1024; // below this the check is fast from a cold cache too
    constexpr int kChunk = 1024 * 1024;
    if (size < kWorthIt)
        return;
    std::vector<char> buffer(kChunk);
    for (sqlite3_int64 at = 0; at + kChunk <= size; at += kChunk)
        if (file->pMethods->xRead(file, buffer.data(), kChunk, at) != SQLITE_OK)
            return; // the check itself will say what is wrong
}

constexpr int kPageSize = 16 * 1024; // new projects only; a file keeps the page size it was created with
constexpr int kWalCheckpointBytes = 4 * 1024 * 1024; // SQLite's default: 1000 pages of 4 KiB

// SQLite's default busy handler sleeps 1, 2, 5, 10, ... 100 ms between retries, so a label saved while the
// training worker holds the write lock for a few ms can wait 50 ms or more. Polling every millisecond hands
// the lock over as soon as it is free.
int pollBusyHandler(void *, int count)
{
    using namespace std::chrono;
    static thread_local steady_clock::time_point waitingSince;
    if (count == 0)
        waitingSince = steady_clock::now();
    else if (steady_clock::now() - waitingSince >= milliseconds(sql::kBusyTimeoutMs))
        return 0;
    std::this_thread::sleep_for(milliseconds(1));
    return 1;
}

Status applyConnectionPragmas(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        return sql::failure(query, Tr::tr("configuring the project"));
    // A project from someone else is data: views in its schema may not call functions with side effects.
    if (!query.exec(QStringLiteral("PRAGMA trusted_schema = OFF")))
        return sql::failure(query, Tr::tr("configuring the project"));
    const QVariant v = db.driver()->handle();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0) {
        sqlite3 *handle = *static_cast<sqlite3 *const *>(v.constData());
        if (handle && !registerTextSearch(handle))
            return Error{Tr::tr("The project's connection cannot search text.")};
        if (handle && sqlite3_busy_handler(handle, pollBusyHandler, nullptr) == SQLITE_OK)
            return {};
    }
    if (!query.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(sql::kBusyTimeoutMs)))
        return sql::failure(query, Tr::tr("configuring the project"));
    return {};
}

// Durability: WAL with synchronous=FULL makes each COMMIT reach the disk before it returns.
Status applyDurabilityPragmas(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !query.next()
        || query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Error{Tr::tr("The project file cannot be switched to write-ahead logging (is its folder read-only?).")};
    if (!query.exec(QStringLiteral("PRAGMA synchronous = FULL")))
        return sql::failure(query, Tr::tr("configuring the project"));
    // SQLite checkpoints the WAL into the file when it passes a number of pages, in the commit that passes it:
    // a label's, sometimes. Counted in bytes instead, so that 16 KiB pages do not make that commit copy 16 MB.
    if (!query.exec(QStringLiteral("PRAGMA page_size")) || !query.next())
        return sql::failure(query, Tr::tr("configuring the project"));
    const int pages = qMax(1, kWalCheckpointBytes / qMax(512, query.value(0).toInt()));
    if (!query.exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(pages)))
        return sql::failure(query, Tr::tr("configuring the project"));
    return {};
}

Result<int> pragmaInt(QSqlDatabase &db, const char *pragma)
{
    QSqlQuery query(db);
    if (!query.exec(QString::fromLatin1(pragma)) || !query.next())
        return sql::failure(query, Tr::tr("reading the project header"));
    return query.value(0).toInt();
}

} // namespace

ProjectStore::ProjectStore(QString path, QString connection)
    : m_path(std::move(path)), m_connection(std::move(connection)), m_gate(std::make_shared<WriteGate>())
{
}

ProjectStore::~ProjectStore()
{
    if (!m_openRuns.isEmpty())
        (void)endOpenRuns(Tr::tr("Interrupted: the project was closed before the round finished."), false);
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase ProjectStore::database() const
{
    // A server connection that dropped is opened again by the next use (never inside a transaction, whose earlier
    // statements went with the old connection): the statement that saw it drop failed, the ones after it work.
    if (m_server && connectionBroken() && !sql::inOpenTransaction(QSqlDatabase::database(m_connection, false)))
        (void)reconnect();
    return QSqlDatabase::database(m_connection, false);
}

sqlite3 *ProjectStore::sqliteHandle() const
{
    const QVariant v = database().driver()->handle();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(v.constData());
    return nullptr;
}

Status ProjectStore::checkFileUnchanged() const
{
    if (m_server)
        return {};
    // SQLite compares the inode of the path with that of the descriptor it holds, without opening the path.
    sqlite3 *handle = sqliteHandle();
    int moved = 0;
    if (!handle || sqlite3_file_control(handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK || !moved)
        return {};
    if (!QFileInfo::exists(m_path))
        return Error{Tr::tr("The project file %1 was deleted or moved while it was open, so nothing more can be "
                            "saved to it. Open the project where it is now.")
                         .arg(m_path)};
    return Error{Tr::tr("The project file %1 was replaced by another program while it was open; nothing more "
                        "is saved to it. Reopen the project.")
                     .arg(m_path)};
}

Status ProjectStore::inTransaction(const std::function<Status()> &body)
{
    // Checked per transaction: a label saved into a deleted or replaced file would be acknowledged and lost.
    if (auto s = checkFileUnchanged(); !s)
        return s;
    QSqlDatabase db = database();
    return sql::inTransaction(db, body);
}

// The write lock is held until COMMIT returns, and with synchronous=FULL that includes the fsync of the WAL:
// 2-30 ms on a busy disk, all of it waited by a label saved meanwhile. A bulk transaction commits with
// synchronous=NORMAL (no fsync under the lock) and then syncs the WAL itself, after the lock is released, so
// its rows are on disk before the call returns, as before. Labels keep synchronous=FULL on their own commit,
// which also covers any bulk rows written before them.
Status ProjectStore::bulkTransaction(const std::function<Status()> &body)
{
    QSqlDatabase db = database();
    sqlite3 *handle = sqliteHandle();
    if (!handle || !sqlite3_get_autocommit(handle))
        return inTransaction(body); // inside a caller's transaction: it commits
    m_gate->yieldToInteractive();
    QSqlQuery pragma(db);
    if (!pragma.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
        return sql::failure(pragma, Tr::tr("configuring the project"));
    Status result = sql::inTransaction(db, body);
    if (!pragma.exec(QStringLiteral("PRAGMA synchronous = FULL")) && result)
        result = sql::failure(pragma, Tr::tr("configuring the project"));
    if (!result)
        return result;
    // The WAL is synced through SQLite's own descriptor of it: opening and closing the file here would drop
    // every POSIX lock this process holds on it (see ProjectStore.h).
    sqlite3_file *wal = nullptr;
    if (sqlite3_file_control(handle, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK || !wal
        || !wal->pMethods)
        return {}; // no WAL open: the commit was checkpointed into the database file and synced there
    if (wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) != SQLITE_OK)
        return Error{Tr::tr("The project file could not be written to disk (%1).").arg(m_path)};
    return {};
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::create(const QString &path, TaskType task,
                                                           const QStringList &labels)
{
    if (isServerLocation(path))
        return createOnServer(path, task, labels);
    if (QFileInfo::exists(path))
        return Error{Tr::tr("%1 already exists; choose another name or open it.").arg(path)};
    const QString connection = newConnectionName();
    std::unique_ptr<ProjectStore> store(new ProjectStore(path, connection));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open())
            return sql::failure(db, Tr::tr("creating %1").arg(path));
        if (auto s = applyConnectionPragmas(db); !s)
            return s;
        // Set before the first table and before WAL, the only cheap moment. 16 KiB pages hold ~50 samples
        // each: a bulk import makes a quarter of the write calls and runs ~5% faster than with 4 KiB, while a
        // label's commit still appends only a few pages to the WAL (latency bench p99 within its target).
        if (QSqlQuery pageSize(db); !pageSize.exec(QStringLiteral("PRAGMA page_size = %1").arg(kPageSize)))
            return sql::failure(pageSize, Tr::tr("creating %1").arg(path));
        if (auto s = applyDurabilityPragmas(db); !s)
            return s;
        Status built = schema::migrate(db, 0);
        if (built) {
            built = sql::inTransaction(db, [&]() -> Status {
                if (auto s = store->setSetting(QStringLiteral("task"), taskTypeName(task)); !s)
                    return s;
                if (auto s = store->setSetting(QStringLiteral("created_at"), QString::number(sql::nowMs())); !s)
                    return s;
                for (const QString &name : labels) {
                    if (name.trimmed().isEmpty())
                        continue;
                    if (auto l = store->addLabel(name.trimmed()); !l)
                        return Error{l.error()};
                }
                return {};
            });
        }
        if (!built) {
            db.close();
            store.reset();
            QFile::remove(path);
            QFile::remove(path + QStringLiteral("-wal"));
            QFile::remove(path + QStringLiteral("-shm"));
            return built;
        }
    }
    store->m_task = task;
    store->m_gate = WriteGate::forFile(QFileInfo(path).canonicalFilePath());
    return store;
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const QString &path)
{
    if (isServerLocation(path))
        return openServer(path, newConnectionName());
    const QFileInfo info(path);
    if (!info.exists())
        return Error{Tr::tr("%1 does not exist.").arg(path)};
    if (!info.isFile())
        return Error{Tr::tr("%1 is not a file.").arg(path)};

    const QString connection = newConnectionName();
    std::unique_ptr<ProjectStore> store(new ProjectStore(path, connection));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    if (!db.open())
        return sql::failure(db, Tr::tr("opening %1").arg(path));
    if (!headerIsSqlite(store->sqliteHandle()))
        return Error{Tr::tr("%1 is not a Marginalia project (it is not an SQLite database).").arg(path)};
    if (auto s = applyConnectionPragmas(db); !s)
        return s;
    // A read-only file would open and then refuse the first label; say so before the user starts labeling.
    if (sqlite3 *handle = store->sqliteHandle(); handle && sqlite3_db_readonly(handle, "main") == 1)
        return Error{Tr::tr("%1 is read-only, and Marginalia saves every label into the project file as you work. "
                            "Make the file writable, or copy it to a folder you can write to.")
                         .arg(path)};

    // Validate before anything could write to the file.
    const auto appId = pragmaInt(db, "PRAGMA application_id");
    if (!appId)
        return Error{Tr::tr("%1 cannot be read; it may be corrupt. (%2)").arg(path, appId.error())};
    if (*appId != schema::kApplicationId)
        return Error{Tr::tr("%1 is an SQLite database but not a Marginalia project.").arg(path)};
    const auto version = pragmaInt(db, "PRAGMA user_version");
    if (!version)
        return Error{Tr::tr("%1 cannot be read; it may be corrupt. (%2)").arg(path, version.error())};
    if (*version > schema::kCurrentVersion)
        return Error{Tr::tr("%1 was saved by a newer Marginalia (project format %2; this version reads up to %3). "
                        "Please update Marginalia.")
                         .arg(path)
                         .arg(*version)
                         .arg(schema::kCurrentVersion)};
    // quick_check reads the whole file (about 1 s for a million samples); the studio opens one connection
    // per thread on the same project, so a file this process already checked is not read again.
    const QString canonical = info.canonicalFilePath();
    if (!alreadyChecked(canonical)) {
        readAheadForCheck(store->sqliteHandle());
        QSqlQuery check(db);
        if (!check.exec(QStringLiteral("PRAGMA quick_check(1)")) || !check.next()
            || check.value(0).toString() != QLatin1String("ok"))
            return Error{Tr::tr("%1 is damaged and cannot be opened safely: %2")
                             .arg(path, check.isActive() ? check.value(0).toString() : check.lastError().text())};
        markChecked(canonical);
    }
    // Marginalia never creates triggers; one in a file from elsewhere could drop or rewrite labels as they are
    // saved, so such a file is refused before anything is written.
    {
        QSqlQuery triggers(db);
        if (!triggers.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger' LIMIT 1")))
            return sql::failure(triggers, Tr::tr("reading the project header"));
        if (triggers.next())
            return Error{Tr::tr("%1 contains a trigger (\"%2\"), which Marginalia projects never have: it could "
                                "change labels as they are saved, so the file is not opened.")
                             .arg(path, triggers.value(0).toString())};
    }
    if (auto s = applyDurabilityPragmas(db); !s)
        return s;
    if (auto s = schema::migrate(db, *version, &store->m_openNotices); !s)
        return Error{Tr::tr("Upgrading %1 failed; the file was left unchanged. (%2)").arg(path, s.error())};
    if (auto s = store->readTask(); !s)
        return s;
    store->m_gate = WriteGate::forFile(canonical);
    // Housekeeping: a project whose runs cannot be ended now still opens (the next open tries again).
    if (auto s = store->endInterruptedRuns(); !s)
        qWarning("%s: %s", qPrintable(path), qPrintable(s.error()));
    return store;
}

Status ProjectStore::readTask()
{
    const auto name = setting(QStringLiteral("task"));
    if (!name)
        return Error{name.error()};
    const auto task = taskTypeFromName(*name);
    if (!task)
        return Error{Tr::tr("The project's task type \"%1\" is unknown.").arg(*name)};
    m_task = *task;
    return {};
}

Result<QString> ProjectStore::setting(const QString &key, const QString &fallback) const
{
    QSqlQuery query(database());
    if (auto s = sql::prepare(query, QStringLiteral("SELECT value FROM settings WHERE key = ?")); !s)
        return s;
    query.addBindValue(key);
    if (auto s = sql::exec(query, Tr::tr("reading settings")); !s)
        return s;
    return query.next() ? query.value(0).toString() : fallback;
}

Status ProjectStore::setSetting(const QString &key, const QString &value)
{
    QSqlQuery query(database());
    if (auto s = sql::prepare(query, QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) "
                                                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    query.addBindValue(key);
    query.addBindValue(sql::text(value));
    return sql::exec(query, Tr::tr("saving settings"));
}

QByteArray ProjectStore::contentHash(const QString &text, const QStringList &tokens)
{
    return tokens.isEmpty() ? sha256(text.toUtf8()) : sha256OfTokens(tokens);
}

} // namespace marginalia
