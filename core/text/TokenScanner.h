#pragma once
// Internal to core/text: the one pass over a document that both tokenize() and FeatureHasher use, so the
// hasher never builds a QString per token.
#include <QChar>
#include <QStringView>
#include <QTextBoundaryFinder>
#include <vector>

namespace marginalia::text::detail {

// Han, Hiragana, Katakana and Hangul are split into one token per character; everything below U+2E80 is
// outside those scripts, which keeps Latin text off the slower script lookup.
inline bool isCjk(char32_t cp)
{
    if (cp < 0x2E80)
        return false;
    switch (QChar::script(cp)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
        return true;
    default:
        return false;
    }
}

// Lowercase (simple case mapping), fold every decimal digit to '0' and full-width ASCII letters to ASCII.
inline char32_t normalizeCodePoint(char32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return cp + ('a' - 'A');
        if (cp >= '0' && cp <= '9')
            return U'0';
        return cp;
    }
    if (cp >= 0xFF21 && cp <= 0xFF3A) // full-width A-Z
        return cp - 0xFF21 + U'a';
    if (cp >= 0xFF41 && cp <= 0xFF5A) // full-width a-z
        return cp - 0xFF41 + U'a';
    if (QChar::isDigit(cp))
        return U'0';
    return QChar::toLower(cp);
}

inline bool isWordMaterial(char32_t cp)
{
    return cp < 0x80 ? ((cp | 0x20) - 'a' < 26u || cp - '0' < 10u) : QChar::isLetterOrNumber(cp);
}

// Emoji and other pictographs are kept as one-character tokens: they carry sentiment and topic.
inline bool isPictograph(char32_t cp)
{
    return cp >= 0x80 && QChar::category(cp) == QChar::Symbol_Other;
}

// Calls emit(start, end, codePoints, count) for every token, in text order; start/end are UTF-16 offsets
// into `text` (end exclusive) and codePoints the normalized token. `boundaries` and `word` are scratch
// buffers the caller keeps between documents so a warm scan allocates nothing.
template<typename Emit>
void scanTokens(QStringView text, std::vector<unsigned char> &boundaries, std::vector<char32_t> &word, Emit &&emit)
{
    const qsizetype n = text.size();
    if (n == 0)
        return;
    if (boundaries.size() < size_t(n + 1))
        boundaries.resize(size_t(n + 1));
    QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text.data(), n, boundaries.data(),
                               qsizetype(boundaries.size()));
    const QChar *data = text.data();
    qsizetype segStart = 0;
    for (qsizetype segEnd = finder.toNextBoundary(); segEnd != -1; segEnd = finder.toNextBoundary()) {
        // Pass 1: does this segment hold letters or digits (a word) or only punctuation/space/symbols?
        bool hasWord = false;
        for (qsizetype i = segStart; i < segEnd && !hasWord; ++i) {
            char32_t cp = data[i].unicode();
            if (QChar::isHighSurrogate(cp) && i + 1 < segEnd && data[i + 1].isLowSurrogate())
                cp = QChar::surrogateToUcs4(data[i], data[i + 1]), ++i;
            hasWord = isWordMaterial(cp);
        }
        word.clear();
        qsizetype wordStart = segStart;
        for (qsizetype i = segStart; i < segEnd;) {
            char32_t cp = data[i].unicode();
            qsizetype len = 1;
            if (QChar::isHighSurrogate(cp) && i + 1 < segEnd && data[i + 1].isLowSurrogate())
                cp = QChar::surrogateToUcs4(data[i], data[i + 1]), len = 2;
            if (hasWord && !isCjk(cp)) {
                if (word.empty())
                    wordStart = i;
                word.push_back(normalizeCodePoint(cp));
            } else if (isCjk(cp) || isPictograph(cp)) {
                if (!word.empty()) {
                    emit(int(wordStart), int(i), word.data(), int(word.size()));
                    word.clear();
                }
                const char32_t single = normalizeCodePoint(cp);
                emit(int(i), int(i + len), &single, 1);
            }
            i += len;
        }
        if (!word.empty())
            emit(int(wordStart), int(segEnd), word.data(), int(word.size()));
        segStart = segEnd;
    }
}

} // namespace marginalia::text::detail
