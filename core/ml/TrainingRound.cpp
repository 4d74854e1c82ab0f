#include "ml/TrainingRound.h"
#include "ml/PoolPretraining.h"
#include "settings/ProjectSettings.h"

namespace marginalia::ml {

Result<RoundSummary> runTrainingRound(ProjectStore &store, const TrainingOptions &options, const std::atomic_bool &cancel,
                                      const ProgressFn &progress, FeatureCache *cache)
{
    TrainingOptions withVectors = options;
    // The model starts from vectors learned from the pool when the project has them, unless a vector file is
    // named or the setting is off. The tagger's word rows start from them (SpanLabelingModel); its setting is off
    // by default: on Brown POS it measured no better at 5 k labeled tokens (tag macro-F1 0.580 from scratch, 0.568
    // seeded, 0.552 rescaled), on Brown's proper-name spans (5 repeats) entity F1 0.538/0.581/0.591 from scratch at
    // 4/5/6 k tokens, 0.564/0.599/0.609 seeded, but 0.297 against 0.283 at 2 k (frozen vector columns, as the
    // classifier has, measured the same); with 30 skip-gram passes 0.556/0.611/0.622, and 0.230 at 2 k. Ten
    // repeats in batches of 25 sentences put that gain within the noise: 0.574 from scratch, 0.572 seeded at 5 k
    // tokens, 0.442/0.446 over the curve to 6 k. Damaged vectors are a reason to say so, not to stop labeling.
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
