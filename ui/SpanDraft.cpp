#include "ui/SpanDraft.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <tuple>

namespace marginalia::ui {

namespace {
bool overlaps(const Span &a, int start, int end) { return a.start < end && start < a.end; }

void sortByStart(QVector<Span> &spans)
{
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
}

// Predictions that overlap an annotator's span are no longer a question to answer.
void dropCoveredPredictions(SpanDraft &draft)
{
    const QVector<Span> &spans = draft.spans;
    draft.pending.erase(std::remove_if(draft.pending.begin(), draft.pending.end(),
                                       [&spans](const PredictedSpan &p) {
                                           return std::any_of(spans.cbegin(), spans.cend(), [&p](const Span &s) {
                                               return overlaps(s, p.span.start, p.span.end);
                                           });
                                       }),
                        draft.pending.end());
}
} // namespace

int spanAt(const QVector<Span> &spans, int pos)
{
    for (int i = 0; i < spans.size(); ++i)
        if (spans.at(i).start <= pos && pos < spans.at(i).end)
            return i;
    return -1;
}

int predictionAt(const QVector<PredictedSpan> &pending, int pos)
{
    for (int i = 0; i < pending.size(); ++i)
        if (pending.at(i).span.start <= pos && pos < pending.at(i).span.end)
            return i;
    return -1;
}

SpanDraft assignLabel(const SpanDraft &draft, const QVector<text::TokenSpan> &tokens, int first, int last,
                      const QString &label)
{
    if (first > last)
        std::swap(first, last);
    if (first < 0 || last >= tokens.size() || label.isEmpty())
        return draft;
    const Span added = text::spanOfTokens(tokens, first, last, label);
    SpanDraft out;
    for (const Span &s : draft.spans)
        if (!overlaps(s, added.start, added.end))
            out.spans.push_back(s);
    out.spans.push_back(added);
    sortByStart(out.spans);
    out.pending = draft.pending;
    dropCoveredPredictions(out);
    return out;
}

SpanDraft retypeSpan(const SpanDraft &draft, int index, const QString &label)
{
    SpanDraft out = draft;
    if (index >= 0 && index < out.spans.size() && !label.isEmpty())
        out.spans[index].label = label;
    return out;
}

SpanDraft removeSpan(const SpanDraft &draft, int index)
{
    SpanDraft out = draft;
    if (index >= 0 && index < out.spans.size())
        out.spans.removeAt(index);
    return out;
}

SpanDraft removeOverlapping(const SpanDraft &draft, int start, int end)
{
    SpanDraft out = draft;
    const auto before = out.spans.size();
    out.spans.erase(std::remove_if(out.spans.begin(), out.spans.end(),
                                   [&](const Span &s) { return overlaps(s, start, end); }),
                    out.spans.end());
    if (out.spans.size() == before)
        out.pending.erase(std::remove_if(out.pending.begin(), out.pending.end(),
                                         [&](const PredictedSpan &p) { return overlaps(p.span, start, end); }),
                          out.pending.end());
    return out;
}

SpanDraft acceptPrediction(const SpanDraft &draft, int index, const QString &label)
{
    if (index < 0 || index >= draft.pending.size())
        return draft;
    SpanDraft out = draft;
    Span span = out.pending.takeAt(index).span;
    if (!label.isEmpty())
        span.label = label;
    out.spans.erase(std::remove_if(out.spans.begin(), out.spans.end(),
                                   [&](const Span &s) { return overlaps(s, span.start, span.end); }),
                    out.spans.end());
    out.spans.push_back(span);
    sortByStart(out.spans);
    return out;
}

SpanDraft dismissPrediction(const SpanDraft &draft, int index)
{
    SpanDraft out = draft;
    if (index >= 0 && index < out.pending.size())
        out.pending.removeAt(index);
    return out;
}

SpanDraft acceptAllPredictions(const SpanDraft &draft)
{
    SpanDraft out = draft;
    for (const PredictedSpan &p : std::as_const(out.pending))
        out.spans.push_back(p.span);
    out.pending.clear();
    sortByStart(out.spans);
    return out;
}

QVector<PredictedSpan> parsePredictedSpans(const QString &detailJson, const QVector<text::TokenSpan> &tokens,
                                           int textLength, const QStringList &knownLabels)
{
    QVector<PredictedSpan> out;
    if (detailJson.isEmpty())
        return out;
    const QJsonDocument doc = QJsonDocument::fromJson(detailJson.toUtf8());
    if (!doc.isObject())
        return out;
    const QJsonArray spans = doc.object().value(QStringLiteral("spans")).toArray();
    for (const QJsonValue &v : spans) {
        const QJsonObject o = v.toObject();
        const int start = o.value(QStringLiteral("start")).toInt(-1);
        const int end = o.value(QStringLiteral("end")).toInt(-1);
        const QString label = o.value(QStringLiteral("label")).toString();
        if (start < 0 || end <= start || end > textLength || label.isEmpty()
            || (!knownLabels.isEmpty() && !knownLabels.contains(label)))
            continue;
        // The engine's offsets come from the same tokens; snapping only guards against a stale prediction.
        Span span{start, end, label};
        if (!tokens.isEmpty()) {
            const text::TokenRange range = text::tokenRange(tokens, start, end);
            if (range.isEmpty())
                continue;
            span = text::spanOfTokens(tokens, range.first, range.last, label);
        }
        const bool clash = std::any_of(out.cbegin(), out.cend(), [&span](const PredictedSpan &p) {
            return overlaps(p.span, span.start, span.end);
        });
        if (!clash)
            out.push_back(PredictedSpan{span, o.value(QStringLiteral("confidence")).toDouble()});
    }
    std::sort(out.begin(), out.end(),
              [](const PredictedSpan &a, const PredictedSpan &b) { return a.span.start < b.span.start; });
    return out;
}

bool sameSpans(QVector<Span> a, QVector<Span> b)
{
    auto order = [](const Span &x, const Span &y) {
        return std::tie(x.start, x.end, x.label) < std::tie(y.start, y.end, y.label);
    };
    std::sort(a.begin(), a.end(), order);
    std::sort(b.begin(), b.end(), order);
    return a == b;
}

QString spanSummary(const QString &text, const QVector<Span> &spans)
{
    QStringList parts;
    parts.reserve(spans.size());
    for (const Span &s : spans)
        parts << s.label + QStringLiteral(": ") + text.mid(s.start, s.end - s.start).simplified();
    return parts.join(QStringLiteral(" · "));
}

} // namespace marginalia::ui
