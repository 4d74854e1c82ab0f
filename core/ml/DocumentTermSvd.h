#pragma once
// Word vectors from the documents words share rather than from their neighbours: a truncated SVD of the pool's
// TF-IDF document-term matrix (latent semantic analysis). A document's vector is then the IDF-weighted sum of its
// words' rows, which is its projection onto the matrix's main directions. Plain C++ interface, no torch.
#include "Result.h"
#include "ml/WordVectorTable.h"

#include <QString>
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace marginalia::ml {

struct DocumentTermSvdOptions
{
    int dim = 64;
    int minCount = 2;             // documents a word must occur in to get a vector
    int maxDocuments = 50000;     // a larger pool is sampled (uniformly): enough for the directions, bounded memory
    int powerIterations = 4;      // sharpen the randomized range (Halko, Martinsson and Tropp 2011)
    std::uint64_t seed = 42;
};

// `documents` calls its argument once per text with that text's tokens; it stops early when that returns false.
using TokenSource = std::function<Status(const std::function<bool(const QStringList &tokens)> &emit)>;

Result<WordVectorTable> documentTermSvd(const TokenSource &documents, const DocumentTermSvdOptions &options,
                                        const std::atomic_bool &cancel,
                                        const std::function<void(int done, int total)> &progress = {});

} // namespace marginalia::ml
