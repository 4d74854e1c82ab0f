#include "store/ProjectFiles.h"

#include "store/WriteGate.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <sys/stat.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// The absolute name with the folder's links resolved; the file itself need not exist.
QString resolvedName(const QString &path)
{
    const QFileInfo info(path);
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return folder.isEmpty() ? info.absoluteFilePath() : folder + QLatin1Char('/') + info.fileName();
}

bool sameFile(const QString &a, const QString &b)
{
    struct stat sa, sb; // stat() opens nothing: safe beside an open project (see ProjectStore.h)
    return ::stat(QFile::encodeName(a).constData(), &sa) == 0 && ::stat(QFile::encodeName(b).constData(), &sb) == 0
        && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
} // namespace

bool namesProjectFile(const QString &projectPath, const QString &candidate)
{
    const QString canonical = QFileInfo(projectPath).canonicalFilePath();
    const QString project = canonical.isEmpty() ? resolvedName(projectPath) : canonical;
    const QString target = resolvedName(candidate);
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
        const QString name = projectPath + QLatin1String(suffix);
        if (target == project + QLatin1String(suffix) || sameFile(name, candidate))
            return true;
    }
    return false;
}

Status refuseOpenProject(const QString &path)
{
    for (const QString &project : WriteGate::openFiles())
        if (namesProjectFile(project, path))
            return Error{Tr::tr("%1 is a Marginalia project that is open here; it cannot be read as a data file. "
                                "Export it first, or choose another file.")
                             .arg(path)};
    return {};
}

} // namespace marginalia
