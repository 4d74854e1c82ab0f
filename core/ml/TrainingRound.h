#pragma once
// The training round of a project's own task: its task model (TaskModel.h) through the round driver.
#include "task/RoundDriver.h"

namespace marginalia::ml {

using ProgressFn = task::ProgressFn;

// task::runRound with the model for the project's task; `cache` (may be null) keeps featurized samples of a long-lived
// caller (the training worker) between rounds, so that each round featurizes only new samples.
Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options, const std::atomic_bool &cancel,
                                      const ProgressFn &progress = {}, FeatureCache *cache = nullptr);

} // namespace marginalia::ml
