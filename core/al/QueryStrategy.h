#pragma once
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

namespace marginalia::al {

enum class Strategy { Random, LeastConfidence, Margin, Entropy, Bald, Coreset, DiverseMargin };

QString strategyName(Strategy strategy); // "random", "least-confidence", "margin", "entropy", "bald", "coreset", "diverse-margin"
std::optional<Strategy> strategyFromName(const QString &name);
QStringList strategyNames();

// What the model said about the unlabeled pool, as plain arrays (row-major).
struct PoolScores
{
    int n = 0;
    int classes = 0;
    bool multilabel = false;            // probs are independent sigmoids, not a softmax
    std::vector<float> probs;           // n * classes
    std::vector<std::vector<float>> mc; // BALD: T passes with dropout on, each n * classes
    int dim = 0;
    std::vector<float> embeddings;        // n * dim: the model's hidden representation (or features)
    std::vector<float> labeledEmbeddings; // m * dim: already-labeled samples (coreset's initial centers)
};

struct Pick
{
    int index = 0;  // into the pool arrays
    double score = 0; // the strategy's informativeness (higher = more informative); for coreset the distance
};

// Ranks the whole pool, most informative first. Batch strategies (coreset, diverse-margin) choose the first
// `batchSize` picks as a batch and order the rest by their underlying uncertainty. Ties are broken by a
// seeded shuffle, so the order is deterministic for a given seed.
std::vector<Pick> rankPool(Strategy strategy, const PoolScores &scores, int batchSize, std::uint64_t seed);

// Cold start (fewer than ~2 labels per class): k-means++ over `embeddings` (features), then the sample
// nearest to each centre; returns `batchSize` picks covering the pool's clusters.
std::vector<Pick> coldStartPicks(const PoolScores &scores, int batchSize, std::uint64_t seed);

} // namespace marginalia::al
