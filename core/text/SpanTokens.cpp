#include "text/SpanTokens.h"

#include "metrics/SequenceReport.h"
#include "text/Tokenizer.h"

#include <algorithm>

namespace marginalia::text {

QVector<TokenSpan> annotationTokens(const QString &text, const QStringList &tokens)
{
    QVector<TokenSpan> out;
    if (!tokens.isEmpty()) {
        out.reserve(tokens.size());
        qsizetype from = 0;
        for (const QString &token : tokens) {
            qsizetype at = text.indexOf(token, from);
            // A text that no longer holds the token (it should not happen) still gets a token per entry,
            // laid out as if joined by spaces, so tag lists keep their length.
            if (at < 0 || token.isEmpty())
                at = std::min(from, text.size());
            const qsizetype end = std::min(at + token.size(), text.size());
            out.append(TokenSpan{int(at), int(end)});
            from = end;
        }
        return out;
    }
    const QVector<Token> words = tokenize(text);
    out.reserve(words.size());
    for (const Token &w : words)
        out.append(TokenSpan{w.start, w.end});
    return out;
}

TokenRange tokenRange(const QVector<TokenSpan> &tokens, int start, int end)
{
    TokenRange range;
    if (end <= start)
        return range;
    for (int i = 0; i < tokens.size(); ++i) {
        if (tokens[i].end <= start || tokens[i].start >= end)
            continue;
        if (range.first < 0)
            range.first = i;
        range.last = i;
    }
    return range;
}

Span spanOfTokens(const QVector<TokenSpan> &tokens, int first, int last, const QString &label)
{
    return Span{tokens.at(first).start, tokens.at(last).end, label};
}

QStringList bioTags(const QVector<TokenSpan> &tokens, const QVector<Span> &spans)
{
    QStringList tags(tokens.size(), QStringLiteral("O"));
    QVector<Span> ordered = spans;
    std::stable_sort(ordered.begin(), ordered.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    for (const Span &span : ordered) {
        const TokenRange range = tokenRange(tokens, span.start, span.end);
        if (range.isEmpty())
            continue;
        int first = range.first;
        while (first <= range.last && tags[first] != QLatin1String("O"))
            ++first;
        for (int i = first; i <= range.last && tags[i] == QLatin1String("O"); ++i)
            tags[i] = (i == first ? QStringLiteral("B-") : QStringLiteral("I-")) + span.label;
    }
    return tags;
}

QVector<Span> spansFromTags(const QVector<TokenSpan> &tokens, const QStringList &tags)
{
    QStringList sentence = tags.mid(0, tokens.size());
    const QVector<metrics::Entity> entities = metrics::extractEntities({sentence});
    QVector<Span> spans;
    spans.reserve(entities.size());
    for (const metrics::Entity &e : entities)
        spans.append(spanOfTokens(tokens, e.start, e.end - 1, e.type));
    return spans;
}

} // namespace marginalia::text
