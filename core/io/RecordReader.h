#pragma once
#include "Result.h"
#include "io/TagScheme.h"
#include "store/ProjectTypes.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>
#include <memory>

class QIODevice;

namespace marginalia {

class LineSource;

// An annotation version a record brings besides its own (the current) one: another annotator's in a Label
// Studio task, or an earlier answer to the same text in a Prodigy file.
struct ImportAnnotation
{
    QStringList labels;
    bool hasLabels = false;
    QVector<Span> spans;
    bool hasSpans = false;
    QString annotator; // empty: the import's annotator
};

// A label the source says does not apply to the record (a Prodigy "reject").
struct ImportRejection
{
    QString label;
    QString annotator; // empty: the import's annotator
};

// One record as a format reader understood it, before the writer decides what it means for the project.
// Text stays UTF-8 bytes: the bulk path hashes and binds it without converting to QString.
struct ImportRecord
{
    qint64 line = 0;      // 1-based line where the record starts
    qint64 task = 0;      // 1-based position in a JSON array of tasks (Label Studio); 0 in line formats
    QString error;        // non-empty: a bad record, with the reason a user can read
    QByteArray text;      // UTF-8
    QStringList tokens;   // when the source gave a token list (span labeling)
    bool hasTokens = false;
    QStringList tags;     // per token, normalized to BIO (prefix-less tags kept), when the source gave tags
    QVector<Span> spans;  // span labeling: UTF-16 offsets into the text the sample will have
    bool hasSpans = false; // the record is labeled (possibly with zero spans: "no entities")
    QStringList labels;
    bool hasLabels = false; // the label field was present and not null/empty
    QString annotator;    // of the record's own annotation; empty: the import's annotator
    QVector<ImportAnnotation> earlier; // versions written before the record's own, oldest first
    QVector<ImportRejection> rejections;
    // Parts of the record the project cannot use, each a short phrase ("result type \"rectanglelabels\""): the
    // rest of the record is imported, the importer counts them, and strict mode stops at them.
    QStringList unused;
    QByteArray externalId;
    QByteArray metaJson;  // a JSON object, compact
    QMap<QString, QString> fields; // every field as text, only when ReaderOptions::keepFields (preview)
    // Filled by ImportWriter::prepare (off the writing thread): the store's content hash, the tokens as the JSON
    // array the store keeps, whether the row is labeled for the project's task (its labels or spans; the other
    // kind is cleared) and its stratum for the eval split (its label set, or its spans' entity types).
    QByteArray contentHash;
    QByteArray tokensJson;
    bool labeled = false;
    QStringList stratum;
    bool duplicate = false; // a bulk import's reading thread found the same content hash before

    void clear();
};

// Which fields carry what. Field names are as the user gave them (JSON keys, CSV header cells).
struct ReaderOptions
{
    QString textField = QStringLiteral("text");
    QString labelField; // empty: "label", else "labels" (ner: "tags", "ner_tags", "spans", "label")
    QString idField = QStringLiteral("id");
    QString metaField = QStringLiteral("meta");
    QString tokensField = QStringLiteral("tokens");
    bool readTokens = false;    // ner projects: a token list stands in for missing text; tags and spans
    TagScheme tagScheme = TagScheme::Auto;
    bool buildSpans = true;     // false: tags only (readers of tagged files that need no spans)
    QChar labelSeparator;       // CSV/TSV: split one label cell into several (multi-label); null = no split
    bool keepFields = false;
    bool doccano = false;       // doccano's JSONL: "label" lists (an empty one is unlabeled), "entities" spans
};

// Streams records out of a file. A reader is fed by a LineSource it does not own; it never holds more
// than the current record. Readers are separate from the writer so that they can be fuzzed on their own.
class RecordReader
{
public:
    virtual ~RecordReader() = default;
    // Fills `record` with the next record; false at the end of input.
    virtual bool next(ImportRecord &record) = 0;
    // Field names seen so far (CSV header; JSON keys in first-seen order when keepFields).
    virtual QStringList fields() const = 0;
    // A problem with the whole input (e.g. a CSV header without the text column); empty if none.
    virtual QString fatalError() const { return {}; }

    // "jsonl", "csv", "tsv", "txt", "conll", "label-studio", "prodigy" or "doccano"; nullptr for an unknown
    // format.
    static std::unique_ptr<RecordReader> create(const QString &format, LineSource &source,
                                                const ReaderOptions &options);
};

} // namespace marginalia
