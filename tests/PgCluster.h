// A throwaway PostgreSQL cluster for one test: initdb into a temporary folder, listening only on a Unix socket in
// that folder (no TCP port), trust authentication for a superuser named "marginalia", stopped and deleted with the
// object. PostgreSQL refuses to run as root, so as root (CI) the server runs as "nobody", who then owns the folder.
// No test touches a server it did not start.
#pragma once

#include <QDir>
#include <QProcess>
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
