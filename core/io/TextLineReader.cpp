#include "io/TextLineReader.h"
#include "io/LineSource.h"

#include <QCoreApplication>
#include <simdjson.h>

namespace marginalia {

TextLineReader::TextLineReader(LineSource &source, const ReaderOptions &options)
    : m_source(source), m_options(options)
{
}

bool TextLineReader::next(ImportRecord &record)
{
    std::string_view line;
    if (!m_source.next(line))
        return false;
    record.clear();
    record.line = m_source.lineNumber();
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (!simdjson::validate_utf8(line.data(), line.size())) {
        record.error = QCoreApplication::translate("Import",
                                                   "invalid UTF-8 (is the file in another encoding? save it as UTF-8)");
        return true;
    }
    record.text = QByteArray(line.data(), qsizetype(line.size()));
    if (m_options.keepFields)
        record.fields.insert(m_options.textField, QString::fromUtf8(record.text));
    return true;
}

} // namespace marginalia
