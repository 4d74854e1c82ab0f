#pragma once
#include "Result.h"
#include "io/TagScheme.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <cstdint>
#include <functional>

namespace marginalia {

class ProjectStore;

struct ImportOptions
{
    // auto, jsonl, csv, tsv, txt, conll (ner projects), label-studio, prodigy, doccano
    QString format = QStringLiteral("auto");
    QString textField = QStringLiteral("text");
    QString labelField;                      // empty = "label", or "labels" for multi-label; ner: tags or spans
    TagScheme tagScheme = TagScheme::Auto;   // ner: how tags in CoNLL and JSONL token files are read
    QString idField = QStringLiteral("id");
    double evalFraction = 0;                 // share of imported samples held out as the eval split
    // The first bad line aborts, and the project stays exactly as before. For another tool's format also: a
    // part of the file the project cannot use, or a label outside the project's label set (when it has one).
    bool strict = false;
    QString annotator;                       // recorded on imported annotations
    bool embedImages = false;                // image projects: keep the images' bytes in the project
    // A row whose text the project has already adds its labels to that sample, as `annotator`'s version,
    // instead of being skipped as a duplicate (several annotators' files of the same texts). Rows path only.
    bool addToExisting = false;
    std::uint64_t seed = 13;
    qint64 batchRows = 50000;                // default mode commits after this many imported samples
    int cacheKiB = 16 * 1024;                // SQLite page cache while importing (restored afterwards)
    // An import expected to bring at least this many rows, and at least as many as the project holds, runs
    // as one transaction that drops the content-hash index, deduplicates in memory and rebuilds the index at
    // the end: several times faster, and a killed import leaves the project unchanged. 0 = never.
    qint64 bulkMinRows = 20000;
    qint64 bulkMaxRows = 1500000;            // above this (project + file), the in-memory table gets too big
};

struct ImportProblem
{
    qint64 line = 0; // 1-based line (or record start line for CSV records spanning lines)
    QString reason;
};

// A kind of thing a file holds that the project could not use (a Label Studio result type, rejected spans),
// with how often it occurred and where.
struct ImportUnused
{
    QString what;
    qint64 count = 0;
    QVector<qint64> where; // the first 20 task numbers (arrays of tasks) or line numbers
    bool tasks = false;    // `where` holds task numbers
};

struct ImportSummary
{
    qint64 imported = 0;
    qint64 labeled = 0;    // of the imported, how many came with a label (stored with source "imported")
    qint64 evalSamples = 0;
    qint64 skippedBad = 0;
    qint64 duplicates = 0;
    qint64 rejections = 0; // labels recorded as not applying (Prodigy "reject")
    qint64 addedToExisting = 0; // ImportOptions::addToExisting: labels added to samples the project had
    QStringList addedLabels;         // labels that were not in the label set before
    QVector<ImportUnused> unused;    // what the file held that the project could not use; strict mode stops
    QVector<ImportProblem> problems; // the first 1,000 bad lines, with reasons
    bool cancelled = false;          // stopped early; what was committed before stays (a consistent prefix)
    bool bulk = false;               // ran as one transaction with the content-hash index rebuilt at the end
};

// bytesRead/bytesTotal drive a progress bar; rows counts records seen so far.
using ImportProgressFn = std::function<void(qint64 bytesRead, qint64 bytesTotal, qint64 rows)>;

// Streams `path` into the project without holding the file in memory. Runs on the calling thread (the GUI
// runs it on a worker thread with its own ProjectStore). In strict mode the first bad line fails the call
// and nothing is written.
Result<ImportSummary> importFile(ProjectStore &store, const QString &path, const ImportOptions &options,
                                 const std::atomic_bool *cancel = nullptr, const ImportProgressFn &progress = {});

// The first rows of a file as the importer would read them, for the import wizard's preview and field
// mapping.
struct ImportPreview
{
    QString format;                       // the detected (or given) format
    QStringList fields;                   // JSON keys or CSV/TSV header columns, in first-seen order
    QVector<QMap<QString, QString>> rows; // field -> value as text
    QVector<ImportProblem> problems;
};
Result<ImportPreview> previewFile(const QString &path, const ImportOptions &options, int maxRows = 20);

} // namespace marginalia
