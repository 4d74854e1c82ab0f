#pragma once
// The TorchScript module inside a TextEncoder, for the heads that fine-tune it (FeatureHead.cpp). Torch
// types: include only from .cpp files of core/ml.
#include "ml/SparseCheckpoint.h"
#include "ml/TextEncoder.h"

#include <QStringList>
#include <cstdint>
#include <vector>

namespace marginalia::ml {

struct EncoderAccess
{
    // A text's word pieces as the encoder reads them.
    static std::vector<std::int64_t> pieces(const TextEncoder &encoder, const QString &text);
    // [n, dim] text vectors (mean token states) on the encoder's device, with gradients when the caller's mode
    // has them. Throws what torch throws.
    static torch::Tensor pooled(TextEncoder &encoder, const std::vector<const std::vector<std::int64_t> *> &pieces);
    // [words of all texts, dim] on the encoder's device, in text then word order: each word's state as
    // TextEncoder::wordStates gives it, with gradients when the caller's mode has them. Throws what torch throws.
    static torch::Tensor wordStates(TextEncoder &encoder, const std::vector<const QStringList *> &texts);
    static void setTraining(TextEncoder &encoder, bool on);
    static std::vector<torch::Tensor> parameters(TextEncoder &encoder);
    // Its parameters and buffers, named "encoder.<name>", in a fixed order (the checkpoint's).
    static NamedTensors state(TextEncoder &encoder);
};

} // namespace marginalia::ml
