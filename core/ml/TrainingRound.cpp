#include "ml/TrainingRound.h"
#include "ml/PoolPretraining.h"
#include "settings/ProjectSettings.h"

namespace marginalia::ml {

Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options, const std::atomic_bool &cancel,
                                      const ProgressFn &progress, FeatureCache *cache)
{
    TrainingOptions withVectors = options;
    // The model starts from vectors learned from the pool when the project has them, unless a vector file is
    // named or the setting is off: the classifier reads a frozen document vector from them, the tagger each word's
    // classes (SpanLabelingModel). Seeding the tagger's word rows from them instead measured no better on Brown's
    // proper names (10 repeats: entity F1 0.572 against 0.574 from scratch at 5 k tokens, 0.193 against 0.227 at
    // 1 k); word classes measured 0.609 against 0.560 at 5 k (marginalia_tagger_pretrain_bench). Damaged vectors
    // are a reason to say so, not to stop labeling.
    if (options.pretrainedVectors.isEmpty() && !withVectors.poolVectors
        && settings::value(store, settings::kUsePoolVectors).toBool()) {
        if (auto vectors = storedPoolVectors(store))
            withVectors.poolVectors = *vectors;
        else if (progress)
            progress(0, 0, vectors.error());
    }
    const auto model = task::makeProjectModel(store, withVectors, cache);
    return task::runRound(store, *model, withVectors, cancel, progress);
}

} // namespace marginalia::ml
