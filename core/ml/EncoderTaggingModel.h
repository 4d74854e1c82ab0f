#pragma once
// Span labeling (named entities, BIO tags) over a frozen TorchScript text encoder (ml/TextEncoder.h): every
// sentence's tokens are read by the encoder once, each token's state (its first word piece's) is kept between
// rounds in the worker's cache, and only a tagging head trains on them: a softmax over the BIO tags per token
// (ml/FeatureHead.h, one token a row). Its outputs are the sequence tagger's (ml/SpanLabelingModel.h): token
// marginals for the queries, decoded spans, the entity report. Chosen by TrainingOptions::textEncoder on a span
// labeling project. With TrainingOptions::encoderFinetune a copy of the encoder trains under the head, and the
// states are then the round's own, taken from that copy.
#include "task/TaskModel.h"

namespace marginalia::ml {

std::unique_ptr<task::TaskModel> makeEncoderTaggingModel(const TrainingOptions &options, FeatureCache *cache = nullptr);

} // namespace marginalia::ml
