#pragma once
#include "al/QueryStrategy.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

namespace marginalia::al {

// Query strategies for sequence labeling (one sample = one sentence of tagged tokens).
enum class SequenceStrategy { LeastConfidence, Mnlp, TokenEntropy };

QString sequenceStrategyName(SequenceStrategy strategy); // "least-confidence", "mnlp", "token-entropy"
std::optional<SequenceStrategy> sequenceStrategyFromName(const QString &name);
QStringList sequenceStrategyNames();

struct SequenceScores
{
    int tags = 0;
    // Per sequence: length * tags tag probabilities for each token (row-major, rows sum to 1).
    std::vector<std::vector<float>> marginals;
    // Optional, per sequence: log-probability of the model's best tag sequence (a CRF's Viterbi score). When
    // empty, the best sequence is the per-token argmax and its log-probability the sum of the token log-maxima.
    std::vector<double> bestLogProb;
};

// Informativeness per sequence (higher = ask first):
//   least-confidence  1 - P(best sequence)
//   mnlp              -(1/L) log P(best sequence)   (Shen et al. 2017: lowest normalized log-probability first)
//   token-entropy     (1/L) sum_t H(p_t)            (mean token entropy)
// Empty sequences score 0.
std::vector<double> sequenceInformativeness(SequenceStrategy strategy, const SequenceScores &scores);

// Most informative first; ties by a seeded shuffle; at most `limit` picks (limit <= 0: all).
std::vector<Pick> rankSequences(SequenceStrategy strategy, const SequenceScores &scores, std::uint64_t seed,
                                int limit = 0);

} // namespace marginalia::al
