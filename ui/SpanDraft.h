#pragma once
// The spans of the sample in front of the annotator before they are committed: what the annotator drew and
// what the model proposed and is still waiting for a decision. The edits are plain functions on values, so
// the undo commands can keep whole snapshots and the tests can check the rules without a window.
#include "store/ProjectTypes.h"
#include "text/SpanTokens.h"

#include <QVector>

namespace marginalia::ui {

// A span the model proposed, with its confidence (mean of its tokens' best marginals).
struct PredictedSpan
{
    Span span;
    double confidence = 0;
    bool operator==(const PredictedSpan &o) const { return span == o.span && confidence == o.confidence; }
};

struct SpanDraft
{
    QVector<Span> spans;            // the annotator's, sorted by start, never overlapping
    QVector<PredictedSpan> pending; // the model's, not yet accepted or dismissed; none overlaps `spans`
    bool operator==(const SpanDraft &o) const { return spans == o.spans && pending == o.pending; }
    bool operator!=(const SpanDraft &o) const { return !(*this == o); }
};

// Index of the annotator's span / pending prediction covering character `pos`; -1 if none.
int spanAt(const QVector<Span> &spans, int pos);
int predictionAt(const QVector<PredictedSpan> &pending, int pos);

// Labels tokens [first, last] as `label`: the new span replaces every span it overlaps and dismisses the
// predictions it overlaps.
SpanDraft assignLabel(const SpanDraft &draft, const QVector<text::TokenSpan> &tokens, int first, int last,
                      const QString &label);
SpanDraft retypeSpan(const SpanDraft &draft, int index, const QString &label);
SpanDraft removeSpan(const SpanDraft &draft, int index);
// Removes every span overlapping [start, end); if there is none, dismisses the predictions there instead.
SpanDraft removeOverlapping(const SpanDraft &draft, int start, int end);
// Moves a prediction into the annotator's spans, with another label if `label` is not empty.
SpanDraft acceptPrediction(const SpanDraft &draft, int index, const QString &label = {});
SpanDraft dismissPrediction(const SpanDraft &draft, int index);
SpanDraft acceptAllPredictions(const SpanDraft &draft);

// The model's spans from a prediction's detail JSON ({"spans":[{"start","end","label","confidence"}]}),
// snapped to the sample's tokens (unless `tokens` is empty: as they are). Spans outside the text, with a
// label not in `knownLabels` (when given) or overlapping an earlier one are left out; so is everything when
// the JSON is not an object.
QVector<PredictedSpan> parsePredictedSpans(const QString &detailJson, const QVector<text::TokenSpan> &tokens,
                                           int textLength, const QStringList &knownLabels);

// Two span lists hold the same spans, whatever their order.
bool sameSpans(QVector<Span> a, QVector<Span> b);

// A compact one-line view of spans for tables: "PER: Anna · LOC: 北京".
QString spanSummary(const QString &text, const QVector<Span> &spans);

} // namespace marginalia::ui
