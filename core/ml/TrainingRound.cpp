#include "ml/TrainingRound.h"

namespace marginalia::ml {

Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options, const std::atomic_bool &cancel,
                                      const ProgressFn &progress, FeatureCache *cache)
{
    const auto model = task::makeTaskModel(store.task(), options, cache);
    return task::runRound(store, *model, options, cancel, progress);
}

} // namespace marginalia::ml
