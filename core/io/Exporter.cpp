// exportProject: streams samples with their current annotation into one file or train/dev/test files.
#include "io/Exporter.h"
#include "io/ExportRowFormatter.h"
#include "store/LabelResolution.h"
#include "store/ProjectFiles.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <memory>
#include <vector>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Export)
};

// QSaveFile writes to a temporary name and renames on commit(), so the final name never holds half a file.
struct Target
{
    std::unique_ptr<QSaveFile> file;
    qint64 rows = 0;
};

Result<Target> openTarget(const QString &path, const QByteArray &header)
{
    Target target;
    target.file = std::make_unique<QSaveFile>(path);
    if (!target.file->open(QIODevice::WriteOnly))
        return Error{Tr::tr("Cannot write %1: %2").arg(path, target.file->errorString())};
    if (!header.isEmpty() && target.file->write(header) != header.size())
        return Error{Tr::tr("Writing %1 failed: %2").arg(path, target.file->errorString())};
    return target;
}
// An image's path as the exported file names it: relative to the file's folder, as the importer reads it.
AnnotatedSample withImagePath(const ProjectStore &store, const AnnotatedSample &item, const QDir &exportFolder)
{
    AnnotatedSample copy = item;
    copy.sample.text = exportFolder.relativeFilePath(store.imageFilePath(item.sample));
    return copy;
}
} // namespace

// A stable pseudo-random number in [0, 1) per (seed, sample): the dev split does not depend on the order or
// number of samples exported, only on the seed.
static double unitHash(std::uint64_t seed, qint64 sampleId)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (std::uint64_t(sampleId) + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return double(z >> 11) / double(1ULL << 53);
}

int exportSplitIndex(const ExportOptions &options, const AnnotatedSample &item)
{
    if (!options.splitFiles)
        return 0;
    if (item.sample.split == Split::Eval)
        return 2;
    return item.isLabeled() && unitHash(options.seed, item.sample.id) < options.devFraction ? 1 : 0;
}

Result<ExportSummary> exportProject(const ProjectStore &store, const QString &out, const ExportOptions &options,
                                   const std::atomic_bool *cancel, const ExportProgressFn &progress)
{
    const QString format = options.format.toLower();
    if (format == QLatin1String("folders"))
        return exportImageFolders(store, out, options, cancel, progress);
    if (store.task() == TaskType::Image && format != QLatin1String("jsonl") && format != QLatin1String("csv"))
        return Error{Tr::tr("Image projects export jsonl, csv or folders.")};
    if (!ExportRowFormatter::isKnownFormat(format))
        return Error{Tr::tr("Unknown export format \"%1\"; use jsonl, csv, conll, jsonl-tokens, label-studio, prodigy or "
                            "doccano.")
                         .arg(options.format)};
    if (ExportRowFormatter::isTokenFormat(format) && store.task() != TaskType::Ner)
        return Error{Tr::tr("The %1 format holds tagged tokens; only span-labeling (ner) projects export it.")
                         .arg(format)};
    if (options.devFraction < 0 || options.devFraction >= 1)
        return Error{Tr::tr("The dev fraction must be at least 0 and below 1.")};
    ExportRowFormatter formatter(format, store.task(), options.withMeta);
    const auto labels = store.labels();
    if (!labels)
        return Error{labels.error()};
    QStringList labelNames;
    for (const Label &label : *labels)
        labelNames << label.name;
    formatter.setLabels(labelNames);
    // Prodigy writes rejected labels as answers: an unlabeled sample with one is exported too. (A span-labeling
    // project's answers are spans; a rejected label name has no place there.)
    QHash<qint64, QStringList> rejected;
    if (ExportRowFormatter::writesRejections(format) && store.task() != TaskType::Ner) {
        auto bySample = store.rejectedLabelsBySample();
        if (!bySample)
            return Error{bySample.error()};
        rejected = std::move(*bySample);
    }

    // Samples several people labeled are exported with the label training uses (reviewed, else majority).
    const auto resolved = resolveProjectLabels(store);
    if (!resolved)
        return Error{resolved.error()};
    formatter.setResolvedLabels(&*resolved);

    // Targets: one file, or train (0), dev (1), test (2) inside the folder `out`.
    std::vector<Target> targets;
    ExportSummary summary;
    QStringList paths;
    if (options.splitFiles) {
        if (QFileInfo(out).isFile())
            return Error{Tr::tr("%1 is a file; --split-files needs a folder.").arg(out)};
        if (!QDir().mkpath(out))
            return Error{Tr::tr("Cannot create the folder %1.").arg(out)};
        const QString suffix = ExportRowFormatter::fileSuffix(format);
        for (const char *name : {"train", "dev", "test"})
            paths << QDir(out).filePath(QLatin1String(name) + suffix);
    } else {
        if (QFileInfo(out).isDir())
            return Error{Tr::tr("%1 is a folder; give a file name, or use --split-files.").arg(out)};
        paths << out;
    }
    // A rename over the open project (or its WAL) would lose every label saved after it.
    for (const QString &path : paths)
        if (namesProjectFile(store.path(), path))
            return Error{Tr::tr("%1 is the project itself; choose another name for the export.").arg(path)};
    for (const QString &path : paths) {
        auto target = openTarget(path, formatter.header());
        if (!target)
            return Error{target.error()};
        targets.push_back(std::move(*target));
    }

    SampleFilter filter;
    if (!options.includeUnlabeled && rejected.isEmpty())
        filter.labelState = SampleFilter::LabelState::Labeled;
    const auto total = store.countSamples(filter);
    if (!total)
        return Error{total.error()};

    const bool images = store.task() == TaskType::Image;
    qint64 done = 0;
    QString writeError;
    bool cancelled = false;
    const Status streamed = store.forEachSample(filter, [&](const AnnotatedSample &read) {
        AnnotatedSample scratch;
        const AnnotatedSample &item = resolvedSample(read, *resolved, scratch);
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            cancelled = true;
            return false;
        }
        const size_t index = static_cast<size_t>(exportSplitIndex(options, item));
        const auto rejectedHere = rejected.constFind(item.sample.id);
        const bool hasRejections = rejectedHere != rejected.constEnd() && !rejectedHere->isEmpty();
        if (!options.includeUnlabeled && !item.isLabeled() && !hasRejections)
            return true; // read only because other unlabeled samples carry rejections
        QString problem;
        const QByteArray line = images ? formatter.row(withImagePath(store, item, QFileInfo(paths[index]).absoluteDir()), &problem)
                                       : formatter.row(item, &problem, hasRejections ? *rejectedHere : QStringList());
        if (!problem.isEmpty()) {
            writeError = problem;
            return false;
        }
        if (line.isEmpty()) {
            ++summary.skipped;
            ++done;
            return true;
        }
        Target &target = targets[index];
        const QByteArray separator = target.rows > 0 ? formatter.separator() : QByteArray();
        if (target.file->write(separator) != separator.size() || target.file->write(line) != line.size()) {
            writeError = Tr::tr("Writing %1 failed: %2").arg(target.file->fileName(), target.file->errorString());
            return false;
        }
        ++target.rows;
        ++done;
        if (progress && done % 1000 == 0)
            progress(done, *total);
        return true;
    });
    const auto discard = [&] {
        for (Target &target : targets)
            target.file->cancelWriting();
    };
    if (!streamed) {
        discard();
        return streamed;
    }
    if (!writeError.isEmpty()) {
        discard();
        return Error{writeError};
    }
    if (cancelled) {
        discard();
        return Error{Tr::tr("The export was cancelled; no file was written.")};
    }
    for (Target &target : targets) {
        const QByteArray footer = formatter.footer();
        if (target.file->write(footer) != footer.size()) {
            const QString failure = Tr::tr("Writing %1 failed: %2").arg(target.file->fileName(), target.file->errorString());
            discard();
            return Error{failure};
        }
    }
    for (Target &target : targets) {
        if (!target.file->commit())
            return Error{Tr::tr("Saving %1 failed: %2").arg(target.file->fileName(), target.file->errorString())};
        summary.files << target.file->fileName();
    }
    summary.written = done - summary.skipped;
    if (progress)
        progress(done, *total);
    return summary;
}

} // namespace marginalia
