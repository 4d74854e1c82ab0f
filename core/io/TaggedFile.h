#pragma once
#include "Result.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace marginalia::io {

struct TaggedSentence
{
    QStringList tokens;
    QStringList tags;
    qint64 line = 0;
};

// Reads a CoNLL file or a JSONL file of {"tokens": [...], "tags": [...]} ("auto" picks by extension/content).
// Tags in IOB1 or BIOES are normalized to BIO; tags without a B-/I-/E-/S- prefix (e.g. POS tags) are
// returned unchanged. The first bad sentence fails the whole read with its line and reason.
Result<QVector<TaggedSentence>> readTaggedFile(const QString &path, const QString &format = QStringLiteral("auto"));

} // namespace marginalia::io
