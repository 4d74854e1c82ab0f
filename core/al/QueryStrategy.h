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

// Informativeness of every pool row under an uncertainty strategy (higher = more informative):
//   least-confidence  1 - max_c p_c
//   margin            1 - (p_top1 - p_top2)
//   entropy           -sum_c p_c ln p_c
//   bald              H(mean_t p_t) - mean_t H(p_t) over the MC-dropout passes `mc` (mutual information);
//                     without passes it falls back to entropy of `probs`
//   random            a seeded uniform draw in [0, 1)
// Multi-label (independent sigmoids) uses the per-label binary equivalents averaged over labels:
//   least-confidence  mean_k (1 - max(p_k, 1 - p_k))
//   margin            mean_k (1 - |p_k - (1 - p_k)|)
//   entropy           mean_k Hb(p_k), Hb(p) = -p ln p - (1-p) ln(1-p)
//   bald              mean_k (Hb(mean_t p_tk) - mean_t Hb(p_tk))
// Coreset has no per-row uncertainty; diverse-margin scores rows by margin.
std::vector<double> informativeness(Strategy strategy, const PoolScores &scores, std::uint64_t seed = 0);

// Ranks the whole pool, most informative first. Batch strategies (coreset, diverse-margin) choose the first
// `batchSize` picks as a batch and order the rest by their underlying uncertainty. Ties are broken by a
// seeded shuffle, so the order is deterministic for a given seed.
// Coreset orders the rest by their distance to the nearest labeled or chosen sample (its k-center criterion);
// its pick score is that Euclidean distance (to the pool's centre when nothing is labeled yet). Without
// embeddings, coreset and diverse-margin fall back to margin.
std::vector<Pick> rankPool(Strategy strategy, const PoolScores &scores, int batchSize, std::uint64_t seed);
// Same order, cut to the first `limit` picks (limit <= 0: all), selected without sorting the whole pool.
std::vector<Pick> rankPool(Strategy strategy, const PoolScores &scores, int batchSize, std::uint64_t seed, int limit);

// True while some class has fewer than `minPerClass` labels: rank with coldStartPicks() instead of the model.
bool isColdStart(const std::vector<int> &labelsPerClass, int minPerClass = 2);

// Cold start (fewer than ~2 labels per class): k-means++ over `embeddings` (features), then the sample
// nearest to each centre; returns `batchSize` picks covering the pool's clusters. A pick's score is the
// fraction of the pool in its cluster; picks come largest cluster first.
std::vector<Pick> coldStartPicks(const PoolScores &scores, int batchSize, std::uint64_t seed);

} // namespace marginalia::al
