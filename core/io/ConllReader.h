#pragma once
#include "io/RecordReader.h"

#include <QVector>

namespace marginalia {

// CoNLL-style token files: one token per line, columns separated by spaces or tabs, the token in the first
// column and its tag in the last; a blank line ends a sentence and -DOCSTART- lines are skipped. One
// sentence is one record, starting at its first line. A sentence whose lines have only the token column is
// unlabeled (the exporter writes unlabeled samples that way).
class ConllReader : public RecordReader
{
public:
    ConllReader(LineSource &source, const ReaderOptions &options);

    bool next(ImportRecord &record) override;
    QStringList fields() const override;

private:
    LineSource &m_source;
    ReaderOptions m_options;
    QVector<qint64> m_lines; // the line of each token of the current sentence
};

} // namespace marginalia
