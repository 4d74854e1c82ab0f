#pragma once
// Internal to core/al: ordering rows by score with seeded tie-breaking, and the batch rankings.
#include "al/Strategies.h"

#include <vector>

namespace marginalia::al::detail {

// Rows not flagged in `skip` (may be null), highest score first; equal scores in the order of a seeded
// shuffle. Only the first `limit` are selected and sorted (limit <= 0: all).
std::vector<Pick> orderByScore(const std::vector<double> &scores, std::uint64_t seed, int limit,
                               const std::vector<char> *skip = nullptr);

// Batch rankings (Strategy::rankBatch); each falls back to orderByScore(informative) without embeddings.
std::vector<Pick> coresetRanking(const PoolScores &scores, const std::vector<double> &informative, int batchSize,
                                 std::uint64_t seed, int limit);
std::vector<Pick> diverseRanking(const PoolScores &scores, const std::vector<double> &informative, int batchSize,
                                 std::uint64_t seed, int limit);

bool hasEmbeddings(const PoolScores &scores);

} // namespace marginalia::al::detail
