// Checkpoint fuzz target: the bytes of a model run's checkpoint column, loaded into a classifier of a small
// shape. A project file from someone else can hold any bytes there; loading must fail with a message.
#include "FuzzTargets.h"
#include "ml/TextClassifier.h"
#include "ml/TrainingTypes.h"

#include <atomic>

namespace marginalia::fuzz {

namespace {
ml::ModelShape fuzzShape()
{
    ml::ModelShape shape;
    shape.buckets = 64;
    shape.classes = 3;
    shape.embeddingDim = 4;
    shape.hiddenDim = 0;
    return shape;
}
} // namespace

QByteArray sampleCheckpoint()
{
    auto classifier = ml::TextClassifier::create(fuzzShape(), 1);
    check(bool(classifier), "creating the classifier");
    std::vector<ml::Example> examples{{{1, 2, 3}, {0}, {}}, {{4, 5}, {1}, {}}, {{6, 60}, {2}, {}}, {{2, 7}, {0}, {}}};
    ml::TrainingOptions options;
    options.epochs = 2;
    options.embeddingDim = 4;
    options.threads = 1;
    const std::atomic_bool cancel{false};
    check(bool((*classifier)->train(examples, options, cancel)), "training the sample model");
    const auto bytes = (*classifier)->saveCheckpoint();
    check(bool(bytes), "saving the sample model");
    return *bytes;
}

void runCheckpointTarget(const QByteArray &input)
{
    // One classifier for every input, as a project keeps one model across rounds: creating it per input cost
    // more than the load itself. Whatever an earlier input left in it, a load must still check every byte. It
    // is never destroyed: at exit, torch's own statics may already be gone.
    static auto *const created = new auto(ml::TextClassifier::create(fuzzShape(), 1));
    auto &classifier = *created;
    check(bool(classifier), "creating the classifier");
    const Status loaded = (*classifier)->loadCheckpoint(input);
    if (!loaded) {
        check(!loaded.error().isEmpty(), "a refused checkpoint says why");
        return;
    }
    // A checkpoint that loads must also score.
    const auto out = (*classifier)->predict({{1, 5, 63}, {}, {0}});
    check(bool(out), "a loaded checkpoint scores");
    check(out->probs.size() == 9, "one row of probabilities per document");
}

} // namespace marginalia::fuzz
