#include "ml/ClassifierOutput.h"

#include <QJsonArray>
#include <algorithm>

namespace marginalia::ml {

PredictionRow classifierRow(qint64 sampleId, const QStringList &labels, const float *probs, bool withProbabilities)
{
    const int classes = static_cast<int>(labels.size());
    const int top = static_cast<int>(std::max_element(probs, probs + classes) - probs);
    PredictionRow row;
    row.sampleId = sampleId;
    row.label = labels.value(top);
    row.confidence = probs[top];
    if (withProbabilities)
        row.probabilities = QByteArray(reinterpret_cast<const char *>(probs), classes * static_cast<int>(sizeof(float)));
    return row;
}

QVector<PredictionRow> classifierRows(const std::vector<int> &samples, const SampleIdOf &idOf,
                                      const QStringList &labels, const float *probs, bool withProbabilities)
{
    QVector<PredictionRow> rows;
    rows.reserve(static_cast<qsizetype>(samples.size())); // a million rows grow without copies
    const std::size_t k = static_cast<std::size_t>(labels.size());
    for (std::size_t i = 0; i < samples.size(); ++i)
        rows.push_back(classifierRow(idOf(samples[i]), labels, probs + i * k, withProbabilities));
    return rows;
}

task::Prediction classifierPrediction(const std::vector<int> &samples, const SampleIdOf &idOf,
                                      const QStringList &labels, bool multilabel, bool withProbabilities,
                                      ClassScores &&pool, std::vector<float> &&labeledEmbeddings)
{
    task::Prediction p;
    p.rows = classifierRows(samples, idOf, labels, pool.probs.data(), withProbabilities);
    p.scores.n = pool.n;
    p.scores.classes = pool.classes;
    p.scores.multilabel = multilabel;
    p.scores.probs = std::move(pool.probs);
    p.scores.mc = std::move(pool.mc);
    if (!pool.embeddings.empty()) {
        p.scores.dim = pool.dim;
        p.scores.embeddings = std::move(pool.embeddings);
        p.scores.labeledEmbeddings = std::move(labeledEmbeddings);
    }
    return p;
}

QString classifierLine(const PredictionRow &row)
{
    return row.label + QLatin1Char('\t') + QString::number(row.confidence, 'f', 4);
}

QJsonObject classifierJson(const QStringList &labels, bool multilabel, const PredictionRow &row)
{
    const float *p = reinterpret_cast<const float *>(row.probabilities.constData());
    QJsonObject probs;
    QJsonArray chosen;
    for (int c = 0; c < labels.size(); ++c) {
        probs.insert(labels[c], static_cast<double>(p[c]));
        if (p[c] >= 0.5f)
            chosen.append(labels[c]);
    }
    QJsonObject o{{QStringLiteral("label"), row.label},
                  {QStringLiteral("confidence"), row.confidence},
                  {QStringLiteral("probabilities"), probs}};
    if (multilabel)
        o.insert(QStringLiteral("labels"), chosen);
    return o;
}

metrics::ClassificationReport classifierReport(const QStringList &labels, bool multilabel,
                                               const std::vector<const std::vector<int> *> &gold, const float *probs)
{
    const std::size_t k = static_cast<std::size_t>(labels.size());
    std::vector<int> goldSingle, guessedSingle;
    std::vector<std::vector<std::uint8_t>> goldMulti, guessedMulti;
    for (std::size_t i = 0; i < gold.size(); ++i) {
        if (!gold[i] || gold[i]->empty())
            continue;
        const float *p = probs + i * k;
        if (!multilabel) {
            goldSingle.push_back(gold[i]->front());
            guessedSingle.push_back(static_cast<int>(std::max_element(p, p + k) - p));
            continue;
        }
        std::vector<std::uint8_t> g(k, 0), guess(k, 0);
        for (int l : *gold[i])
            g[static_cast<std::size_t>(l)] = 1;
        for (std::size_t c = 0; c < k; ++c)
            guess[c] = p[c] >= 0.5f;
        goldMulti.push_back(std::move(g));
        guessedMulti.push_back(std::move(guess));
    }
    return multilabel ? metrics::multiLabelReport(labels, goldMulti, guessedMulti)
                      : metrics::singleLabelReport(labels, goldSingle, guessedSingle);
}

} // namespace marginalia::ml
