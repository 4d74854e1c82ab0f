// Cohen's kappa and the stop-set stopping rule.
#include "metrics/Agreement.h"

#include <algorithm>
#include <cmath>

namespace marginalia::metrics {

double cohensKappa(const std::vector<int> &a, const std::vector<int> &b, int classes)
{
    const size_t n = std::min(a.size(), b.size());
    if (n == 0 || classes <= 0)
        return 0.0; // no evidence of agreement: never a reason to stop
    std::vector<double> countA(size_t(classes), 0.0), countB(size_t(classes), 0.0);
    double agree = 0, counted = 0;
    for (size_t i = 0; i < n; ++i) {
        if (a[i] < 0 || a[i] >= classes || b[i] < 0 || b[i] >= classes)
            continue;
        countA[size_t(a[i])] += 1;
        countB[size_t(b[i])] += 1;
        agree += a[i] == b[i];
        counted += 1;
    }
    if (counted == 0)
        return 0.0;
    const double observed = agree / counted;
    double expected = 0;
    for (int c = 0; c < classes; ++c)
        expected += (countA[size_t(c)] / counted) * (countB[size_t(c)] / counted);
    // Both sequences constant and equal: chance agreement is 1 and the formula is 0/0; they agree fully.
    if (std::abs(1.0 - expected) < 1e-12)
        return observed >= 1.0 - 1e-12 ? 1.0 : 0.0;
    return (observed - expected) / (1.0 - expected);
}

bool suggestStop(const std::vector<double> &kappas, int window, double threshold)
{
    if (window <= 0 || kappas.size() < size_t(window))
        return false;
    double sum = 0;
    for (size_t i = kappas.size() - size_t(window); i < kappas.size(); ++i)
        sum += kappas[i];
    return sum / window >= threshold;
}

} // namespace marginalia::metrics
