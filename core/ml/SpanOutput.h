#pragma once
// What the span-labeling models (the sequence tagger, ml/SpanLabelingModel.h; the head over a text encoder's token
// states, ml/EncoderTaggingModel.h) make of their token marginals alike: a sentence's prediction row, its line and
// JSON for `predict`, the tags a row stands for, and the entity report over the labeled sentences.
#include "ml/SpanDecoding.h"
#include "task/TaskModel.h"

#include <QJsonObject>
#include <QStringList>
#include <QVector>

namespace marginalia::ml {

// The decoded spans as a row (no label: the spans are the prediction; detailJson per spansDetailJson).
PredictionRow spanPredictionRow(qint64 sampleId, const PredictedSentence &predicted);

// The row's spans as LABEL [start, end) "surface" confidence, tab-separated; "-" when none.
QString spanPredictionLine(const QString &text, const PredictionRow &row);

// The row's detail JSON with the sentence's text and the row's confidence.
QJsonObject spanPredictionJson(const QString &text, const PredictionRow &row);

// The BIO tags a row's spans give the sentence's tokens.
QStringList spanComparableTags(const QVector<text::TokenSpan> &tokens, const PredictionRow &row);

// The entity-level report (level "label", what the charts show) and the per-tag one (level "token") of the
// labeled sentences' gold and guessed tags, into `e` (labeled, accuracy, F1s, metrics, confusion).
void takeSpanReport(task::Evaluation &e, const QVector<QStringList> &gold, const QVector<QStringList> &guessed);

} // namespace marginalia::ml
