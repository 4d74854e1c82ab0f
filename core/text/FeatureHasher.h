#pragma once
#include "text/Tokenizer.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace marginalia::text {

struct FeatureConfig
{
    int buckets = 1 << 20;   // rows of the embedding table
    int wordNgrams = 2;      // 1 = unigrams only; 2 adds bigrams (in CJK runs these are character bigrams)
    bool charNgrams = false; // add character n-grams of each word (fastText-style subwords)
    int charNgramMin = 3;
    int charNgramMax = 5;
    int maxTokens = 4000;    // long documents are cut here
};

// fastText-style hashing trick: every n-gram becomes a bucket id in [0, buckets). Deterministic across runs
// and machines (a fixed FNV-1a hash of the UTF-8 bytes).
class FeatureHasher
{
public:
    explicit FeatureHasher(FeatureConfig config = {});
    const FeatureConfig &config() const { return m_config; }

    std::vector<std::int64_t> features(const QString &text) const;
    // features() of every text, spread over the global thread pool (the hasher is safe to share between
    // threads); result i belongs to texts[i].
    std::vector<std::vector<std::int64_t>> featuresOfAll(const QStringList &texts) const;
    std::vector<std::int64_t> featuresOfTokens(const QStringList &normalizedTokens) const;
    // Training augmentation: features() of the text after swapping neighbouring tokens, each pair with
    // probability `swapProbability` (a swapped token is not swapped again). Unigrams stay; the bigrams around
    // each swap change, which teaches the model not to lean on one word order. Deterministic for a seed.
    std::vector<std::int64_t> featuresWithSwaps(const QString &text, double swapProbability, std::uint64_t seed) const;
    // The bucket of a single normalized word (used to seed pretrained vectors).
    std::int64_t bucketOf(const QString &normalizedWord) const;

    // Folds bucket ids into a small dense vector (signed hashing of each id into `dim` slots, then unit
    // length), for clustering documents before any model exists (al::coldStartPicks' embeddings).
    static std::vector<float> denseVector(const std::vector<std::int64_t> &features, int dim);

private:
    FeatureConfig m_config;
};

} // namespace marginalia::text
