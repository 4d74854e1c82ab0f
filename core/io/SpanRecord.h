#pragma once
// Turns what a reader found in a span-labeling row (tokens with tags, or character spans over a text) into
// the record's spans, checking them the way the store needs them: in range, non-overlapping, on token
// boundaries. Problems go to record.error with the reason a user can read.
#include "io/RecordReader.h"

#include <QString>
#include <QVector>

namespace marginalia {

// A span as JSONL files write it: Unicode code point offsets (what Python, spaCy and doccano count), end
// exclusive.
struct CodePointSpan
{
    qint64 start = 0;
    qint64 end = 0;
    QString label;
};

// "the token list is empty", "token 3 is empty", ...; empty when every token has text.
QString tokenProblem(const QStringList &tokens);

// record.tokens and record.tags as the file gave them: checks their lengths, normalizes the tags to BIO
// (options.tagScheme) and, with options.buildSpans, derives the spans over the tokens joined by spaces.
// `tokenLines` (CoNLL) names each token's line in messages.
void setTaggedTokens(ImportRecord &record, const ReaderOptions &options, const QVector<qint64> &tokenLines = {});

// Character spans over `text` (the file's text, or the tokens joined by spaces when it has none). The tokens
// are record.tokens when the record has them, else the engine's tokenizer on `text`.
void setCodePointSpans(ImportRecord &record, const QString &text, const QVector<CodePointSpan> &spans);

// A record's UTF-8 text as the store will hand it back: unlike QString::fromUtf8, a leading U+FEFF stays (it is
// a character of the text, and span offsets count it).
QString storedText(const QByteArray &utf8);

// Code points in text[0, utf16Offset): the offset a JSONL file writes for a store offset.
int codePointOffset(const QString &text, int utf16Offset);

} // namespace marginalia
