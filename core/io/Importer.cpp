// importFile and previewFile: open the file, pick a reader, feed the writer, report progress.
#include "io/Importer.h"
#include "io/FormatDetector.h"
#include "io/ImportWriter.h"
#include "io/LineSource.h"
#include "io/RecordReader.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QFile>

namespace marginalia {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Import", text); }

constexpr int kMaxProblems = 1000;
constexpr qint64 kProgressEveryRows = 4096;

struct OpenedFile
{
    QString format;
    ReaderOptions readerOptions;
};

// Opens `file`, checks its encoding and settles the format and reader options.
Result<OpenedFile> openInput(QFile &file, const ImportOptions &options, TaskType task)
{
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot open %1: %2").arg(file.fileName(), file.errorString())};
    const QByteArray head = file.peek(64 * 1024);
    if (auto s = FormatDetector::checkEncoding(head); !s)
        return Error{s.error()};
    OpenedFile opened;
    opened.format = options.format.isEmpty() || options.format == QLatin1String("auto")
                        ? FormatDetector::detect(file.fileName(), head)
                        : options.format.toLower();
    if (!FormatDetector::isKnownFormat(opened.format))
        return Error{tr("Unknown format \"%1\"; use auto, jsonl, csv, tsv or txt.").arg(options.format)};
    ReaderOptions &r = opened.readerOptions;
    if (!options.textField.isEmpty())
        r.textField = options.textField;
    r.labelField = options.labelField;
    if (!options.idField.isEmpty())
        r.idField = options.idField;
    r.readTokens = task == TaskType::Ner;
    if (task == TaskType::MultiLabel)
        r.labelSeparator = QLatin1Char('|');
    return opened;
}
} // namespace

Result<ImportSummary> importFile(ProjectStore &store, const QString &path, const ImportOptions &options,
                                 const std::atomic_bool *cancel, const ImportProgressFn &progress)
{
    if (options.evalFraction < 0 || options.evalFraction >= 1)
        return Error{tr("The evaluation fraction must be at least 0 and below 1.")};
    QFile file(path);
    auto opened = openInput(file, options, store.task());
    if (!opened)
        return Error{opened.error()};
    const qint64 total = file.size();
    LineSource source(file);
    const auto reader = RecordReader::create(opened->format, source, opened->readerOptions);

    ImportWriter writer(store, options);
    if (auto s = writer.begin(); !s)
        return Error{s.error()};
    ImportRecord record;
    QString reason;
    qint64 rows = 0;
    while (reader->next(record)) {
        ++rows;
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            writer.summary().cancelled = true;
            break;
        }
        const auto outcome = writer.write(record, reason);
        if (!outcome)
            return Error{outcome.error()}; // the writer's destructor rolls back the open batch
        if (*outcome == ImportWriter::Outcome::Bad) {
            if (options.strict) {
                writer.rollback();
                return Error{tr("Line %1: %2. Nothing was imported (strict mode).").arg(record.line).arg(reason)};
            }
            ImportSummary &summary = writer.summary();
            ++summary.skippedBad;
            if (summary.problems.size() < kMaxProblems)
                summary.problems.push_back(ImportProblem{record.line, reason});
        }
        if (progress && rows % kProgressEveryRows == 0)
            progress(source.bytesRead(), total, rows);
    }
    if (!reader->fatalError().isEmpty()) {
        writer.rollback();
        return Error{reader->fatalError()};
    }
    if (!source.readError().isEmpty()) {
        writer.rollback();
        return Error{source.readError()};
    }
    if (options.strict && writer.summary().cancelled) {
        writer.rollback();
        ImportSummary cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    if (auto s = writer.commit(); !s)
        return Error{s.error()};
    if (progress)
        progress(source.bytesRead(), total, rows);
    return writer.summary();
}

Result<ImportPreview> previewFile(const QString &path, const ImportOptions &options, int maxRows)
{
    QFile file(path);
    auto opened = openInput(file, options, TaskType::TextCat);
    if (!opened)
        return Error{opened.error()};
    opened->readerOptions.keepFields = true;
    LineSource source(file);
    const auto reader = RecordReader::create(opened->format, source, opened->readerOptions);
    ImportPreview preview;
    preview.format = opened->format;
    ImportRecord record;
    for (int seen = 0; seen < maxRows && reader->next(record); ++seen) {
        if (!record.error.isEmpty())
            preview.problems.push_back(ImportProblem{record.line, record.error});
        if (!record.fields.isEmpty())
            preview.rows.push_back(record.fields);
    }
    if (!reader->fatalError().isEmpty() && preview.format != QLatin1String("csv") && preview.format != QLatin1String("tsv"))
        return Error{reader->fatalError()};
    preview.fields = reader->fields();
    if (!reader->fatalError().isEmpty())
        preview.problems.push_back(ImportProblem{1, reader->fatalError()});
    return preview;
}

} // namespace marginalia
