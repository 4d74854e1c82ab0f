#include "io/SpanRecord.h"
#include "text/SpanTokens.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <algorithm>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

// The UTF-16 offset of every code point boundary: at[k] is where code point k starts, at.last() the length.
QVector<int> codePointStarts(const QString &text)
{
    QVector<int> at;
    at.reserve(text.size() + 1);
    for (int i = 0; i < text.size(); ++i) {
        at.append(i);
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
    }
    at.append(int(text.size()));
    return at;
}

// "span 2 (3–8 "Berlin", LOC)": the span as the file gave it, numbered from 1 in file order.
QString describe(int index, const CodePointSpan &span, const QString &covered)
{
    if (covered.isEmpty())
        return Tr::tr("span %1 (%2–%3, %4)").arg(index + 1).arg(span.start).arg(span.end).arg(span.label);
    const QString shown = covered.size() > 40 ? covered.left(37) + QStringLiteral("...") : covered;
    return Tr::tr("span %1 (%2–%3 \"%4\", %5)").arg(index + 1).arg(span.start).arg(span.end).arg(shown, span.label);
}

int tokenStartingAt(const QVector<text::TokenSpan> &tokens, int offset)
{
    const auto it = std::lower_bound(tokens.begin(), tokens.end(), offset,
                                     [](const text::TokenSpan &t, int at) { return t.start < at; });
    return it != tokens.end() && it->start == offset ? int(it - tokens.begin()) : -1;
}

int tokenEndingAt(const QVector<text::TokenSpan> &tokens, int offset)
{
    const auto it = std::lower_bound(tokens.begin(), tokens.end(), offset,
                                     [](const text::TokenSpan &t, int at) { return t.end < at; });
    return it != tokens.end() && it->end == offset ? int(it - tokens.begin()) : -1;
}
} // namespace

QString tokenProblem(const QStringList &tokens)
{
    if (tokens.isEmpty())
        return Tr::tr("the token list is empty");
    for (int i = 0; i < tokens.size(); ++i)
        if (tokens[i].trimmed().isEmpty())
            return Tr::tr("token %1 is empty").arg(i + 1);
    return {};
}

void setTaggedTokens(ImportRecord &record, const ReaderOptions &options, const QVector<qint64> &tokenLines)
{
    if (record.tokens.size() != record.tags.size()) {
        record.error = Tr::tr("%1 tokens but %2 tags").arg(record.tokens.size()).arg(record.tags.size());
        return;
    }
    if (QString problem = tokenProblem(record.tokens); !problem.isEmpty()) {
        record.error = problem;
        return;
    }
    if (QString problem = normalizeTags(record.tags, options.tagScheme, tokenLines); !problem.isEmpty()) {
        record.error = problem;
        return;
    }
    record.hasSpans = true;
    if (!options.buildSpans)
        return;
    const QString text = record.tokens.join(QLatin1Char(' '));
    record.spans = text::spansFromTags(text::annotationTokens(text, record.tokens), chunkTags(record.tags));
}

void setCodePointSpans(ImportRecord &record, const QString &text, const QVector<CodePointSpan> &spans)
{
    const QVector<int> at = codePointStarts(text);
    const qint64 length = at.size() - 1;
    const QVector<text::TokenSpan> tokens = text::annotationTokens(text, record.hasTokens ? record.tokens : QStringList());
    for (int i = 0; record.hasTokens && i < tokens.size(); ++i) {
        if (text.mid(tokens[i].start, tokens[i].end - tokens[i].start) != record.tokens[i]) {
            record.error = Tr::tr("token %1 (\"%2\") is not in the text").arg(i + 1).arg(record.tokens[i]);
            return;
        }
    }
    struct Placed
    {
        int index, first, last;
    };
    QVector<Placed> placed;
    placed.reserve(spans.size());
    for (int i = 0; i < spans.size(); ++i) {
        const CodePointSpan &span = spans[i];
        if (span.label.trimmed().isEmpty()) {
            record.error = Tr::tr("%1 has no label").arg(describe(i, span, {}));
            return;
        }
        if (span.start < 0 || span.end > length) {
            record.error = Tr::tr("%1 is out of range: the text has %2 characters (offsets count Unicode code points)")
                               .arg(describe(i, span, {}))
                               .arg(length);
            return;
        }
        if (span.end <= span.start) {
            record.error = Tr::tr("%1 is empty").arg(describe(i, span, {}));
            return;
        }
        const int start = at[span.start], end = at[span.end];
        const QString covered = text.mid(start, end - start);
        const int first = tokenStartingAt(tokens, start), last = tokenEndingAt(tokens, end);
        if (first < 0 || last < 0) {
            record.error = (first < 0 ? Tr::tr("%1 does not start where a token starts (offsets count Unicode code "
                                              "points)")
                                      : Tr::tr("%1 does not end where a token ends (offsets count Unicode code points)"))
                               .arg(describe(i, span, covered));
            return;
        }
        placed.append(Placed{i, first, last});
    }
    std::sort(placed.begin(), placed.end(), [](const Placed &a, const Placed &b) { return a.first < b.first; });
    for (int k = 1; k < placed.size(); ++k) {
        if (placed[k].first > placed[k - 1].last)
            continue;
        const int a = std::min(placed[k - 1].index, placed[k].index), b = std::max(placed[k - 1].index, placed[k].index);
        record.error = Tr::tr("%1 and %2 overlap").arg(describe(a, spans[a], {}), describe(b, spans[b], {}));
        return;
    }
    // The stored text of a token row is its tokens joined by spaces, which the file's text need not be.
    const QString stored = record.hasTokens ? record.tokens.join(QLatin1Char(' ')) : text;
    const QVector<text::TokenSpan> storedTokens =
        stored == text ? tokens : text::annotationTokens(stored, record.tokens);
    record.spans.clear();
    for (const Placed &p : placed)
        record.spans.append(text::spanOfTokens(storedTokens, p.first, p.last, spans[p.index].label));
    record.hasSpans = true;
}

QString storedText(const QByteArray &utf8)
{
    QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decode(utf8);
}

int codePointOffset(const QString &text, int utf16Offset)
{
    int points = 0;
    const int end = std::min(utf16Offset, int(text.size()));
    for (int i = 0; i < end; ++i)
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++points;
    return points;
}

} // namespace marginalia
