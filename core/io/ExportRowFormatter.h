#pragma once
#include "store/LabelResolution.h"
#include "store/ProjectTypes.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace marginalia {

struct AnnotatedSample;

// Serializes samples for export. Output is deterministic (fixed key order, one escaping), so importing an
// export and exporting again gives the same bytes.
// With meta, a labeled JSONL row also says how its label came about ("provenance": source, annotator, origin,
// run, strategy, score, rank, seconds; not for labels imported from a file).
// Formats: "jsonl" and "csv" for every task; span labeling adds "conll" (token<TAB>BIO tag per line, a blank
// line after each sentence) and "jsonl-tokens" ({"tokens", "tags"}). JSONL span offsets count code points.
class ExportRowFormatter
{
public:
    ExportRowFormatter(const QString &format, TaskType task, bool withMeta);

    QByteArray header() const; // CSV header line, "[" of a JSON array; empty otherwise
    QByteArray separator() const; // written between two rows (the comma of a JSON array); empty otherwise
    QByteArray footer() const;    // "]" of a JSON array; empty otherwise
    // The project's labels, in order: Prodigy's multiple-choice rows list them as options.
    void setLabels(const QStringList &labels) { m_labels = labels; }
    // The samples several people labeled (store/LabelResolution.h; must outlive the formatter): with meta, a JSONL
    // row says whose labels there were and why the one written stands.
    void setResolvedLabels(const QHash<qint64, ResolvedLabel> *resolved) { m_resolved = resolved; }
    // The sample's row. Empty when the format cannot hold the sample: then `problem` says why when that must
    // stop the export (a CoNLL token with whitespace), and is left empty when the sample is simply skipped
    // (a sample without tokens in a token format).
    // `rejected`: labels the sample is known not to have (Prodigy writes them as rejected answers).
    QByteArray row(const AnnotatedSample &item, QString *problem = nullptr, const QStringList &rejected = {}) const;

    static void appendJsonString(QByteArray &out, const QByteArray &utf8);
    static void appendCsvField(QByteArray &out, const QByteArray &utf8);
    static QString fileSuffix(const QString &format);
    static bool isKnownFormat(const QString &format);
    static bool isTokenFormat(const QString &format); // conll, jsonl-tokens: span-labeling projects only
    static bool writesRejections(const QString &format); // prodigy: rows for samples with rejections only

private:
    enum class Format { Jsonl, Csv, Conll, JsonlTokens, LabelStudio, Prodigy, Doccano };
    QByteArray jsonRow(const AnnotatedSample &item) const;
    QByteArray csvRow(const AnnotatedSample &item) const;
    QByteArray conllRow(const AnnotatedSample &item, QString *problem) const;
    QByteArray tokensRow(const AnnotatedSample &item) const;
    // Other tools' formats (ExportRowFormatterTools.cpp).
    QByteArray labelStudioRow(const AnnotatedSample &item) const;
    QByteArray prodigyRows(const AnnotatedSample &item, const QStringList &rejected) const;
    QByteArray doccanoRow(const AnnotatedSample &item) const;
    static void appendJsonList(QByteArray &out, const QStringList &items);
    // With meta, JSONL: the label's "provenance" (source, annotator, and how the sample reached them).
    static void appendProvenance(QByteArray &out, const Annotation &annotation);
    static void appendVotes(QByteArray &out, const ResolvedLabel &resolved);
    // The sample's tokens (stored, or from the tokenizer) and, when labeled, their BIO tags.
    static void tokensAndTags(const AnnotatedSample &item, QStringList &tokens, QStringList &tags);

    Format m_format;
    TaskType m_task;
    bool m_withMeta;
    QStringList m_labels;
    const QHash<qint64, ResolvedLabel> *m_resolved = nullptr;
};

} // namespace marginalia
