// A minimal reader of tagged sentences (CoNLL columns, or JSONL tokens + tags) for the sequence model's
// simulation and bench. Tags are passed through as written.
#include "io/TaggedFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace marginalia::io {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

bool looksLikeJsonl(const QString &path, const QString &format, QFile &file)
{
    if (format == QLatin1String("jsonl"))
        return true;
    if (format == QLatin1String("conll"))
        return false;
    if (path.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive) || path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return true;
    const QByteArray head = file.peek(64).trimmed();
    return head.startsWith('{');
}
} // namespace

Result<QVector<TaggedSentence>> readTaggedFile(const QString &path, const QString &format)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(Tr::tr("Cannot open %1: %2").arg(path, file.errorString()));
    const bool jsonl = looksLikeJsonl(path, format, file);
    QVector<TaggedSentence> out;
    TaggedSentence current;
    qint64 line = 0;
    while (!file.atEnd()) {
        const QString text = QString::fromUtf8(file.readLine()).trimmed();
        ++line;
        if (jsonl) {
            if (text.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            TaggedSentence s;
            s.line = line;
            for (const QJsonValue &v : o.value(QStringLiteral("tokens")).toArray())
                s.tokens << v.toString();
            for (const QJsonValue &v : o.value(QStringLiteral("tags")).toArray())
                s.tags << v.toString();
            if (s.tokens.isEmpty() || s.tokens.size() != s.tags.size())
                return fail(Tr::tr("%1, line %2: expected \"tokens\" and \"tags\" arrays of equal length.").arg(path).arg(line));
            out.push_back(s);
            continue;
        }
        if (text.isEmpty()) {
            if (!current.tokens.isEmpty())
                out.push_back(current);
            current = {};
            continue;
        }
        if (text.startsWith(QLatin1String("-DOCSTART-")))
            continue;
        static const QRegularExpression kBlanks(QStringLiteral("\\s+"));
        const QStringList columns = text.split(kBlanks, Qt::SkipEmptyParts);
        if (columns.size() < 2)
            return fail(Tr::tr("%1, line %2: expected a token and a tag.").arg(path).arg(line));
        if (current.tokens.isEmpty())
            current.line = line;
        current.tokens << columns.first();
        current.tags << columns.last();
    }
    if (!current.tokens.isEmpty())
        out.push_back(current);
    return out;
}

} // namespace marginalia::io
