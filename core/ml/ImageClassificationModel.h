#pragma once
// Image classification as a task model: the convolutional network of ImageClassifier.h over images named by a
// sample's text: a file path (simulations, ml/Simulation.h) or a project's image (ProjectStore::imageBytes).
#include "io/ImageReader.h"
#include "task/TaskModel.h"

#include <functional>

namespace marginalia::ml {

struct ImageModelOptions
{
    ImageInput input;   // what every image is drawn at
    bool flips = false; // mirror training images; off where a mirrored image means another class (digits, text)
    // Pixels already decoded, by path (may be null): a sample found here is not read again.
    std::shared_ptr<const DecodedImages> decoded;
    // A project's images: the bytes of a sample's image (empty function: the sample's text is a file path). With
    // it the input size is chosen from the images themselves when the model first needs pixels.
    std::function<Result<QByteArray>(const Sample &)> bytes;
    // Keeps a backbone's features between rounds of one project (may be null; TrainingOptions::imageBackbone).
    FeatureCache *cache = nullptr;
    // A project's stored backbone features (ProjectStore::encoderFeatures), and where new ones are stored (may be
    // empty: then they are computed again next time).
    std::function<QHash<qint64, QByteArray>(const QString &backbone)> storedFeatures;
    std::function<void(const QString &backbone, const QVector<QPair<qint64, QByteArray>> &rows)> storeFeatures;
};

// The options for a project's images: read through `store` (which must outlive the model), the input chosen
// from the images, flips off (a mirrored digit or letter is another class; a project cannot know).
// `writable` (may be null) is the same store when the caller may write to it: new backbone features are kept there.
ImageModelOptions projectImageOptions(const ProjectStore &store, FeatureCache *cache = nullptr,
                                      ProjectStore *writable = nullptr);

std::unique_ptr<task::TaskModel> makeImageClassificationModel(const TrainingOptions &options,
                                                              const ImageModelOptions &images);

} // namespace marginalia::ml
