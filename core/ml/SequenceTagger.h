#pragma once
#include "Result.h"
#include "ml/TokenFeatures.h"
#include "store/RunTypes.h"

#include <QByteArray>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace marginalia::ml {

struct TaggerShape
{
    int buckets = 1 << 18;
    int embeddingDim = 64;
    int hiddenDim = 128;
    int layers = 2;      // convolutions of width 3
    double dropout = 0.2;
    QStringList tags;    // the output classes, by name (warm starts match rows by name)
    // Same layout: a checkpoint of one loads into the other (tags may differ; rows are matched by name).
    bool sameLayout(const TaggerShape &o) const
    {
        return buckets == o.buckets && embeddingDim == o.embeddingDim && hiddenDim == o.hiddenDim && layers == o.layers;
    }
};

struct TaggerTraining
{
    int epochs = 20;               // upper bound; early stopping on the dev fold usually ends sooner
    int batchSize = 32;            // sentences per step
    double learningRate = 3e-3;    // Adam on the dense layers
    double tableLearningRate = 0.1; // row-wise Adagrad on the hashed feature table (0.2 overfits by epoch 3)
    int patience = 2;
    std::uint64_t seed = 42;
};

struct TaggedExample
{
    EncodedSentence sentence;
    std::vector<int> tags; // one index into TaggerShape::tags per token
};

// What the tagger says about a batch of sentences.
struct TaggerOutput
{
    int tags = 0;
    int dim = 0;
    std::vector<std::vector<float>> marginals; // per sentence: length * tags, rows sum to 1
    std::vector<float> states;                 // sentences * dim: mean of the encoder states (when asked for)
};

// Sequence tagger: per token a sum of hashed feature rows (word, prefixes, suffixes, shape), convolutions of
// width 3 with ReLU, and a softmax over the tags. Runs on CUDA when torch sees a GPU, else the CPU (torch's
// intra-op thread count is the caller's to set). Deterministic for a seed on one device and thread count.
// Every method runs torch on the calling thread and never throws.
class SequenceTagger
{
public:
    static Result<std::unique_ptr<SequenceTagger>> create(const TaggerShape &shape, std::uint64_t seed);
    ~SequenceTagger();
    SequenceTagger(const SequenceTagger &) = delete;
    SequenceTagger &operator=(const SequenceTagger &) = delete;

    const TaggerShape &shape() const;
    QString deviceName() const; // "CUDA" or "CPU"

    // Trains on `examples`, keeping a dev fold for early stopping when there are enough sentences (the best
    // epoch's weights are kept). Continues from the current weights (warm start). Returns the loss per epoch.
    Result<QVector<EpochRow>> train(const std::vector<TaggedExample> &examples, const TaggerTraining &options,
                                    const std::atomic_bool &cancel,
                                    const std::function<void(int epoch, int epochs)> &onEpoch = {});

    Result<TaggerOutput> predict(const std::vector<const EncodedSentence *> &sentences, bool wantStates = false) const;

    // The checkpoint holds the layout and the tag names; loading into a tagger with more (or other) tags
    // copies the rows of the tags both know and keeps the new ones as initialized.
    Result<QByteArray> saveCheckpoint() const;
    Status loadCheckpoint(const QByteArray &checkpoint);
    // The layout and tags stored in a checkpoint, read without torch (bounded: a larger one is refused);
    // loadCheckpoint checks the rest.
    static Result<TaggerShape> checkpointShape(const QByteArray &checkpoint);

private:
    SequenceTagger();
    struct Private;
    std::unique_ptr<Private> d;
};

// Argmax tags and the probability of that tag sequence (product over tokens of the max marginal).
std::vector<int> bestTags(const std::vector<float> &marginals, int tags, double *sequenceProbability = nullptr);

} // namespace marginalia::ml
