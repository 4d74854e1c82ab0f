#include "al/Geometry.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <atomic>
#include <limits>

namespace marginalia::al::detail {

float squaredDistance(const float *a, const float *b, int dim)
{
    // Eight independent partial sums: lets the compiler vectorize without reassociating one long sum.
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int d = 0;
    for (; d + 8 <= dim; d += 8) {
        for (int k = 0; k < 8; ++k) {
            const float diff = a[d + k] - b[d + k];
            acc[k] += diff * diff;
        }
    }
    float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; d < dim; ++d) {
        const float diff = a[d] - b[d];
        sum += diff * diff;
    }
    return sum;
}

void parallelFor(int n, std::int64_t costPerItem, const std::function<void(int, int)> &fn)
{
    const int threads = std::max(1, QThreadPool::globalInstance()->maxThreadCount());
    if (n <= 0)
        return;
    if (threads == 1 || std::int64_t(n) * costPerItem < (1 << 18)) {
        fn(0, n);
        return;
    }
    const int chunks = std::min(n, threads * 4);
    std::vector<std::pair<int, int>> ranges;
    ranges.reserve(size_t(chunks));
    for (int c = 0; c < chunks; ++c)
        ranges.emplace_back(int(std::int64_t(n) * c / chunks), int(std::int64_t(n) * (c + 1) / chunks));
    QtConcurrent::blockingMap(ranges, [&fn](const std::pair<int, int> &r) { fn(r.first, r.second); });
}

std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

double uniform01(std::uint64_t &state)
{
    state = splitmix64(state);
    return double(state >> 11) * (1.0 / 9007199254740992.0);
}

std::vector<int> kmeansppSeeds(const float *data, int dim, const std::vector<int> &rows, int k, std::uint64_t seed,
                               int first)
{
    const int m = int(rows.size());
    k = std::min(k, m);
    std::vector<int> chosen;
    if (k <= 0)
        return chosen;
    std::uint64_t state = splitmix64(seed ^ 0x6b6d65616e73ull);
    if (first < 0 || first >= m)
        first = std::min(m - 1, int(uniform01(state) * m));
    chosen.push_back(first);
    std::vector<double> d2(size_t(m), std::numeric_limits<double>::infinity());
    std::vector<char> taken(size_t(m), 0);
    taken[size_t(first)] = 1;
    while (int(chosen.size()) < k) {
        const float *centre = data + std::int64_t(rows[size_t(chosen.back())]) * dim;
        parallelFor(m, dim, [&](int begin, int end) {
            for (int i = begin; i < end; ++i) {
                const double d = squaredDistance(data + std::int64_t(rows[size_t(i)]) * dim, centre, dim);
                d2[size_t(i)] = std::min(d2[size_t(i)], d);
            }
        });
        double total = 0;
        for (int i = 0; i < m; ++i)
            total += taken[size_t(i)] ? 0.0 : d2[size_t(i)];
        int next = -1;
        if (total > 0) {
            // D^2 sampling: walk the cumulative weights to the drawn point.
            const double target = uniform01(state) * total;
            double running = 0;
            for (int i = 0; i < m; ++i) {
                if (taken[size_t(i)] || d2[size_t(i)] <= 0)
                    continue;
                running += d2[size_t(i)];
                next = i;
                if (running > target)
                    break;
            }
        } else {
            // Only duplicates of chosen rows remain: take them in order.
            for (int i = 0; i < m && next < 0; ++i)
                if (!taken[size_t(i)])
                    next = i;
        }
        if (next < 0)
            break;
        taken[size_t(next)] = 1;
        chosen.push_back(next);
    }
    return chosen;
}

bool assignToCentres(const float *data, int n, int dim, const std::vector<float> &centres, std::vector<int> &assignment,
                     std::vector<float> &distance)
{
    const int k = int(centres.size() / size_t(dim));
    assignment.resize(size_t(n), -1);
    distance.resize(size_t(n), 0.0f);
    std::atomic<bool> changed{false};
    parallelFor(n, std::int64_t(k) * dim, [&](int begin, int end) {
        bool localChange = false;
        for (int i = begin; i < end; ++i) {
            int best = 0;
            float bestD = std::numeric_limits<float>::max();
            for (int c = 0; c < k; ++c) {
                const float d = squaredDistance(data + std::int64_t(i) * dim, &centres[size_t(c) * dim], dim);
                if (d < bestD)
                    bestD = d, best = c;
            }
            localChange = localChange || assignment[size_t(i)] != best;
            assignment[size_t(i)] = best;
            distance[size_t(i)] = bestD;
        }
        if (localChange)
            changed = true;
    });
    return changed;
}

Clustering kmeans(const float *data, int n, int dim, int k, std::uint64_t seed, int iterations)
{
    Clustering result;
    k = std::min(k, n);
    if (k <= 0 || dim <= 0)
        return result;
    std::vector<int> all(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        all[size_t(i)] = i;
    const auto seeds = kmeansppSeeds(data, dim, all, k, seed);
    k = int(seeds.size());
    result.centres.resize(size_t(k) * size_t(dim));
    for (int c = 0; c < k; ++c)
        std::copy_n(data + std::int64_t(seeds[size_t(c)]) * dim, dim, result.centres.begin() + std::int64_t(c) * dim);
    result.assignment.assign(size_t(n), -1);
    result.distance.assign(size_t(n), 0.0f);
    std::vector<double> sums(size_t(k) * size_t(dim));
    std::vector<int> counts(static_cast<size_t>(k));
    for (int iter = 0; iter < std::max(1, iterations); ++iter) {
        const bool changed = assignToCentres(data, n, dim, result.centres, result.assignment, result.distance);
        // Stop once stable, or after the last assignment so assignment and distance match the centres.
        if ((!changed && iter > 0) || iter + 1 >= std::max(1, iterations))
            break;
        std::fill(sums.begin(), sums.end(), 0.0);
        std::fill(counts.begin(), counts.end(), 0);
        for (int i = 0; i < n; ++i) {
            const int c = result.assignment[size_t(i)];
            ++counts[size_t(c)];
            for (int d = 0; d < dim; ++d)
                sums[size_t(c) * dim + d] += data[std::int64_t(i) * dim + d];
        }
        for (int c = 0; c < k; ++c) {
            if (counts[size_t(c)] == 0) {
                // An emptied cluster restarts at the row farthest from its centre.
                const auto far =
                    std::max_element(result.distance.begin(), result.distance.end()) - result.distance.begin();
                std::copy_n(data + far * dim, dim, result.centres.begin() + std::int64_t(c) * dim);
                result.distance[size_t(far)] = 0;
                continue;
            }
            for (int d = 0; d < dim; ++d)
                result.centres[size_t(c) * dim + d] = float(sums[size_t(c) * dim + d] / counts[size_t(c)]);
        }
    }
    return result;
}

} // namespace marginalia::al::detail
