#pragma once
#include <QString>
#include <QVector>

namespace marginalia::text {

// A token with its position in the original QString (UTF-16 offsets, end exclusive), so spans found on
// tokens map back to the exact characters of the text.
struct Token
{
    QString text; // normalized: lowercased, every digit folded to '0'
    int start = 0;
    int end = 0;
};

// Unicode-aware tokenization for English and Chinese alike: word boundaries for alphabetic scripts,
// one token per character inside CJK runs (Han, Hiragana, Katakana, Hangul), punctuation and whitespace
// dropped.
QVector<Token> tokenize(const QString &text);

// The normalization tokenize() applies, for callers that already have tokens (e.g. CoNLL imports).
QString normalizeToken(const QString &token);

} // namespace marginalia::text
