#pragma once
#include "io/RecordReader.h"

#include <memory>
#include <string>

namespace marginalia {

// JSON Lines: one object per line, {"text": ..., "label": ...} or "labels": [...], with optional "id",
// "meta" and (span labeling) "tokens". Blank lines are skipped. simdjson parses each line in place and
// validates its UTF-8.
class JsonlReader : public RecordReader
{
public:
    JsonlReader(LineSource &source, const ReaderOptions &options);
    ~JsonlReader() override;

    bool next(ImportRecord &record) override;
    QStringList fields() const override { return m_fields; }

private:
    struct Parser;
    LineSource &m_source;
    ReaderOptions m_options;
    std::string m_textKey, m_labelKey, m_idKey, m_metaKey, m_tokensKey;
    std::unique_ptr<Parser> m_parser;
    QStringList m_fields;
};

} // namespace marginalia
