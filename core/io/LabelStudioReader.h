#pragma once
#include "io/JsonElements.h"
#include "io/RecordReader.h"

#include <memory>

namespace marginalia {

struct LabelStudioTask;

// Label Studio's exports: JSON (an array of tasks with "data", "annotations" and "predictions"), JSON-MIN (an
// array of flat rows, one per annotation; rows of one task follow each other and become one record) and
// JSON Lines of either. The text is data[textField]; "choices" results are labels, "labels" results spans.
// Every annotation that was not cancelled and has a result becomes a version with its annotator, in file
// order, the last one current; predictions are kept in the sample's meta ("predictions"), never as labels.
// Result types the project cannot use are reported in record.unused; image tasks are bad records.
class LabelStudioReader : public RecordReader
{
public:
    LabelStudioReader(LineSource &source, const ReaderOptions &options);
    ~LabelStudioReader() override;

    bool next(ImportRecord &record) override;
    QStringList fields() const override { return m_fields; }
    QString fatalError() const override { return m_elements.error(); }

private:
    struct Parsed;
    bool readTask(Parsed &parsed);
    void toRecord(Parsed &parsed, ImportRecord &record);

    LineSource &m_source;
    ReaderOptions m_options;
    JsonElements m_elements;
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    std::unique_ptr<Parsed> m_pending; // a JSON-MIN row read ahead: the next task's, or more of this one
    QStringList m_fields;
};

} // namespace marginalia
