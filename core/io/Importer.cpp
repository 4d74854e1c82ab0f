// importFile and previewFile: open the file, pick a reader, feed the writer, report progress.
#include "io/Importer.h"
#include "io/ServerImport.h"
#include "io/ImageImporter.h"
#include "io/FormatDetector.h"
#include "io/ImportWriter.h"
#include "io/LineSource.h"
#include "io/RecordQueue.h"
#include "io/RecordReader.h"
#include "store/ProjectFiles.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>
#include <functional>
#include <memory>
#ifdef __linux__
#include <pthread.h>
#endif
#include <thread>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

constexpr int kMaxProblems = 1000;
constexpr size_t kBatchRecords = 2048; // records handed over at once; progress is reported per batch
constexpr size_t kQueuedBatches = 4;

constexpr int kUnusedPlaces = 20;

// "Line 12" or "Line 12 (task 3)": where a record starts, as messages name it.
QString where(const ImportRecord &record)
{
    return record.task > 0 ? Tr::tr("Line %1 (task %2)").arg(record.line).arg(record.task)
                           : Tr::tr("Line %1").arg(record.line);
}

// Counts one more `what` the project could not use, at the record's task (or line).
void countUnused(ImportSummary &summary, const QString &what, const ImportRecord &record)
{
    auto it = std::find_if(summary.unused.begin(), summary.unused.end(),
                           [&](const ImportUnused &u) { return u.what == what; });
    if (it == summary.unused.end()) {
        summary.unused.append(ImportUnused{what, 0, {}, record.task > 0});
        it = summary.unused.end() - 1;
    }
    ++it->count;
    if (it->where.size() < kUnusedPlaces)
        it->where.append(record.task > 0 ? record.task : record.line);
}

bool carriesAnnotations(const ImportRecord &record)
{
    return record.labeled || !record.earlier.isEmpty() || !record.rejections.isEmpty();
}

struct OpenedFile
{
    QString format;
    ReaderOptions readerOptions;
};

// Opens `file`, checks its encoding and settles the format and reader options.
Result<OpenedFile> openInput(QFile &file, const ImportOptions &options, TaskType task)
{
    if (auto s = refuseOpenProject(file.fileName()); !s)
        return s;
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot open %1: %2").arg(file.fileName(), file.errorString())};
    const QByteArray head = file.peek(64 * 1024);
    if (auto s = FormatDetector::checkEncoding(head); !s)
        return s;
    OpenedFile opened;
    opened.format = options.format.isEmpty() || options.format == QLatin1String("auto")
                        ? FormatDetector::detect(file.fileName(), head)
                        : options.format.toLower();
    if (!FormatDetector::isKnownFormat(opened.format))
        return Error{Tr::tr("Unknown format \"%1\"; use auto, jsonl, csv, tsv, txt, conll, label-studio, prodigy or "
                            "doccano.")
                         .arg(options.format)};
    ReaderOptions &r = opened.readerOptions;
    if (!options.textField.isEmpty())
        r.textField = options.textField;
    r.labelField = options.labelField;
    if (!options.idField.isEmpty())
        r.idField = options.idField;
    r.readTokens = task == TaskType::Ner;
    r.tagScheme = options.tagScheme;
    if (task == TaskType::MultiLabel)
        r.labelSeparator = QLatin1Char('|');
    return opened;
}
} // namespace

Result<ImportSummary> importFile(ProjectStore &store, const QString &path, const ImportOptions &options,
                                 const std::atomic_bool *cancel, const ImportProgressFn &progress)
{
    // The writer binds rows straight into SQLite: a server project's import is read into a scratch file first.
    if (store.isServer())
        return importIntoServer(store, path, options, cancel, progress);
    if (store.task() == TaskType::Image) {
        ImageImportOptions images;
        images.evalFraction = options.evalFraction;
        images.strict = options.strict;
        images.embed = options.embedImages;
        images.annotator = options.annotator;
        images.seed = options.seed;
        return importImages(store, path, images, cancel, progress);
    }
    if (options.evalFraction < 0 || options.evalFraction >= 1)
        return Error{Tr::tr("The evaluation fraction must be at least 0 and below 1.")};
    QFile file(path);
    auto opened = openInput(file, options, store.task());
    if (!opened)
        return Error{opened.error()};
    if (opened->format == QLatin1String("conll") && store.task() != TaskType::Ner)
        return Error{Tr::tr("%1 is a CoNLL file of tagged tokens; import it into a span-labeling (ner) project.")
                         .arg(path)};
    const qint64 total = file.size();
    // Rows to expect, from the line length in the first 64 KiB; it only picks the write path. A CoNLL row is
    // a sentence: the blank lines count.
    const QByteArray head = file.peek(64 * 1024);
    const qint64 newlines = opened->format == QLatin1String("conll") ? head.count("\n\n") + head.count("\n\r\n")
                                                                     : head.count('\n');
    const qint64 expectedRows = head.isEmpty() ? 0 : qint64(double(total) * double(newlines) / double(head.size()));
    ImportOptions writing = options;
    if (options.addToExisting)
        writing.bulkMinRows = 0; // the bulk path's in-memory duplicate check cannot add to existing samples
    ImportWriter writer(store, writing);
    writer.setOnlyProjectLabels(options.strict && FormatDetector::isToolFormat(opened->format));
    if (auto s = writer.begin(expectedRows); !s)
        return s;

    // Reading, parsing, hashing and (bulk path) finding duplicates run on their own thread; this one only
    // writes SQLite.
    LineSource source(file);
    const auto reader = RecordReader::create(opened->format, source, opened->readerOptions);
    const TaskType task = store.task();
    RecordQueue queue(kQueuedBatches);
    SampleHashSet *const bulkHashes = writer.bulkHashes();
    std::thread producer([&] {
#ifdef __linux__
        pthread_setname_np(pthread_self(), "import-read"); // tells the threads apart in top and perf
#endif
        RecordBatch batch;
        ImportRecord record;
        while (reader->next(record)) {
            ImportWriter::prepare(record, task);
            if (bulkHashes && record.error.isEmpty())
                record.duplicate = !bulkHashes->insert(record.contentHash);
            batch.records.push_back(std::move(record));
            if (batch.records.size() == kBatchRecords) {
                batch.bytesRead = source.bytesRead();
                if (!queue.push(std::move(batch)))
                    return;
                batch = queue.emptyBatch();
            }
        }
        batch.bytesRead = source.bytesRead();
        queue.push(std::move(batch));
        queue.finish();
    });
    const auto stopProducer = [&] {
        queue.stop();
        if (producer.joinable())
            producer.join();
    };
    // Whatever way this function leaves, the reading thread is stopped and joined first.
    const std::unique_ptr<void, std::function<void(void *)>> joinOnExit(&queue, [&](void *) { stopProducer(); });

    const bool toolFormat = FormatDetector::isToolFormat(opened->format);
    RecordBatch batch;
    QString reason;
    qint64 rows = 0;
    bool cancelled = false;
    while (!cancelled && queue.pop(batch)) {
        for (const ImportRecord &record : batch.records) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                cancelled = true;
                break;
            }
            ++rows;
            if (!record.unused.isEmpty() && record.error.isEmpty()) {
                if (options.strict) {
                    stopProducer();
                    writer.rollback();
                    return Error{Tr::tr("%1: %2 cannot be used. Nothing was imported (strict mode).")
                                     .arg(where(record), record.unused.join(QStringLiteral(", ")))};
                }
                for (const QString &what : record.unused)
                    countUnused(writer.summary(), what, record);
            }
            const auto outcome = writer.write(record, reason);
            if (!outcome) {
                stopProducer();
                return Error{outcome.error()}; // the writer's destructor rolls back the open batch
            }
            if (*outcome == ImportWriter::Outcome::Duplicate && toolFormat && carriesAnnotations(record)) {
                // Another tool's answers to a text imported before (a Prodigy answer away from the first one to
                // its input, a Label Studio task repeated): skipped with the text, so said, never dropped unseen.
                countUnused(writer.summary(), Tr::tr("labels of a text imported before (skipped with the duplicate text)"),
                            record);
            }
            if (*outcome != ImportWriter::Outcome::Bad)
                continue;
            if (options.strict) {
                stopProducer();
                writer.rollback();
                return Error{Tr::tr("Line %1: %2. Nothing was imported (strict mode).").arg(record.line).arg(reason)};
            }
            ImportSummary &summary = writer.summary();
            ++summary.skippedBad;
            if (summary.problems.size() < kMaxProblems)
                summary.problems.push_back(ImportProblem{record.line, reason});
        }
        if (cancelled)
            break; // commit() below writes what this batch left held back, while it is still here
        // Rows held back point into this batch: write them before it goes back to the reading thread.
        if (auto s = writer.flush(); !s) {
            stopProducer();
            return s;
        }
        if (progress)
            progress(batch.bytesRead, total, rows);
        queue.recycle(std::move(batch));
    }
    stopProducer();
    const QString inputError = cancelled ? QString()
                               : !reader->fatalError().isEmpty() ? reader->fatalError()
                                                                 : source.readError();
    if (!inputError.isEmpty()) {
        writer.rollback();
        const qint64 kept = writer.committedImported();
        if (kept > 0)
            return Error{Tr::tr("%1 (The first %2 samples, saved before the error, stay in the project.)")
                             .arg(inputError)
                             .arg(kept)};
        return Error{inputError};
    }
    if (cancelled && options.strict) {
        writer.rollback();
        ImportSummary nothing;
        nothing.cancelled = true;
        return nothing;
    }
    writer.summary().cancelled = cancelled;
    if (auto s = writer.commit(); !s)
        return s;
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
    // A header without the text column is still worth previewing: the wizard maps fields from it.
    const bool delimited = preview.format == QLatin1String("csv") || preview.format == QLatin1String("tsv");
    if (!reader->fatalError().isEmpty() && !delimited)
        return Error{reader->fatalError()};
    preview.fields = reader->fields();
    if (!reader->fatalError().isEmpty())
        preview.problems.push_back(ImportProblem{1, reader->fatalError()});
    return preview;
}

} // namespace marginalia
