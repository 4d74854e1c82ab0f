#pragma once
// Internal to core/al: distances, seeded randomness and k-means shared by the batch strategies.
#include <cstdint>
#include <functional>
#include <vector>

namespace marginalia::al::detail {

float squaredDistance(const float *a, const float *b, int dim);

// Runs fn(begin, end) over [0, n) in chunks on the global thread pool when n * costPerItem is large enough
// to pay for it; otherwise inline.
void parallelFor(int n, std::int64_t costPerItem, const std::function<void(int, int)> &fn);

std::uint64_t splitmix64(std::uint64_t x);
// A uniform double in [0, 1), advancing `state`; identical on every platform (no std distributions).
double uniform01(std::uint64_t &state);

// k-means++ seeding over the listed rows of `data` (row-major, `dim` floats each): returns k distinct
// positions into `rows`. `first` (a position into rows) fixes the first centre; -1 draws it. Rows at
// distance 0 from every chosen centre are never drawn, so duplicates are not picked twice while distinct
// rows remain.
std::vector<int> kmeansppSeeds(const float *data, int dim, const std::vector<int> &rows, int k, std::uint64_t seed,
                               int first = -1);

struct Clustering
{
    std::vector<float> centres;  // k * dim
    std::vector<int> assignment; // n: the centre of each row
    std::vector<float> distance; // n: squared distance to that centre
};

// Assigns every row to its nearest centre (k = centres.size() / dim); true when an assignment changed.
bool assignToCentres(const float *data, int n, int dim, const std::vector<float> &centres, std::vector<int> &assignment,
                     std::vector<float> &distance);

// Lloyd's k-means over all n rows, seeded with k-means++.
Clustering kmeans(const float *data, int n, int dim, int k, std::uint64_t seed, int iterations);

} // namespace marginalia::al::detail
