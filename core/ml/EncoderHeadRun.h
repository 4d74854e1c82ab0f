#pragma once
// What the two heads over a frozen text encoder (ml/TextEncoderModel.h, ml/EncoderTaggingModel.h) do alike: load
// the encoder the options name, shape a fresh head over it, and read from a stored run the head's shape from the checkpoint, the run's config
// and the options it trained with, and whether the encoder at hand is the one the head was trained on. Plain
// C++, no torch.
#include "Result.h"
#include "ml/FeatureHead.h"
#include "ml/TrainingTypes.h"
#include "store/RunTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <memory>

namespace marginalia::ml {

class TextEncoder;

// The encoder `options` name (setting model.text_encoder and its vocabulary), shared through `cache` while its
// files stay the same (TextEncoder::loadShared); fails when none is named.
Result<std::shared_ptr<TextEncoder>> loadOptionsEncoder(const TrainingOptions &options, FeatureCache *cache);

// A fresh head over `encoder`'s features with a row per label, its dropout and fine-tuning as `options` say.
HeadShape encoderHeadShape(const TextEncoder &encoder, const QStringList &labels, bool multilabel,
                           const TrainingOptions &options);

struct StoredHeadRun
{
    HeadShape shape;       // its dropout is the run's
    QJsonObject config;    // the run's config JSON
    TrainingOptions stored; // the options the run trained with
};

// Reads a run and its checkpoint's head shape, and sets `options`' seed to the run's and, where `options` names
// no encoder, the run's encoder files (a stored head needs the encoder it was trained on).
Result<StoredHeadRun> readStoredHeadRun(const ModelRunRecord &run, const QByteArray &checkpoint, TrainingOptions &options);

// Fails with the encoder's path unless `fingerprint` is the one the head was trained on.
Status checkHeadEncoder(const HeadShape &shape, const QString &fingerprint, const QString &path);

} // namespace marginalia::ml
