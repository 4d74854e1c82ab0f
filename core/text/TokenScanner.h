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

inline bool isAsciiSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f' || c == u'\v';
}

inline bool isAsciiLetter(char16_t c)
{
    return char16_t((c | 0x20) - u'a') < 26u;
}

inline bool isAsciiDigit(char16_t c)
{
    return char16_t(c - u'0') < 10u;
}

// Han ideographs (word-break property "Other": a boundary on both sides) and CJK punctuation whose word-break
// property is also "Other". Full-width comma, colon and semicolon are deliberately absent: Unicode gives them
// mid-word roles, so they take the QTextBoundaryFinder path.
inline bool isFastHan(char16_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

inline bool isFastCjkPunctuation(char16_t c)
{
    return c == 0x3001 || c == 0x3002 || (c >= 0x300A && c <= 0x300F) || c == 0xFF01 || c == 0xFF08
           || c == 0xFF09 || c == 0xFF1F;
}

inline bool isFastChar(char16_t c)
{
    return c < 0x80 || isFastHan(c) || isFastCjkPunctuation(c);
}

// Word boundaries of a stretch between whitespace holding only ASCII, Han and the punctuation above, by the
// Unicode (UAX #29) rules QTextBoundaryFinder applies, restricted to these characters: letters, digits and
// '_' join; a single ' between two letters, or ' . , or ; between two digits, stays inside the word.
// Segments without a letter or digit are not tokens; every Han character is a token of its own.
template<typename Emit>
void scanFastChunk(const QChar *data, qsizetype begin, qsizetype end, std::vector<char32_t> &word, Emit &&emit)
{
    const auto joins = [](char16_t c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == u'_'; };
    qsizetype i = begin;
    while (i < end) {
        const char16_t first = data[i].unicode();
        if (!joins(first)) {
            if (isFastHan(first)) {
                const char32_t single = first;
                emit(int(i), int(i + 1), &single, 1);
            }
            ++i;
            continue;
        }
        qsizetype j = i + 1;
        for (;;) {
            while (j < end && joins(data[j].unicode()))
                ++j;
            if (j + 1 >= end)
                break;
            const char16_t before = data[j - 1].unicode(), mid = data[j].unicode(), after = data[j + 1].unicode();
            // Qt tailors '.' and ':' out of the letter rule ("e.g" is three segments); only the apostrophe joins.
            const bool letters = isAsciiLetter(before) && isAsciiLetter(after) && mid == u'\'';
            const bool digits = isAsciiDigit(before) && isAsciiDigit(after)
                                && (mid == u'\'' || mid == u'.' || mid == u',' || mid == u';');
            if (!letters && !digits)
                break;
            j += 2;
        }
        word.clear();
        bool hasWord = false;
        for (qsizetype k = i; k < j; ++k) {
            const char16_t c = data[k].unicode();
            hasWord = hasWord || c != u'_';
            word.push_back(normalizeCodePoint(c));
        }
        if (hasWord)
            emit(int(i), int(j), word.data(), int(word.size()));
        i = j;
    }
}

// Tokens of a stretch holding non-ASCII text, segmented by QTextBoundaryFinder; `offset` is the stretch's
// position in the document.
template<typename Emit>
void scanWithBoundaries(QStringView text, qsizetype offset, std::vector<unsigned char> &boundaries,
                        std::vector<char32_t> &word, Emit &&emit)
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
                    emit(int(offset + wordStart), int(offset + i), word.data(), int(word.size()));
                    word.clear();
                }
                const char32_t single = normalizeCodePoint(cp);
                emit(int(offset + i), int(offset + i + len), &single, 1);
            }
            i += len;
        }
        if (!word.empty())
            emit(int(offset + wordStart), int(offset + segEnd), word.data(), int(word.size()));
        segStart = segEnd;
    }
}

// Calls emit(start, end, codePoints, count) for every token, in text order; start/end are UTF-16 offsets
// into `text` (end exclusive) and codePoints the normalized token. `boundaries` and `word` are scratch
// buffers the caller keeps between documents so a warm scan allocates nothing.
//
// ASCII whitespace always separates words, so the text is cut there: stretches of ASCII, Han and common CJK
// punctuation take a direct scan; runs of stretches holding anything else go through QTextBoundaryFinder.
template<typename Emit>
void scanTokens(QStringView text, std::vector<unsigned char> &boundaries, std::vector<char32_t> &word, Emit &&emit)
{
    const QChar *data = text.data();
    const qsizetype n = text.size();
    qsizetype i = 0;
    qsizetype pendingStart = -1, pendingEnd = -1; // non-ASCII stretches waiting for one boundary-finder pass
    const auto flush = [&] {
        if (pendingStart >= 0)
            scanWithBoundaries(text.mid(pendingStart, pendingEnd - pendingStart), pendingStart, boundaries, word, emit);
        pendingStart = -1;
    };
    while (i < n) {
        while (i < n && isAsciiSpace(data[i].unicode()))
            ++i;
        const qsizetype start = i;
        bool fast = true;
        while (i < n && !isAsciiSpace(data[i].unicode())) {
            fast = fast && isFastChar(data[i].unicode());
            ++i;
        }
        if (start == i)
            break;
        if (fast) {
            flush();
            scanFastChunk(data, start, i, word, emit);
        } else {
            if (pendingStart < 0)
                pendingStart = start;
            pendingEnd = i;
        }
    }
    flush();
}

} // namespace marginalia::text::detail
