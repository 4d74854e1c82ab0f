#include "al/QueryStrategy.h"
#include "al/Geometry.h"
#include "al/Ranking.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace marginalia::al {

namespace {

struct NamedStrategy
{
    Strategy strategy;
    const char *name;
};

constexpr NamedStrategy kStrategies[] = {
    {Strategy::Random, "random"},   {Strategy::LeastConfidence, "least-confidence"},
    {Strategy::Margin, "margin"},   {Strategy::Entropy, "entropy"},
    {Strategy::Bald, "bald"},       {Strategy::Coreset, "coreset"},
    {Strategy::DiverseMargin, "diverse-margin"},
};

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

std::vector<double> baldScores(const PoolScores &s)
{
    const int passes = int(s.mc.size());
    std::vector<double> out(size_t(s.n), 0.0);
    detail::parallelFor(s.n, std::int64_t(passes + 1) * s.classes * 8, [&](int begin, int end) {
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

} // namespace

QString strategyName(Strategy strategy)
{
    for (const auto &named : kStrategies)
        if (named.strategy == strategy)
            return QString::fromLatin1(named.name);
    return QString();
}

std::optional<Strategy> strategyFromName(const QString &name)
{
    for (const auto &named : kStrategies)
        if (name.compare(QLatin1String(named.name), Qt::CaseInsensitive) == 0)
            return named.strategy;
    return std::nullopt;
}

QStringList strategyNames()
{
    QStringList names;
    for (const auto &named : kStrategies)
        names << QString::fromLatin1(named.name);
    return names;
}

std::vector<double> informativeness(Strategy strategy, const PoolScores &scores, std::uint64_t seed)
{
    const int n = std::max(0, scores.n);
    std::vector<double> out(size_t(n), 0.0);
    if (strategy == Strategy::Random) {
        for (int i = 0; i < n; ++i) {
            std::uint64_t state = seed ^ (std::uint64_t(i) * 0xD1B54A32D192ED03ull);
            out[size_t(i)] = detail::uniform01(state);
        }
        return out;
    }
    if (strategy == Strategy::Bald && hasPasses(scores))
        return baldScores(scores);
    if (!hasProbabilities(scores))
        return out;
    const int k = scores.classes;
    // Entropy is log-bound; split rows over the pool's threads.
    detail::parallelFor(n, std::int64_t(k) * 8, [&](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            const float *p = scores.probs.data() + std::int64_t(i) * k;
            switch (strategy) {
            case Strategy::LeastConfidence:
                out[size_t(i)] = leastConfidenceOf(p, k, scores.multilabel);
                break;
            case Strategy::Entropy:
            case Strategy::Bald: // without MC passes there is no disagreement to measure; entropy is nearest
                out[size_t(i)] = entropyOf(p, k, scores.multilabel);
                break;
            default:
                out[size_t(i)] = marginOf(p, k, scores.multilabel);
                break;
            }
        }
    });
    return out;
}

std::vector<Pick> rankPool(Strategy strategy, const PoolScores &scores, int batchSize, std::uint64_t seed)
{
    return rankPool(strategy, scores, batchSize, seed, 0);
}

std::vector<Pick> rankPool(Strategy strategy, const PoolScores &scores, int batchSize, std::uint64_t seed, int limit)
{
    if (scores.n <= 0)
        return {};
    batchSize = std::max(1, batchSize);
    if (strategy == Strategy::Coreset && detail::hasEmbeddings(scores))
        return detail::coresetRanking(scores, batchSize, seed, limit);
    if (strategy == Strategy::DiverseMargin && detail::hasEmbeddings(scores))
        return detail::diverseMarginRanking(scores, batchSize, seed, limit);
    const Strategy scoring = strategy == Strategy::Coreset || strategy == Strategy::DiverseMargin ? Strategy::Margin
                                                                                                  : strategy;
    return detail::orderByScore(informativeness(scoring, scores, seed), seed, limit);
}

bool isColdStart(const std::vector<int> &labelsPerClass, int minPerClass)
{
    if (labelsPerClass.empty())
        return true;
    return std::any_of(labelsPerClass.begin(), labelsPerClass.end(), [&](int c) { return c < minPerClass; });
}

namespace detail {

std::vector<Pick> orderByScore(const std::vector<double> &scores, std::uint64_t seed, int limit,
                               const std::vector<char> *skip)
{
    struct Entry
    {
        double score;
        std::uint64_t key;
        int index;
    };
    std::vector<Entry> entries;
    entries.reserve(scores.size());
    const std::uint64_t salt = splitmix64(seed);
    for (size_t i = 0; i < scores.size(); ++i) {
        if (skip && (*skip)[i])
            continue;
        // NaN scores (a broken model output) sort last rather than poisoning the order.
        const double s = std::isnan(scores[i]) ? -std::numeric_limits<double>::infinity() : scores[i];
        entries.push_back({s, splitmix64(salt ^ i), int(i)});
    }
    const auto before = [](const Entry &a, const Entry &b) {
        return a.score != b.score ? a.score > b.score : (a.key != b.key ? a.key < b.key : a.index < b.index);
    };
    if (limit > 0 && size_t(limit) < entries.size()) {
        std::nth_element(entries.begin(), entries.begin() + limit, entries.end(), before);
        entries.resize(size_t(limit));
    }
    std::sort(entries.begin(), entries.end(), before);
    std::vector<Pick> picks;
    picks.reserve(entries.size());
    for (const Entry &e : entries)
        picks.push_back({e.index, e.score});
    return picks;
}

bool hasEmbeddings(const PoolScores &scores)
{
    return scores.dim > 0 && scores.embeddings.size() >= size_t(scores.n) * size_t(scores.dim);
}

} // namespace detail

} // namespace marginalia::al
