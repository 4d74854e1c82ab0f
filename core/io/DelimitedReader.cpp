#include "io/DelimitedReader.h"
#include "io/LineSource.h"

#include <QCoreApplication>
#include <simdjson.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

// A single record larger than this is certainly a quote that is never closed.
constexpr size_t kMaxRecordBytes = size_t(64) << 20;

QString fromStd(const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
} // namespace

DelimitedReader::DelimitedReader(LineSource &source, const ReaderOptions &options, char delimiter)
    : m_source(source), m_options(options), m_delimiter(delimiter)
{
}

bool DelimitedReader::readRecord(std::vector<std::string> &cells, qint64 &startLine, QString &error)
{
    cells.clear();
    std::string_view line;
    if (!m_source.next(line))
        return false;
    startLine = m_source.lineNumber();
    cells.emplace_back();
    bool quoted = false;     // inside a quoted field
    bool afterQuote = false; // a quoted field just closed
    bool fieldStart = true;
    size_t recordBytes = 0;
    for (;;) {
        recordBytes += line.size() + 1;
        if (!simdjson::validate_utf8(line.data(), line.size()) && error.isEmpty())
            error = Tr::tr("invalid UTF-8 (is the file in another encoding? save it as UTF-8)");
        for (size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            std::string &cell = cells.back();
            if (quoted) {
                if (c != '"') {
                    cell.push_back(c);
                } else if (i + 1 < line.size() && line[i + 1] == '"') {
                    cell.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else if (c == m_delimiter) {
                cells.emplace_back();
                fieldStart = true;
                afterQuote = false;
                continue;
            } else if (c == '\r' && i + 1 == line.size()) {
                // the line's terminator was CRLF
            } else if (afterQuote) {
                if (error.isEmpty())
                    error = Tr::tr("text after a closing quote (a quote inside a field must be doubled)");
            } else if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                cell.push_back(c);
            }
            fieldStart = false;
        }
        if (!quoted)
            return true;
        // The newline belongs to the quoted field: keep it and read on.
        cells.back().push_back('\n');
        if (recordBytes > kMaxRecordBytes || !m_source.next(line)) {
            error = Tr::tr("a quoted field is never closed");
            return true;
        }
    }
}

bool DelimitedReader::readHeader()
{
    m_headerRead = true;
    qint64 line = 0;
    QString error;
    if (!readRecord(m_cells, line, error)) {
        m_fatal = Tr::tr("The file is empty; a header row is expected.");
        return false;
    }
    if (!error.isEmpty()) {
        m_fatal = Tr::tr("The header row (line %1) cannot be read: %2").arg(line).arg(error);
        return false;
    }
    for (const std::string &cell : m_cells)
        m_header << fromStd(cell).trimmed();
    m_textColumn = int(m_header.indexOf(m_options.textField));
    if (m_textColumn < 0 && !m_options.keepFields) {
        m_fatal = Tr::tr("The header row has no column \"%1\" (it has: %2). Choose the text column with --text-field.")
                      .arg(m_options.textField, m_header.join(QStringLiteral(", ")));
        return false;
    }
    if (!m_options.labelField.isEmpty()) {
        m_labelName = m_options.labelField;
    } else {
        m_labelName = m_header.contains(QStringLiteral("label")) ? QStringLiteral("label") : QStringLiteral("labels");
    }
    m_labelColumn = int(m_header.indexOf(m_labelName));
    if (m_labelColumn < 0 && !m_options.labelField.isEmpty()) {
        m_fatal = Tr::tr("The header row has no column \"%1\".").arg(m_options.labelField);
        return false;
    }
    m_idColumn = int(m_header.indexOf(m_options.idField));
    m_metaColumn = int(m_header.indexOf(m_options.metaField));
    return true;
}

bool DelimitedReader::next(ImportRecord &record)
{
    if (!m_headerRead && !readHeader())
        return false;
    if (!m_fatal.isEmpty())
        return false;
    QString error;
    qint64 line = 0;
    do {
        if (!readRecord(m_cells, line, error))
            return false;
        // A blank line between records is not a record.
    } while (error.isEmpty() && m_cells.size() == 1 && m_cells.front().empty() && m_header.size() > 1);
    record.clear();
    record.line = line;
    if (!error.isEmpty()) {
        record.error = error;
        return true;
    }
    if (m_cells.size() != size_t(m_header.size())) {
        record.error = Tr::tr("the record has %1 fields; the header has %2").arg(m_cells.size()).arg(m_header.size());
        return true;
    }
    if (m_options.keepFields)
        for (int i = 0; i < m_header.size(); ++i)
            record.fields.insert(m_header[i], fromStd(m_cells[size_t(i)]));

    if (m_textColumn >= 0)
        record.text = QByteArray::fromStdString(m_cells[size_t(m_textColumn)]);
    if (m_labelColumn >= 0) {
        const QString cell = fromStd(m_cells[size_t(m_labelColumn)]);
        const QStringList parts = m_options.labelSeparator.isNull() ? QStringList{cell}
                                                                     : cell.split(m_options.labelSeparator);
        for (const QString &part : parts) {
            const QString name = part.trimmed();
            if (!name.isEmpty() && !record.labels.contains(name))
                record.labels << name;
        }
        record.hasLabels = !record.labels.isEmpty();
    }
    if (m_idColumn >= 0)
        record.externalId = QByteArray::fromStdString(m_cells[size_t(m_idColumn)]);
    if (m_metaColumn >= 0 && !m_cells[size_t(m_metaColumn)].empty()) {
        // Kept as written (minified), like JSONL's "meta", so a round trip does not reorder keys.
        const simdjson::padded_string cell(m_cells[size_t(m_metaColumn)]);
        simdjson::dom::element meta;
        if (m_metaParser.parse(cell).get(meta) || meta.type() != simdjson::dom::element_type::OBJECT) {
            record.error = Tr::tr("the field \"%1\" is not a JSON object").arg(m_options.metaField);
            return true;
        }
        record.metaJson = QByteArray::fromStdString(simdjson::minify(meta));
    }
    return true;
}

} // namespace marginalia
