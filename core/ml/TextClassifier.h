#pragma once
#include "Result.h"
#include "ml/ClassScores.h"
#include "ml/FeatureBlock.h"
#include "store/RunTypes.h"

#include <QByteArray>
#include <QString>
#include <QVector>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace marginalia::text {
class FeatureHasher;
}

namespace marginalia::ml {

struct TrainingOptions;
struct WordVectors;

// One training example: hashed n-gram ids and the indices of its labels (one for textcat, any for multilabel).
struct Example
{
    std::vector<std::int64_t> features;
    std::vector<int> labels;
    // With augmentation on: the features of the same text with neighbouring tokens swapped
    // (FeatureHasher::featuresWithSwaps); training uses them in place of `features` half of the time.
    std::vector<std::int64_t> swapped;
};

struct ModelShape
{
    int buckets = 1 << 20;
    int classes = 2;
    int embeddingDim = 64;
    int hiddenDim = 0;
    // Width of the frozen document vector from word vectors (useWordVectors); 0: none.
    int documentDim = 0;
    double dropout = 0.2;
    bool multilabel = false;
    // How a document's rows are pooled: their sum over n^p * t^(1-p), n its number of ids and t the typical number
    // (the mean over the texts of the model's first training), p this power. A text of typical length thus weighs
    // its rows as the mean does, which keeps the balance with the document vector that few labels need, while a
    // longer text's evidence adds up, as in a unit-length bag of words. 1: the plain mean (models stored before the
    // typical length, which keep it); 0.5, the root of the length: the default; rounds on many labels use 0.4
    // (TextClassificationModel.cpp). The root against the mean, rare-class bench, full-data macro-F1: 0.801 against
    // 0.787 on short Chinese sayings (pool vectors, 5 splits), 0.460 against 0.455 on the fortune categories (3
    // splits); the root alone (no typical length) 0.796 and 0.467, but 0.45 at 50 sayings' labels against 0.56.
    float lengthPower = 0.5f;
    bool poolsByTypicalLength() const { return lengthPower != 1.0f; }
    // With a document vector and one label a text: how much the class prototypes add to the logits. A class's
    // prototype is the unit-length mean of the document vectors of its examples in the last training; a text's
    // logit for the class gains this weight times the cosine of its document vector to that mean. While labels
    // are a few per class, the nearest class mean of pretrained document vectors is a stronger guess than a
    // linear layer that a few dozen noisy steps fit; the layer's logits and the prototypes' add up. 0: none
    // (models stored before the prototypes). Training never reads them, so a warm start is unaffected.
    float prototypeWeight = 0.0f;
    bool readsPrototypes() const { return prototypeWeight > 0 && documentDim > 0 && !multilabel; }
    bool operator==(const ModelShape &o) const
    {
        return buckets == o.buckets && classes == o.classes && embeddingDim == o.embeddingDim
               && hiddenDim == o.hiddenDim && documentDim == o.documentDim && multilabel == o.multilabel
               && lengthPower == o.lengthPower && prototypeWeight == o.prototypeWeight;
    }
    // Columns of the embedding table: the learned ones, then (with a document vector) the frozen word vector and
    // a column that marks the rows holding one.
    int tableWidth() const { return embeddingDim + (documentDim > 0 ? documentDim + 1 : 0); }
    // What the output layer (or the hidden layer) reads: the pooled learned rows and the document vector.
    int inputWidth() const { return embeddingDim + documentDim; }
};

// Bag-of-n-grams classifier: an EmbeddingBag over hashed features (pooled as ModelShape::lengthPower says), an
// optional hidden layer, dropout and a linear layer; softmax for single-label, independent sigmoids for
// multi-label. The embedding table starts at zero (rows no document touched stay zero), which keeps checkpoints
// as small as the vocabulary actually seen.
// With word vectors (shape.documentDim > 0) the model also reads a frozen document vector: the unit-length mean
// of the centred vectors of the document's words, kept in extra columns of the same table that training never
// changes. A few labels then train a linear model over what the vectors already know (the learned rows start
// from nothing and take over as labels accumulate), instead of nudging vectors that the first steps would erase.
// Every method runs torch on the calling thread and never throws.
class TextClassifier
{
public:
    // How the embedding table is trained and read.
    //   RowLoops: plain loops over table rows on the CPU (the fastest CPU path: a tensor op per id costs more
    //             than the arithmetic at a few hundred ids a text).
    //   Tensors:  embedding_bag and index_add_ on the model's device; what runs on a GPU.
    //   Automatic: Tensors on CUDA when the linked LibTorch sees a GPU, else RowLoops on the CPU.
    enum class Backend { Automatic, RowLoops, Tensors };

    static Result<std::unique_ptr<TextClassifier>> create(const ModelShape &shape, std::uint64_t seed,
                                                          Backend backend = Backend::Automatic);
    ~TextClassifier();
    TextClassifier(const TextClassifier &) = delete;
    TextClassifier &operator=(const TextClassifier &) = delete;

    const ModelShape &shape() const;
    // "CUDA" or "CPU": where this model computes.
    QString deviceName() const;
    // Threads that predict() splits large inputs across (plain threads; torch itself runs single-threaded).
    void setScoringThreads(int threads);

    // Writes the vectors of a fastText .vec file into the frozen columns of their words' rows; returns how many
    // rows were set. The file's dimension must equal the model's documentDim. Which files are read: WordVectors.h.
    Result<int> loadPretrainedVectors(const QString &path, const text::FeatureHasher &hasher);
    // The same for vectors already keyed by row (readWordVectors, WordVectorTable.h's bucketRows).
    Result<int> useWordVectors(const WordVectors &vectors);
    // Reads the dimension from a .vec file's header line.
    static Result<int> vectorFileDimension(const QString &path);

    // Trains on `examples` for up to epochsToRun() epochs, keeping a dev fold for early stopping when there are
    // enough examples; a small dev fold ends training only after kMinTrainingSteps optimizer steps. A dev fold of
    // kTrustedDevFold or more then has done its job: training starts again from the same weights and runs the
    // epochs whose dev loss was the best on every example, the fold's included (a tenth more labels to learn
    // from, for about 1.6 times the training time). Continues from the current weights (warm start). Returns the
    // loss per epoch of the pass that chose (with its dev losses). onEpoch counts every epoch of both passes; its
    // total is epochsToRun() (twice that while a second pass is to come, then the epochs it really takes).
    Result<QVector<EpochRow>> train(const std::vector<Example> &examples, const TrainingOptions &options,
                                    const std::atomic_bool &cancel,
                                    const std::function<void(int epoch, int epochs)> &onEpoch = {});

    // The fewest optimizer steps (batches of kTrainingBatch) a train() call with epochs > 0 takes while its dev
    // fold is smaller than kTrustedDevFold. A round on a few dozen labels is one or two batches an epoch, so
    // `epochs` alone would give it a few dozen updates, and the dev loss of a handful of examples (mostly noise)
    // would stop it after a few more: too little for the new labels to move a warm-started model, which is what
    // uncertainty sampling's next picks depend on. A larger dev fold's loss is a signal and may stop earlier.
    static constexpr int kMinTrainingSteps = 100;
    static constexpr int kTrustedDevFold = 30;
    static constexpr int kTrainingBatch = 32;
    // Epochs a train() call runs at most: `epochs`, raised so that `trainExamples` (the examples left after the
    // dev fold) give at least kMinTrainingSteps batches; 0 when `epochs` <= 0.
    static int epochsToRun(int epochs, std::size_t trainExamples);

    // Ids read with every document's own, in training and in scoring: for each id that has an entry >= 0 in
    // `extra`, that entry too (a word's class, ml/WordClusters.h). Null or empty: none.
    void setExtraIds(std::shared_ptr<const std::vector<std::int32_t>> extra);

    // Batched inference without gradients. `mcPasses` > 0 adds that many dropout-on passes (for BALD).
    Result<ClassScores> predict(const std::vector<std::vector<std::int64_t>> &features, bool wantHidden = false,
                                int mcPasses = 0, std::uint64_t seed = 0) const;
    // The same over features held elsewhere, so that scoring a large pool copies none of them.
    Result<ClassScores> predictFrom(const std::vector<const std::vector<std::int64_t> *> &features,
                                    bool wantHidden = false, int mcPasses = 0, std::uint64_t seed = 0) const;
    Result<ClassScores> predictFrom(const std::vector<FeatureSpan> &features, bool wantHidden = false,
                                    int mcPasses = 0, std::uint64_t seed = 0) const;

    Result<QByteArray> saveCheckpoint() const;
    Status loadCheckpoint(const QByteArray &checkpoint);

private:
    TextClassifier();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace marginalia::ml
