#include "store/LabelResolution.h"
#include "store/AnnotationHistories.h"

#include <QCoreApplication>
#include <algorithm>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Review)
};

bool isReview(const Annotation &a)
{
    return a.provenance.origin == QLatin1String(Provenance::Review);
}

// What makes two votes the same: the label set, or the whole set of spans.
QString voteKey(const Annotation &a)
{
    QStringList parts = a.labels;
    parts.sort();
    QStringList spans;
    for (const Span &s : a.spans)
        spans << QStringLiteral("%1:%2:%3").arg(s.start).arg(s.end).arg(s.label);
    spans.sort();
    return parts.join(QChar(0x1f)) + QChar(0x1e) + spans.join(QChar(0x1f));
}

// Single-label and span samples: the label set (or span set) most annotators gave.
void resolveByWholeVote(ResolvedLabel &r)
{
    QHash<QString, int> counts;
    for (const Annotation &v : std::as_const(r.votes))
        ++counts[voteKey(v)];
    int best = 0;
    for (int c : std::as_const(counts))
        best = std::max(best, c);
    int winners = 0;
    for (int c : std::as_const(counts))
        winners += c == best;
    // The newest vote with the most support (votes are oldest first).
    for (auto v = r.votes.crbegin(); v != r.votes.crend(); ++v) {
        if (counts.value(voteKey(*v)) == best) {
            r.annotation = *v;
            break;
        }
    }
    r.basis = winners > 1 ? LabelBasis::Tie : (r.disagreement ? LabelBasis::Majority : LabelBasis::Single);
}

// Multi-label samples: each label that more than half the annotators gave; a label exactly half gave is a tie,
// settled by the newest vote.
void resolveByLabel(ResolvedLabel &r, const QStringList &labelOrder)
{
    const int n = int(r.votes.size());
    const Annotation &newest = r.votes.back();
    QHash<QString, int> counts;
    for (const Annotation &v : std::as_const(r.votes))
        for (const QString &label : v.labels)
            ++counts[label];
    bool tie = false;
    QStringList kept;
    for (const QString &label : labelOrder) {
        const int c = counts.value(label);
        if (2 * c > n)
            kept << label;
        else if (c > 0 && 2 * c == n) {
            tie = true;
            if (newest.labels.contains(label))
                kept << label;
        }
    }
    Annotation out = newest;
    out.labels = kept;
    r.annotation = out;
    r.basis = tie ? LabelBasis::Tie : (r.disagreement ? LabelBasis::Majority : LabelBasis::Single);
}
} // namespace

QString labelBasisName(LabelBasis basis)
{
    switch (basis) {
    case LabelBasis::Single: return QStringLiteral("single");
    case LabelBasis::Majority: return QStringLiteral("majority");
    case LabelBasis::Tie: return QStringLiteral("tie");
    case LabelBasis::Reviewed: return QStringLiteral("reviewed");
    }
    return {};
}

QString labelBasisText(LabelBasis basis)
{
    switch (basis) {
    case LabelBasis::Single: return Tr::tr("single label");
    case LabelBasis::Majority: return Tr::tr("majority");
    case LabelBasis::Tie: return Tr::tr("tie (newest label)");
    case LabelBasis::Reviewed: return Tr::tr("reviewed");
    }
    return {};
}

ResolvedLabel resolveLabel(const QVector<Annotation> &history, TaskType task)
{
    ResolvedLabel r;
    if (history.isEmpty())
        return r;
    r.sampleId = history.front().sampleId;
    QHash<QString, int> latestOf; // annotator -> index of their latest vote in history
    for (int i = 0; i < history.size(); ++i) {
        const Annotation &a = history[i];
        if (isReview(a))
            r.review = a; // the latest one wins
        else
            latestOf.insert(a.annotator, i);
    }
    if (r.review && r.review->cleared) // the reviewer withdrew the decision
        r.review.reset();
    QVector<int> order = latestOf.values().toVector();
    std::sort(order.begin(), order.end());
    QStringList labelOrder; // the order labels first appear in, for multi-label results
    for (int i : std::as_const(order)) {
        const Annotation &a = history[i];
        if (a.cleared)
            continue;
        r.votes.push_back(a);
        for (const QString &label : a.labels)
            if (!labelOrder.contains(label))
                labelOrder << label;
    }
    for (const Annotation &v : std::as_const(r.votes))
        if (voteKey(v) != voteKey(r.votes.front()))
            r.disagreement = true;
    if (r.review) {
        r.annotation = r.review;
        r.basis = LabelBasis::Reviewed;
        return r;
    }
    if (r.votes.isEmpty())
        return r;
    if (task == TaskType::MultiLabel)
        resolveByLabel(r, labelOrder);
    else
        resolveByWholeVote(r);
    return r;
}

AnnotationInput reviewInput(const QStringList &labels, const QString &reviewer)
{
    AnnotationInput input;
    input.labels = labels;
    input.annotator = reviewer;
    input.source = AnnotationSource::Human;
    input.provenance.origin = QLatin1String(Provenance::Review);
    return input;
}

AnnotationInput inputOf(const Annotation &a)
{
    AnnotationInput input;
    input.labels = a.labels;
    input.spans = a.spans;
    input.cleared = a.cleared;
    input.annotator = a.annotator;
    input.source = a.source;
    input.provenance = a.provenance;
    return input;
}

Result<ReviewUndoPoint> reviewUndoPoint(const ProjectStore &store, qint64 sampleId)
{
    const auto history = store.annotationHistory(sampleId);
    if (!history)
        return Error{history.error()};
    ReviewUndoPoint point;
    if (!history->isEmpty())
        point.current = history->back();
    point.review = resolveLabel(*history, store.task()).review;
    return point;
}

Status undoReview(ProjectStore &store, qint64 sampleId, const ReviewUndoPoint &before, const QString &reviewer)
{
    return store.inTransaction([&]() -> Status {
        AnnotationInput review;
        if (before.review) {
            review = inputOf(*before.review);
        } else {
            review = reviewInput({}, reviewer);
            review.cleared = true; // a withdrawn review: the annotators' labels decide again
        }
        if (auto s = store.annotate(sampleId, review); !s)
            return Error{s.error()};
        if (before.current && (!before.review || before.current->id != before.review->id)) {
            if (auto s = store.annotate(sampleId, inputOf(*before.current)); !s)
                return Error{s.error()};
        }
        return {};
    });
}

Result<QHash<qint64, ResolvedLabel>> resolveProjectLabels(const ProjectStore &store)
{
    // Every version of those samples in three queries, not three per sample.
    const auto histories = annotationHistories(store, QString::fromLatin1(kReviewCandidatesSql));
    if (!histories)
        return Error{histories.error()};
    QHash<qint64, ResolvedLabel> out;
    out.reserve(histories->size());
    for (auto it = histories->cbegin(); it != histories->cend(); ++it)
        out.insert(it.key(), resolveLabel(*it, store.task()));
    return out;
}

void applyResolution(AnnotatedSample &sample, const QHash<qint64, ResolvedLabel> &resolved)
{
    if (!sample.isLabeled())
        return;
    const auto it = resolved.constFind(sample.sample.id);
    if (it == resolved.cend() || !it->annotation)
        return;
    sample.annotation = *it->annotation;
    sample.annotation->cleared = false;
}

const AnnotatedSample &resolvedSample(const AnnotatedSample &read, const QHash<qint64, ResolvedLabel> &resolved,
                                      AnnotatedSample &scratch)
{
    if (!read.isLabeled() || !resolved.contains(read.sample.id))
        return read;
    scratch = read;
    applyResolution(scratch, resolved);
    return scratch;
}

} // namespace marginalia
