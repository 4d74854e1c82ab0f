#pragma once
// A frozen image feature extractor from a TorchScript file the user names (a network traced or scripted in
// Python, or built in C++): the image classifier then trains only a head on its features (ImageClassifier with
// ImageShape::features). Loading TorchScript runs the file's code, so only a file the user chose is ever loaded,
// never anything a project carries (a project keeps the file's path and hash, and weights only as plain tensors).
// Plain C++ interface; torch stays in the .cpp.
#include "Result.h"
#include "io/ImageReader.h"

#include <QString>
#include <memory>
#include <vector>

namespace marginalia::ml {

class ImageBackbone
{
public:
    // Loads the file and runs it once on a blank image to learn its feature size. The module's integer attributes
    // `input_side` and `input_channels` give the image size it expects (default 32 x 32 RGB); its forward takes
    // [N, C, S, S] floats in [0, 1] and returns [N, D] features, or [N, D, H, W] maps, which are averaged.
    static Result<std::unique_ptr<ImageBackbone>> load(const QString &path);
    ~ImageBackbone();
    ImageBackbone(const ImageBackbone &) = delete;
    ImageBackbone &operator=(const ImageBackbone &) = delete;

    ImageInput input() const;
    int dim() const;
    QString fingerprint() const; // SHA-256 of the file, hex: which backbone a stored head was trained on

    // Features of images drawn at input(), n * dim() floats; an image of another size (unreadable) gets zeros.
    Result<std::vector<float>> features(const std::vector<const std::vector<float> *> &images) const;

private:
    friend struct BackboneAccess; // ml/ImageBackboneModule.h: the module itself, for fine-tuning
    ImageBackbone();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace marginalia::ml
