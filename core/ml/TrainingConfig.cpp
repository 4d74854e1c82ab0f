#include "ml/TrainingConfig.h"

#include <QJsonArray>

namespace marginalia::ml {

QJsonObject optionsToJson(const TrainingOptions &o)
{
    return QJsonObject{{QStringLiteral("strategy"), o.strategy},
                       {QStringLiteral("batch_size"), o.batchSize},
                       {QStringLiteral("epochs"), o.epochs},
                       {QStringLiteral("embedding_dim"), o.embeddingDim},
                       {QStringLiteral("hidden_dim"), o.hiddenDim},
                       {QStringLiteral("dropout"), o.dropout},
                       {QStringLiteral("learning_rate"), o.learningRate},
                       {QStringLiteral("augment"), o.augment},
                       {QStringLiteral("class_weights"), o.classWeights},
                       {QStringLiteral("mc_passes"), o.mcPasses},
                       {QStringLiteral("threads"), o.threads},
                       {QStringLiteral("seed"), QString::number(o.seed)},
                       {QStringLiteral("pretrained_vectors"), o.pretrainedVectors},
                       {QStringLiteral("image_backbone"), o.imageBackbone},
                       {QStringLiteral("image_finetune"), o.imageFinetune},
                       {QStringLiteral("text_encoder"), o.textEncoder},
                       {QStringLiteral("text_encoder_vocab"), o.textEncoderVocab},
                       {QStringLiteral("encoder_finetune"), o.encoderFinetune}};
}

TrainingOptions optionsFromJson(const QJsonObject &j, const TrainingOptions &f)
{
    TrainingOptions o;
    o.strategy = j.value(QStringLiteral("strategy")).toString(f.strategy);
    o.batchSize = j.value(QStringLiteral("batch_size")).toInt(f.batchSize);
    o.epochs = j.value(QStringLiteral("epochs")).toInt(f.epochs);
    o.embeddingDim = j.value(QStringLiteral("embedding_dim")).toInt(f.embeddingDim);
    o.hiddenDim = j.value(QStringLiteral("hidden_dim")).toInt(f.hiddenDim);
    o.dropout = j.value(QStringLiteral("dropout")).toDouble(f.dropout);
    o.learningRate = j.value(QStringLiteral("learning_rate")).toDouble(f.learningRate);
    o.augment = j.value(QStringLiteral("augment")).toBool(f.augment);
    o.classWeights = j.value(QStringLiteral("class_weights")).toBool(f.classWeights);
    o.mcPasses = j.value(QStringLiteral("mc_passes")).toInt(f.mcPasses);
    o.threads = j.value(QStringLiteral("threads")).toInt(f.threads);
    bool ok = false;
    const std::uint64_t seed = j.value(QStringLiteral("seed")).toString().toULongLong(&ok);
    o.seed = ok ? seed : f.seed;
    o.pretrainedVectors = j.value(QStringLiteral("pretrained_vectors")).toString(f.pretrainedVectors);
    o.imageBackbone = j.value(QStringLiteral("image_backbone")).toString(f.imageBackbone);
    o.imageFinetune = j.value(QStringLiteral("image_finetune")).toBool(f.imageFinetune);
    o.textEncoder = j.value(QStringLiteral("text_encoder")).toString(f.textEncoder);
    o.textEncoderVocab = j.value(QStringLiteral("text_encoder_vocab")).toString(f.textEncoderVocab);
    o.encoderFinetune = j.value(QStringLiteral("encoder_finetune")).toBool(f.encoderFinetune);
    return o;
}

QJsonObject featureConfigToJson(const text::FeatureConfig &c)
{
    return QJsonObject{{QStringLiteral("buckets"), c.buckets},
                       {QStringLiteral("word_ngrams"), c.wordNgrams},
                       {QStringLiteral("char_ngrams"), c.charNgrams},
                       {QStringLiteral("char_ngram_min"), c.charNgramMin},
                       {QStringLiteral("char_ngram_max"), c.charNgramMax},
                       {QStringLiteral("max_tokens"), c.maxTokens}};
}

text::FeatureConfig featureConfigFromJson(const QJsonObject &j)
{
    text::FeatureConfig c;
    c.buckets = j.value(QStringLiteral("buckets")).toInt(c.buckets);
    c.wordNgrams = j.value(QStringLiteral("word_ngrams")).toInt(c.wordNgrams);
    c.charNgrams = j.value(QStringLiteral("char_ngrams")).toBool(c.charNgrams);
    c.charNgramMin = j.value(QStringLiteral("char_ngram_min")).toInt(c.charNgramMin);
    c.charNgramMax = j.value(QStringLiteral("char_ngram_max")).toInt(c.charNgramMax);
    c.maxTokens = j.value(QStringLiteral("max_tokens")).toInt(c.maxTokens);
    return c;
}

QJsonObject runConfigJson(const TrainingOptions &options, const QStringList &labels, TaskType task, const QString &kind,
                          QJsonObject model, qint64 warmStartRun, const QJsonObject &extra)
{
    model.insert(QStringLiteral("kind"), kind);
    QJsonObject o = extra;
    o.insert(QStringLiteral("options"), optionsToJson(options));
    o.insert(QStringLiteral("labels"), QJsonArray::fromStringList(labels));
    o.insert(QStringLiteral("task"), taskTypeName(task));
    o.insert(QStringLiteral("model"), model);
    o.insert(QStringLiteral("warm_start_run"), warmStartRun > 0 ? QJsonValue(warmStartRun) : QJsonValue());
    return o;
}

} // namespace marginalia::ml
