#include "ml/SpanOutput.h"
#include "metrics/SequenceReport.h"
#include "store/PredictionDetail.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace marginalia::ml {

PredictionRow spanPredictionRow(qint64 sampleId, const PredictedSentence &predicted)
{
    PredictionRow row;
    row.sampleId = sampleId;
    row.confidence = predicted.confidence;
    row.detailJson = spansDetailJson(predicted);
    return row;
}

QString spanPredictionLine(const QString &text, const PredictionRow &row)
{
    QStringList parts;
    const QJsonArray spans = QJsonDocument::fromJson(row.detailJson.toUtf8()).object().value(QStringLiteral("spans")).toArray();
    for (const QJsonValue &v : spans) {
        const QJsonObject s = v.toObject();
        const int start = s.value(QStringLiteral("start")).toInt(), end = s.value(QStringLiteral("end")).toInt();
        parts << QStringLiteral("%1 [%2, %3) \"%4\" %5")
                     .arg(s.value(QStringLiteral("label")).toString())
                     .arg(start)
                     .arg(end)
                     .arg(text.mid(start, end - start))
                     .arg(s.value(QStringLiteral("confidence")).toDouble(), 0, 'f', 4);
    }
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QLatin1Char('\t'));
}

QJsonObject spanPredictionJson(const QString &text, const PredictionRow &row)
{
    QJsonObject o = QJsonDocument::fromJson(row.detailJson.toUtf8()).object();
    o.insert(QStringLiteral("text"), text);
    o.insert(QStringLiteral("confidence"), row.confidence);
    return o;
}

QStringList spanComparableTags(const QVector<text::TokenSpan> &tokens, const PredictionRow &row)
{
    return text::bioTags(tokens, spansFromDetailJson(row.detailJson));
}

void takeSpanReport(task::Evaluation &e, const QVector<QStringList> &gold, const QVector<QStringList> &guessed)
{
    const metrics::SequenceReport report = metrics::sequenceReport(gold, guessed);
    e.labeled = static_cast<int>(gold.size());
    e.accuracy = report.tokens.accuracy;
    e.macroF1 = report.entities.macro.f1;
    e.microF1 = report.entities.micro.f1;
    e.metrics = report.entities.toRows(QStringLiteral("label")) + report.tokens.toRows(QStringLiteral("token"));
    e.confusion = report.tokens.confusionCells();
}

} // namespace marginalia::ml
