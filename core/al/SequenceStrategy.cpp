#include "al/SequenceStrategy.h"
#include "al/Ranking.h"

#include <algorithm>
#include <cmath>

namespace marginalia::al {

namespace {

struct NamedSequenceStrategy
{
    SequenceStrategy strategy;
    const char *name;
};

constexpr NamedSequenceStrategy kSequenceStrategies[] = {
    {SequenceStrategy::LeastConfidence, "least-confidence"},
    {SequenceStrategy::Mnlp, "mnlp"},
    {SequenceStrategy::TokenEntropy, "token-entropy"},
};

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
            entropy -= p[c] > 0 ? double(p[c]) * std::log(double(p[c])) : 0.0;
    }
}

} // namespace

QString sequenceStrategyName(SequenceStrategy strategy)
{
    for (const auto &named : kSequenceStrategies)
        if (named.strategy == strategy)
            return QString::fromLatin1(named.name);
    return QString();
}

std::optional<SequenceStrategy> sequenceStrategyFromName(const QString &name)
{
    for (const auto &named : kSequenceStrategies)
        if (name.compare(QLatin1String(named.name), Qt::CaseInsensitive) == 0)
            return named.strategy;
    return std::nullopt;
}

QStringList sequenceStrategyNames()
{
    QStringList names;
    for (const auto &named : kSequenceStrategies)
        names << QString::fromLatin1(named.name);
    return names;
}

std::vector<double> sequenceInformativeness(SequenceStrategy strategy, const SequenceScores &scores)
{
    std::vector<double> out(scores.marginals.size(), 0.0);
    if (scores.tags <= 0)
        return out;
    const bool haveBest = scores.bestLogProb.size() >= scores.marginals.size();
    for (size_t i = 0; i < scores.marginals.size(); ++i) {
        const int length = int(scores.marginals[i].size() / size_t(scores.tags));
        if (length == 0)
            continue;
        double logBest = 0, entropy = 0;
        tokenStatistics(scores.marginals[i], scores.tags, length, logBest, entropy);
        if (haveBest)
            logBest = scores.bestLogProb[i];
        switch (strategy) {
        case SequenceStrategy::LeastConfidence:
            out[i] = 1.0 - std::exp(logBest);
            break;
        case SequenceStrategy::Mnlp:
            out[i] = -logBest / length;
            break;
        case SequenceStrategy::TokenEntropy:
            out[i] = entropy / length;
            break;
        }
    }
    return out;
}

std::vector<Pick> rankSequences(SequenceStrategy strategy, const SequenceScores &scores, std::uint64_t seed,
                                int limit)
{
    return detail::orderByScore(sequenceInformativeness(strategy, scores), seed, limit);
}

} // namespace marginalia::al
