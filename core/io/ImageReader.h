#pragma once
// Images read through QImageReader within limits: for the image classifier, drawn at its fixed input size, and for
// the studio's views. Plain C++ and Qt; no torch.
#include "Result.h"

#include <QHash>
#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>
#include <vector>

namespace marginalia {

// A file is refused before it is decoded when it is larger than these, or when its header declares more pixels:
// an image folder may come from anyone, and one forged header must not exhaust the machine.
struct ImageLimits
{
    qint64 maxFileBytes = qint64(64) << 20;
    int maxSide = 16384;
    qint64 maxPixels = qint64(40) << 20; // about 40 megapixels, a large camera photo
};

// The model's input: side x side pixels, 1 (grey) or 3 (RGB) channels, values in [0, 1], channel by channel.
// Every image is scaled to it (squashed, not cropped: the whole picture stays in view).
struct ImageInput
{
    int side = 32;
    int channels = 1;
    int values() const { return side * side * channels; }
    bool operator==(const ImageInput &o) const { return side == o.side && channels == o.channels; }
};

// The input size for a set of images, from their largest sides: 32 x 32 keeps a CIFAR-sized image whole and a
// training round on a CPU within seconds; images no larger than 16 pixels (8 x 8 digits) are drawn at 16 x 16,
// since scaling them further adds computation, not detail. Grey when every image is grey.
ImageInput chooseImageInput(const std::vector<int> &largestSides, bool allGrey);

// One image decoded and drawn at `input`; `grey` says whether it had no colour (RGB channels equal).
struct DecodedImage
{
    std::vector<float> pixels; // input.values()
    bool grey = true;
};

// Reads one image; every refusal names the file and why (missing, too large, not an image, damaged).
Result<DecodedImage> readImage(const QString &path, const ImageInput &input, const ImageLimits &limits = {});

// The same from bytes already read (a project's image, ProjectStore::imageBytes); refusals name `name`.
Result<DecodedImage> decodeForModel(const QByteArray &bytes, const QString &name, const ImageInput &input,
                                    const ImageLimits &limits = {});

// The size an image's header declares, checked against the limits without decoding a pixel.
Result<QSize> imageSize(const QByteArray &bytes, const QString &name, const ImageLimits &limits = {});

// Decodes image bytes within the limits, for display. A valid `scaledTo` asks the decoder for at most that size,
// keeping the aspect ratio (JPEG decodes straight to the smaller size: fast thumbnails).
Result<QImage> decodeImage(const QByteArray &bytes, const QString &name, const ImageLimits &limits = {},
                           QSize scaledTo = {});

struct LabeledImage
{
    QString path;
    QString label;
    std::vector<float> pixels; // the folder's input size
};

struct ImageFolder
{
    QVector<LabeledImage> images; // by label, then file name
    QStringList skipped;          // one line per file that could not be used: its path and why
    ImageInput input;
};

// The images of a folder with one subfolder per class (the subfolder's name is the label). Files that cannot be
// read are skipped and listed; an error when the folder is missing or holds no readable image. `input` (may be
// null) fixes the input size (an eval folder uses the pool's); else it is chosen for these images.
Result<ImageFolder> readImageFolder(const QString &dir, const ImageInput *input = nullptr, const ImageLimits &limits = {});

// Decoded pixels by image path, shared by the models a simulation makes so that each file is decoded once.
using DecodedImages = QHash<QString, std::vector<float>>;

} // namespace marginalia
