#pragma once
// What the classifiers (the built-in embedding bag, the head over a text encoder, the image model) make of their
// probabilities alike: a sample's prediction row, its line and JSON for `predict`, and the report over the
// labeled samples.
#include "metrics/ClassificationReport.h"
#include "store/RunTypes.h"

#include <QJsonObject>
#include <QStringList>
#include <vector>

namespace marginalia::ml {

// The top label and its probability; `withProbabilities` false leaves them out of the row (a caller that keeps
// them in a prediction's scores: a pool of a million would otherwise hold a million small copies).
PredictionRow classifierRow(qint64 sampleId, const QStringList &labels, const float *probs, bool withProbabilities = true);

// "label<TAB>confidence", for `predict` without --json.
QString classifierLine(const PredictionRow &row);

// {"label", "confidence", "probabilities"}, and for multi-label "labels": every label at 0.5 or above.
QJsonObject classifierJson(const QStringList &labels, bool multilabel, const PredictionRow &row);

// `gold[i]`: sample i's label indices (null or empty: unlabeled, left out); `probs`: its probabilities at
// i * labels.size(). Single-label takes the top label, multi-label every label at 0.5 or above.
metrics::ClassificationReport classifierReport(const QStringList &labels, bool multilabel,
                                               const std::vector<const std::vector<int> *> &gold, const float *probs);

} // namespace marginalia::ml
