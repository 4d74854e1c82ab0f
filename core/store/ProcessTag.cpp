#include "store/ProcessTag.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

namespace marginalia {

namespace {
// Field 22 of /proc/PID/stat; empty when there is no such process (or no /proc), or only its zombie is left.
QByteArray startTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = stat.readAll();
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    if (fields.size() <= 19 || fields[0] == "Z" || fields[0] == "X")
        return {};
    return fields[19]; // fields[0] is field 3, the state
}

QString hostName() { return QSysInfo::machineHostName().simplified().remove(QLatin1Char(' ')); }
} // namespace

QString thisProcessTag()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return QStringLiteral("%1 %2 %3").arg(hostName()).arg(pid).arg(QString::fromLatin1(startTicks(pid)));
}

ProcessState processState(const QString &tag)
{
    const QStringList parts = tag.split(QLatin1Char(' '));
    bool ok = false;
    const qint64 pid = parts.value(1).toLongLong(&ok);
    if (parts.size() != 3 || !ok || pid <= 0 || parts[0] != hostName())
        return ProcessState::Unknown;
    const QByteArray start = startTicks(pid);
    if (start.isEmpty())
        return QFile::exists(QStringLiteral("/proc/self/stat")) ? ProcessState::Gone : ProcessState::Unknown;
    return start == parts[2].toLatin1() ? ProcessState::Alive : ProcessState::Gone;
}

} // namespace marginalia
