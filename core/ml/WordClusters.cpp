#include "ml/WordClusters.h"
#include "ml/TrainingConfig.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>
#include <random>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

// Rows of `values` (n x dim) scaled to unit length; a zero row stays zero.
std::vector<float> unitRows(const std::vector<float> &values, std::size_t n, std::size_t dim)
{
    std::vector<float> out(values.begin(), values.begin() + std::ptrdiff_t(n * dim));
    for (std::size_t i = 0; i < n; ++i) {
        float *row = out.data() + i * dim;
        double norm = 0;
        for (std::size_t j = 0; j < dim; ++j)
            norm += double(row[j]) * row[j];
        if (norm > 0)
            for (std::size_t j = 0; j < dim; ++j)
                row[j] = float(row[j] / std::sqrt(norm));
    }
    return out;
}

// The centroid most similar to `row` (dot product of unit vectors).
int nearest(const float *row, const std::vector<float> &centroids, std::size_t k, std::size_t dim)
{
    int best = 0;
    float bestDot = -2;
    for (std::size_t c = 0; c < k; ++c) {
        const float *centroid = centroids.data() + c * dim;
        float dot = 0;
        for (std::size_t j = 0; j < dim; ++j)
            dot += row[j] * centroid[j];
        if (dot > bestDot) {
            bestDot = dot;
            best = int(c);
        }
    }
    return best;
}

// Spherical k-means over the first `m` rows of `unit`: the k unit-length centroids.
std::vector<float> fitCentroids(const std::vector<float> &unit, std::size_t m, std::size_t dim, std::size_t k,
                                std::mt19937_64 &rng, int iterations)
{
    // k-means++ seeding: each next centroid is a word drawn with odds growing with its squared distance to the
    // nearest centroid so far, so that groups far apart each get one.
    std::vector<float> centroids(k * dim);
    std::vector<double> distance(m, 4.0); // squared distance of unit vectors is at most 4
    std::size_t chosen = std::uniform_int_distribution<std::size_t>(0, m - 1)(rng);
    for (std::size_t c = 0; c < k; ++c) {
        const float *picked = unit.data() + chosen * dim;
        std::copy_n(picked, dim, centroids.begin() + std::ptrdiff_t(c * dim));
        double total = 0;
        for (std::size_t i = 0; i < m; ++i) {
            const float *row = unit.data() + i * dim;
            double dot = 0;
            for (std::size_t j = 0; j < dim; ++j)
                dot += double(row[j]) * picked[j];
            distance[i] = std::min(distance[i], std::max(0.0, 2.0 - 2.0 * dot));
            total += distance[i];
        }
        if (total <= 0) { // every word sits on a centroid already
            chosen = std::uniform_int_distribution<std::size_t>(0, m - 1)(rng);
            continue;
        }
        double at = std::uniform_real_distribution<double>(0.0, total)(rng);
        chosen = m - 1;
        for (std::size_t i = 0; i < m; ++i) {
            at -= distance[i];
            if (at < 0) {
                chosen = i;
                break;
            }
        }
    }
    std::vector<int> assigned(m, 0);
    for (int it = 0; it < iterations; ++it) {
        for (std::size_t i = 0; i < m; ++i)
            assigned[i] = nearest(unit.data() + i * dim, centroids, k, dim);
        std::vector<double> sums(k * dim, 0.0);
        std::vector<int> counts(k, 0);
        for (std::size_t i = 0; i < m; ++i) {
            const std::size_t c = std::size_t(assigned[i]);
            ++counts[c];
            for (std::size_t j = 0; j < dim; ++j)
                sums[c * dim + j] += unit[i * dim + j];
        }
        for (std::size_t c = 0; c < k; ++c) {
            if (counts[c] == 0)
                continue; // an empty cluster keeps its centroid
            double norm = 0;
            for (std::size_t j = 0; j < dim; ++j)
                norm += sums[c * dim + j] * sums[c * dim + j];
            norm = std::sqrt(norm);
            for (std::size_t j = 0; j < dim; ++j)
                centroids[c * dim + j] = norm > 0 ? float(sums[c * dim + j] / norm) : 0.0f;
        }
    }
    return centroids;
}
} // namespace

WordClasses clusterWords(const WordVectorTable &table, const std::vector<int> &levels, std::uint64_t seed, int iterations,
                         int fitWords)
{
    WordClasses out;
    const std::size_t dim = std::size_t(std::max(0, table.dim));
    const std::size_t n = dim > 0 ? std::min<std::size_t>(std::size_t(table.words.size()), table.values.size() / dim) : 0;
    if (n == 0)
        return out;
    const std::vector<float> unit = unitRows(table.values, n, dim);
    const std::size_t m = std::min<std::size_t>(n, std::size_t(std::max(1, fitWords)));
    std::mt19937_64 rng(seed);
    std::vector<std::vector<int>> perLevel;
    for (int level : levels) {
        const std::size_t k = std::min<std::size_t>(m, std::size_t(std::max(1, level)));
        out.levels.push_back(int(k));
        const std::vector<float> centroids = fitCentroids(unit, m, dim, k, rng, iterations);
        std::vector<int> assigned(n);
        for (std::size_t i = 0; i < n; ++i)
            assigned[i] = nearest(unit.data() + i * dim, centroids, k, dim);
        perLevel.push_back(std::move(assigned));
    }
    out.of.reserve(qsizetype(n));
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<int> classes;
        classes.reserve(perLevel.size());
        for (const std::vector<int> &level : perLevel)
            classes.push_back(level[i]);
        out.of.insert(table.words[qsizetype(i)], std::move(classes));
    }
    return out;
}

std::shared_ptr<const WordClasses> wordClassesOf(const WordVectorTable &table)
{
    // Which table: its stamp, size and a sample of its values (a simulation's tables all have stamp 0).
    struct Key
    {
        qint64 stamp = 0;
        int dim = 0;
        qsizetype words = 0;
        std::vector<float> sample;
        bool operator==(const Key &o) const
        {
            return stamp == o.stamp && dim == o.dim && words == o.words && sample == o.sample;
        }
    };
    Key key{table.stamp, table.dim, table.words.size(), {}};
    const std::size_t step = std::max<std::size_t>(1, table.values.size() / 256);
    for (std::size_t i = 0; i < table.values.size(); i += step)
        key.sample.push_back(table.values[i]);
    static QMutex mutex;
    static Key lastKey;
    static std::shared_ptr<const WordClasses> last;
    QMutexLocker lock(&mutex);
    if (!last || !(lastKey == key)) {
        last = std::make_shared<WordClasses>(clusterWords(table, wordClassLevels(), 1));
        lastKey = std::move(key);
    }
    return last;
}

QJsonArray wordClassLevelsJson(const WordClasses *classes)
{
    QJsonArray levels;
    if (classes)
        for (int level : classes->levels)
            levels.append(level);
    return levels;
}

Result<bool> runReadsWordClasses(const QJsonObject &runConfig, qint64 poolVectorsStamp)
{
    if (runConfig.value(kWordClassesKey).toArray().isEmpty())
        return false;
    if (runConfig.value(kPoolVectorsKey).toInteger() != poolVectorsStamp)
        return fail(Tr::tr("It read word classes from vectors learned from the pool that the project no longer "
                           "holds."));
    return true;
}

} // namespace marginalia::ml
