#include "ml/ImageBackbone.h"
#include "ml/Device.h"
#include "ml/ImageBackboneModule.h"
#include "store/ContentHash.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

constexpr qint64 kMaxBackboneBytes = qint64(2) << 30;
constexpr int kBatch = 64;
constexpr int kMaxSide = 1024;
} // namespace

struct ImageBackbone::Private
{
    torch::jit::Module module;
    torch::Device device{torch::kCPU};
    ImageInput input{32, 3};
    int dim = 0;
    QString fingerprint;

    torch::Tensor run(const torch::Tensor &batch)
    {
        torch::Tensor out = module.forward({batch}).toTensor();
        if (out.dim() == 4)
            out = out.mean({2, 3});
        return out.reshape({out.size(0), -1}).to(torch::kCPU, torch::kFloat32).contiguous();
    }
};

ImageBackbone::ImageBackbone() : d(std::make_unique<Private>()) {}
ImageBackbone::~ImageBackbone() = default;

Result<std::unique_ptr<ImageBackbone>> ImageBackbone::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return fail(Tr::tr("The image backbone %1 does not exist.").arg(path));
    if (file.size() > kMaxBackboneBytes || !file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("The image backbone %1 cannot be read.").arg(path));
    std::unique_ptr<ImageBackbone> b(new ImageBackbone);
    b->d->fingerprint = QString::fromLatin1(sha256(file.readAll()).toHex());
    file.close();
    try {
        torch::NoGradGuard noGrad;
        b->d->device = selectedDevice().cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
        b->d->module = torch::jit::load(QFile::encodeName(path).toStdString(), b->d->device);
        b->d->module.eval();
        if (b->d->module.hasattr("input_side"))
            b->d->input.side = static_cast<int>(b->d->module.attr("input_side").toInt());
        if (b->d->module.hasattr("input_channels"))
            b->d->input.channels = static_cast<int>(b->d->module.attr("input_channels").toInt());
        if (b->d->input.side < 1 || b->d->input.side > kMaxSide || (b->d->input.channels != 1 && b->d->input.channels != 3))
            return fail(Tr::tr("The image backbone %1 asks for %2 x %2 images with %3 channels; 1 to %4 pixels a side "
                               "and 1 or 3 channels are supported.")
                            .arg(path)
                            .arg(b->d->input.side)
                            .arg(b->d->input.channels)
                            .arg(kMaxSide));
        const torch::Tensor probe = b->d->run(
            torch::zeros({1, b->d->input.channels, b->d->input.side, b->d->input.side}).to(b->d->device));
        b->d->dim = static_cast<int>(probe.size(1));
        if (b->d->dim < 1 || b->d->dim > (1 << 16))
            return fail(Tr::tr("The image backbone %1 gives %2 features per image.").arg(path).arg(b->d->dim));
    } catch (const std::exception &e) {
        return fail(Tr::tr("The image backbone %1 cannot be used: %2")
                        .arg(path, firstLine(e)));
    }
    return b;
}

ImageInput ImageBackbone::input() const { return d->input; }
int ImageBackbone::dim() const { return d->dim; }
QString ImageBackbone::fingerprint() const { return d->fingerprint; }

Result<std::vector<float>> ImageBackbone::features(const std::vector<const std::vector<float> *> &images) const
{
    const std::size_t values = static_cast<std::size_t>(d->input.values());
    std::vector<float> out(images.size() * static_cast<std::size_t>(d->dim), 0.0f);
    try {
        torch::NoGradGuard noGrad;
        for (std::size_t from = 0; from < images.size(); from += kBatch) {
            const std::size_t to = std::min(images.size(), from + kBatch);
            torch::Tensor batch = torch::zeros({static_cast<std::int64_t>(to - from), d->input.channels, d->input.side, d->input.side});
            float *in = batch.data_ptr<float>();
            for (std::size_t i = from; i < to; ++i)
                if (images[i]->size() == values)
                    std::copy(images[i]->begin(), images[i]->end(), in + (i - from) * values);
            const torch::Tensor f = d->run(batch.to(d->device));
            if (f.size(0) != static_cast<std::int64_t>(to - from) || f.size(1) != d->dim)
                return fail(Tr::tr("The image backbone changed its output size."));
            std::copy(f.data_ptr<float>(), f.data_ptr<float>() + f.numel(), out.begin() + static_cast<std::ptrdiff_t>(from * d->dim));
        }
    } catch (const std::exception &e) {
        return fail(Tr::tr("The image backbone failed: %1").arg(firstLine(e)));
    }
    return out;
}

torch::jit::Module &BackboneAccess::module(ImageBackbone &backbone) { return backbone.d->module; }

torch::Tensor BackboneAccess::forward(ImageBackbone &backbone, const torch::Tensor &batch)
{
    torch::Tensor out = backbone.d->module.forward({batch.to(backbone.d->device)}).toTensor();
    if (out.dim() == 4)
        out = out.mean({2, 3});
    return out.reshape({out.size(0), -1});
}

std::vector<std::pair<std::string, torch::Tensor>> BackboneAccess::state(ImageBackbone &backbone)
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto &p : backbone.d->module.named_parameters(true))
        out.emplace_back("backbone." + p.name, p.value);
    for (const auto &b : backbone.d->module.named_buffers(true))
        out.emplace_back("backbone." + b.name, b.value);
    return out;
}

} // namespace marginalia::ml
