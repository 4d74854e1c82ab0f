#include "io/ImageReader.h"
#include "store/ProjectFiles.h"

#include <QCoreApplication>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <algorithm>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Images)
};

Status checkSize(qint64 bytes, const QString &name, const ImageLimits &limits)
{
    if (bytes > limits.maxFileBytes)
        return fail(Tr::tr("%1: the file is %2 MB; images of at most %3 MB are read.")
                        .arg(name)
                        .arg(bytes >> 20)
                        .arg(limits.maxFileBytes >> 20));
    return {};
}

Status checkFileSize(const QString &path, const ImageLimits &limits)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return fail(Tr::tr("%1: not a file.").arg(path));
    return checkSize(info.size(), path, limits);
}

Result<QByteArray> readFileBytes(const QString &path, const ImageLimits &limits)
{
    if (auto s = refuseOpenProject(path); !s) // a folder to predict or simulate on may hold an open project
        return Error{s.error()};
    if (auto s = checkFileSize(path, limits); !s)
        return Error{s.error()};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("%1: cannot be read (%2).").arg(path, file.errorString()));
    return file.read(limits.maxFileBytes + 1);
}

// The header's size, checked against the limits before anything is decoded.
Result<QSize> checkHeader(QImageReader &reader, const QString &name, const ImageLimits &limits)
{
    reader.setDecideFormatFromContent(true); // the bytes, not the file name, say what a file is
    if (!reader.canRead())
        return fail(Tr::tr("%1: not an image this build can read.").arg(name));
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return fail(Tr::tr("%1: the image header gives no size.").arg(name));
    if (size.width() > limits.maxSide || size.height() > limits.maxSide
        || qint64(size.width()) * size.height() > limits.maxPixels)
        return fail(Tr::tr("%1: the image declares %2 x %3 pixels; images of at most %4 megapixels and %5 pixels a "
                           "side are read.")
                        .arg(name)
                        .arg(size.width())
                        .arg(size.height())
                        .arg(limits.maxPixels >> 20)
                        .arg(limits.maxSide));
    return size;
}

Result<int> readHeader(const QString &path, const ImageLimits &limits)
{
    if (auto s = checkFileSize(path, limits); !s)
        return Error{s.error()};
    QImageReader reader(path);
    const auto size = checkHeader(reader, path, limits);
    if (!size)
        return Error{size.error()};
    return std::max(size->width(), size->height());
}
} // namespace

ImageInput chooseImageInput(const std::vector<int> &largestSides, bool allGrey)
{
    ImageInput input;
    input.channels = allGrey ? 1 : 3;
    const int largest = largestSides.empty() ? 32 : *std::max_element(largestSides.begin(), largestSides.end());
    input.side = largest <= 16 ? 16 : 32;
    return input;
}

Result<QSize> imageSize(const QByteArray &bytes, const QString &name, const ImageLimits &limits)
{
    if (auto s = checkSize(bytes.size(), name, limits); !s)
        return Error{s.error()};
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return checkHeader(reader, name, limits);
}

Result<QImage> decodeImage(const QByteArray &bytes, const QString &name, const ImageLimits &limits, QSize scaledTo)
{
    if (auto s = checkSize(bytes.size(), name, limits); !s)
        return Error{s.error()};
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const auto size = checkHeader(reader, name, limits);
    if (!size)
        return Error{size.error()};
    if (scaledTo.isValid() && (size->width() > scaledTo.width() || size->height() > scaledTo.height()))
        reader.setScaledSize(size->scaled(scaledTo, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
    // Qt's own allocation limit (a process-wide setting, left as it is) still guards the decoder against data
    // that disagrees with the header.
    QImage image;
    if (!reader.read(&image) || image.isNull())
        return fail(Tr::tr("%1: the image cannot be decoded (%2).").arg(name, reader.errorString()));
    return image;
}

Result<DecodedImage> decodeForModel(const QByteArray &bytes, const QString &name, const ImageInput &input,
                                    const ImageLimits &limits)
{
    const auto image = decodeImage(bytes, name, limits);
    if (!image)
        return Error{image.error()};
    const QImage scaled = image->convertToFormat(QImage::Format_RGB32)
                              .scaled(input.side, input.side, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    DecodedImage out;
    out.grey = scaled.allGray();
    const int plane = input.side * input.side;
    out.pixels.assign(static_cast<std::size_t>(input.values()), 0.0f);
    for (int y = 0; y < input.side; ++y) {
        const QRgb *row = reinterpret_cast<const QRgb *>(scaled.constScanLine(y));
        for (int x = 0; x < input.side; ++x) {
            const int at = y * input.side + x;
            if (input.channels == 1) {
                out.pixels[static_cast<std::size_t>(at)] = static_cast<float>(qGray(row[x])) / 255.0f;
                continue;
            }
            out.pixels[static_cast<std::size_t>(at)] = static_cast<float>(qRed(row[x])) / 255.0f;
            out.pixels[static_cast<std::size_t>(plane + at)] = static_cast<float>(qGreen(row[x])) / 255.0f;
            out.pixels[static_cast<std::size_t>(2 * plane + at)] = static_cast<float>(qBlue(row[x])) / 255.0f;
        }
    }
    return out;
}

Result<DecodedImage> readImage(const QString &path, const ImageInput &input, const ImageLimits &limits)
{
    const auto bytes = readFileBytes(path, limits);
    if (!bytes)
        return Error{bytes.error()};
    return decodeForModel(*bytes, path, input, limits);
}

Result<ImageFolder> readImageFolder(const QString &dir, const ImageInput *input, const ImageLimits &limits)
{
    const QDir root(dir);
    if (!QFileInfo(dir).isDir())
        return fail(Tr::tr("%1: not a folder.").arg(dir));
    ImageFolder folder;
    // First the headers, to choose the input size without decoding anything.
    struct File
    {
        QString path, label;
    };
    QVector<File> files;
    std::vector<int> sides;
    const QStringList classes = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &label : classes) {
        const QDir sub(root.filePath(label));
        for (const QString &name : sub.entryList(QDir::Files, QDir::Name)) {
            const QString path = sub.filePath(name);
            const auto header = readHeader(path, limits);
            if (!header) {
                folder.skipped << header.error();
                continue;
            }
            sides.push_back(*header);
            files.push_back({path, label});
        }
    }
    // Decoded in RGB first; reduced to one channel after when every image turned out grey.
    ImageInput colour = input ? *input : chooseImageInput(sides, false);
    if (!input)
        colour.channels = 3;
    bool allGrey = true;
    for (const File &f : files) {
        auto image = readImage(f.path, colour, limits);
        if (!image) {
            folder.skipped << image.error();
            continue;
        }
        allGrey = allGrey && image->grey;
        folder.images.push_back({f.path, f.label, std::move(image->pixels)});
    }
    if (folder.images.isEmpty())
        return fail(Tr::tr("%1 holds no readable image in a class subfolder (one subfolder per label).").arg(dir));
    folder.input = colour;
    if (!input && allGrey) {
        folder.input.channels = 1;
        const std::size_t plane = static_cast<std::size_t>(colour.side * colour.side);
        for (LabeledImage &image : folder.images)
            image.pixels.resize(plane); // the red plane equals the others
    }
    return folder;
}

} // namespace marginalia
