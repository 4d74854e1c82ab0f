// Core fuzz targets. The first bytes of a reader input choose the reader options and the read chunk size, so
// one corpus covers the option combinations and the refill paths of LineSource.
#include "FuzzTargets.h"
#include "io/FormatDetector.h"
#include "io/ImportWriter.h"
#include "io/LineSource.h"
#include "io/RecordReader.h"
#include "io/SpanRecord.h"
#include "store/ProjectStore.h"

#include <QAtomicInt>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>

namespace marginalia::fuzz {

void check(bool condition, const char *what)
{
    if (condition)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

namespace {

struct ReaderSetup
{
    ReaderOptions options;
    TaskType task = TaskType::TextCat;
    size_t chunk = size_t(16) << 10;
};

// Byte 0 picks options, byte 1 the chunk size; the rest is the file.
ReaderSetup setupFrom(const QByteArray &input, QByteArray &body)
{
    ReaderSetup s;
    if (input.size() < 2) {
        body = input;
        return s;
    }
    const auto bits = static_cast<unsigned char>(input[0]);
    const auto chunk = static_cast<unsigned char>(input[1]);
    body = input.mid(2);
    s.options.readTokens = bits & 0x01;
    s.options.keepFields = bits & 0x02;
    if (bits & 0x04)
        s.options.labelSeparator = QLatin1Char('|');
    switch ((bits >> 3) & 0x03) {
    case 1: s.options.labelField = QStringLiteral("labels"); break;
    case 2: s.options.labelField = QStringLiteral("tags"); break;
    default: break;
    }
    s.task = (bits & 0x20) ? TaskType::Ner : ((bits & 0x40) ? TaskType::MultiLabel : TaskType::TextCat);
    if (bits & 0x80)
        s.options.textField = QStringLiteral("body");
    // 0: one read takes any input the fuzzer makes (the importer's 1 MiB chunk costs a fresh mapping per run
    // under ASan, for the same paths); otherwise 1..255 bytes at a time.
    s.chunk = chunk == 0 ? size_t(16) << 10 : chunk;
    return s;
}

bool readAll(const QString &format, const QByteArray &body, const ReaderSetup &setup)
{
    QBuffer device;
    device.setData(body);
    device.open(QIODevice::ReadOnly);
    LineSource source(device, setup.chunk);
    const auto reader = RecordReader::create(format, source, setup.options);
    if (!reader)
        return false;
    ImportRecord record;
    const qint64 lines = body.count('\n') + 1;
    qint64 lastLine = 0;
    qint64 lastTask = 0;
    qint64 records = 0;
    while (reader->next(record)) {
        // Tasks of a JSON array may share a line (a one-line export); they are numbered instead.
        if (record.task > 0) {
            check(record.task > lastTask, "task numbers increase");
            check(record.line >= lastLine, "task lines do not go back");
            check(++records <= body.size(), "no more tasks than bytes");
            lastTask = record.task;
        } else {
            check(record.line > lastLine, "record lines increase");
            check(++records <= lines, "no more records than lines");
        }
        check(record.line <= source.lineNumber(), "a record starts at or before the current line");
        lastLine = record.line;
        ImportWriter::prepare(record, setup.task);
        if (record.error.isEmpty()) {
            check(!record.contentHash.isEmpty(), "a good record has a content hash");
            // What the writer stores: spans inside the text, one label per version in a single-label project.
            const qsizetype length = storedText(record.text).size();
            for (const Span &span : record.spans)
                check(span.start >= 0 && span.start < span.end && span.end <= length, "spans lie in the text");
            for (const ImportAnnotation &version : record.earlier) {
                for (const Span &span : version.spans)
                    check(span.start >= 0 && span.start < span.end && span.end <= length, "earlier spans lie in the text");
                check(setup.task != TaskType::TextCat || version.labels.size() == 1,
                      "an earlier single-label version has one label");
            }
        }
        record.clear();
    }
    check(source.bytesRead() <= body.size(), "no more bytes consumed than given");
    (void)reader->fields();
    (void)reader->fatalError();
    return true;
}

void detectTarget(const QByteArray &input)
{
    static const char *const names[] = {"in", "in.jsonl", "in.csv", "in.tsv", "in.txt", "in.dat"};
    const QString path = QString::fromLatin1(names[input.isEmpty() ? 0 : static_cast<unsigned char>(input[0]) % 6]);
    const QByteArray head = input.left(64 * 1024);
    if (!FormatDetector::checkEncoding(head))
        return;
    const QString format = FormatDetector::detect(path, head);
    check(FormatDetector::isKnownFormat(format), "the detector picks a known format");
    QByteArray body;
    const ReaderSetup setup = setupFrom(input, body);
    check(readAll(format, input, setup), "a detected format has a reader");
}

// Project files are written under one directory per process with a new name each time: the store remembers
// which files passed quick_check by path.
void projectTarget(const QByteArray &input)
{
    static QTemporaryDir dir(QFileInfo(QStringLiteral("/dev/shm")).isDir() ? QStringLiteral("/dev/shm/marginalia-fuzz-XXXXXX")
                                                                       : QDir::tempPath() + QStringLiteral("/marginalia-fuzz-XXXXXX"));
    static QAtomicInt counter;
    const QString path = dir.filePath(QStringLiteral("p%1.marginalia").arg(counter.fetchAndAddRelaxed(1)));
    {
        QFile file(path);
        check(file.open(QIODevice::WriteOnly) && file.write(input) == input.size(), "writing the project file");
    }
    {
        auto store = ProjectStore::open(path);
        if (store) {
            ProjectStore &s = **store;
            (void)s.stats();
            (void)s.labels();
            (void)s.setting(QStringLiteral("name"));
            SampleFilter filter;
            filter.limit = 50;
            (void)s.annotatedSamples(filter);
            (void)s.countSamples(SampleFilter::unlabeled());
            if (const auto runs = s.runs(); runs && !runs->isEmpty()) {
                const qint64 run = runs->constLast().id;
                (void)s.runMetrics(run);
                (void)s.runEpochs(run);
                (void)s.runConfusion(run);
                (void)s.rankedPredictions(run, 20);
                (void)s.checkpoint(run);
            }
            if (const auto ids = s.sampleIds(filter); ids && !ids->isEmpty()) {
                (void)s.annotationHistory(ids->constFirst());
                (void)s.flag(ids->constFirst());
            }
        } else {
            check(!store.error().isEmpty(), "a refused project says why");
        }
    }
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

bool runCoreTarget(const QString &target, const QByteArray &input)
{
    if (target == QLatin1String("detect")) {
        detectTarget(input);
        return true;
    }
    if (target == QLatin1String("project")) {
        projectTarget(input);
        return true;
    }
    QByteArray body;
    const ReaderSetup setup = setupFrom(input, body);
    return readAll(target, body, setup);
}

} // namespace marginalia::fuzz
