#include "io/ImageImporter.h"

#include "io/EvalSplitter.h"
#include "io/FormatDetector.h"
#include "io/LineSource.h"
#include "io/RecordReader.h"
#include "store/ContentHash.h"
#include "store/ProjectFiles.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

constexpr int kMaxProblems = 1000; // as the text importer keeps

// One image the source names, before it is read.
struct Entry
{
    QString path;     // absolute
    QString label;    // empty: unlabeled
    QString externalId;
    qint64 line = 0;  // the row of a CSV/JSONL source; 0 for a folder
};

// An entry whose file was read and checked.
struct Checked
{
    Entry entry;
    QByteArray hash;
};

struct Gathered
{
    QVector<Entry> entries;
    QVector<ImportProblem> problems; // rows that name no usable image path
};

bool isProjectFile(const QString &name)
{
    for (const char *suffix : {".marginalia", ".marginalia-wal", ".marginalia-shm", ".marginalia-journal"})
        if (name.endsWith(QLatin1String(suffix)))
            return true;
    return false;
}

// The files a folder holds for import, by name: its own (unlabeled) and one level of class subfolders. Hidden
// files and project files are not images anyone meant to label.
QVector<Entry> folderEntries(const QString &dir)
{
    QVector<Entry> out;
    const QDir root(dir);
    const auto addFiles = [&](const QDir &folder, const QString &label) {
        for (const QFileInfo &file : folder.entryInfoList(QDir::Files, QDir::Name)) {
            if (isProjectFile(file.fileName()))
                continue;
            out.push_back({file.absoluteFilePath(), label, {}, 0});
        }
    };
    addFiles(root, {});
    for (const QString &label : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        addFiles(QDir(root.filePath(label)), label);
    return out;
}

Result<Gathered> rowEntries(const QString &path)
{
    QFile file(path);
    if (auto s = refuseOpenProject(path); !s)
        return Error{s.error()};
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot open %1: %2").arg(path, file.errorString())};
    const QByteArray head = file.peek(64 * 1024);
    if (auto s = FormatDetector::checkEncoding(head); !s)
        return Error{s.error()};
    const QString format = FormatDetector::detect(path, head);
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv") && format != QLatin1String("tsv"))
        return Error{Tr::tr("%1: an image list must be CSV, TSV or JSONL with an \"image\" field.").arg(path)};
    ReaderOptions options;
    options.textField = QStringLiteral("image");
    LineSource source(file);
    const auto reader = RecordReader::create(format, source, options);
    if (!reader)
        return Error{Tr::tr("%1: cannot read this file.").arg(path)};
    const QDir base = QFileInfo(path).absoluteDir();
    Gathered g;
    ImportRecord record;
    while (reader->next(record)) {
        if (!record.error.isEmpty()) {
            g.problems.push_back({record.line, record.error});
            continue;
        }
        const QString image = QString::fromUtf8(record.text).trimmed();
        if (image.isEmpty()) {
            g.problems.push_back({record.line, Tr::tr("the row names no image (an \"image\" field is needed)")});
            continue;
        }
        if (record.labels.size() > 1) {
            g.problems.push_back({record.line, Tr::tr("%1: an image takes one label, the row gives %2")
                                                   .arg(image)
                                                   .arg(record.labels.size())});
            continue;
        }
        g.entries.push_back({QDir::cleanPath(base.absoluteFilePath(image)), record.labels.value(0),
                             QString::fromUtf8(record.externalId), record.line});
    }
    if (const QString fatal = reader->fatalError(); !fatal.isEmpty())
        return Error{Tr::tr("%1: %2").arg(path, fatal)};
    if (!source.readError().isEmpty())
        return Error{Tr::tr("%1: %2").arg(path, source.readError())};
    return g;
}

// Reads and hashes one image, checking on the way that it is one within the limits. Refusals name the file.
Result<QByteArray> readChecked(const Entry &entry, const ImageLimits &limits)
{
    if (auto s = refuseOpenProject(entry.path); !s)
        return Error{s.error()};
    QFile file(entry.path);
    if (!file.exists())
        return fail(Tr::tr("%1: no such file.").arg(entry.path));
    if (file.size() > limits.maxFileBytes)
        return fail(Tr::tr("%1: the file is %2 MB; images of at most %3 MB are read.")
                        .arg(entry.path)
                        .arg(file.size() >> 20)
                        .arg(limits.maxFileBytes >> 20));
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("%1: cannot be read (%2).").arg(entry.path, file.errorString()));
    QByteArray bytes = file.readAll();
    // The decoder's verdict, not the header's: a truncated or damaged file is refused here, not in a round.
    if (auto image = decodeImage(bytes, entry.path, limits, QSize(64, 64)); !image)
        return Error{image.error()};
    return bytes;
}

QString relativePath(const ProjectStore &store, const QString &absolute)
{
    return QDir(store.imageFolder()).relativeFilePath(absolute);
}
} // namespace

bool isImageSource(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return true;
    QFile file(path);
    if (!info.isFile() || !refuseOpenProject(path) || !file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray first = file.readLine(64 * 1024);
    return first.contains("\"image\"") || first.split(',').contains("image") || first.trimmed() == "image"
        || first.split('\t').contains("image");
}

Result<ImportSummary> importImages(ProjectStore &store, const QString &source, const ImageImportOptions &options,
                                   const std::atomic_bool *cancel, const ImportProgressFn &progress)
{
    if (store.task() != TaskType::Image)
        return Error{Tr::tr("Images can only be imported into an image classification project.")};
    if (options.evalFraction < 0 || options.evalFraction >= 1)
        return Error{Tr::tr("The evaluation fraction must be at least 0 and below 1.")};
    const QFileInfo info(source);
    if (!info.exists())
        return Error{Tr::tr("%1: no such file or folder.").arg(source)};

    Gathered gathered;
    if (info.isDir()) {
        gathered.entries = folderEntries(source);
    } else {
        auto rows = rowEntries(source);
        if (!rows)
            return Error{rows.error()};
        gathered = std::move(*rows);
    }
    ImportSummary summary;
    const auto report = [&](qint64 line, const QString &reason) {
        ++summary.skippedBad;
        if (summary.problems.size() < kMaxProblems)
            summary.problems.push_back({line, reason});
    };
    if (options.strict && !gathered.problems.isEmpty()) {
        const ImportProblem &p = gathered.problems.first();
        return Error{Tr::tr("Line %1: %2. Nothing was imported (strict mode).").arg(p.line).arg(p.reason)};
    }
    for (const ImportProblem &p : gathered.problems)
        report(p.line, p.reason);

    // First every file is read and checked, before anything is written: strict mode can then stop with the
    // project untouched, and the writing transaction stays short.
    const qint64 total = gathered.entries.size();
    QVector<Checked> checked;
    checked.reserve(gathered.entries.size());
    qint64 done = 0;
    for (const Entry &entry : gathered.entries) {
        if (cancel && cancel->load()) {
            summary = {};
            summary.cancelled = true;
            return summary;
        }
        auto bytes = readChecked(entry, options.limits);
        ++done;
        if (progress)
            progress(done, total * 2, done);
        if (!bytes) {
            if (options.strict)
                return Error{Tr::tr("%1 Nothing was imported (strict mode).").arg(bytes.error())};
            report(entry.line, bytes.error());
            continue;
        }
        checked.push_back({entry, sha256(*bytes)});
    }
    if (checked.isEmpty() && summary.problems.isEmpty())
        return Error{Tr::tr("%1 holds no images (a folder of images, with one subfolder per label for labeled ones).")
                         .arg(source)};

    QSet<QString> known;
    auto labels = store.labels();
    if (!labels)
        return Error{labels.error()};
    for (const Label &l : *labels)
        known.insert(l.name);
    EvalSplitter splitter(options.evalFraction, options.seed);
    bool stopped = false;
    qint64 stored = 0;
    const Status written = store.inTransaction([&]() -> Status {
        for (const Checked &c : checked) {
            if (cancel && cancel->load()) {
                stopped = true;
                return Error{QString()}; // rolls back: a cancelled image import leaves the project as it was
            }
            if (!c.entry.label.isEmpty() && !known.contains(c.entry.label)) {
                if (auto added = store.addLabel(c.entry.label); !added)
                    return Error{added.error()};
                known.insert(c.entry.label);
                summary.addedLabels << c.entry.label;
            }
            Sample sample;
            sample.text = relativePath(store, c.entry.path);
            sample.externalId = c.entry.externalId;
            sample.contentHash = c.hash;
            sample.split = splitter.enabled() && splitter.take(c.entry.label) ? Split::Eval : Split::Pool;
            auto id = store.addSample(sample);
            if (!id)
                return Error{id.error()};
            ++stored;
            if (progress)
                progress(total + stored, total * 2, stored);
            if (!id->has_value()) {
                ++summary.duplicates;
                continue;
            }
            ++summary.imported;
            if (sample.split == Split::Eval)
                ++summary.evalSamples;
            if (options.embed) {
                // Read again rather than held from the first pass: a folder of photos does not fit in memory.
                auto bytes = readChecked(c.entry, options.limits);
                if (!bytes || sha256(*bytes) != c.hash)
                    return Error{Tr::tr("%1 changed while it was being imported; nothing was imported.").arg(c.entry.path)};
                if (auto s = store.embedImage(**id, *bytes); !s)
                    return s;
            }
            if (c.entry.label.isEmpty())
                continue;
            AnnotationInput input;
            input.labels = {c.entry.label};
            input.annotator = options.annotator;
            input.source = AnnotationSource::Imported;
            input.provenance.origin = QString::fromLatin1(Provenance::Import);
            if (auto a = store.annotate(**id, input); !a)
                return Error{a.error()};
            ++summary.labeled;
        }
        return {};
    });
    if (stopped) {
        ImportSummary nothing;
        nothing.cancelled = true;
        return nothing;
    }
    if (!written)
        return Error{written.error()};
    return summary;
}

} // namespace marginalia
