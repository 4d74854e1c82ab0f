#pragma once
#include "Result.h"
#include "ml/TrainingRound.h"

namespace marginalia::ml {

// runTrainingRound for span-labeling projects (it dispatches here): trains the sequence tagger on the labeled
// pool sentences (warm start from the latest run, the tag set may have grown), reports entity- and token-level
// metrics on the eval split, ranks the unlabeled pool with the project's sequence query (mnlp when the
// configured strategy is a classifier-only one) and stores predicted spans for every sample. Reached only through
// runTrainingRound, which also ends the run of a round that fails.
Result<RoundSummary> runSequenceRound(ProjectStore &store, const TrainingOptions &options,
                                      const std::atomic_bool &cancel, const ProgressFn &progress);

} // namespace marginalia::ml
