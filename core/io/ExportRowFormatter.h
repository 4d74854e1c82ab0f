#pragma once
#include "store/ProjectTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace marginalia {

struct AnnotatedSample;

// Serializes samples for export. Output is deterministic (fixed key order, one escaping), so importing an
// export and exporting again gives the same bytes.
// Formats: "jsonl" and "csv" for every task; span labeling adds "conll" (token<TAB>BIO tag per line, a blank
// line after each sentence) and "jsonl-tokens" ({"tokens", "tags"}). JSONL span offsets count code points.
class ExportRowFormatter
{
public:
    ExportRowFormatter(const QString &format, TaskType task, bool withMeta);

    QByteArray header() const; // CSV header line; empty otherwise
    // The sample's row. Empty when the format cannot hold the sample: then `problem` says why when that must
    // stop the export (a CoNLL token with whitespace), and is left empty when the sample is simply skipped
    // (a sample without tokens in a token format).
    QByteArray row(const AnnotatedSample &item, QString *problem = nullptr) const;

    static void appendJsonString(QByteArray &out, const QByteArray &utf8);
    static void appendCsvField(QByteArray &out, const QByteArray &utf8);
    static QString fileSuffix(const QString &format);
    static bool isKnownFormat(const QString &format);
    static bool isTokenFormat(const QString &format); // conll, jsonl-tokens: span-labeling projects only

private:
    enum class Format { Jsonl, Csv, Conll, JsonlTokens };
    QByteArray jsonRow(const AnnotatedSample &item) const;
    QByteArray csvRow(const AnnotatedSample &item) const;
    QByteArray conllRow(const AnnotatedSample &item, QString *problem) const;
    QByteArray tokensRow(const AnnotatedSample &item) const;
    static void appendJsonList(QByteArray &out, const QStringList &items);
    // The sample's tokens (stored, or from the tokenizer) and, when labeled, their BIO tags.
    static void tokensAndTags(const AnnotatedSample &item, QStringList &tokens, QStringList &tags);

    Format m_format;
    TaskType m_task;
    bool m_withMeta;
};

} // namespace marginalia
