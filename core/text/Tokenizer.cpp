#include "text/Tokenizer.h"
#include "text/TokenScanner.h"

namespace marginalia::text {

namespace {

QString fromCodePoints(const char32_t *cps, int count)
{
    QString out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        if (QChar::requiresSurrogates(cps[i])) {
            out.append(QChar(QChar::highSurrogate(cps[i])));
            out.append(QChar(QChar::lowSurrogate(cps[i])));
        } else {
            out.append(QChar(char16_t(cps[i])));
        }
    }
    return out;
}

} // namespace

QVector<Token> tokenize(const QString &text)
{
    thread_local std::vector<unsigned char> boundaries;
    thread_local std::vector<char32_t> word;
    QVector<Token> tokens;
    tokens.reserve(text.size() / 5 + 1);
    detail::scanTokens(text, boundaries, word, [&](int start, int end, const char32_t *cps, int count) {
        tokens.append(Token{fromCodePoints(cps, count), start, end});
    });
    return tokens;
}

QString normalizeToken(const QString &token)
{
    std::vector<char32_t> cps;
    cps.reserve(size_t(token.size()));
    for (qsizetype i = 0; i < token.size(); ++i) {
        char32_t cp = token.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < token.size() && token.at(i + 1).isLowSurrogate())
            cp = QChar::surrogateToUcs4(token.at(i), token.at(i + 1)), ++i;
        cps.push_back(detail::normalizeCodePoint(cp));
    }
    return fromCodePoints(cps.data(), int(cps.size()));
}

} // namespace marginalia::text
