// Image fuzz target: the bytes of an image file in a folder the user imports or simulates on, which anyone may
// have made. They go through ImageReader as a file (the header checks against the limits, then QImageReader's
// decoder) at a grey and an RGB input; what comes back must be an image of the input's size with values in [0, 1].
#include "FuzzTargets.h"
#include "io/ImageReader.h"

#include <QTemporaryFile>

namespace marginalia::fuzz {

bool runImageTarget(const QByteArray &input)
{
    QTemporaryFile file;
    check(file.open() && file.write(input) == input.size() && file.flush(), "the input is written");
    // Tight limits, so that a forged header is refused quickly rather than decoded at the default limits.
    ImageLimits limits;
    limits.maxFileBytes = 1 << 20;
    limits.maxSide = 2048;
    limits.maxPixels = 1 << 20;
    bool read = false;
    for (const ImageInput input : {ImageInput{16, 1}, ImageInput{32, 3}}) {
        const auto image = readImage(file.fileName(), input, limits);
        if (!image) {
            check(image.error().contains(file.fileName()), "a refusal names the file");
            continue;
        }
        read = true;
        check(image->pixels.size() == static_cast<std::size_t>(input.values()), "the image has the input's size");
        for (const float v : image->pixels)
            check(v >= 0.0f && v <= 1.0f, "pixel values lie in [0, 1]");
    }
    return read;
}

} // namespace marginalia::fuzz
