// What the model engine costs the studio's process (Debian's LibTorch links OpenCV, whose highgui links Qt 5): the
// studio (`marginalia --demo`, offscreen) is started as a child, and once its window is up, its resident memory is
// split by the files it belongs to (/proc/PID/smaps): Qt 5, OpenCV, LibTorch and the engine module against Qt 6, the
// rest and the heap, next to this process's own figures as a plain Qt 6 Widgets program with a window shown.
//   marginalia_engine_load_bench [--runs N]
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMap>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <cmath>

namespace {
double residentMiB(const QString &pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

QSet<QString> mapped(const QString &pid, const char *prefix)
{
    QSet<QString> out;
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    if (!maps.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : maps.readAll().split('\n')) {
        const int slash = line.lastIndexOf('/');
        if (slash >= 0 && line.mid(slash + 1).startsWith(prefix))
            out.insert(QString::fromLatin1(line.mid(slash + 1)));
    }
    return out;
}

// The libraries a binary links, by file name (ldd resolves the whole tree).
QSet<QByteArray> linkedLibraries(const QString &binary)
{
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), {binary});
    ldd.waitForFinished(30000);
    QSet<QByteArray> out;
    for (const QByteArray &line : ldd.readAllStandardOutput().split('\n')) {
        const QByteArray name = line.trimmed().split(' ').value(0);
        if (!name.isEmpty())
            out.insert(name.mid(name.lastIndexOf('/') + 1));
    }
    return out;
}

// Which group a mapped file's resident pages count for: what the executable links itself, what only the engine
// module brings (LibTorch, OpenCV and, through it, Qt 5), and what is loaded at run time (Qt's plugins, fonts).
QString groupOf(const QByteArray &file)
{
    static const QSet<QByteArray> executable = linkedLibraries(QStringLiteral(MARGINALIA_BINARY));
    static const QSet<QByteArray> engine =
        linkedLibraries(QStringLiteral(MARGINALIA_BINARY).section(QLatin1Char('/'), 0, -2) + QStringLiteral("/marginalia_engine.so"));
    const QByteArray soname = file.left(file.indexOf(".so") + 3);
    const auto matches = [&](const QSet<QByteArray> &set) {
        return std::any_of(set.cbegin(), set.cend(), [&](const QByteArray &l) { return l == file || l.startsWith(soname); });
    };
    if (file.startsWith("libQt5"))
        return QStringLiteral("Qt 5 (through OpenCV)");
    if (file == "marginalia_engine.so" || (matches(engine) && !matches(executable)))
        return QStringLiteral("engine module and its libraries");
    if (matches(executable))
        return QStringLiteral("the executable's libraries");
    return QStringLiteral("other files (plugins, fonts)");
}

QMap<QString, double> residentByGroup(const QString &pid)
{
    QMap<QString, double> out;
    QFile smaps(QStringLiteral("/proc/%1/smaps").arg(pid));
    if (!smaps.open(QIODevice::ReadOnly))
        return out;
    QString group;
    for (const QByteArray &line : smaps.readAll().split('\n')) {
        const int space = int(line.indexOf(' '));
        if (space > 0 && line.left(space).contains('-')) { // "start-end perms offset dev inode [path]
            const int slash = line.lastIndexOf('/');
            group = slash >= 0 ? groupOf(line.mid(slash + 1)) : QStringLiteral("heap and anonymous");
        } else if (line.startsWith("Rss:")) {
            out[group] += line.mid(4).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return out;
}

struct Figures
{
    double ms = 0;
    double mib = 0;
    QSet<QString> qt5;
    QMap<QString, double> byGroup;
};

// The studio from start to a settled window: its memory stops growing for half a second once the demo is open.
Figures studio(const QString &home)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home); // its own demo project and settings
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    p.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    p.start(QStringLiteral(MARGINALIA_BINARY), {QStringLiteral("--demo")});
    Figures f;
    if (!p.waitForStarted(10000))
        return f;
    const QString pid = QString::number(p.processId());
    double last = 0;
    qint64 steadySince = 0;
    while (timer.elapsed() < 60000) {
        QThread::msleep(50);
        const double now = residentMiB(pid);
        if (now > 0 && std::abs(now - last) < 0.5 && !mapped(pid, "marginalia_engine").isEmpty()) {
            if (steadySince == 0)
                steadySince = timer.elapsed();
            else if (timer.elapsed() - steadySince >= 500)
                break;
        } else {
            steadySince = 0;
        }
        last = now;
    }
    f.ms = double(steadySince);
    f.mib = residentMiB(pid);
    f.qt5 = mapped(pid, "libQt5");
    f.byGroup = residentByGroup(pid);
    p.kill();
    p.waitForFinished(5000);
    return f;
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int at = int(args.indexOf(QStringLiteral("--runs")));
    const int runs = qMax(1, at >= 0 ? args.value(at + 1).toInt() : 3);
    QLabel window(QStringLiteral("baseline"));
    window.show();
    app.processEvents();
    const double baselineMiB = residentMiB(QStringLiteral("self"));
    const QMap<QString, double> baselineGroups = residentByGroup(QStringLiteral("self"));

    QTemporaryDir home;
    std::vector<Figures> all;
    for (int i = 0; i < runs; ++i)
        all.push_back(studio(home.path()));
    std::sort(all.begin(), all.end(), [](const Figures &a, const Figures &b) { return a.mib < b.mib; });
    const Figures median = all[all.size() / 2];

    QTextStream out(stdout);
    out << QStringLiteral("median of %1 studio starts (offscreen, demo project): %2 ms to a settled window\n")
               .arg(runs)
               .arg(median.ms, 0, 'f', 0);
    out << QStringLiteral("%1 | %2 | %3\n")
               .arg(QStringLiteral("resident memory (MiB)"), -36)
               .arg(QStringLiteral("Qt 6 Widgets baseline"), 22)
               .arg(QStringLiteral("studio with engine"), 19);
    out << QStringLiteral("%1 | %2 | %3   (x%4)\n")
               .arg(QStringLiteral("whole process"), -36)
               .arg(baselineMiB, 22, 'f', 1)
               .arg(median.mib, 19, 'f', 1)
               .arg(median.mib / qMax(1.0, baselineMiB), 0, 'f', 1);
    for (auto it = median.byGroup.cbegin(); it != median.byGroup.cend(); ++it)
        out << QStringLiteral("  %1 | %2 | %3\n").arg(it.key(), -34).arg(baselineGroups.value(it.key()), 22, 'f', 1).arg(*it, 19, 'f', 1);
    QStringList names(median.qt5.cbegin(), median.qt5.cend());
    names.sort();
    out << QStringLiteral("Qt 5 libraries mapped into the studio: %1 (%2)\n").arg(names.size()).arg(names.join(QStringLiteral(", ")));
    return 0;
}
