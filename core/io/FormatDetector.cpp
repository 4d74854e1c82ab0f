#include "io/FormatDetector.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};
} // namespace

bool FormatDetector::isKnownFormat(const QString &format)
{
    return format == QLatin1String("jsonl") || format == QLatin1String("csv") || format == QLatin1String("tsv")
           || format == QLatin1String("txt");
}

QString FormatDetector::detect(const QString &path, const QByteArray &head)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json"))
        return QStringLiteral("jsonl");
    if (suffix == QLatin1String("csv"))
        return QStringLiteral("csv");
    if (suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
        return QStringLiteral("tsv");
    if (suffix == QLatin1String("txt") || suffix == QLatin1String("text"))
        return QStringLiteral("txt");

    QByteArray start = head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head;
    start = start.trimmed();
    if (start.startsWith('{'))
        return QStringLiteral("jsonl");
    // A header line with tabs or commas (outside quotes or not) makes a delimited file.
    const qsizetype newline = start.indexOf('\n');
    const QByteArray firstLine = newline < 0 ? start : start.left(newline);
    if (firstLine.contains('\t'))
        return QStringLiteral("tsv");
    if (firstLine.contains(','))
        return QStringLiteral("csv");
    return QStringLiteral("txt");
}

Status FormatDetector::checkEncoding(const QByteArray &head)
{
    if (head.startsWith(QByteArray("\xFF\xFE\x00\x00", 4)) || head.startsWith(QByteArray("\x00\x00\xFE\xFF", 4)))
        return Error{Tr::tr("Line 1: the file is UTF-32 encoded; only UTF-8 is supported. "
                        "Save it as UTF-8 and import again.")};
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        return Error{Tr::tr("Line 1: the file is UTF-16 encoded; only UTF-8 is supported. "
                        "Save it as UTF-8 and import again.")};
    const qsizetype nul = head.indexOf('\0');
    if (nul >= 0) {
        const qsizetype line = head.left(nul).count('\n') + 1;
        return Error{Tr::tr("Line %1: the file contains NUL bytes, so it is binary or UTF-16/32 encoded; only UTF-8 text "
                        "is supported.")
                         .arg(line)};
    }
    return {};
}

} // namespace marginalia
