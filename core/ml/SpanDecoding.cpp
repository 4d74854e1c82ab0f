#include "ml/SpanDecoding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace marginalia::ml {

namespace {
constexpr int kDefaultHidden = 128;
} // namespace

QStringList bioTagSet(const QStringList &types)
{
    QStringList tags{QStringLiteral("O")};
    for (const QString &t : types)
        tags << QStringLiteral("B-") + t << QStringLiteral("I-") + t;
    return tags;
}

SentenceTokens sentenceTokens(const QString &text, const QStringList &tokens)
{
    SentenceTokens s;
    s.spans = text::annotationTokens(text, tokens);
    if (tokens.size() == s.spans.size()) {
        s.words = tokens;
        return s;
    }
    for (const text::TokenSpan &span : s.spans)
        s.words << text.mid(span.start, span.end - span.start);
    return s;
}

std::vector<int> tagIndices(const QStringList &tags, const QStringList &tagSet)
{
    std::vector<int> out;
    out.reserve(static_cast<std::size_t>(tags.size()));
    for (const QString &t : tags)
        out.push_back(std::max(0, static_cast<int>(tagSet.indexOf(t))));
    return out;
}

PredictedSentence decodeSentence(const QVector<text::TokenSpan> &tokens, const std::vector<float> &marginals,
                                 const QStringList &tagSet)
{
    PredictedSentence s;
    const int k = static_cast<int>(tagSet.size());
    const std::vector<int> best = bestTags(marginals, k, &s.confidence);
    std::vector<float> top(best.size());
    for (std::size_t t = 0; t < best.size(); ++t) {
        s.tags << tagSet.value(best[t]);
        top[t] = marginals[t * static_cast<std::size_t>(k) + static_cast<std::size_t>(best[t])];
    }
    s.spans = text::spansFromTags(tokens, s.tags);
    for (const Span &span : s.spans) {
        const text::TokenRange range = text::tokenRange(tokens, span.start, span.end);
        double sum = 0;
        int count = 0;
        for (int t = range.first; !range.isEmpty() && t <= range.last && t < static_cast<int>(top.size()); ++t, ++count)
            sum += top[static_cast<std::size_t>(t)];
        s.spanConfidence << (count > 0 ? sum / count : 0.0);
    }
    return s;
}

QString spansDetailJson(const PredictedSentence &sentence)
{
    QJsonArray spans;
    for (int i = 0; i < sentence.spans.size(); ++i) {
        const Span &s = sentence.spans[i];
        spans.append(QJsonObject{{QStringLiteral("start"), s.start},
                                 {QStringLiteral("end"), s.end},
                                 {QStringLiteral("label"), s.label},
                                 {QStringLiteral("confidence"), sentence.spanConfidence.value(i)}});
    }
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("spans"), spans}}).toJson(QJsonDocument::Compact));
}

TaggerShape taggerShape(const TrainingOptions &options, const QStringList &tagSet)
{
    TaggerShape shape;
    if (options.embeddingDim > 0)
        shape.embeddingDim = options.embeddingDim;
    shape.hiddenDim = options.hiddenDim > 0 ? options.hiddenDim : kDefaultHidden;
    shape.dropout = options.dropout;
    shape.tags = tagSet;
    return shape;
}

TaggerTraining taggerTraining(const TrainingOptions &options)
{
    TaggerTraining training;
    training.epochs = std::max(1, options.epochs);
    training.seed = options.seed;
    return training;
}

} // namespace marginalia::ml
