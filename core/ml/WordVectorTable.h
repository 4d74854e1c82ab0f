#pragma once
// Word vectors learned from a project's own text (ml/PoolPretraining.h) and kept in the project file. Plain C++,
// no torch.
#include "Result.h"
#include "ml/WordVectors.h"

#include <QByteArray>
#include <QStringList>
#include <vector>

namespace marginalia::ml {

struct WordVectorTable
{
    int dim = 0;
    QStringList words;         // normalized tokens, as text::tokenize() produces them
    std::vector<float> values; // words.size() x dim
    qint64 stamp = 0;          // when they were learned (ms since epoch): a run trained from other vectors is
                               // not warm-started from (not part of the encoding; the store keeps it)
};

// "MRGNVECS", then dim and word count (uint32, little-endian), each word as a uint32 byte length and its UTF-8
// bytes, then the values as float32. A compact, code-free format: the bytes come from a project file, which
// may come from someone else, so decoding checks every length against what is left before reading it.
QByteArray encodeWordVectors(const WordVectorTable &table);
Result<WordVectorTable> decodeWordVectors(const QByteArray &bytes);

// The table's vectors keyed by the embedding row each word hashes to (the same rule as readWordVectors: a later
// word hashing to the same row replaces an earlier one).
WordVectors bucketRows(const WordVectorTable &table, const text::FeatureHasher &hasher);

} // namespace marginalia::ml
