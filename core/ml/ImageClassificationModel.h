#pragma once
// Image classification as a task model: the convolutional network of ImageClassifier.h over images named by their
// path (a sample's text). Not a project task yet: simulations (ml/Simulation.h) make it directly.
#include "io/ImageReader.h"
#include "task/TaskModel.h"

namespace marginalia::ml {

struct ImageModelOptions
{
    ImageInput input;   // what every image is drawn at
    bool flips = false; // mirror training images; off where a mirrored image means another class (digits, text)
    // Pixels already decoded, by path (may be null): a sample found here is not read again.
    std::shared_ptr<const DecodedImages> decoded;
};

std::unique_ptr<task::TaskModel> makeImageClassificationModel(const TrainingOptions &options,
                                                              const ImageModelOptions &images);

} // namespace marginalia::ml
