#pragma once
// Every annotation version of many samples at once (ProjectStore::annotationHistory for each, in three queries):
// what resolving the labels of the samples several people labeled reads each round (store/LabelResolution.h).
#include "Result.h"
#include "store/ProjectTypes.h"

#include <QHash>
#include <QString>
#include <QVector>

namespace marginalia {

class ProjectStore;

// `samplesSql` is a SELECT of sample ids written by the store itself (never text from outside); the result holds
// each of those samples' versions, oldest first.
Result<QHash<qint64, QVector<Annotation>>> annotationHistories(const ProjectStore &store, const QString &samplesSql);

// The SELECT of the samples whose label is not simply their newest version: labeled by two or more annotators (a
// reviewer's decision is nobody's vote), or decided by a reviewer (ProjectStore::reviewCandidates).
inline constexpr char kReviewCandidatesSql[] =
    "SELECT sample_id FROM annotations GROUP BY sample_id HAVING count(DISTINCT CASE WHEN coalesce(origin, '') <>"
    " 'review' THEN annotator END) > 1 OR max(CASE WHEN coalesce(origin, '') = 'review' THEN 1 ELSE 0 END) = 1";

} // namespace marginalia
