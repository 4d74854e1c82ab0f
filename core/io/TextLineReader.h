#pragma once
#include "io/RecordReader.h"

namespace marginalia {

// Plain text: every line is one sample, without labels. A trailing '\r' (CRLF files) is dropped.
class TextLineReader : public RecordReader
{
public:
    TextLineReader(LineSource &source, const ReaderOptions &options);

    bool next(ImportRecord &record) override;
    QStringList fields() const override { return {m_options.textField}; }

private:
    LineSource &m_source;
    ReaderOptions m_options;
};

} // namespace marginalia
