#pragma once
// What the review view lists, read on a pool thread with its own connection: the samples annotators disagree on
// (or that several labeled, or a reviewer decided), the flagged ones and those the label audit suspects, each with
// every annotator's label and the label it trains on.
#include "Result.h"
#include "store/AnnotatorActivity.h"
#include "store/LabelResolution.h"
#include "task/ModelClient.h"
#include "task/ProjectAgreement.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace marginalia::ui {

struct ReviewRow
{
    qint64 sampleId = 0;
    QString text;
    QStringList trainsOn;            // the label the sample trains on now (empty: unlabeled)
    LabelBasis basis = LabelBasis::Single;
    QString reviewer;                // who decided, when basis is Reviewed
    QVector<QPair<QString, QStringList>> votes; // each annotator's own label, oldest first
    bool severalAnnotators = false;  // labeled by two or more people, or reviewed
    bool disagreement = false;
    bool flagged = false;
    QString flagComment;
    std::optional<task::SuspectedLabel> suspect; // the audit's reason to doubt the label

    // A reviewer should look at it: the annotators disagree and nobody decided yet.
    bool waitsForReview() const { return disagreement && basis != LabelBasis::Reviewed; }
};

struct ReviewListing
{
    QVector<ReviewRow> rows;              // in sample id order
    QVector<AnnotatorActivity> annotators; // who labeled how much, and how fast
    std::optional<task::ProjectAgreement> agreement; // absent: `agreementError` says why
    QString agreementError;
};

namespace ReviewData {
// `suspects` are the label audit's latest findings (kept by the view; not stored in the project).
Result<ReviewListing> read(const ProjectStore &store, const QVector<task::SuspectedLabel> &suspects);
Result<ReviewListing> readFile(const QString &path, const QVector<task::SuspectedLabel> &suspects);
} // namespace ReviewData

} // namespace marginalia::ui
