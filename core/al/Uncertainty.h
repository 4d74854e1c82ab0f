#pragma once
// Internal to core/al: per-row informativeness of class probabilities and of token marginals (the formulas are
// listed in Strategies.h). Every function returns one score per row, higher = more informative.
#include "al/Strategies.h"

namespace marginalia::al::detail {

std::vector<double> randomDraw(const PoolScores &scores, std::uint64_t seed);

std::vector<double> leastConfidence(const PoolScores &scores, std::uint64_t seed);
std::vector<double> margin(const PoolScores &scores, std::uint64_t seed);
std::vector<double> entropy(const PoolScores &scores, std::uint64_t seed);
std::vector<double> bald(const PoolScores &scores, std::uint64_t seed); // entropy without MC passes

std::vector<double> sequenceLeastConfidence(const PoolScores &scores, std::uint64_t seed);
std::vector<double> mnlp(const PoolScores &scores, std::uint64_t seed);
std::vector<double> tokenEntropy(const PoolScores &scores, std::uint64_t seed);

} // namespace marginalia::al::detail
