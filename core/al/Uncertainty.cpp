#include "al/Uncertainty.h"
#include "al/Geometry.h"

#include <algorithm>
#include <cmath>

namespace marginalia::al::detail {

namespace {

inline double plogp(double p)
{
    return p > 0 ? p * std::log(p) : 0.0;
}

inline double binaryEntropy(double p)
{
    return -plogp(p) - plogp(1.0 - p);
}

double entropyOf(const float *p, int classes, bool multilabel)
{
    double h = 0;
    for (int c = 0; c < classes; ++c)
        h += multilabel ? binaryEntropy(p[c]) : -plogp(p[c]);
    return multilabel && classes > 0 ? h / classes : h;
}

double leastConfidenceOf(const float *p, int classes, bool multilabel)
{
    if (multilabel) {
        double sum = 0;
        for (int c = 0; c < classes; ++c)
            sum += 1.0 - std::max(double(p[c]), 1.0 - p[c]);
        return classes > 0 ? sum / classes : 0.0;
    }
    return 1.0 - (classes > 0 ? double(*std::max_element(p, p + classes)) : 0.0);
}

double marginOf(const float *p, int classes, bool multilabel)
{
    if (multilabel) {
        double sum = 0;
        for (int c = 0; c < classes; ++c)
            sum += 1.0 - std::abs(2.0 * p[c] - 1.0);
        return classes > 0 ? sum / classes : 0.0;
    }
    float top1 = -1, top2 = 0;
    for (int c = 0; c < classes; ++c) {
        if (p[c] > top1) {
            top2 = std::max(top1, 0.0f);
            top1 = p[c];
        } else if (p[c] > top2) {
            top2 = p[c];
        }
    }
    return 1.0 - (double(std::max(top1, 0.0f)) - double(top2));
}

bool hasProbabilities(const PoolScores &s)
{
    return s.n > 0 && s.classes > 0 && s.probs.size() >= size_t(s.n) * size_t(s.classes);
}

bool hasPasses(const PoolScores &s)
{
    if (s.mc.empty() || s.classes <= 0)
        return false;
    for (const auto &pass : s.mc)
        if (pass.size() < size_t(s.n) * size_t(s.classes))
            return false;
    return true;
}

// One score per row from the row's class probabilities; rows are split over the pool's threads (entropy is
// log-bound). Zero everywhere when the probabilities are missing.
template <typename RowScore>
std::vector<double> perRow(const PoolScores &s, RowScore score)
{
    std::vector<double> out(size_t(std::max(0, s.n)), 0.0);
    if (!hasProbabilities(s))
        return out;
    const int k = s.classes;
    parallelFor(s.n, std::int64_t(k) * 8, [&](int begin, int end) {
        for (int i = begin; i < end; ++i)
            out[size_t(i)] = score(s.probs.data() + std::int64_t(i) * k, k, s.multilabel);
    });
    return out;
}

// Log-probability of the per-token argmax sequence, and the summed token entropies.
void tokenStatistics(const std::vector<float> &marginals, int tags, int length, double &logBest, double &entropy)
{
    logBest = 0;
    entropy = 0;
    for (int t = 0; t < length; ++t) {
        const float *p = marginals.data() + std::int64_t(t) * tags;
        const float best = *std::max_element(p, p + tags);
        // A zero maximum only comes from a broken distribution; clamp so the log stays finite.
        logBest += std::log(std::max(double(best), 1e-12));
        for (int c = 0; c < tags; ++c)
            entropy -= plogp(p[c]);
    }
}

// One score per sentence from (log P(best sequence), summed token entropy, length); empty sentences score 0.
template <typename SentenceScore>
std::vector<double> perSentence(const PoolScores &s, SentenceScore score)
{
    std::vector<double> out(s.marginals.size(), 0.0);
    if (s.tags <= 0)
        return out;
    const bool haveBest = s.bestLogProb.size() >= s.marginals.size();
    for (size_t i = 0; i < s.marginals.size(); ++i) {
        const int length = int(s.marginals[i].size() / size_t(s.tags));
        if (length == 0)
            continue;
        double logBest = 0, entropy = 0;
        tokenStatistics(s.marginals[i], s.tags, length, logBest, entropy);
        if (haveBest)
            logBest = s.bestLogProb[i];
        out[i] = score(logBest, entropy, length);
    }
    return out;
}

} // namespace

std::vector<double> randomDraw(const PoolScores &scores, std::uint64_t seed)
{
    std::vector<double> out(size_t(std::max(0, scores.n)));
    for (size_t i = 0; i < out.size(); ++i) {
        std::uint64_t state = seed ^ (std::uint64_t(i) * 0xD1B54A32D192ED03ull);
        out[i] = uniform01(state);
    }
    return out;
}

std::vector<double> leastConfidence(const PoolScores &scores, std::uint64_t)
{
    return perRow(scores, leastConfidenceOf);
}

std::vector<double> margin(const PoolScores &scores, std::uint64_t)
{
    return perRow(scores, marginOf);
}

std::vector<double> entropy(const PoolScores &scores, std::uint64_t)
{
    return perRow(scores, entropyOf);
}

std::vector<double> bald(const PoolScores &s, std::uint64_t seed)
{
    // Without MC passes there is no disagreement to measure; entropy is nearest.
    if (!hasPasses(s))
        return entropy(s, seed);
    const int passes = int(s.mc.size());
    std::vector<double> out(size_t(s.n), 0.0);
    parallelFor(s.n, std::int64_t(passes + 1) * s.classes * 8, [&](int begin, int end) {
        std::vector<float> mean(size_t(s.classes));
        for (int i = begin; i < end; ++i) {
            std::fill(mean.begin(), mean.end(), 0.0f);
            double meanOfEntropies = 0;
            for (const auto &pass : s.mc) {
                const float *p = pass.data() + std::int64_t(i) * s.classes;
                for (int c = 0; c < s.classes; ++c)
                    mean[size_t(c)] += p[c] / float(passes);
                meanOfEntropies += entropyOf(p, s.classes, s.multilabel) / passes;
            }
            out[size_t(i)] = entropyOf(mean.data(), s.classes, s.multilabel) - meanOfEntropies;
        }
    });
    return out;
}

std::vector<double> sequenceLeastConfidence(const PoolScores &scores, std::uint64_t)
{
    return perSentence(scores, [](double logBest, double, int) { return 1.0 - std::exp(logBest); });
}

std::vector<double> mnlp(const PoolScores &scores, std::uint64_t)
{
    return perSentence(scores, [](double logBest, double, int length) { return -logBest / length; });
}

std::vector<double> tokenEntropy(const PoolScores &scores, std::uint64_t)
{
    return perSentence(scores, [](double, double entropy, int length) { return entropy / length; });
}

} // namespace marginalia::al::detail
