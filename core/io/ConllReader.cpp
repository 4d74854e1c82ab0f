#include "io/ConllReader.h"
#include "io/StringViews.h"
#include "io/LineSource.h"
#include "io/SpanRecord.h"

#include <QCoreApplication>
#include <simdjson.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

bool isBlank(std::string_view line)
{
    for (char c : line)
        if (!isSpace(c))
            return false;
    return true;
}

// The first and last whitespace-separated columns of a non-blank line; `columns` counts them.
void firstAndLast(std::string_view line, std::string_view &first, std::string_view &last, int &columns)
{
    columns = 0;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isSpace(line[i]))
            ++i;
        if (i == line.size())
            break;
        const size_t begin = i;
        while (i < line.size() && !isSpace(line[i]))
            ++i;
        last = line.substr(begin, i - begin);
        if (columns++ == 0)
            first = last;
    }
}

} // namespace

ConllReader::ConllReader(LineSource &source, const ReaderOptions &options) : m_source(source), m_options(options)
{
}

QStringList ConllReader::fields() const
{
    return {QStringLiteral("tokens"), QStringLiteral("tags")};
}

bool ConllReader::next(ImportRecord &record)
{
    record.clear();
    m_lines.clear();
    QString problem;
    qint64 untaggedLine = 0; // a line with only the token column
    int tagged = 0;
    std::string_view line;
    while (m_source.next(line)) {
        if (isBlank(line)) {
            if (!m_lines.isEmpty())
                break;
            continue;
        }
        if (line.substr(0, 10) == "-DOCSTART-")
            continue;
        const qint64 number = m_source.lineNumber();
        if (m_lines.isEmpty())
            record.line = number;
        m_lines.append(number);
        if (!problem.isEmpty())
            continue; // the rest of a bad sentence is read and dropped with it
        if (!simdjson::validate_utf8(line.data(), line.size())) {
            problem = Tr::tr("line %1: invalid UTF-8 (is the file in another encoding? save it as UTF-8)").arg(number);
            continue;
        }
        std::string_view token, tag;
        int columns = 0;
        firstAndLast(line, token, tag, columns);
        record.tokens << io::fromView(token);
        if (columns >= 2) {
            record.tags << io::fromView(tag);
            ++tagged;
        } else {
            record.tags << QString();
            if (untaggedLine == 0)
                untaggedLine = number;
        }
    }
    if (m_lines.isEmpty())
        return false;
    record.hasTokens = true;
    if (m_options.keepFields) {
        record.fields.insert(QStringLiteral("tokens"), record.tokens.join(QLatin1Char(' ')));
        record.fields.insert(QStringLiteral("tags"), record.tags.join(QLatin1Char(' ')));
    }
    if (!problem.isEmpty()) {
        record.error = problem;
    } else if (tagged == 0) {
        record.tags.clear(); // only tokens: an unlabeled sentence
    } else if (untaggedLine != 0) {
        record.error = Tr::tr("line %1 has a token but no tag column").arg(untaggedLine);
    } else {
        setTaggedTokens(record, m_options, m_lines);
    }
    return true;
}

} // namespace marginalia
