// exportImageFolders: an image project as image-folder trees (Exporter.h).
#include "io/Exporter.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QSet>
#include <unistd.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Export)
};

// A file name not yet used in its folder: the image's own name, else with -2, -3, ... before the suffix
// (two class folders of the source may both hold "0001.png").
QString freeName(QSet<QString> &used, const QString &folder, const QString &fileName)
{
    const QFileInfo info(fileName);
    QString name = fileName;
    for (int n = 2; used.contains(folder + QLatin1Char('/') + name); ++n)
        name = info.completeBaseName() + QLatin1Char('-') + QString::number(n)
             + (info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix());
    used.insert(folder + QLatin1Char('/') + name);
    return name;
}

// A label as a folder name: path separators and names the file system gives a meaning to are replaced.
QString folderName(const QString &label)
{
    QString name = label;
    name.replace(QLatin1Char('/'), QLatin1Char('_')).replace(QLatin1Char('\\'), QLatin1Char('_'));
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        name = QLatin1Char('_') + name;
    return name;
}

// Links `source` as `target`, else writes `bytes` there (another file system, an embedded image).
Status placeImage(const QString &source, const QByteArray &bytes, const QString &target)
{
    if (!source.isEmpty() && ::link(QFile::encodeName(source).constData(), QFile::encodeName(target).constData()) == 0)
        return {};
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{Tr::tr("Writing %1 failed: %2").arg(target, file.errorString())};
    return {};
}
} // namespace

Result<ExportSummary> exportImageFolders(const ProjectStore &store, const QString &out, const ExportOptions &options,
                                         const std::atomic_bool *cancel, const ExportProgressFn &progress)
{
    if (store.task() != TaskType::Image)
        return Error{Tr::tr("Only image projects export image folders.")};
    if (options.devFraction < 0 || options.devFraction >= 1)
        return Error{Tr::tr("The dev fraction must be at least 0 and below 1.")};
    const QFileInfo outInfo(out);
    if (outInfo.exists() && (!outInfo.isDir() || !QDir(out).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)))
        return Error{Tr::tr("%1 already exists; image folders are written into a new or empty folder.").arg(out)};

    // Built beside the destination and renamed into place at the end.
    const QString building = QDir::cleanPath(outInfo.absoluteFilePath()) + QStringLiteral(".partial-%1").arg(::getpid());
    QDir(building).removeRecursively();
    if (!QDir().mkpath(building))
        return Error{Tr::tr("Cannot create the folder %1.").arg(building)};
    const auto abandon = [&](const QString &why) -> Result<ExportSummary> {
        QDir(building).removeRecursively();
        return Error{why};
    };

    const auto resolved = resolveProjectLabels(store); // the label training uses (store/LabelResolution.h)
    if (!resolved)
        return abandon(resolved.error());
    SampleFilter filter;
    if (!options.includeUnlabeled)
        filter.labelState = SampleFilter::LabelState::Labeled;
    const auto total = store.countSamples(filter);
    if (!total)
        return abandon(total.error());
    const QString splitNames[] = {QStringLiteral("train"), QStringLiteral("dev"), QStringLiteral("test")};
    QSet<QString> used, made;
    ExportSummary summary;
    QString failure;
    qint64 done = 0;
    const Status streamed = store.forEachSample(filter, [&](const AnnotatedSample &read) {
        AnnotatedSample scratch;
        const AnnotatedSample &item = resolvedSample(read, *resolved, scratch);
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            failure = Tr::tr("The export was cancelled; no folder was written.");
            return false;
        }
        bool fromFile = false;
        const auto bytes = store.imageBytes(item.sample.id, &fromFile); // still the image that was labeled?
        if (!bytes) {
            failure = bytes.error();
            return false;
        }
        QString folder = options.splitFiles ? splitNames[exportSplitIndex(options, item)] : QString();
        if (item.isLabeled() && !item.annotation->labels.isEmpty())
            folder = folder.isEmpty() ? folderName(item.annotation->labels.first())
                                      : folder + QLatin1Char('/') + folderName(item.annotation->labels.first());
        const QString dir = folder.isEmpty() ? building : building + QLatin1Char('/') + folder;
        if (!made.contains(dir)) {
            if (!QDir().mkpath(dir)) {
                failure = Tr::tr("Cannot create the folder %1.").arg(dir);
                return false;
            }
            made.insert(dir);
        }
        const QString file = store.imageFilePath(item.sample);
        const QString target = dir + QLatin1Char('/') + freeName(used, folder, QFileInfo(item.sample.text).fileName());
        if (auto s = placeImage(fromFile ? file : QString(), *bytes, target); !s) {
            failure = s.error();
            return false;
        }
        ++done;
        if (progress && done % 100 == 0)
            progress(done, *total);
        return true;
    });
    if (!streamed)
        return abandon(streamed.error());
    if (!failure.isEmpty())
        return abandon(failure);
    if (outInfo.exists())
        QDir().rmdir(out); // empty, checked above
    if (!QDir().rename(building, out))
        return abandon(Tr::tr("Cannot move the exported folders to %1.").arg(out));
    summary.written = done;
    summary.files << out;
    if (progress)
        progress(done, *total);
    return summary;
}

} // namespace marginalia
