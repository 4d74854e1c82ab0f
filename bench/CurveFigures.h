#pragma once
// What the learning-curve benchmarks share: standard output as a QTextStream, a data set read with a message
// when it is missing, the simulation settings their figures are measured with, and a curve's mean macro-F1 (the
// area under it, per point), the one figure that compares two curves.
#include "ml/Simulation.h"
#include "ml/TextData.h"

#include <QFile>
#include <QTextStream>
#include <cstdio>
#include <optional>

namespace marginalia::bench {

inline QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// The rows of a JSONL data set; a message on stderr and nothing when it is missing or unreadable.
inline std::optional<QVector<ml::LabeledText>> readDataSet(const QString &path)
{
    if (!QFile::exists(path)) {
        std::fprintf(stderr, "%s not found; run the datasets fetch script first.\n", qPrintable(path));
        return std::nullopt;
    }
    auto rows = ml::readTextFile(path);
    if (!rows) {
        std::fprintf(stderr, "%s\n", qPrintable(rows.error()));
        return std::nullopt;
    }
    return std::move(*rows);
}

// Seed 50, 50 random labels to start, 50 labels a round: the settings the issues' figures use.
inline ml::SimulationOptions curveOptions(int budget, int repeats)
{
    ml::SimulationOptions options;
    options.seedSize = 50;
    options.training.batchSize = 50;
    options.training.seed = 50;
    options.budget = budget;
    options.repeats = repeats;
    return options;
}

inline double meanMacroF1(const ml::SimulationResult &r)
{
    double sum = 0;
    for (const auto &point : r.curve)
        sum += point.macroF1;
    return r.curve.isEmpty() ? 0.0 : sum / r.curve.size();
}

} // namespace marginalia::bench
