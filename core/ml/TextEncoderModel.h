#pragma once
// Text classification (single and multi-label) over a frozen TorchScript text encoder (ml/TextEncoder.h): every
// sample is embedded once, the features are kept between rounds (the worker's cache) and in the project, and only
// a classifier head (ml/FeatureHead.h) trains on them. Chosen by TrainingOptions::textEncoder. With
// TrainingOptions::encoderFinetune a copy of the encoder trains with the head, and every sample is embedded again
// after each round.
#include "ml/StoredFeatures.h"
#include "task/TaskModel.h"

namespace marginalia::ml {

std::unique_ptr<task::TaskModel> makeTextEncoderModel(bool multilabel, const TrainingOptions &options,
                                                      FeatureCache *cache = nullptr, StoredFeatures stored = {});

} // namespace marginalia::ml
