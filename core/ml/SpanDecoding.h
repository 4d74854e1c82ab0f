#pragma once
// Between spans and the sequence tagger: the tag set of a project, its sentences as the tagger reads them, and
// decoding predicted spans.
#include "Result.h"
#include "ml/SequenceTagger.h"
#include "ml/TrainingTypes.h"
#include "store/PredictionDetail.h"
#include "store/ProjectTypes.h"
#include "text/SpanTokens.h"

#include <QJsonObject>
#include <QStringList>

namespace marginalia::ml {

// "O", then B-X and I-X for every entity type, in the label set's order.
QStringList bioTagSet(const QStringList &types);

// A sample's tokens (annotationTokens) and their text.
struct SentenceTokens
{
    QVector<text::TokenSpan> spans;
    QStringList words;
};
SentenceTokens sentenceTokens(const QString &text, const QStringList &tokens = {});

// Tag indices into `tagSet` for tag names; a name the set does not hold becomes "O" (index 0).
std::vector<int> tagIndices(const QStringList &tags, const QStringList &tagSet);

// The model's reading of one sentence: per-token argmax tags, the spans they make and their confidences.
struct PredictedSentence
{
    QStringList tags;
    QVector<Span> spans;
    QVector<double> spanConfidence; // mean of the span's tokens' max marginals
    double confidence = 1;          // product over tokens of the max marginal
};
PredictedSentence decodeSentence(const QVector<text::TokenSpan> &tokens, const std::vector<float> &marginals,
                                 const QStringList &tagSet);
// {"spans":[{"start","end","label","confidence"}, ...]} (the contract of PredictionRow::detailJson for ner).
QString spansDetailJson(const PredictedSentence &sentence);
// Spans are read back from a detailJson written by spansDetailJson with spansFromDetailJson (store/PredictionDetail.h).

// The tagger's layout and training settings from the project's training options (0 = the tagger's default).
TaggerShape taggerShape(const TrainingOptions &options, const QStringList &tagSet);
TaggerTraining taggerTraining(const TrainingOptions &options);

} // namespace marginalia::ml
