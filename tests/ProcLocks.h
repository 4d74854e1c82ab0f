#pragma once
// The POSIX locks a process holds on a file, from /proc/locks. SQLite keeps a shared lock on a project file (and
// one on its -shm) for as long as a connection is open in WAL mode; a process that lost them lets another one
// delete the WAL its labels still go to (see core/store/ProjectStore.h).
#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <sys/stat.h>

namespace testlocks {

// Lines of /proc/locks ("POSIX ADVISORY READ PID MAJ:MIN:INODE START END", without their ordinal) for `pid` on
// `file`; waiters ("->") hold nothing and are left out.
inline QStringList posixLocksOn(const QString &file, qint64 pid = QCoreApplication::applicationPid())
{
    struct stat st;
    if (::stat(QFile::encodeName(file).constData(), &st) != 0)
        return {};
    const QString inode = QStringLiteral(":%1").arg(quint64(st.st_ino));
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly))
        return {};
    QStringList held;
    for (const QByteArray &line : locks.readAll().split('\n')) {
        const QStringList f = QString::fromLatin1(line).simplified().split(QLatin1Char(' '));
        if (f.size() > 5 && f.at(1) == QLatin1String("POSIX") && f.at(4).toLongLong() == pid && f.at(5).endsWith(inode))
            held.push_back(f.mid(1).join(QLatin1Char(' ')));
    }
    return held;
}

} // namespace testlocks
