#include "al/SequenceQuery.h"
#include "al/Geometry.h"
#include "al/Ranking.h"

#include <algorithm>

namespace marginalia::al {

namespace {
struct NamedQuery
{
    SequenceQuery query;
    const char *name;
};

constexpr NamedQuery kQueries[] = {
    {SequenceQuery::Mnlp, "mnlp"},
    {SequenceQuery::LeastConfidence, "least-confidence"},
    {SequenceQuery::TokenEntropy, "token-entropy"},
    {SequenceQuery::DiverseMnlp, "diverse-mnlp"},
    {SequenceQuery::Random, "random"},
};

SequenceStrategy scoringOf(SequenceQuery query)
{
    switch (query) {
    case SequenceQuery::LeastConfidence:
        return SequenceStrategy::LeastConfidence;
    case SequenceQuery::TokenEntropy:
        return SequenceStrategy::TokenEntropy;
    default:
        return SequenceStrategy::Mnlp;
    }
}
} // namespace

QString sequenceQueryName(SequenceQuery query)
{
    for (const auto &named : kQueries)
        if (named.query == query)
            return QString::fromLatin1(named.name);
    return QString();
}

std::optional<SequenceQuery> sequenceQueryFromName(const QString &name)
{
    for (const auto &named : kQueries)
        if (name.compare(QLatin1String(named.name), Qt::CaseInsensitive) == 0)
            return named.query;
    return std::nullopt;
}

QStringList sequenceQueryNames()
{
    QStringList names;
    for (const auto &named : kQueries)
        names << QString::fromLatin1(named.name);
    return names;
}

SequenceQuery sequenceQueryFor(const QString &name)
{
    return sequenceQueryFromName(name).value_or(SequenceQuery::Mnlp);
}

bool needsSentenceStates(SequenceQuery query)
{
    return query == SequenceQuery::DiverseMnlp;
}

std::vector<Pick> rankSequencePool(SequenceQuery query, const SequenceScores &scores, const std::vector<float> &states,
                                   int dim, int batchSize, std::uint64_t seed, int limit)
{
    const int n = static_cast<int>(scores.marginals.size());
    if (query == SequenceQuery::Random) {
        std::vector<double> draw(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            std::uint64_t state = seed ^ (std::uint64_t(i) * 0xD1B54A32D192ED03ull);
            draw[static_cast<std::size_t>(i)] = detail::uniform01(state);
        }
        return detail::orderByScore(draw, seed, limit);
    }
    const std::vector<double> informative = sequenceInformativeness(scoringOf(query), scores);
    const bool diverse = query == SequenceQuery::DiverseMnlp && dim > 0 && batchSize > 0
                         && states.size() >= static_cast<std::size_t>(n) * static_cast<std::size_t>(dim);
    if (!diverse)
        return detail::orderByScore(informative, seed, limit);

    // Candidates: the 10 x batch most uncertain sentences; k-means++ seeding spreads the batch over them,
    // starting from the most uncertain one, so a batch does not spend its labels on near-duplicates.
    const int candidateCount = static_cast<int>(std::min<std::int64_t>(n, std::int64_t(batchSize) * 10));
    std::vector<int> rows;
    for (const Pick &p : detail::orderByScore(informative, seed, candidateCount))
        rows.push_back(p.index);
    const auto chosen = detail::kmeansppSeeds(states.data(), dim, rows, std::min(batchSize, n), seed, 0);
    std::vector<char> taken(static_cast<std::size_t>(n), 0);
    std::vector<Pick> picks;
    for (int position : chosen) {
        const int index = rows[static_cast<std::size_t>(position)];
        taken[static_cast<std::size_t>(index)] = 1;
        picks.push_back({index, informative[static_cast<std::size_t>(index)]});
    }
    if (limit > 0 && static_cast<int>(picks.size()) >= limit) {
        picks.resize(static_cast<std::size_t>(limit));
        return picks;
    }
    const auto rest = detail::orderByScore(informative, seed, limit > 0 ? limit - static_cast<int>(picks.size()) : 0, &taken);
    picks.insert(picks.end(), rest.begin(), rest.end());
    return picks;
}

} // namespace marginalia::al
