#pragma once
// Who labels which sample right now, when several people label one project at once (several studios on one file):
// a sample is leased to one annotator before it is shown, so two annotators never get the same sample at the same
// time. The overlap share is the exception on purpose: each of its samples goes to `overlapAnnotators` people, who
// label it independently (for agreement and review) and do not see each other's labels. Leases expire, so a studio
// closed without labeling what it held gives it back.
#include "Result.h"
#include "store/ProjectTypes.h"

#include <QString>
#include <QVector>

namespace marginalia {

class ProjectStore;

struct AssignmentPolicy
{
    double overlap = 0;       // share of the samples in the overlap, 0..1
    int overlapAnnotators = 2; // how many people label each overlap sample
    qint64 leaseMs = 30 * 60 * 1000;
};

// Whether a sample is in the overlap: a fixed hash of its id, so every studio agrees without asking anyone.
bool isOverlapSample(qint64 sampleId, double overlap);

// Of `candidates` (in the order they would be shown), leases up to `want` to `annotator` and returns them, in one
// transaction: a sample goes to them when nobody else holds or labeled it, or, in the overlap, when fewer than
// `overlapAnnotators` other people do and they have not labeled it themselves. Their own leases are renewed.
Result<QVector<qint64>> claimSamples(ProjectStore &store, const QString &annotator, const QVector<qint64> &candidates,
                                     int want, const AssignmentPolicy &policy);
// Gives samples back (a skip), or every sample the annotator holds (`sampleIds` empty: a closing studio).
Status releaseSamples(ProjectStore &store, const QString &annotator, const QVector<qint64> &sampleIds = {});

// Overlap samples others labeled that still wait for this annotator's label (fewer than `overlapAnnotators` have
// labeled them, and not this one), oldest first, at most `limit`; what a studio offers before new samples so the
// overlap fills up. Evaluation samples are left to their own queue.
Result<QVector<qint64>> overlapWaiting(const ProjectStore &store, const QString &annotator, const AssignmentPolicy &policy,
                                       int limit);

// The annotator's own label of a sample (their latest version, unless cleared): what an overlap sample shows them,
// never somebody else's.
Result<std::optional<Annotation>> ownAnnotation(const ProjectStore &store, qint64 sampleId, const QString &annotator);
// The same from a history already read (ProjectStore::annotationHistory, oldest first).
std::optional<Annotation> ownAnnotation(const QVector<Annotation> &history, const QString &annotator);

// The two queries above that must see every annotator's labels, with ? for their values: who labeled a sample (the
// sample), and the overlap samples waiting for an annotator (the annotator, the annotators wanted, the overlap's
// hash threshold, the limit). A server project runs them as security-definer functions a push creates
// (store/ProjectTransfer.cpp), because its row-level security may hide others' labels from the annotator asking.
QString labelersOfSampleSql();
QString overlapWaitingSql();

} // namespace marginalia
