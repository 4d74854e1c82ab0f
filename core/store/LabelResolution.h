#pragma once
// Which label a sample trains on (and is exported with) when more than one person labeled it: the reviewer's
// final decision, else the majority of the annotators, else the single annotator's label. Each annotator votes
// with their latest version; a version they cleared is no vote. A tie goes to the newest of the tied votes, and
// says so, so the review view can offer the sample to a reviewer.
#include "Result.h"
#include "store/ProjectStore.h"

#include <QHash>
#include <optional>

namespace marginalia {

enum class LabelBasis {
    Single,   // one annotator labeled the sample (or all of them gave the same label)
    Majority, // more annotators gave this label than any other
    Tie,      // no majority: the newest of the tied labels stands until someone reviews it
    Reviewed, // a reviewer decided
};
QString labelBasisName(LabelBasis basis);            // "single", "majority", "tie", "reviewed"
QString labelBasisText(LabelBasis basis);            // the same, translated, for the studio

struct ResolvedLabel
{
    qint64 sampleId = 0;
    std::optional<Annotation> annotation; // what the sample trains on; absent: every vote was withdrawn
    LabelBasis basis = LabelBasis::Single;
    QVector<Annotation> votes;            // each annotator's latest version (not cleared, not a review), oldest first
    std::optional<Annotation> review;     // the reviewer's latest decision, if any
    bool disagreement = false;            // the votes are not all the same label
};

// `history` is one sample's versions, oldest first (ProjectStore::annotationHistory). Multi-label samples keep
// each label most annotators gave; span samples vote with their whole set of spans.
ResolvedLabel resolveLabel(const QVector<Annotation> &history, TaskType task);

// A reviewer's final decision on a sample, as the version to append (ProjectStore::annotate, or the studio's undoable
// label command): it stands over every annotator's label until the next review.
AnnotationInput reviewInput(const QStringList &labels, const QString &reviewer);

// A stored version as the input that appends the same again (for undo).
AnnotationInput inputOf(const Annotation &annotation);

// What a review replaces, so that undoing it restores exactly what stood before: the reviewer's earlier decision
// (if any) and the sample's newest version.
struct ReviewUndoPoint
{
    std::optional<Annotation> review;
    std::optional<Annotation> current;
};
Result<ReviewUndoPoint> reviewUndoPoint(const ProjectStore &store, qint64 sampleId);
// Takes a review back in one transaction: the earlier decision again (or a withdrawn review, which is no
// decision), then a copy of the version that was newest, so that nobody's vote and the sample's labeled state
// are what they were.
Status undoReview(ProjectStore &store, qint64 sampleId, const ReviewUndoPoint &before, const QString &reviewer);

// The project's samples whose label is not simply their newest version (ProjectStore::reviewCandidates).
Result<QHash<qint64, ResolvedLabel>> resolveProjectLabels(const ProjectStore &store);

// Puts the resolved label in place of the sample's newest version. A sample whose newest version is cleared
// stays unlabeled (the last word on it was "not labeled"), so every count of labeled samples stays as it was.
void applyResolution(AnnotatedSample &sample, const QHash<qint64, ResolvedLabel> &resolved);
// The same while streaming samples: `read` itself when its label needs no resolution (almost every sample), else
// a resolved copy in `scratch`.
const AnnotatedSample &resolvedSample(const AnnotatedSample &read, const QHash<qint64, ResolvedLabel> &resolved,
                                      AnnotatedSample &scratch);

} // namespace marginalia
