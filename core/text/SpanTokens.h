#pragma once
// The tokens a span-labeling sample is annotated on, and the conversions between character spans (what the
// store keeps) and per-token tags (what CoNLL files, the sequence model and the metrics use).
#include "store/ProjectTypes.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace marginalia::text {

// A token's place in the sample text: UTF-16 offsets, end exclusive.
struct TokenSpan
{
    int start = 0;
    int end = 0;
    bool operator==(const TokenSpan &o) const { return start == o.start && end == o.end; }
};

// Tokens of a sample: the stored token list where the sample has one (its text is the tokens joined by
// single spaces; each token is found in order, so other separators work too), else the engine's tokenizer
// on the raw text (words; one token per Chinese character; punctuation and spaces are not tokens).
QVector<TokenSpan> annotationTokens(const QString &text, const QStringList &tokens = {});

// The token range [first, last] a character range touches; {-1, -1} when it touches no token.
struct TokenRange
{
    int first = -1;
    int last = -1;
    bool isEmpty() const { return first < 0; }
};
TokenRange tokenRange(const QVector<TokenSpan> &tokens, int start, int end);

// The span covering tokens [first, last] exactly.
Span spanOfTokens(const QVector<TokenSpan> &tokens, int first, int last, const QString &label);

// BIO (IOB2) tags, one per token: a span tags every token it touches (B- on the first). Spans are applied in
// order of their start; a token already taken by an earlier span keeps it.
QStringList bioTags(const QVector<TokenSpan> &tokens, const QVector<Span> &spans);

// Spans from tags in BIO, IOB1 or BIOES (conlleval's chunking rules, as metrics::extractEntities applies
// them); the tag list may be shorter than the tokens (missing tags are "O").
QVector<Span> spansFromTags(const QVector<TokenSpan> &tokens, const QStringList &tags);

} // namespace marginalia::text
