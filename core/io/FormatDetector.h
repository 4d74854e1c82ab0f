#pragma once
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace marginalia {

// Picks the reader for a file: from its extension, else from its first bytes.
class FormatDetector
{
public:
    // "jsonl", "csv", "tsv", "txt", "conll", "label-studio" or "prodigy". `head` is the start of the file (a few
    // KiB).
    static QString detect(const QString &path, const QByteArray &head);
    // An error naming the problem when `head` shows an encoding other than UTF-8 (UTF-16/32 byte order
    // marks, NUL bytes); success otherwise. Invalid UTF-8 further in is reported per line by the readers.
    static Status checkEncoding(const QByteArray &head);
    static bool isKnownFormat(const QString &format);
    // Another labeling tool's format: "label-studio", "prodigy" or "doccano".
    static bool isToolFormat(const QString &format);
};

} // namespace marginalia
