#pragma once
// The query strategies: one registry for every task. A strategy declares which model output it ranks by
// (class probabilities or token marginals) and what else it needs from the model (sample representations,
// MC-dropout passes); a task's model fills a PoolScores with what its strategy asks for.
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace marginalia::al {

// What the model said about the samples to rank, as plain arrays (row-major).
struct PoolScores
{
    int n = 0;
    // Classifiers.
    int classes = 0;
    bool multilabel = false;            // probs are independent sigmoids, not a softmax
    std::vector<float> probs;           // n * classes
    std::vector<std::vector<float>> mc; // BALD: T passes with dropout on, each n * classes
    // Sequence models, per sample: length * tags token marginals (rows sum to 1).
    int tags = 0;
    std::vector<std::vector<float>> marginals;
    // Optional, per sample: log-probability of the best tag sequence (a CRF's Viterbi score). When empty, the
    // best sequence is the per-token argmax and its log-probability the sum of the token log-maxima.
    std::vector<double> bestLogProb;
    // Sample representations (a hidden layer, mean-pooled encoder states, or features).
    int dim = 0;
    std::vector<float> embeddings;        // n * dim
    std::vector<float> labeledEmbeddings; // m * dim: already-labeled samples (coreset's initial centers)
};

struct Pick
{
    int index = 0;    // into the pool arrays
    double score = 0; // the strategy's informativeness (higher = more informative); for coreset the distance
};

// The model output a strategy ranks by.
enum class ScoreKind { ClassProbabilities, TokenMarginals };

struct Strategy
{
    const char *name;
    ScoreKind reads;
    bool needsEmbeddings; // sample representations (coreset, diverse batches)
    bool needsMcPasses;   // MC-dropout passes (bald)
    // Informativeness of every row (higher = ask first).
    std::vector<double> (*informativeness)(const PoolScores &scores, std::uint64_t seed);
    // Chooses the first `batchSize` picks jointly and orders the rest; null = order by informativeness.
    std::vector<Pick> (*rankBatch)(const PoolScores &scores, const std::vector<double> &informative, int batchSize,
                                   std::uint64_t seed, int limit);

    QString displayName() const { return QString::fromLatin1(name); }
};

// Every strategy; those of one kind keep this order in lists:
//   class probabilities  random, least-confidence, margin, entropy, bald, coreset, diverse-margin
//   token marginals      mnlp, least-confidence, token-entropy, diverse-mnlp, random
// Informativeness (multi-label uses the per-label binary equivalents averaged over labels):
//   least-confidence  1 - max_c p_c                 | 1 - P(best sequence)
//   margin            1 - (p_top1 - p_top2)
//   entropy           -sum_c p_c ln p_c
//   bald              H(mean_t p_t) - mean_t H(p_t) over the MC passes; entropy without passes
//   mnlp              -(1/L) log P(best sequence)   (Shen et al. 2017)
//   token-entropy     (1/L) sum_t H(p_t)
//   random            a seeded uniform draw in [0, 1)
// Batches: coreset is greedy k-center over the embeddings (its pick score the distance to the nearest labeled or
// chosen sample; the rest by that distance); diverse-margin and diverse-mnlp spread the batch by k-means++ over
// the 10 x batch most uncertain rows and order the rest by uncertainty. Without embeddings they fall back to
// margin (coreset, diverse-margin) and mnlp.
const std::vector<Strategy> &strategies();
const Strategy *findStrategy(const QString &name, ScoreKind reads);
QStringList strategyNames(ScoreKind reads);
// Whether the strategy ranks by what the model said (random does not: it needs no predictions).
bool readsModelOutput(const Strategy &strategy);
// Whether some task has a strategy of that name.
bool isStrategyName(const QString &name);
// The strategy for a configured name: that one when it reads `reads`, else the kind's default (margin for
// classes, mnlp for tokens), so a setting written for one task never stops another.
const Strategy &strategyFor(const QString &name, ScoreKind reads);

// Ranks the whole pool, most informative first, ties by a seeded shuffle (deterministic for a seed). At most
// `limit` picks (limit <= 0: all), selected without sorting the whole pool.
std::vector<Pick> rankPool(const Strategy &strategy, const PoolScores &scores, int batchSize, std::uint64_t seed,
                           int limit = 0);

// True while some class has fewer than `minPerClass` labels: rank with coldStartPicks() instead of the model.
bool isColdStart(const std::vector<int> &labelsPerClass, int minPerClass = 2);

// Cold start (fewer than ~2 labels per class): k-means++ over `embeddings` (features), then the sample
// nearest to each centre; returns `batchSize` picks covering the pool's clusters. A pick's score is the
// fraction of the pool in its cluster; picks come largest cluster first.
std::vector<Pick> coldStartPicks(const PoolScores &scores, int batchSize, std::uint64_t seed);

} // namespace marginalia::al
