#include "ml/PoolRanking.h"

#include "text/FeatureHasher.h"

#include <unordered_set>

namespace marginalia::ml {

bool isColdStart(const std::vector<Example> &labeled, int classes)
{
    std::vector<int> counts(static_cast<std::size_t>(std::max(classes, 0)), 0);
    for (const Example &e : labeled)
        for (int k : e.labels)
            if (k >= 0 && k < classes)
                ++counts[static_cast<std::size_t>(k)];
    return al::isColdStart(counts);
}

bool needsHidden(al::Strategy strategy)
{
    return strategy == al::Strategy::Coreset || strategy == al::Strategy::DiverseMargin;
}

bool needsMcPasses(al::Strategy strategy) { return strategy == al::Strategy::Bald; }

std::vector<al::Pick> rankUnlabeled(al::Strategy strategy, const ModelOutput &pool,
                                    const std::vector<float> &labeledHidden, bool multilabel, bool coldStart,
                                    const std::vector<std::vector<std::int64_t>> &poolFeatures, int batchSize,
                                    std::uint64_t seed, int limit)
{
    if (pool.n == 0)
        return {};
    al::PoolScores scores;
    scores.n = pool.n;
    scores.classes = pool.classes;
    scores.multilabel = multilabel;
    scores.probs = pool.probs;
    scores.mc = pool.mc;
    if (!pool.hidden.empty()) {
        scores.dim = pool.dim;
        scores.embeddings = pool.hidden;
        scores.labeledEmbeddings = labeledHidden;
    }
    std::vector<al::Pick> ranked = al::rankPool(strategy, scores, batchSize, seed, limit);
    if (!coldStart)
        return ranked;

    al::PoolScores features;
    features.n = pool.n;
    features.classes = pool.classes;
    features.multilabel = multilabel;
    features.probs = pool.probs;
    features.dim = 32;
    features.embeddings.reserve(poolFeatures.size() * static_cast<std::size_t>(features.dim));
    for (const auto &f : poolFeatures) {
        const std::vector<float> v = text::FeatureHasher::denseVector(f, features.dim);
        features.embeddings.insert(features.embeddings.end(), v.begin(), v.end());
    }
    std::vector<al::Pick> picks = al::coldStartPicks(features, batchSize, seed);
    std::unordered_set<int> taken;
    for (const al::Pick &p : picks)
        taken.insert(p.index);
    for (const al::Pick &p : ranked)
        if (!taken.count(p.index) && (limit <= 0 || static_cast<int>(picks.size()) < limit))
            picks.push_back(p);
    return picks;
}

} // namespace marginalia::ml
