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

} // namespace marginalia
