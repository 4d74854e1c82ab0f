#pragma once
#include "ml/FeatureBlock.h"

#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace marginalia::ml {

struct WordVectorTable;

// What one training round uses; persisted per run as its config JSON.
struct TrainingOptions
{
    QString strategy = QStringLiteral("margin"); // see al::strategies()
    int batchSize = 25;          // how many picks a batch strategy selects together
    int epochs = 30;             // upper bound; early stopping on an internal dev fold usually ends sooner
    int embeddingDim = 64;
    int hiddenDim = 0;           // 0 = no hidden layer
    double dropout = 0.2;
    double learningRate = 0.05;
    bool augment = false;        // token dropout / swap on training examples
    bool classWeights = true;    // counter skewed label sets
    int mcPasses = 10;           // BALD dropout passes
    int threads = 2;             // torch intra-op threads on the worker
    std::uint64_t seed = 42;
    QString pretrainedVectors;   // optional fastText .vec or .bin file for the document vector
    QString imageBackbone;       // optional TorchScript image feature extractor (ml/ImageBackbone.h)
    bool imageFinetune = false;  // train the backbone's own weights too (slow without a GPU)
    // Text projects: a TorchScript text encoder (ml/TextEncoder.h) whose features a classifier head learns from,
    // and its WordPiece vocabulary (empty: the vocab.txt beside it). Empty: the embedding-bag classifier.
    QString textEncoder;
    QString textEncoderVocab;
    bool encoderFinetune = false; // over a text encoder (either head): train its own weights too (slow without a GPU)
    // Vectors learned from the project's pool (ml/PoolPretraining.h): the classifier's frozen document vector
    // reads them when no file is named above. Not part of the run's config JSON; the run records their stamp.
    std::shared_ptr<const WordVectorTable> poolVectors;
};

// The most parameters a model is made with (4 GiB of floats; the defaults make 67 million, 300-dimensional
// pretrained vectors 315 million). A shape comes from a project file, whose settings or stored model may come
// from someone else: far larger would only exhaust the machine.
constexpr double kMaxModelParameters = double(1 << 30);

// Hashed features by sample id, kept between rounds by a long-lived caller (the training worker) so that each
// round tokenizes only new samples. A sample's text never changes, so entries stay valid for one project and one
// set of feature settings (`featureSettings`; other settings start the cache again). The ids live in one
// FeatureBlock (about 2 bytes an id, no allocation per sample), which the round's model reads in place.
struct FeatureCache
{
    static constexpr qint64 kMaxCachedId = qint64(1) << 26; // spans by id: 16 bytes per id up to the largest
    FeatureBlock block;
    std::vector<FeatureSpan> byId; // a span with null bytes: not cached
    QString featureSettings;
    int cachedSamples = 0;
    // A frozen encoder's features (an image backbone's, a text encoder's) by sample id, valid for the encoder
    // named by its fingerprint.
    QHash<qint64, std::vector<float>> encoderFeatures;
    QString encoder;
    // The text encoder module itself (an ml::TextEncoder, kept opaque here so this header stays free of torch),
    // loaded once for every round while its files stay the same (`loadedEncoderKey`: paths, sizes and change times).
    std::shared_ptr<void> loadedEncoder;
    QString loadedEncoderKey;
};

// Pretraining: learning word vectors; Auditing: looking for wrong labels (task/LabelAudit.h)
enum class WorkerState { Idle, Training, Scoring, Pretraining, Auditing };

// Summary of a finished round, for the status bar and charts.
struct RoundSummary
{
    qint64 runId = 0;
    int round = 0;
    int trainLabels = 0;
    int evalLabels = 0;
    double macroF1 = 0;
    double microF1 = 0;
    double accuracy = 0;
    double seconds = 0;
    QString device;
    bool suggestStop = false;
};

} // namespace marginalia::ml

Q_DECLARE_METATYPE(marginalia::ml::TrainingOptions)
Q_DECLARE_METATYPE(marginalia::ml::RoundSummary)
Q_DECLARE_METATYPE(marginalia::ml::WorkerState)
