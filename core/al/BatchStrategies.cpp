// Strategies that choose a batch jointly: coreset (greedy k-center), diverse batches (k-means++ over the most
// uncertain candidates) and the cold-start cluster picks.
#include "al/Geometry.h"
#include "al/ScoreOrder.h"
#include "al/Uncertainty.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace marginalia::al {

namespace detail {

namespace {

const float *row(const std::vector<float> &data, int i, int dim)
{
    return data.data() + std::int64_t(i) * dim;
}

// Appends the rest of the pool after a batch, cut so that the result holds at most `limit` picks.
void appendRest(std::vector<Pick> &picks, const std::vector<double> &restScores, std::uint64_t seed, int limit,
                const std::vector<char> &taken)
{
    if (limit > 0 && int(picks.size()) >= limit) {
        picks.resize(size_t(limit));
        return;
    }
    const int restLimit = limit > 0 ? limit - int(picks.size()) : 0;
    const auto rest = orderByScore(restScores, seed, restLimit, &taken);
    picks.insert(picks.end(), rest.begin(), rest.end());
}

} // namespace

std::vector<Pick> coresetRanking(const PoolScores &scores, const std::vector<double> &, int batchSize,
                                 std::uint64_t seed, int limit)
{
    const int n = scores.n, dim = scores.dim;
    const auto &x = scores.embeddings;
    const int m = int(scores.labeledEmbeddings.size() / size_t(dim));
    std::vector<double> minD(static_cast<size_t>(n));
    if (m > 0) {
        parallelFor(n, std::int64_t(m) * dim, [&](int begin, int end) {
            for (int i = begin; i < end; ++i) {
                float best = std::numeric_limits<float>::max();
                for (int l = 0; l < m; ++l)
                    best = std::min(best, squaredDistance(row(x, i, dim), row(scores.labeledEmbeddings, l, dim), dim));
                minD[size_t(i)] = best;
            }
        });
    } else {
        // Nothing labeled yet: the pool's centre stands in for the labeled set.
        std::vector<double> sum(size_t(dim), 0.0);
        for (int i = 0; i < n; ++i)
            for (int d = 0; d < dim; ++d)
                sum[size_t(d)] += row(x, i, dim)[d];
        std::vector<float> centre(static_cast<size_t>(dim));
        for (int d = 0; d < dim; ++d)
            centre[size_t(d)] = float(sum[size_t(d)] / n);
        for (int i = 0; i < n; ++i)
            minD[size_t(i)] = squaredDistance(row(x, i, dim), centre.data(), dim);
    }

    std::vector<char> taken(size_t(n), 0);
    std::vector<Pick> picks;
    const std::uint64_t salt = splitmix64(seed);
    const int batch = std::min(batchSize, n);
    for (int b = 0; b < batch; ++b) {
        // Farthest remaining point from every centre; equal distances go to the seeded tie key.
        int best = -1;
        std::uint64_t bestKey = 0;
        for (int i = 0; i < n; ++i) {
            if (taken[size_t(i)])
                continue;
            const std::uint64_t key = splitmix64(salt ^ std::uint64_t(i));
            if (best < 0 || minD[size_t(i)] > minD[size_t(best)]
                || (minD[size_t(i)] == minD[size_t(best)] && key < bestKey)) {
                best = i;
                bestKey = key;
            }
        }
        taken[size_t(best)] = 1;
        picks.push_back({best, std::sqrt(std::max(0.0, minD[size_t(best)]))});
        const float *centre = row(x, best, dim);
        parallelFor(n, dim, [&](int begin, int end) {
            for (int i = begin; i < end; ++i)
                minD[size_t(i)] = std::min(minD[size_t(i)], double(squaredDistance(row(x, i, dim), centre, dim)));
        });
    }
    for (auto &d : minD)
        d = std::sqrt(std::max(0.0, d));
    appendRest(picks, minD, seed, limit, taken);
    return picks;
}

std::vector<Pick> diverseRanking(const PoolScores &scores, const std::vector<double> &informative, int batchSize,
                                 std::uint64_t seed, int limit)
{
    const int n = scores.n;
    // The 10 x batch most uncertain rows are the candidates; k-means++ seeding spreads the batch over them,
    // starting from the most uncertain one, so a batch does not spend its labels on near-duplicates.
    const int candidateCount = int(std::min<std::int64_t>(n, std::int64_t(batchSize) * 10));
    const auto candidates = orderByScore(informative, seed, candidateCount);
    std::vector<int> rows;
    rows.reserve(candidates.size());
    for (const Pick &p : candidates)
        rows.push_back(p.index);
    const auto chosen = kmeansppSeeds(scores.embeddings.data(), scores.dim, rows, std::min(batchSize, n), seed, 0);

    std::vector<char> taken(size_t(n), 0);
    std::vector<Pick> picks;
    for (int position : chosen) {
        const int index = rows[size_t(position)];
        taken[size_t(index)] = 1;
        picks.push_back({index, informative[size_t(index)]});
    }
    appendRest(picks, informative, seed, limit, taken);
    return picks;
}

} // namespace detail

std::vector<Pick> coldStartPicks(const PoolScores &scores, int batchSize, std::uint64_t seed)
{
    const int n = std::max(0, scores.n);
    const int k = std::min(std::max(1, batchSize), n);
    if (k == 0)
        return {};
    if (!detail::hasEmbeddings(scores))
        return detail::orderByScore(detail::randomDraw(scores, seed), seed, k);

    // Fit on a seeded sample of at most kFitRows rows (cluster structure shows long before 100k rows), then
    // assign the whole pool once.
    const int dim = scores.dim;
    constexpr int kFitRows = 10000;
    std::vector<float> sample;
    const float *fitData = scores.embeddings.data();
    int fitRows = n;
    if (n > kFitRows) {
        std::vector<int> shuffled(static_cast<size_t>(n));
        std::iota(shuffled.begin(), shuffled.end(), 0);
        std::uint64_t state = detail::splitmix64(seed ^ 0x636f6c64ull);
        for (int i = 0; i < kFitRows; ++i) {
            const int j = i + int(detail::uniform01(state) * (n - i));
            std::swap(shuffled[size_t(i)], shuffled[size_t(std::min(j, n - 1))]);
        }
        sample.reserve(size_t(kFitRows) * size_t(dim));
        for (int i = 0; i < kFitRows; ++i) {
            const float *r = scores.embeddings.data() + std::int64_t(shuffled[size_t(i)]) * dim;
            sample.insert(sample.end(), r, r + dim);
        }
        fitData = sample.data();
        fitRows = kFitRows;
    }
    detail::Clustering clusters = detail::kmeans(fitData, fitRows, dim, k, seed, 20);
    if (fitRows < n) {
        clusters.assignment.assign(size_t(n), -1);
        detail::assignToCentres(scores.embeddings.data(), n, dim, clusters.centres, clusters.assignment,
                                clusters.distance);
    }
    const int centres = int(clusters.centres.size() / size_t(dim));
    std::vector<int> nearest(size_t(centres), -1);
    std::vector<int> sizes(size_t(centres), 0);
    for (int i = 0; i < n; ++i) {
        const int c = clusters.assignment[size_t(i)];
        ++sizes[size_t(c)];
        if (nearest[size_t(c)] < 0 || clusters.distance[size_t(i)] < clusters.distance[size_t(nearest[size_t(c)])])
            nearest[size_t(c)] = i;
    }
    std::vector<int> order(static_cast<size_t>(centres));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return sizes[size_t(a)] > sizes[size_t(b)]; });

    std::vector<char> taken(size_t(n), 0);
    std::vector<Pick> picks;
    for (int c : order) {
        const int index = nearest[size_t(c)];
        if (index < 0 || taken[size_t(index)])
            continue;
        taken[size_t(index)] = 1;
        picks.push_back({index, double(sizes[size_t(c)]) / n});
    }
    // Empty or merged clusters leave the batch short: top it up with seeded random rows.
    if (int(picks.size()) < k) {
        const auto random = detail::randomDraw(scores, seed);
        const auto extra = detail::orderByScore(random, seed, k - int(picks.size()), &taken);
        for (const Pick &p : extra)
            picks.push_back({p.index, 0.0});
    }
    return picks;
}

} // namespace marginalia::al
