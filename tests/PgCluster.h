// A throwaway PostgreSQL cluster for one test: initdb into a temporary folder, listening only on a Unix socket in
// that folder (no TCP port), trust authentication for a superuser named "marginalia", stopped and deleted with the
// object. PostgreSQL refuses to run as root, so as root (CI) the server runs as "nobody", who then owns the folder.
// No test touches a server it did not start.
#pragma once

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QTemporaryDir>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace marginalia::testing {

class PgCluster
{
public:
    PgCluster() = default;
    PgCluster(const PgCluster &) = delete;
    PgCluster &operator=(const PgCluster &) = delete;
    ~PgCluster()
    {
        if (m_started)
            run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), data(), QStringLiteral("-m"), QStringLiteral("immediate"),
                                          QStringLiteral("-w"), QStringLiteral("stop")});
    }

    // Starts the server; false with the reason (PostgreSQL not installed, initdb or pg_ctl failed).
    bool start(QString *why)
    {
        m_bin = binaries();
        if (m_bin.isEmpty()) {
            *why = QStringLiteral("PostgreSQL's server programs are not installed (Debian: postgresql)");
            return false;
        }
        if (!m_dir.isValid()) {
            *why = QStringLiteral("no temporary folder");
            return false;
        }
        if (::geteuid() == 0) {
            const passwd *nobody = ::getpwnam("nobody");
            if (!nobody || ::chown(QFile::encodeName(m_dir.path()).constData(), nobody->pw_uid, nobody->pw_gid) != 0) {
                *why = QStringLiteral("cannot hand the folder to the user nobody");
                return false;
            }
        }
        QString output;
        if (!run(QStringLiteral("initdb"), {QStringLiteral("-D"), data(), QStringLiteral("-U"), QStringLiteral("marginalia"),
                                            QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                                            QStringLiteral("--locale=C")},
                 &output)) {
            *why = QStringLiteral("initdb failed: ") + output;
            return false;
        }
        return resume(why);
    }

    // Stops the server (clients see their connections drop) and starts it again on the same data.
    bool pause()
    {
        const bool stopped = run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), data(), QStringLiteral("-m"), QStringLiteral("fast"),
                                                           QStringLiteral("-w"), QStringLiteral("stop")});
        m_started = m_started && !stopped;
        return stopped;
    }
    bool resume(QString *why)
    {
        QString output;
        const QString options = QStringLiteral("-k %1 -c listen_addresses='' -c fsync=off -c max_connections=40").arg(m_dir.path());
        if (!run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), data(), QStringLiteral("-l"), m_dir.filePath(QStringLiteral("log")),
                                            QStringLiteral("-o"), options, QStringLiteral("-w"), QStringLiteral("start")},
                 &output)) {
            *why = QStringLiteral("pg_ctl start failed: ") + output;
            return false;
        }
        m_started = true;
        return true;
    }

    QString socketDir() const { return m_dir.path(); }

    // Cuts every client connection but the one asking, as a network failure or a restarted pooler would; how many.
    int terminateClients() const
    {
        const QString name = QStringLiteral("pg-cluster-admin");
        int cut = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(socketDir());
            db.setDatabaseName(QStringLiteral("postgres"));
            db.setUserName(QStringLiteral("marginalia"));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE"
                                          " pid <> pg_backend_pid() AND backend_type = 'client backend'"))
                    && q.next())
                    cut = q.value(0).toInt();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return cut;
    }
    // A location for `project` in the cluster's "postgres" database.
    QString url(const QString &project) const
    {
        return QStringLiteral("postgresql://marginalia@/postgres?project=%1&host=%2").arg(project, socketDir());
    }

private:
    QString data() const { return m_dir.filePath(QStringLiteral("data")); }

    static QString binaries()
    {
        const QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot,
                                                                                          QDir::Name | QDir::Reversed);
        for (const QString &v : versions) {
            const QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(v);
            if (QFile::exists(bin + QStringLiteral("/initdb")) && QFile::exists(bin + QStringLiteral("/pg_ctl")))
                return bin;
        }
        return {};
    }

    bool run(const QString &program, const QStringList &arguments, QString *output = nullptr) const
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(m_dir.path()); // the server's user may not enter the caller's folder
        const QString path = m_bin + QLatin1Char('/') + program;
        if (::geteuid() == 0)
            p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"), path} + arguments);
        else
            p.start(path, arguments);
        const bool finished = p.waitForFinished(120000);
        if (output)
            *output = QString::fromLocal8Bit(p.readAll());
        return finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    QTemporaryDir m_dir;
    QString m_bin;
    bool m_started = false;
};

} // namespace marginalia::testing
