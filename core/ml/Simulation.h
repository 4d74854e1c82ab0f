#pragma once
// Simulations from the rows of the simulate command's input files (the driver: task/Simulation.h).
#include "io/TaggedFile.h"
#include "io/ImageReader.h"
#include "ml/TextData.h"
#include "task/Simulation.h"

namespace marginalia::ml {

using task::CurvePoint;
using task::SimulationOptions;
using task::SimulationResult;

// Text classification; multi-label when some row has other than one label.
Result<SimulationResult> simulate(const QVector<LabeledText> &pool, const QVector<LabeledText> &eval,
                                  const SimulationOptions &options, const std::atomic_bool &cancel,
                                  const task::ProgressFn &progress = {});

// Span labeling over tagged sentences: curve points count sentences; macro/micro-F1 are entity-level, accuracy is
// token accuracy; labelsTo95Accuracy follows the token accuracy. `reference` stands in for training on the whole
// pool (its full-data figures are copied); a budget of 0 gives the full-data figures only.
Result<SimulationResult> simulateSequences(const QVector<io::TaggedSentence> &pool, const QVector<io::TaggedSentence> &eval,
                                           const SimulationOptions &options, const std::atomic_bool &cancel,
                                           const task::ProgressFn &progress = {}, const SimulationResult *reference = nullptr);

// Image classification over decoded images (ImageReader.h), each drawn at `input`; `flips` mirrors training
// images. A budget of 0 gives the full-data figures only.
Result<SimulationResult> simulateImages(const QVector<LabeledImage> &pool, const QVector<LabeledImage> &eval,
                                        const ImageInput &input, bool flips, const SimulationOptions &options,
                                        const std::atomic_bool &cancel, const task::ProgressFn &progress = {});

} // namespace marginalia::ml
