#pragma once
// A small convolutional network for image classification, trained from scratch: a stem convolution, three
// residual blocks (the last two halve the resolution and double the channels), batch norm, global average
// pooling (the penultimate-layer embedding) and a linear layer over the classes behind dropout.
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

class ImageBackbone;

struct ImageShape
{
    int side = 32;      // input pixels a side
    int channels = 1;   // 1 grey, 3 RGB
    int width = 16;     // channels of the first stage; the embedding has 4 x width
    double dropout = 0.2;
    QStringList labels; // the output classes, in order
    // Transfer (ImageBackbone.h): > 0 when the inputs are a frozen backbone's features of this size instead of
    // pixels; the network is then only the head (normalised features, dropout, a linear layer), trained without
    // augmentation. `backbone` is the backbone file's fingerprint.
    int features = 0;
    QString backbone;
    // With a backbone: its own weights are trained too (fine-tuning); the inputs are then pixels at its input
    // size, augmented, and the checkpoint holds the backbone's weights beside the head's.
    bool finetune = false;
    bool takesFeatures() const { return features > 0 && !finetune; }
    int embeddingDim() const { return features > 0 ? features : 4 * width; }
    int values() const { return takesFeatures() ? features : side * side * channels; }
    bool operator==(const ImageShape &o) const
    {
        return side == o.side && channels == o.channels && width == o.width && labels == o.labels
            && features == o.features && backbone == o.backbone && finetune == o.finetune;
    }
};

// Augmentation draws, per training image, one affine transform (rotation, zoom into a crop, shift, an optional
// mirror) and adds pixel noise; labels are untouched.
struct ImageAugmentation
{
    bool flips = false;         // mirror left-right half the time; off where a mirrored image is another class (digits)
    double rotationDegrees = 10;
    double zoom = 0.1;          // scale in [1 - zoom, 1 + zoom]: above 1 shows a crop
    double shift = 0.1;         // of the side, each way
    double noise = 0.03;        // standard deviation of added Gaussian noise
};

struct ImageTraining
{
    int epochs = 8;             // passes over the labeled images per round (rounds warm-start)...
    int minSteps = 60;          // ...but at least this many steps, so that a few labels are still learned
    int batchSize = 64;
    double learningRate = 3e-3; // AdamW, decayed along a cosine within each round
    double weightDecay = 5e-4;
    ImageAugmentation augmentation;
    std::uint64_t seed = 42;
};

// Runs on CUDA when torch sees a GPU, else the CPU (torch's intra-op thread count is the caller's to set). Every
// method runs torch on the calling thread and never throws. Images are shape().values() floats in [0, 1].
class ImageClassifier
{
public:
    // `backbone` (shape.finetune): the backbone whose weights this classifier trains; it must outlive it.
    static Result<std::unique_ptr<ImageClassifier>> create(const ImageShape &shape, std::uint64_t seed,
                                                           std::shared_ptr<ImageBackbone> backbone = nullptr);
    ~ImageClassifier();
    ImageClassifier(const ImageClassifier &) = delete;
    ImageClassifier &operator=(const ImageClassifier &) = delete;

    const ImageShape &shape() const;
    QString deviceName() const;

    // Continues from the current weights (warm start). Returns the mean loss per epoch.
    Result<QVector<EpochRow>> train(const std::vector<const std::vector<float> *> &images, const std::vector<int> &labels,
                                    const ImageTraining &options, const std::atomic_bool &cancel,
                                    const std::function<void(int epoch, int epochs)> &onEpoch = {});
    // Probabilities; the embeddings when asked for; `mcPasses` passes with dropout on (seeded).
    Result<ClassScores> predict(const std::vector<const std::vector<float> *> &images, bool embeddings = false,
                                int mcPasses = 0, std::uint64_t seed = 0) const;

    // Plain named tensors (TensorBundle.h): every parameter and batch-norm statistic, and the shape.
    Result<QByteArray> saveCheckpoint() const;
    Status loadCheckpoint(const QByteArray &checkpoint);
    static Result<ImageShape> checkpointShape(const QByteArray &checkpoint);

private:
    ImageClassifier();
    struct Private;
    std::unique_ptr<Private> d;
};

// The augmentation training applies, on its own: `count` images in, as many out, same size (for tests).
Result<std::vector<float>> augmentImages(const std::vector<float> &images, int count, const ImageShape &shape,
                                         const ImageAugmentation &augmentation, std::uint64_t seed);

} // namespace marginalia::ml
