#pragma once
// What the classifiers (the built-in embedding bag, the head over a text encoder, the image model) make of their
// scores alike: a sample's prediction row, a strategy's prediction of a pool, a row's line and JSON for
// `predict`, and the report over the labeled samples.
#include "metrics/ClassificationReport.h"
#include "ml/ClassScores.h"
#include "store/RunTypes.h"
#include "task/TaskModel.h"

#include <QJsonObject>
#include <QStringList>
#include <QVector>
#include <functional>
#include <vector>

namespace marginalia::ml {

// The top label and its probability; `withProbabilities` false leaves them out of the row (a caller that keeps
// them in a prediction's scores: a pool of a million would otherwise hold a million small copies).
PredictionRow classifierRow(qint64 sampleId, const QStringList &labels, const float *probs, bool withProbabilities = true);

// A row per sample of a model, in order: `idOf` gives a sample's id from its index in the model, `probs` its
// probabilities at i * labels.size().
using SampleIdOf = std::function<qint64(int sample)>;
QVector<PredictionRow> classifierRows(const std::vector<int> &samples, const SampleIdOf &idOf,
                                      const QStringList &labels, const float *probs, bool withProbabilities = true);

// The prediction of `samples` from what the classifier said of them (`pool`, moved into the scores). Asked with
// a strategy (`withProbabilities` false), the rows leave the probabilities to the scores. `labeledEmbeddings`:
// the labeled samples' representations, for a strategy that reads them (coreset's first centres); the scores
// carry representations only where `pool` has them.
task::Prediction classifierPrediction(const std::vector<int> &samples, const SampleIdOf &idOf,
                                      const QStringList &labels, bool multilabel, bool withProbabilities,
                                      ClassScores &&pool, std::vector<float> &&labeledEmbeddings);

// "label<TAB>confidence", for `predict` without --json.
QString classifierLine(const PredictionRow &row);

// {"label", "confidence", "probabilities"}, and for multi-label "labels": every label at 0.5 or above.
QJsonObject classifierJson(const QStringList &labels, bool multilabel, const PredictionRow &row);

// `gold[i]`: sample i's label indices (null or empty: unlabeled, left out); `probs`: its probabilities at
// i * labels.size(). Single-label takes the top label, multi-label every label at 0.5 or above.
metrics::ClassificationReport classifierReport(const QStringList &labels, bool multilabel,
                                               const std::vector<const std::vector<int> *> &gold, const float *probs);

} // namespace marginalia::ml
