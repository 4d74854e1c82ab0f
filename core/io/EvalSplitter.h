#pragma once
#include <QHash>
#include <QString>
#include <cstdint>
#include <random>

namespace marginalia {

// Decides, one sample at a time, which imported samples go to the evaluation split. Stratified: each
// stratum (a label set, or "unlabeled") keeps its own count, and the chance of picking a sample leans
// against the stratum's running error, so every stratum's eval share stays within about one sample of
// the fraction at any point of the stream. Seeded, so the same file and seed give the same split.
class EvalSplitter
{
public:
    EvalSplitter(double fraction, std::uint64_t seed);

    bool take(const QString &stratum);
    bool enabled() const { return m_fraction > 0; }

private:
    struct Count
    {
        qint64 seen = 0;
        qint64 taken = 0;
    };
    double m_fraction;
    std::mt19937_64 m_random;
    std::uniform_real_distribution<double> m_unit{0.0, 1.0};
    QHash<QString, Count> m_counts;
};

} // namespace marginalia
