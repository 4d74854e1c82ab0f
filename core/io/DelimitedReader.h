#pragma once
#include "io/RecordReader.h"

#include <QVector>
#include <simdjson.h>
#include <string>
#include <vector>

namespace marginalia {

// CSV or TSV with a header row. Quoting follows RFC 4180: a field in double quotes may hold the delimiter,
// newlines and doubled quotes; a record may span lines. Each record's bytes are checked as UTF-8.
class DelimitedReader : public RecordReader
{
public:
    DelimitedReader(LineSource &source, const ReaderOptions &options, char delimiter);

    bool next(ImportRecord &record) override;
    QStringList fields() const override { return m_header; }
    QString fatalError() const override { return m_fatal; }

private:
    // Reads one record's fields; false at the end of input. `error` is set for a malformed record.
    bool readRecord(std::vector<std::string> &cells, qint64 &startLine, QString &error);
    bool readHeader();

    LineSource &m_source;
    ReaderOptions m_options;
    char m_delimiter;
    bool m_headerRead = false;
    QStringList m_header;
    QString m_fatal;
    int m_textColumn = -1;
    int m_labelColumn = -1;
    int m_idColumn = -1;
    int m_metaColumn = -1;
    QString m_labelName;
    std::vector<std::string> m_cells;
    simdjson::dom::parser m_metaParser;
};

} // namespace marginalia
