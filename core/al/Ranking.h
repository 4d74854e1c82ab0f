#pragma once
// Internal to core/al: ordering rows by score with seeded tie-breaking.
#include "al/QueryStrategy.h"

#include <vector>

namespace marginalia::al::detail {

// Rows not flagged in `skip` (may be null), highest score first; equal scores in the order of a seeded
// shuffle. Only the first `limit` are selected and sorted (limit <= 0: all).
std::vector<Pick> orderByScore(const std::vector<double> &scores, std::uint64_t seed, int limit,
                               const std::vector<char> *skip = nullptr);

std::vector<Pick> coresetRanking(const PoolScores &scores, int batchSize, std::uint64_t seed, int limit);
std::vector<Pick> diverseMarginRanking(const PoolScores &scores, int batchSize, std::uint64_t seed, int limit);

bool hasEmbeddings(const PoolScores &scores);

} // namespace marginalia::al::detail
