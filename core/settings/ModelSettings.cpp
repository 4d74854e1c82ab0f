#include "settings/ModelSettings.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"

namespace marginalia::settings {

ml::TrainingOptions trainingOptions(const ProjectStore &store, QStringList *ignored)
{
    const auto get = [&](const char *key) {
        QString why;
        const QVariant v = value(store, key, &why);
        if (!why.isEmpty() && ignored)
            *ignored << why;
        return v;
    };
    ml::TrainingOptions o;
    o.strategy = get(kStrategy).toString();
    o.batchSize = get(kBatchSize).toInt();
    o.epochs = get(kEpochs).toInt();
    o.embeddingDim = get(kEmbeddingDim).toInt();
    o.hiddenDim = get(kHiddenDim).toInt();
    o.dropout = get(kDropout).toDouble();
    o.learningRate = get(kLearningRate).toDouble();
    o.augment = get(kAugment).toBool();
    o.classWeights = get(kClassWeights).toBool();
    o.mcPasses = get(kMcPasses).toInt();
    o.seed = std::uint64_t(get(kSeed).toLongLong());
    o.pretrainedVectors = get(kPretrainedVectors).toString();
    o.imageBackbone = get(kImageBackbone).toString();
    o.imageFinetune = get(kImageFinetune).toBool();
    o.textEncoder = get(kTextEncoder).toString();
    o.textEncoderVocab = get(kTextEncoderVocab).toString();
    o.encoderFinetune = get(kEncoderFinetune).toBool();
    return o;
}

} // namespace marginalia::settings
