#pragma once
// What the learning-curve benchmarks print with: standard output as a QTextStream, and a curve's mean macro-F1
// (the area under it, per point), the one figure that compares two curves.
#include "ml/Simulation.h"

#include <QTextStream>

namespace marginalia::bench {

inline QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

inline double meanMacroF1(const ml::SimulationResult &r)
{
    double sum = 0;
    for (const auto &point : r.curve)
        sum += point.macroF1;
    return r.curve.isEmpty() ? 0.0 : sum / r.curve.size();
}

} // namespace marginalia::bench
