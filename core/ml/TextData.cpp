#include "ml/TextData.h"
#include "store/ProjectFiles.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::ml {

Result<QVector<LabeledText>> readTextFile(const QString &path)
{
    if (auto s = refuseOpenProject(path); !s)
        return s;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QCoreApplication::translate("Model", "Cannot open %1: %2").arg(path, file.errorString()));
    QVector<LabeledText> rows;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        LabeledText row;
        const QJsonDocument doc = line.startsWith('{') ? QJsonDocument::fromJson(line) : QJsonDocument();
        if (doc.isObject()) {
            const QJsonObject o = doc.object();
            row.text = o.value(QStringLiteral("text")).toString();
            const QJsonValue label = o.value(QStringLiteral("label"));
            if (label.isString() && !label.toString().isEmpty())
                row.labels << label.toString();
            for (const QJsonValue &v : o.value(QStringLiteral("labels")).toArray())
                row.labels << v.toString();
        } else {
            row.text = QString::fromUtf8(line);
        }
        rows.push_back(row);
    }
    return rows;
}

} // namespace marginalia::ml
