#include "al/Strategies.h"
#include "al/Geometry.h"
#include "al/ScoreOrder.h"
#include "al/Uncertainty.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace marginalia::al {

const std::vector<Strategy> &strategies()
{
    using namespace detail;
    constexpr auto C = ScoreKind::ClassProbabilities;
    constexpr auto T = ScoreKind::TokenMarginals;
    static const std::vector<Strategy> all{
        {"random", C, false, false, randomDraw, nullptr},
        {"least-confidence", C, false, false, leastConfidence, nullptr},
        {"margin", C, false, false, margin, nullptr},
        {"entropy", C, false, false, entropy, nullptr},
        {"bald", C, false, true, bald, nullptr},
        {"coreset", C, true, false, margin, coresetRanking},
        {"diverse-margin", C, true, false, margin, diverseRanking},
        {"mnlp", T, false, false, mnlp, nullptr},
        {"least-confidence", T, false, false, sequenceLeastConfidence, nullptr},
        {"token-entropy", T, false, false, tokenEntropy, nullptr},
        {"diverse-mnlp", T, true, false, mnlp, diverseRanking},
        {"random", T, false, false, randomDraw, nullptr},
    };
    return all;
}

const Strategy *findStrategy(const QString &name, ScoreKind reads)
{
    for (const Strategy &s : strategies())
        if (s.reads == reads && name.compare(QLatin1String(s.name), Qt::CaseInsensitive) == 0)
            return &s;
    return nullptr;
}

QStringList strategyNames(ScoreKind reads)
{
    QStringList names;
    for (const Strategy &s : strategies())
        if (s.reads == reads)
            names << s.displayName();
    return names;
}

bool readsModelOutput(const Strategy &strategy)
{
    return strategy.informativeness != detail::randomDraw || strategy.rankBatch;
}

bool isStrategyName(const QString &name)
{
    return findStrategy(name, ScoreKind::ClassProbabilities) || findStrategy(name, ScoreKind::TokenMarginals);
}

const Strategy &strategyFor(const QString &name, ScoreKind reads)
{
    if (const Strategy *s = findStrategy(name, reads))
        return *s;
    return *findStrategy(reads == ScoreKind::TokenMarginals ? QStringLiteral("mnlp") : QStringLiteral("margin"), reads);
}

std::vector<Pick> rankPool(const Strategy &strategy, const PoolScores &scores, int batchSize, std::uint64_t seed,
                           int limit)
{
    if (scores.n <= 0)
        return {};
    const std::vector<double> informative = strategy.informativeness(scores, seed);
    if (strategy.rankBatch && detail::hasEmbeddings(scores))
        return strategy.rankBatch(scores, informative, std::max(1, batchSize), seed, limit);
    return detail::orderByScore(informative, seed, limit);
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
