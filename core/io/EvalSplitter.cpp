#include "io/EvalSplitter.h"

#include <algorithm>

namespace marginalia {

EvalSplitter::EvalSplitter(double fraction, std::uint64_t seed)
    : m_fraction(std::clamp(fraction, 0.0, 1.0)), m_random(seed)
{
}

bool EvalSplitter::take(const QString &stratum)
{
    if (m_fraction <= 0)
        return false;
    Count &count = m_counts[stratum];
    // Expected picks after this sample, minus picks so far: the probability that keeps the share on track.
    const double owed = m_fraction * double(count.seen + 1) - double(count.taken);
    const double p = std::clamp(owed, 0.0, 1.0);
    ++count.seen;
    const bool taken = m_unit(m_random) < p;
    if (taken)
        ++count.taken;
    return taken;
}

} // namespace marginalia
