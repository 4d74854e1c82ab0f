#include "io/FormatDetector.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

int columnCount(const QByteArray &line)
{
    int columns = 0;
    for (qsizetype i = 0; i < line.size(); ++i)
        if (!isSpace(line[i]) && (i == 0 || isSpace(line[i - 1])))
            ++columns;
    return columns;
}

// Token-per-line files: a -DOCSTART- line, or short lines with the same number (2 to 10) of single-word
// columns in sentences separated by blank lines. A TSV of texts has varying word counts and rarely blank
// lines; a delimited header line alone would not pass either.
bool looksLikeConll(const QByteArray &start)
{
    if (start.startsWith("-DOCSTART-"))
        return true;
    QList<QByteArray> lines = start.split('\n');
    if (lines.size() > 1)
        lines.removeLast(); // may be cut off by the end of the sniffed bytes
    int columns = 0;
    int blanks = 0;
    int tokens = 0;
    for (const QByteArray &line : lines) {
        const int n = columnCount(line);
        if (n == 0) {
            blanks += tokens > 0 ? 1 : 0;
            continue;
        }
        if (line.size() > 200 || n < 2 || n > 10 || (columns != 0 && n != columns))
            return false;
        columns = n;
        ++tokens;
    }
    return blanks > 0 && tokens > blanks;
}
} // namespace

bool FormatDetector::isKnownFormat(const QString &format)
{
    return format == QLatin1String("jsonl") || format == QLatin1String("csv") || format == QLatin1String("tsv")
           || format == QLatin1String("txt") || format == QLatin1String("conll") || isToolFormat(format);
}

bool FormatDetector::isToolFormat(const QString &format)
{
    return format == QLatin1String("label-studio") || format == QLatin1String("prodigy")
           || format == QLatin1String("doccano");
}

namespace {
// JSON that starts with "[" is an array of tasks (Label Studio's JSON and JSON-MIN exports); JSON Lines whose
// first object has Label Studio's "data" with "annotations" or "predictions", or Prodigy's "answer" or
// hashes, is that tool's. doccano's JSONL is plain JSONL to the eye and reads as such.
QString jsonFormat(const QByteArray &start)
{
    if (start.startsWith('['))
        return QStringLiteral("label-studio");
    const qsizetype newline = start.indexOf('\n');
    if (newline < 0 && start.size() >= 64 * 1024 - 3)
        return QStringLiteral("jsonl"); // the first line is cut off: nothing to tell
    const QJsonObject first = QJsonDocument::fromJson(newline < 0 ? start : start.left(newline)).object();
    if (first.value(QLatin1String("data")).isObject()
        && (first.contains(QLatin1String("annotations")) || first.contains(QLatin1String("predictions"))))
        return QStringLiteral("label-studio");
    if (first.value(QLatin1String("answer")).isString() || first.contains(QLatin1String("_input_hash"))
        || first.contains(QLatin1String("_task_hash")))
        return QStringLiteral("prodigy");
    return QStringLiteral("jsonl");
}
} // namespace

QString FormatDetector::detect(const QString &path, const QByteArray &head)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QByteArray unmarked = head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head;
    const QByteArray start = unmarked.trimmed();
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json"))
        return jsonFormat(start);
    if (suffix == QLatin1String("csv"))
        return QStringLiteral("csv");
    if (suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
        return QStringLiteral("tsv");
    if (suffix == QLatin1String("txt") || suffix == QLatin1String("text"))
        return QStringLiteral("txt");
    if (suffix == QLatin1String("conll") || suffix == QLatin1String("bio") || suffix == QLatin1String("iob")
        || suffix == QLatin1String("bioes"))
        return QStringLiteral("conll");

    if (start.startsWith('{') || start.startsWith('['))
        return jsonFormat(start);
    if (looksLikeConll(unmarked)) // untrimmed: the blank line after a sentence counts
        return QStringLiteral("conll");
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
