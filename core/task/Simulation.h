#pragma once
// Oracle simulation of active learning for any task: the pool's gold annotations stay hidden and are revealed
// only for the samples the strategy picks; after each round the model is scored on the eval samples.
#include "task/TaskModel.h"

#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>

namespace marginalia::task {

struct SimulationOptions
{
    ml::TrainingOptions training; // strategy, batch size (picks per round), seed, model settings
    int seedSize = 25;            // random labels revealed before the first round
    int budget = 600;             // stop once this many labels are revealed
    int repeats = 1;              // independent runs (seeds seed, seed+1, ...) averaged into one curve
};

struct CurvePoint
{
    int labels = 0;
    double macroF1 = 0;
    double microF1 = 0;
    double accuracy = 0;
    double seconds = 0; // since the repeat started
    double tokens = 0;  // sequence simulations: tokens in the labeled sentences (queries differ in sentence length)
};

struct SimulationResult
{
    QString strategy;
    QStringList labels;
    double fullMacroF1 = 0;
    double fullMicroF1 = 0;
    double fullAccuracy = 0;
    double fullSeconds = 0;         // training on the whole pool
    double fullTokensPerSecond = 0; // tokens processed (tokens x epochs) per second of that training
    QVector<CurvePoint> curve;      // averaged over repeats
    std::optional<int> labelsTo95;  // first curve point reaching 95% of the full-data macro-F1
    // Sequence simulations (labels count sentences; F1 is entity-level): the first point reaching 95% of the
    // full-data token accuracy, written as "labels_to_95pct_accuracy".
    bool sequence = false;
    std::optional<int> labelsTo95Accuracy;

    // Sets `curve` to the mean of the repeats' curves (as long as the shortest) and the labels-to-95% points.
    void averageRepeats(const QVector<QVector<CurvePoint>> &curves);
    QJsonObject toJson() const;
};

// Makes a fresh model with the given options (seeds differ between repeats).
using ModelFactory = std::function<std::unique_ptr<TaskModel>(const ml::TrainingOptions &options)>;

// Runs in memory on the calling thread. Every pool sample needs its gold annotation. The label set is every label
// (entity type) the samples use. Also trains once on the whole pool as the reference, unless `reference` gives
// its figures; a budget of 0 gives the reference only.
Result<SimulationResult> simulate(const ModelFactory &makeModel, const QVector<AnnotatedSample> &pool,
                                  const QVector<AnnotatedSample> &eval, const SimulationOptions &options,
                                  const std::atomic_bool &cancel, const ProgressFn &progress = {},
                                  const SimulationResult *reference = nullptr);

// Splits rows into pool and eval with a seeded shuffle.
template <typename Row>
void splitForSimulation(const QVector<Row> &rows, double evalFraction, std::uint64_t seed, QVector<Row> &pool,
                        QVector<Row> &eval)
{
    std::vector<int> order(static_cast<std::size_t>(rows.size()));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
    const int evalCount = static_cast<int>(std::round(std::clamp(evalFraction, 0.0, 1.0) * rows.size()));
    pool.clear();
    eval.clear();
    for (std::size_t i = 0; i < order.size(); ++i)
        (static_cast<int>(i) < evalCount ? eval : pool).push_back(rows[order[i]]);
}

} // namespace marginalia::task
