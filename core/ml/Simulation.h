#pragma once
#include "Result.h"
#include "ml/TextData.h"
#include "ml/TrainingRound.h"
#include "ml/TrainingTypes.h"

#include <QJsonObject>
#include <optional>

namespace marginalia::ml {

struct SimulationOptions
{
    TrainingOptions training; // strategy, batch size (picks per round), seed, model settings
    int seedSize = 25;        // random labels revealed before the first round
    int budget = 600;         // stop once this many labels are revealed
    int repeats = 1;          // independent runs (seeds seed, seed+1, ...) averaged into one curve
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

// Oracle simulation: the pool's gold labels stay hidden and are revealed only for the samples the strategy
// picks; after each round the model is scored on `eval`. Also trains once on the whole pool as the reference.
// Runs in memory on the calling thread.
Result<SimulationResult> simulate(const QVector<LabeledText> &pool, const QVector<LabeledText> &eval,
                                  const SimulationOptions &options, const std::atomic_bool &cancel,
                                  const ProgressFn &progress = {});

// Splits labeled rows into pool and eval with a seeded shuffle.
void splitForSimulation(const QVector<LabeledText> &rows, double evalFraction, std::uint64_t seed,
                        QVector<LabeledText> &pool, QVector<LabeledText> &eval);

} // namespace marginalia::ml
