#pragma once
// Agreement between two runs' predictions, and the stopping signal built on it.
#include <vector>

namespace marginalia::metrics {

// Cohen's kappa between two label sequences over `classes` classes (1.0 when both agree fully, including the
// degenerate case where both are constant and equal).
double cohensKappa(const std::vector<int> &a, const std::vector<int> &b, int classes);

// Stopping signal (Bloodgood & Vijay-Shanker 2009): true when the mean of the last `window` kappas is >= threshold.
bool suggestStop(const std::vector<double> &kappas, int window = 3, double threshold = 0.99);

} // namespace marginalia::metrics
