#pragma once
#include "io/RecordReader.h"

#include <memory>

namespace marginalia {

// Prodigy's JSON Lines: one answer a line, {"text", "answer": "accept"|"reject"|"ignore"} with a "label"
// (binary), "options" and an "accept" list (multiple choice) or "spans" ([{"start", "end", "label"}], or
// token_start/token_end over "tokens"). A rejected label does not apply: it becomes a rejection, never a
// label. Consecutive answers to the same input (same "_input_hash", else the same text) are one record: each
// annotator ("_annotator_id", else "_session_id") gives one version, the last one current. "_input_hash" and
// "_task_hash" go to the sample's meta.
class ProdigyReader : public RecordReader
{
public:
    ProdigyReader(LineSource &source, const ReaderOptions &options);
    ~ProdigyReader() override;

    bool next(ImportRecord &record) override;
    QStringList fields() const override { return m_fields; }

private:
    struct Answer;
    bool readAnswer(Answer &answer);
    void merge(const Answer &answer, ImportRecord &record, QVector<ImportAnnotation> &versions) const;

    LineSource &m_source;
    ReaderOptions m_options;
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    std::unique_ptr<Answer> m_pending; // read ahead: the next input's first answer
    QStringList m_fields;
};

} // namespace marginalia
