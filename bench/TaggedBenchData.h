#pragma once
// What the tagger benchmarks share: their integer flags and the Brown POS file the datasets script writes.
#include "io/TaggedFile.h"

#include <QStandardPaths>
#include <QStringList>
#include <cstdio>
#include <optional>

namespace marginalia::bench {

// The value after `flag` in `args` (both removed), or `fallback` when it is not there.
inline int takeIntFlag(QStringList &args, const QString &flag, int fallback)
{
    const int at = static_cast<int>(args.indexOf(flag));
    if (at < 0 || at + 1 >= args.size())
        return fallback;
    const int value = args[at + 1].toInt();
    args.remove(at, 2);
    return value;
}

// The tagged sentences of `path`, by default the cached brown_pos.conll; a missing or unreadable file is said on
// stderr.
inline std::optional<QVector<io::TaggedSentence>> readBrownTagged(const QString &path = {})
{
    const QString file = !path.isEmpty() ? path
                                         : QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
                                               + QStringLiteral("/marginalia-datasets/brown_pos.conll");
    auto rows = io::readTaggedFile(file);
    if (!rows) {
        std::fprintf(stderr, "%s (the datasets fetch script writes brown_pos.conll)\n", qPrintable(rows.error()));
        return std::nullopt;
    }
    return std::move(*rows);
}

} // namespace marginalia::bench
