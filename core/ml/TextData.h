#pragma once
#include "Result.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace marginalia::ml {

// A text with its gold labels (empty when the source had none).
struct LabeledText
{
    QString text;
    QStringList labels;
};

// Reads JSONL with a "text" field and an optional "label" string or "labels" array; a line that is not a JSON
// object is taken as plain text. Empty lines are skipped.
Result<QVector<LabeledText>> readTextFile(const QString &path);

} // namespace marginalia::ml
