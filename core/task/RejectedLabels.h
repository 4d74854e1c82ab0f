#pragma once
// Labels an annotator said no to ("not this label": teach mode's no, Prodigy's reject) are out for those samples.
#include "task/TaskModel.h"

#include <QHash>
#include <QStringList>

namespace marginalia::task {

// Sets the probability of each rejected label of a sample to 0 in the prediction rows and in the scores the
// strategy ranks by (MC passes included); a single-label model's other probabilities are renormalized, and the
// row's guess and confidence follow. So the guess shown, the stored prediction and the uncertainty the queue is
// ordered by all concern the labels still possible. A sample whose every label was rejected keeps the model's
// view. `labels` is the model's class order; `rejected` is by sample id (ProjectStore::rejectedLabelsBySample).
void respectRejectedLabels(Prediction &prediction, const QStringList &labels, const QHash<qint64, QStringList> &rejected);

} // namespace marginalia::task
