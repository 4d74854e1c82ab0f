#pragma once
#include "task/TaskModel.h"

namespace marginalia::task {

// One training round of any task, synchronously on the calling thread (the CLI's main thread or the worker
// thread): read the project's samples into `model`, warm-start from the latest run when its model fits, train on
// the labeled pool, evaluate on the eval split, predict and rank the unlabeled pool, and store it all as a new
// run. Never throws; a failure (or a cancel) ends the run with its reason and is returned as an error.
Result<ml::RoundSummary> runRound(ProjectStore &store, TaskModel &model, const ml::TrainingOptions &options,
                                  const std::atomic_bool &cancel, const ProgressFn &progress = {});

} // namespace marginalia::task
