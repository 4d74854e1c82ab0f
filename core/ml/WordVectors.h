#pragma once
#include "Result.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace marginalia::text {
class FeatureHasher;
}

namespace marginalia::ml {

// Pretrained word vectors from a fastText .vec file ("COUNT DIMENSION", then "word v1 ... vD" per line) or a fastText
// binary model (.bin, recognised by its header: every dictionary word's vector, its character n-grams included, as
// libfasttext computes it; each field of the file is checked against its size first), keyed by the embedding row each
// word hashes to. The path comes from a project setting, and a project file may come from
// another machine or another person: only a regular file (or a link to one) of at most 8 GiB is read, with lines
// of at most 1 MiB and at most 4096 dimensions. A FIFO (whose open would block), a device such as /dev/zero
// (which never ends), a directory or a larger file is refused with a message before anything is read. Plain C++,
// no torch.
struct WordVectors
{
    int dim = 0;
    std::vector<std::int64_t> rows; // one per distinct row; a later word hashing to the same row replaces it
    std::vector<float> values;      // rows.size() x dim
    std::vector<float> weights;     // per row, how much the word counts in a document's mean; empty: 1 each
};

// The dimension from the header line.
Result<int> wordVectorDimension(const QString &path);
// Every line of `dim` finite values; lines of another length or with a value that is not a finite number are
// skipped. Memory stays within one copy of the rows touched, however long the file.
Result<WordVectors> readWordVectors(const QString &path, int dim, const text::FeatureHasher &hasher);

} // namespace marginalia::ml
