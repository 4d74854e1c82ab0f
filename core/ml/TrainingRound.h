#pragma once
#include "Result.h"
#include "ml/TrainingTypes.h"

#include <atomic>
#include <functional>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

using ProgressFn = std::function<void(int done, int total, const QString &what)>;

// One round, synchronously on the calling thread (the CLI's main thread or the worker thread): load the
// current labels (pool split only), warm-start from the latest run's checkpoint, train, evaluate on the eval
// split, score and rank the unlabeled pool, and store it all as a new run. Never throws; a failure (or a
// cancel) is recorded on the run and returned as an error.
Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options,
                                      const std::atomic_bool &cancel, const ProgressFn &progress = {});

} // namespace marginalia::ml
