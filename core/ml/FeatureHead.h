#pragma once
// A classifier head over fixed features (a frozen text encoder's, ml/TextEncoder.h): the features brought to one
// scale (layer norm without weights), dropout, one linear layer; softmax for single-label, independent sigmoids
// for multi-label. Trained with AdamW on the labeled samples; an internal dev fold reports its loss once there are
// enough labels to spare one, and with enough of them it stops training and chooses the weights kept. Fine-tuning
// (fineTune) trains the encoder's own weights with it. Plain C++ interface; torch stays in the .cpp. Every method
// runs torch on the calling thread and never throws.
#include "Result.h"
#include "ml/ClassScores.h"
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

struct HeadShape
{
    int features = 0;   // size of a sample's feature vector
    QStringList labels; // the output classes, in order
    bool multilabel = false;
    double dropout = 0.2;
    QString encoder;    // fingerprint of the encoder whose features it reads
    bool finetune = false; // the encoder's weights train with the head and are part of its checkpoint
    bool operator==(const HeadShape &o) const
    {
        return features == o.features && labels == o.labels && multilabel == o.multilabel && encoder == o.encoder
            && finetune == o.finetune;
    }
};

struct HeadTraining
{
    int epochs = 30;        // the most passes over the labeled samples...
    int minSteps = 100;     // ...but at least this many optimizer steps, so that a few labels are still learned
    int batchSize = 64;
    double learningRate = 1e-2;
    double encoderLearningRate = 3e-5; // fine-tuning: the encoder's weights move far slower than the new head's
    double weightDecay = 1e-2;
    bool classWeights = true; // balanced weights for skewed label sets
    std::uint64_t seed = 42;
    // Optional, per training row: rows of one group (the tokens of one sentence) fall in the same fold, so that
    // the dev loss is measured on sentences the head has not seen at all. Empty: each row its own group.
    std::vector<int> groups;
    // With groups: an epoch's batches take the groups in a shuffled order, each group's rows together (a batch
    // then reads a few whole sentences rather than a word from each of many).
    bool wholeGroups = false;
};

class TextEncoder;

class FeatureHead
{
public:
    // `encoder`: with shape.finetune, the encoder (a TextEncoder::tunableCopy) that trains with the head and whose
    // weights its checkpoints hold; else unused.
    static Result<std::unique_ptr<FeatureHead>> create(const HeadShape &shape, std::uint64_t seed,
                                                       std::shared_ptr<TextEncoder> encoder = nullptr);
    ~FeatureHead();
    FeatureHead(const FeatureHead &) = delete;
    FeatureHead &operator=(const FeatureHead &) = delete;

    const HeadShape &shape() const;
    QString deviceName() const;

    // `features`: each sample's shape().features floats; `labels`: its label indices (one for single-label).
    // Continues from the current weights. Returns the epochs' losses.
    Result<QVector<EpochRow>> train(const std::vector<const float *> &features, const std::vector<std::vector<int>> &labels,
                                    const HeadTraining &options, const std::atomic_bool &cancel,
                                    const std::function<void(int epoch, int epochs)> &onEpoch = {});
    // Fine-tuning (shape().finetune): trains the encoder given to create() together with the head, on the texts
    // themselves, the encoder at options.encoderLearningRate. Features taken from the encoder before are stale
    // afterwards: take them again.
    Result<QVector<EpochRow>> fineTune(const std::vector<QString> &texts, const std::vector<std::vector<int>> &labels,
                                       const HeadTraining &options, const std::atomic_bool &cancel,
                                       const std::function<void(int epoch, int epochs)> &onEpoch = {});
    // Fine-tuning under a tagging head (shape().finetune): `sentences` as words, `labels` one row per word of
    // every sentence in sentence then word order; each word's input is its state in its sentence as
    // TextEncoder::wordStates reads it, computed by the encoder being trained. Batches hold whole sentences, and the
    // dev fold holds whole sentences. Word states taken from the encoder before are stale afterwards.
    Result<QVector<EpochRow>> fineTuneWords(const std::vector<QStringList> &sentences,
                                            const std::vector<std::vector<int>> &labels, const HeadTraining &options,
                                            const std::atomic_bool &cancel,
                                            const std::function<void(int epoch, int epochs)> &onEpoch = {});
    Result<ClassScores> predict(const std::vector<const float *> &features, bool embeddings = false, int mcPasses = 0,
                                std::uint64_t seed = 0) const;

    // Plain named tensors (TensorBundle.h) and the shape.
    Result<QByteArray> saveCheckpoint() const;
    Status loadCheckpoint(const QByteArray &checkpoint);
    static Result<HeadShape> checkpointShape(const QByteArray &checkpoint);

private:
    FeatureHead();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace marginalia::ml
