// Copying a project while it is in use, through SQLite's online backup API.
//
// The project file, its -wal and its -shm are only ever opened by SQLite here (see THE RULE in
// ProjectStore.h): closing any other descriptor of them would drop this process's POSIX locks, SQLite's
// included. The source is read through a read-only SQLite connection of its own; only the copy (a file nobody
// else knows of yet) and OUT's folder are opened directly, to sync them.
#include "store/ProjectBackup.h"
#include "store/ProjectFiles.h"
#include "store/Schema.h"
#include "store/ServerLocation.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QThread>
#include <cerrno>
#include <cstdio>
#include <sqlite3.h>
#include <sys/stat.h>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace marginalia {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

QString messageOf(sqlite3 *db) { return sql::explain(QString::fromUtf8(sqlite3_errmsg(db))); }

// One raw connection, closed when it goes out of scope (its statements are always finalized before).
struct Connection
{
    sqlite3 *db = nullptr;
    Connection() = default;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    ~Connection() { close(); }
    int close()
    {
        const int rc = sqlite3_close_v2(db); // a no-op on nullptr
        db = nullptr;
        return rc;
    }
};

// The copy under its temporary name. Whatever SQLite left beside it goes in any case, the file itself
// unless it was renamed into place: OUT never sees a partial copy, and no temporary file stays behind.
struct TemporaryCopy
{
    QString path;
    bool renamed = false;
    ~TemporaryCopy()
    {
        for (const char *suffix : {"-journal", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
        if (!renamed)
            QFile::remove(path);
    }
};

// Runs a statement that returns at most one value. SQLITE_OK with `value` set (left empty without a row),
// or SQLite's error code, its message then in sqlite3_errmsg(db).
int queryValue(sqlite3 *db, const char *sql, QString *value = nullptr)
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW && value)
            *value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt); // keeps the statement's error message on the connection
    return rc;
}

// fsync() of the copy or of OUT's folder; never of the project (see the top of the file).
bool syncToDisk(const QString &path, bool folder)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
#else
    Q_UNUSED(path);
    Q_UNUSED(folder);
    return true;
#endif
}

// Why the copy may not be written to `outPath`; empty when it may.
QString refusal(const QString &projectPath, const QString &outPath, bool overwrite)
{
    const QFileInfo out(outPath);
    const QFileInfo folder(out.absolutePath());
    if (!folder.isDir())
        return Tr::tr("The folder %1 does not exist.").arg(folder.filePath());
    if (namesProjectFile(projectPath, outPath))
        return Tr::tr("%1 is the project itself; choose another name for the copy.").arg(outPath);
    struct stat existing;
    const bool exists = ::stat(QFile::encodeName(outPath).constData(), &existing) == 0;
    if (exists && S_ISDIR(existing.st_mode))
        return Tr::tr("%1 is a folder; give a file name for the copy.").arg(outPath);
    if (exists && !overwrite)
        return Tr::tr("%1 already exists and was left unchanged; choose another name or allow replacing it.")
            .arg(outPath);
    // SQLite applies a -wal or hot -journal it finds beside a database when opening it: one left there by a
    // program that has OUT open (or crashed) would be played into the new copy.
    for (const char *suffix : {"-wal", "-journal"})
        if (QFileInfo::exists(outPath + QLatin1String(suffix)))
            return Tr::tr("%1 has a %2 file beside it (a program has it open, or did not close it cleanly), which "
                          "SQLite would apply to the copy. Close that program or choose another name.")
                .arg(outPath, QLatin1String(suffix));
    return {};
}

} // namespace

Status backupProject(const QString &projectPath, const QString &outPath,
                     const std::function<bool(qint64 done, qint64 total)> &progress, const BackupOptions &options)
{
    if (isServerLocation(projectPath))
        return Error{Tr::tr("A project on a server is backed up by the server's own tools, or copied into a file with "
                            "`marginalia pull`.")};
    struct stat project;
    if (::stat(QFile::encodeName(projectPath).constData(), &project) != 0)
        return Error{Tr::tr("%1 does not exist.").arg(projectPath)};
    if (!S_ISREG(project.st_mode))
        return Error{Tr::tr("%1 is not a file.").arg(projectPath)};
    if (const QString why = refusal(projectPath, outPath, options.overwrite); !why.isEmpty())
        return Error{why};

    // The source: a read-only connection of its own that never checkpoints on close (the writers' business).
    Connection source;
    if (sqlite3_open_v2(QFile::encodeName(projectPath).constData(), &source.db, SQLITE_OPEN_READONLY, nullptr)
        != SQLITE_OK)
        return Error{Tr::tr("%1 cannot be opened: %2").arg(projectPath, messageOf(source.db))};
    sqlite3_busy_timeout(source.db, sql::kBusyTimeoutMs);
    sqlite3_db_config(source.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    // A read transaction from the first read on: in WAL mode (every project) the whole copy then comes from
    // that one snapshot, while writers go on appending to the WAL unhindered. Without it, each step would take
    // a fresh snapshot and any commit elsewhere would restart the copy from page 1, forever under steady
    // labeling.
    QString applicationId;
    int rc = queryValue(source.db, "BEGIN");
    if (rc == SQLITE_OK)
        rc = queryValue(source.db, "PRAGMA application_id", &applicationId);
    if ((rc & 0xff) == SQLITE_NOTADB || (rc == SQLITE_OK && applicationId.toLongLong() != schema::kApplicationId))
        return Error{Tr::tr("%1 is not a Marginalia project.").arg(projectPath)};
    QString journalMode;
    if (rc == SQLITE_OK)
        rc = queryValue(source.db, "PRAGMA journal_mode", &journalMode);
    if (rc != SQLITE_OK)
        return Error{Tr::tr("%1 cannot be read: %2").arg(projectPath, messageOf(source.db))};
    // A rollback-journal file (none Marginalia writes) would block writers for as long as the snapshot lasts:
    // there the lock is taken per step instead, and a commit elsewhere restarts the copy.
    if (journalMode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0
        && queryValue(source.db, "COMMIT") != SQLITE_OK)
        return Error{Tr::tr("%1 cannot be read: %2").arg(projectPath, messageOf(source.db))};

    // The copy: a fresh file beside OUT (so that the rename stays on one file system), as private as the project.
    const quint64 random = QRandomGenerator::global()->generate64();
    TemporaryCopy temporary{outPath + QStringLiteral(".partial-%1").arg(random, 16, 16, QLatin1Char('0'))};
    Connection copy;
    if (sqlite3_open_v2(QFile::encodeName(temporary.path).constData(), &copy.db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK)
        return Error{Tr::tr("%1 cannot be written: %2").arg(outPath, messageOf(copy.db))};
    ::chmod(QFile::encodeName(temporary.path).constData(), (project.st_mode & 0777) | S_IRUSR | S_IWUSR);
    queryValue(copy.db, "PRAGMA trusted_schema = OFF"); // its schema comes from the project: data, not code

    sqlite3_backup *backup = sqlite3_backup_init(copy.db, "main", source.db, "main");
    if (!backup)
        return Error{Tr::tr("Copying %1 failed: %2").arg(projectPath, messageOf(copy.db))};
    bool cancelled = false;
    int busyMs = 0;
    for (;;) {
        rc = sqlite3_backup_step(backup, qMax(1, options.pagesPerStep));
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && busyMs < sql::kBusyTimeoutMs) {
            QThread::msleep(5); // a writer holds a rollback-journal file for a moment
            busyMs += 5;
            continue;
        }
        if (rc != SQLITE_OK && rc != SQLITE_DONE)
            break;
        busyMs = 0;
        const qint64 total = sqlite3_backup_pagecount(backup);
        if (progress && !progress(total - sqlite3_backup_remaining(backup), total)) {
            cancelled = true;
            break;
        }
        if (rc == SQLITE_DONE)
            break;
    }
    const int finished = sqlite3_backup_finish(backup);
    source.close(); // ends the snapshot, so that the WAL can be checkpointed again
    if (cancelled)
        return Error{Tr::tr("The copy was cancelled; %1 was left unchanged.").arg(outPath)};
    if (rc != SQLITE_DONE || finished != SQLITE_OK)
        return Error{Tr::tr("Copying %1 failed: %2").arg(projectPath, messageOf(copy.db))};

    // The copy's header says WAL, as the project's does: back to a rollback journal so that the copy is one
    // self-contained file. Checked afterwards, in the form it will have.
    QString mode;
    if (queryValue(copy.db, "PRAGMA journal_mode = DELETE", &mode) != SQLITE_OK
        || mode.compare(QLatin1String("delete"), Qt::CaseInsensitive) != 0)
        return Error{Tr::tr("Copying %1 failed: %2").arg(projectPath, messageOf(copy.db))};
    QString check;
    if (queryValue(copy.db, "PRAGMA quick_check(1)", &check) != SQLITE_OK)
        return Error{Tr::tr("Copying %1 failed: %2").arg(projectPath, messageOf(copy.db))};
    if (check != QLatin1String("ok"))
        return Error{Tr::tr("The copy of %1 failed its check (%2); %3 was left unchanged.")
                         .arg(projectPath, check, outPath)};
    if (copy.close() != SQLITE_OK || !syncToDisk(temporary.path, false))
        return Error{Tr::tr("The copy could not be written to disk (%1).").arg(outPath)};

    // Checked again: OUT may have appeared while the copy was being made.
    if (!options.overwrite && QFileInfo::exists(outPath))
        return Error{Tr::tr("%1 already exists and was left unchanged; choose another name or allow replacing it.")
                         .arg(outPath)};
    if (std::rename(QFile::encodeName(temporary.path).constData(), QFile::encodeName(outPath).constData()) != 0) {
        const int error = errno;
        return Error{Tr::tr("%1 cannot be written: %2").arg(outPath, qt_error_string(error))};
    }
    temporary.renamed = true;
    // Makes the rename itself durable. Best effort: OUT is complete either way, and some file systems
    // cannot sync a folder.
    syncToDisk(QFileInfo(outPath).absolutePath(), true);
    return {};
}

} // namespace marginalia
