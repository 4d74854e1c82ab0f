#pragma once
// The TorchScript module inside an ImageBackbone, for the classifier that fine-tunes it (ImageClassifier.cpp). Torch
// types: include only from .cpp files of core/ml.
#include "ml/ImageBackbone.h"
#include "ml/TorchInclude.h"

#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

namespace marginalia::ml {

struct BackboneAccess
{
    static torch::jit::Module &module(ImageBackbone &backbone);
    // [N, dim] features of a batch on the backbone's device, with gradients when the caller's mode has them.
    static torch::Tensor forward(ImageBackbone &backbone, const torch::Tensor &batch);
    // Its parameters and buffers, named "backbone.<name>", in a fixed order (the checkpoint's).
    static std::vector<std::pair<std::string, torch::Tensor>> state(ImageBackbone &backbone);
};

} // namespace marginalia::ml
