#include "ml/EncoderHeadRun.h"
#include "ml/TextEncoder.h"
#include "ml/TrainingConfig.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};
} // namespace

Result<std::shared_ptr<TextEncoder>> loadOptionsEncoder(const TrainingOptions &options, FeatureCache *cache)
{
    if (options.textEncoder.isEmpty())
        return fail(Tr::tr("No text encoder is set (setting model.text_encoder)."));
    return TextEncoder::loadShared(options.textEncoder, options.textEncoderVocab, cache);
}

HeadShape encoderHeadShape(const TextEncoder &encoder, const QStringList &labels, bool multilabel,
                           const TrainingOptions &options)
{
    HeadShape shape;
    shape.features = encoder.dim();
    shape.labels = labels;
    shape.multilabel = multilabel;
    shape.dropout = options.dropout;
    shape.encoder = encoder.fingerprint();
    shape.finetune = options.encoderFinetune;
    return shape;
}

Result<StoredHeadRun> readStoredHeadRun(const ModelRunRecord &run, const QByteArray &checkpoint, TrainingOptions &options)
{
    const auto shape = FeatureHead::checkpointShape(checkpoint);
    if (!shape)
        return Error{shape.error()};
    StoredHeadRun read;
    read.shape = *shape;
    read.config = QJsonDocument::fromJson(run.configJson.toUtf8()).object();
    read.stored = optionsFromJson(read.config.value(QStringLiteral("options")).toObject());
    read.shape.dropout =
        read.config.value(QStringLiteral("model")).toObject().value(QStringLiteral("dropout")).toDouble(options.dropout);
    options.seed = read.stored.seed;
    if (options.textEncoder.isEmpty()) {
        options.textEncoder = read.stored.textEncoder;
        options.textEncoderVocab = read.stored.textEncoderVocab;
    }
    return read;
}

Status checkHeadEncoder(const HeadShape &shape, const QString &fingerprint, const QString &path)
{
    if (fingerprint != shape.encoder)
        return fail(Tr::tr("The text encoder %1 is not the one the stored model was trained on.").arg(path));
    return {};
}

} // namespace marginalia::ml
