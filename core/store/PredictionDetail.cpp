#include "store/PredictionDetail.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia {

QVector<Span> spansFromDetailJson(const QString &detailJson)
{
    QVector<Span> out;
    const QJsonArray spans = QJsonDocument::fromJson(detailJson.toUtf8()).object().value(QStringLiteral("spans")).toArray();
    for (const QJsonValue &v : spans) {
        const QJsonObject o = v.toObject();
        out.push_back(Span{o.value(QStringLiteral("start")).toInt(), o.value(QStringLiteral("end")).toInt(),
                           o.value(QStringLiteral("label")).toString()});
    }
    return out;
}

QString spanSetKey(const QVector<Span> &spans)
{
    QStringList out;
    for (const Span &s : spans)
        out << QStringLiteral("%1:%2:%3").arg(s.start).arg(s.end).arg(s.label);
    out.sort();
    return out.join(QLatin1Char(' '));
}

QString sortedLabelSet(const QString &joined)
{
    QStringList parts;
    for (const QString &p : joined.split(QLatin1Char(','), Qt::SkipEmptyParts))
        parts << p.trimmed();
    parts.sort();
    return parts.join(QLatin1Char(','));
}

} // namespace marginalia
