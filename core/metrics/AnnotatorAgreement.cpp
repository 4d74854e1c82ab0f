#include "metrics/AnnotatorAgreement.h"
#include "metrics/Agreement.h"

#include <cmath>

namespace marginalia::metrics {

std::optional<double> krippendorffAlpha(const Ratings &units, int categories)
{
    if (categories <= 0)
        return std::nullopt;
    const std::size_t k = static_cast<std::size_t>(categories);
    std::vector<double> coincidence(k * k, 0.0);
    for (const std::vector<int> &unit : units) {
        std::vector<int> values;
        for (int v : unit)
            if (v >= 0 && v < categories)
                values.push_back(v);
        const std::size_t m = values.size();
        if (m < 2)
            continue;
        // Each ordered pair of values of the unit, weighted 1 / (m - 1): every value counts once in all.
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t j = 0; j < m; ++j)
                if (i != j)
                    coincidence[static_cast<std::size_t>(values[i]) * k + static_cast<std::size_t>(values[j])] += 1.0 / double(m - 1);
    }
    std::vector<double> marginal(k, 0.0);
    double n = 0, observed = 0;
    for (std::size_t c = 0; c < k; ++c)
        for (std::size_t d = 0; d < k; ++d) {
            marginal[c] += coincidence[c * k + d];
            n += coincidence[c * k + d];
            if (c != d)
                observed += coincidence[c * k + d];
        }
    if (n < 2)
        return std::nullopt;
    double expected = 0;
    for (std::size_t c = 0; c < k; ++c)
        for (std::size_t d = 0; d < k; ++d)
            if (c != d)
                expected += marginal[c] * marginal[d];
    expected /= n - 1;
    if (expected <= 0)
        return std::nullopt;
    return 1.0 - observed / expected;
}

std::optional<double> fleissKappa(const Ratings &units, int categories, int *usedUnits)
{
    if (usedUnits)
        *usedUnits = 0;
    if (units.empty() || categories <= 0)
        return std::nullopt;
    const std::size_t raters = units.front().size();
    if (raters < 2)
        return std::nullopt;
    std::vector<double> total(static_cast<std::size_t>(categories), 0.0);
    double agreement = 0;
    int used = 0;
    for (const std::vector<int> &unit : units) {
        std::vector<double> counts(static_cast<std::size_t>(categories), 0.0);
        bool complete = unit.size() == raters;
        for (int v : unit) {
            if (v < 0 || v >= categories) {
                complete = false;
                break;
            }
            counts[static_cast<std::size_t>(v)] += 1;
        }
        if (!complete)
            continue;
        double squares = 0;
        for (std::size_t c = 0; c < counts.size(); ++c) {
            squares += counts[c] * counts[c];
            total[c] += counts[c];
        }
        const double n = double(raters);
        agreement += (squares - n) / (n * (n - 1));
        ++used;
    }
    if (usedUnits)
        *usedUnits = used;
    if (used == 0)
        return std::nullopt;
    const double meanAgreement = agreement / used;
    double chance = 0;
    for (double t : total) {
        const double p = t / (double(used) * double(raters));
        chance += p * p;
    }
    if (std::abs(1.0 - chance) < 1e-12)
        return std::nullopt;
    return (meanAgreement - chance) / (1.0 - chance);
}

AgreementFigures agreementOf(const Ratings &units, const QStringList &raters, int categories)
{
    AgreementFigures f;
    Ratings overlap;
    for (const std::vector<int> &unit : units) {
        int rated = 0;
        for (int v : unit)
            rated += v >= 0 ? 1 : 0;
        if (rated >= 2)
            overlap.push_back(unit);
    }
    f.units = static_cast<int>(overlap.size());
    for (int a = 0; a < raters.size(); ++a)
        for (int b = a + 1; b < raters.size(); ++b) {
            std::vector<int> first, second;
            for (const std::vector<int> &unit : overlap) {
                const int x = unit[static_cast<std::size_t>(a)], y = unit[static_cast<std::size_t>(b)];
                if (x >= 0 && y >= 0) {
                    first.push_back(x);
                    second.push_back(y);
                }
            }
            if (first.empty())
                continue;
            f.pairs.push_back({raters[a], raters[b], static_cast<int>(first.size()), cohensKappa(first, second, categories)});
        }
    f.fleissKappa = fleissKappa(overlap, categories, &f.fleissUnits);
    f.krippendorffAlpha = krippendorffAlpha(overlap, categories);
    return f;
}

Ratings binaryFor(const Ratings &units, int category)
{
    Ratings out = units;
    for (std::vector<int> &unit : out)
        for (int &v : unit)
            if (v >= 0)
                v = v == category ? 1 : 0;
    return out;
}

} // namespace marginalia::metrics
