#include "ml/ImageClassifier.h"
#include "ml/ImageBackboneModule.h"
#include "ml/SparseCheckpoint.h"
#include "ml/TensorBundle.h"
#include "ml/TorchInclude.h"
#include "ml/TrainingTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <cmath>
#include <numeric>
#include <random>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

const QString kKind = QStringLiteral("image-cnn");
constexpr int kMaxSide = 1024;       // a backbone's input; the network's own is at most 256
constexpr int kMaxFeatures = 1 << 16; // a backbone's feature size
constexpr double kPi = 3.14159265358979323846;

torch::nn::Conv2d conv(int in, int out, int kernel, int stride)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
}

struct ResidualBlockImpl : torch::nn::Module
{
    ResidualBlockImpl(int in, int out, int stride)
    {
        conv1 = register_module("conv1", conv(in, out, 3, stride));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(out));
        conv2 = register_module("conv2", conv(out, out, 3, 1));
        bn2 = register_module("bn2", torch::nn::BatchNorm2d(out));
        if (stride != 1 || in != out) {
            skip = register_module("skip", conv(in, out, 1, stride));
            skipBn = register_module("skip_bn", torch::nn::BatchNorm2d(out));
        }
    }
    torch::Tensor forward(const torch::Tensor &x)
    {
        const torch::Tensor y = bn2(conv2(torch::relu(bn1(conv1(x)))));
        return torch::relu(y + (skip ? skipBn(skip(x)) : x));
    }
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, skipBn{nullptr};
};
TORCH_MODULE(ResidualBlock);

struct ImageNetImpl : torch::nn::Module
{
    explicit ImageNetImpl(const ImageShape &s) : features(s.features)
    {
        drop = register_module("drop", torch::nn::Dropout(s.dropout));
        if (features > 0) { // a head over a backbone's features
            out = register_module("out", torch::nn::Linear(features, static_cast<std::int64_t>(s.labels.size())));
            return;
        }
        stem = register_module("stem", conv(s.channels, s.width, 3, 1));
        stemBn = register_module("stem_bn", torch::nn::BatchNorm2d(s.width));
        block1 = register_module("block1", ResidualBlock(s.width, s.width, 1));
        block2 = register_module("block2", ResidualBlock(s.width, 2 * s.width, 2));
        block3 = register_module("block3", ResidualBlock(2 * s.width, 4 * s.width, 2));
        out = register_module("out", torch::nn::Linear(4 * s.width, static_cast<std::int64_t>(s.labels.size())));
    }
    // The penultimate layer: globally pooled features [B, 4 * width]. Pixels are centred on 0.
    torch::Tensor embed(const torch::Tensor &x)
    {
        if (features > 0)
            return x;
        torch::Tensor h = torch::relu(stemBn(stem(x - 0.5)));
        h = block3(block2(block1(h)));
        return h.mean({2, 3});
    }
    // What the linear layer reads: a backbone's features brought to one scale (backbones differ by orders of
    // magnitude), the network's own embedding as it is.
    torch::Tensor normed(const torch::Tensor &embedding)
    {
        return features > 0 ? torch::layer_norm(embedding, {features}) : embedding;
    }
    torch::Tensor logits(const torch::Tensor &embedding) { return out(drop(normed(embedding))); }

    std::int64_t features = 0;

    torch::nn::Conv2d stem{nullptr};
    torch::nn::BatchNorm2d stemBn{nullptr};
    ResidualBlock block1{nullptr}, block2{nullptr}, block3{nullptr};
    torch::nn::Dropout drop{nullptr};
    torch::nn::Linear out{nullptr};
};
TORCH_MODULE(ImageNet);

// [n, C, S, S] on `device` from the images' pixels.
torch::Tensor imageBatch(const std::vector<const std::vector<float> *> &images, std::size_t from, std::size_t to,
                         const ImageShape &shape, const torch::Device &device)
{
    const std::size_t values = static_cast<std::size_t>(shape.values());
    const std::int64_t n = static_cast<std::int64_t>(to - from);
    torch::Tensor batch = shape.takesFeatures() ? torch::empty({n, shape.features})
                                             : torch::empty({n, shape.channels, shape.side, shape.side});
    float *out = batch.data_ptr<float>();
    for (std::size_t i = from; i < to; ++i) {
        const std::vector<float> &image = *images[i];
        if (image.size() == values)
            std::copy(image.begin(), image.end(), out + (i - from) * values);
        else
            std::fill(out + (i - from) * values, out + (i - from + 1) * values, 0.0f); // unreadable: blank
    }
    return batch.to(device);
}

// One random affine transform per image (rotation, zoom, shift, mirror), resampled with the border pixels
// extended, then Gaussian noise. Torch's global generator (seeded by the caller) draws the noise.
torch::Tensor augment(const torch::Tensor &images, const ImageAugmentation &a, std::mt19937_64 &rng)
{
    const std::int64_t n = images.size(0);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    std::bernoulli_distribution mirror(0.5);
    std::vector<float> theta(static_cast<std::size_t>(n) * 6);
    for (std::int64_t i = 0; i < n; ++i) {
        const double angle = unit(rng) * a.rotationDegrees * kPi / 180.0;
        const double scale = 1.0 + unit(rng) * a.zoom; // above 1: the output shows a smaller part (a crop)
        const double flip = a.flips && mirror(rng) ? -1.0 : 1.0;
        const double tx = unit(rng) * a.shift * 2.0, ty = unit(rng) * a.shift * 2.0; // grid coordinates span 2
        float *t = theta.data() + i * 6;
        t[0] = static_cast<float>(flip * std::cos(angle) / scale);
        t[1] = static_cast<float>(-std::sin(angle) / scale);
        t[2] = static_cast<float>(tx);
        t[3] = static_cast<float>(flip * std::sin(angle) / scale);
        t[4] = static_cast<float>(std::cos(angle) / scale);
        t[5] = static_cast<float>(ty);
    }
    const torch::Tensor th = torch::from_blob(theta.data(), {n, 2, 3}, torch::kFloat32).clone().to(images.device());
    namespace F = torch::nn::functional;
    const torch::Tensor grid = F::affine_grid(th, images.sizes(), false);
    torch::Tensor out = F::grid_sample(images, grid,
                                       F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kBorder).align_corners(false));
    if (a.noise > 0)
        out = out + torch::randn_like(out) * a.noise;
    return out.clamp(0.0, 1.0);
}

Result<ImageShape> declaredShape(const TensorBundle &bundle)
{
    if (bundle.kind != kKind)
        return fail(Tr::tr("The stored model is not an image classifier (it is a \"%1\" model).").arg(bundle.kind));
    const QJsonObject &meta = bundle.meta;
    const auto number = [&](const char *key) {
        const QJsonValue v = meta.value(QLatin1String(key));
        return v.isDouble() ? v.toInteger(-1) : qint64(-1);
    };
    const qint64 side = number("side"), channels = number("channels"), width = number("width");
    const qint64 features = meta.contains(QStringLiteral("features")) ? number("features") : 0;
    if (side < 1 || side > kMaxSide || (channels != 1 && channels != 3) || width < 1 || width > 512
        || features < 0 || features > kMaxFeatures || (features == 0 && (side < 8 || side > 256))
        || !meta.value(QStringLiteral("labels")).isArray())
        return fail(Tr::tr("The stored image classifier is damaged: its sizes are out of range."));
    ImageShape shape;
    shape.features = static_cast<int>(features);
    shape.backbone = meta.value(QStringLiteral("backbone")).toString();
    shape.finetune = features > 0 && meta.value(QStringLiteral("finetune")).toBool();
    shape.side = static_cast<int>(side);
    shape.channels = static_cast<int>(channels);
    shape.width = static_cast<int>(width);
    QSet<QString> seen;
    for (const QJsonValue &v : meta.value(QStringLiteral("labels")).toArray()) {
        const QString label = v.toString();
        if (!v.isString() || label.isEmpty() || seen.contains(label))
            return fail(Tr::tr("The stored image classifier is damaged: its labels are empty or repeated."));
        seen.insert(label);
        shape.labels << label;
    }
    if (shape.labels.size() < 2 || shape.labels.size() > 100000)
        return fail(Tr::tr("The stored image classifier is damaged: it has too few or too many labels."));
    return shape;
}
} // namespace

struct ImageClassifier::Private
{
    ImageShape shape;
    torch::Device device{torch::kCPU};
    ImageNet net{nullptr};
    std::shared_ptr<ImageBackbone> backbone; // fine-tuned with the head (shape.finetune)

    // The embedding of a batch: the backbone's features when it is fine-tuned, else the network's own.
    torch::Tensor embed(const torch::Tensor &x)
    {
        return shape.finetune ? BackboneAccess::forward(*backbone, x) : net->embed(x);
    }
    void setTraining(bool on)
    {
        net->train(on);
        if (shape.finetune)
            BackboneAccess::module(*backbone).train(on);
    }
    // Everything a checkpoint holds, in its order: the head (or network), then a fine-tuned backbone.
    std::vector<std::pair<std::string, torch::Tensor>> state() const
    {
        auto out = moduleState(*net);
        if (shape.finetune)
            for (auto &entry : BackboneAccess::state(*backbone))
                out.push_back(std::move(entry));
        return out;
    }
};

ImageClassifier::ImageClassifier() : d(std::make_unique<Private>()) {}
ImageClassifier::~ImageClassifier() = default;

const ImageShape &ImageClassifier::shape() const { return d->shape; }

QString ImageClassifier::deviceName() const
{
    return d->device.is_cuda() ? QStringLiteral("CUDA") : QStringLiteral("CPU");
}

Result<std::unique_ptr<ImageClassifier>> ImageClassifier::create(const ImageShape &shape, std::uint64_t seed,
                                                                  std::shared_ptr<ImageBackbone> backbone)
{
    if (shape.finetune && (!backbone || shape.features <= 0))
        return fail(Tr::tr("Fine-tuning needs the image backbone."));
    if (shape.labels.size() < 2)
        return fail(Tr::tr("An image classifier needs at least two labels."));
    if (shape.side < 1 || shape.side > kMaxSide || (shape.channels != 1 && shape.channels != 3) || shape.width < 1
        || shape.width > 512 || shape.features < 0 || shape.features > kMaxFeatures
        || (shape.features == 0 && (shape.side < 8 || shape.side > 256)))
        return fail(Tr::tr("The image classifier's input or width is out of range."));
    try {
        torch::manual_seed(seed);
        std::unique_ptr<ImageClassifier> model(new ImageClassifier);
        model->d->shape = shape;
        model->d->net = ImageNet(shape);
        model->d->backbone = std::move(backbone);
        if (torch::cuda::is_available()) {
            model->d->device = torch::Device(torch::kCUDA);
            model->d->net->to(model->d->device);
        }
        model->d->net->eval();
        return model;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not create the image classifier: %1").arg(firstLine(e)));
    }
}

Result<QVector<EpochRow>> ImageClassifier::train(const std::vector<const std::vector<float> *> &images,
                                                 const std::vector<int> &labels, const ImageTraining &options,
                                                 const std::atomic_bool &cancel,
                                                 const std::function<void(int, int)> &onEpoch)
{
    if (images.empty() || images.size() != labels.size())
        return fail(Tr::tr("There are no labeled images to train on."));
    for (int label : labels)
        if (label < 0 || label >= d->shape.labels.size())
            return fail(Tr::tr("A training image has a label the classifier does not know."));
    try {
        torch::manual_seed(options.seed);
        std::mt19937_64 rng(options.seed);
        const std::size_t n = images.size();
        const torch::Tensor all = imageBatch(images, 0, n, d->shape, d->device);
        const torch::Tensor targets =
            torch::from_blob(const_cast<int *>(labels.data()), {static_cast<std::int64_t>(n)}, torch::kInt32)
                .to(torch::kInt64)
                .to(d->device);
        const std::size_t batch = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(1, options.batchSize)));
        const int stepsPerEpoch = static_cast<int>((n + batch - 1) / batch);
        const int epochs = std::max(options.epochs, (options.minSteps + stepsPerEpoch - 1) / stepsPerEpoch);
        const int steps = epochs * stepsPerEpoch;
        // A fine-tuned backbone learns ten times slower than the head: it starts from what it knows.
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(d->net->parameters());
        if (d->shape.finetune) {
            std::vector<torch::Tensor> backboneParameters;
            for (const auto &p : BackboneAccess::module(*d->backbone).parameters(true)) {
                p.set_requires_grad(true);
                backboneParameters.push_back(p);
            }
            groups.emplace_back(backboneParameters);
        }
        torch::optim::AdamW optimizer(groups, torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
        std::vector<std::int64_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        QVector<EpochRow> rows;
        int step = 0;
        d->setTraining(true);
        for (int epoch = 1; epoch <= epochs; ++epoch) {
            std::shuffle(order.begin(), order.end(), rng);
            double lossSum = 0;
            for (std::size_t start = 0; start < n; start += batch) {
                if (cancel.load()) {
                    d->setTraining(false);
                    return fail(Tr::tr("Training was cancelled."));
                }
                // A batch of one would leave batch norm nothing to normalise over.
                const std::size_t end = std::min(n, start + batch);
                if (end - start < 2 && n >= 2)
                    continue;
                const double rate = 0.5 * options.learningRate * (1.0 + std::cos(kPi * step / std::max(1, steps)));
                for (std::size_t g = 0; g < optimizer.param_groups().size(); ++g)
                    static_cast<torch::optim::AdamWOptions &>(optimizer.param_groups()[g].options()).lr(g == 0 ? rate : rate * 0.1);
                const torch::Tensor index =
                    torch::from_blob(order.data() + start, {static_cast<std::int64_t>(end - start)}, torch::kInt64)
                        .to(d->device);
                const torch::Tensor picked = all.index_select(0, index);
                const torch::Tensor x = d->shape.takesFeatures() ? picked : augment(picked, options.augmentation, rng);
                const torch::Tensor loss =
                    torch::nn::functional::cross_entropy(d->net->logits(d->embed(x)), targets.index_select(0, index));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                const double value = loss.item<double>();
                if (!std::isfinite(value)) {
                    d->setTraining(false);
                    return fail(Tr::tr("Training diverged (the loss is not a number)."));
                }
                lossSum += value * static_cast<double>(end - start);
                ++step;
            }
            rows.push_back(EpochRow{epoch, lossSum / static_cast<double>(n), std::nullopt});
            if (onEpoch)
                onEpoch(epoch, epochs);
        }
        d->setTraining(false);
        return rows;
    } catch (const std::exception &e) {
        d->setTraining(false);
        return fail(Tr::tr("Training failed: %1").arg(firstLine(e)));
    }
}

Result<ClassScores> ImageClassifier::predict(const std::vector<const std::vector<float> *> &images, bool embeddings,
                                             int mcPasses, std::uint64_t seed) const
{
    try {
        c10::InferenceMode inference;
        d->setTraining(false);
        ClassScores out;
        out.n = static_cast<int>(images.size());
        out.classes = static_cast<int>(d->shape.labels.size());
        out.dim = d->shape.embeddingDim();
        out.probs.reserve(images.size() * static_cast<std::size_t>(out.classes));
        out.mc.resize(static_cast<std::size_t>(std::max(0, mcPasses)));
        if (mcPasses > 0)
            torch::manual_seed(seed);
        const double p = d->shape.dropout;
        const auto append = [](std::vector<float> &to, const torch::Tensor &t) {
            const torch::Tensor c = t.to(torch::kCPU).contiguous();
            to.insert(to.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
        };
        constexpr std::size_t kBatch = 256;
        for (std::size_t start = 0; start < images.size(); start += kBatch) {
            const std::size_t end = std::min(images.size(), start + kBatch);
            const torch::Tensor e = d->embed(imageBatch(images, start, end, d->shape, d->device));
            const torch::Tensor h = d->net->normed(e);
            append(out.probs, torch::softmax(d->net->out(h), 1));
            // MC dropout: only the head has dropout, so each pass reuses the embedding.
            for (int t = 0; t < mcPasses; ++t)
                append(out.mc[static_cast<std::size_t>(t)],
                       torch::softmax(d->net->out(torch::dropout(h, p, true)), 1));
            if (embeddings)
                append(out.embeddings, e);
        }
        return out;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Classifying the images failed: %1").arg(firstLine(e)));
    }
}

Result<QByteArray> ImageClassifier::saveCheckpoint() const
{
    try {
        torch::NoGradGuard noGrad;
        const ImageShape &s = d->shape;
        QJsonObject meta{{QStringLiteral("side"), s.side},
                               {QStringLiteral("channels"), s.channels},
                               {QStringLiteral("width"), s.width},
                               {QStringLiteral("labels"), QJsonArray::fromStringList(s.labels)}};
        if (s.features > 0) {
            meta.insert(QStringLiteral("features"), s.features);
            meta.insert(QStringLiteral("backbone"), s.backbone);
            if (s.finetune)
                meta.insert(QStringLiteral("finetune"), true);
        }
        return writeDenseCheckpoint(d->state(), kKind, meta);
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not save the image classifier: %1").arg(firstLine(e)));
    }
}

Result<ImageShape> ImageClassifier::checkpointShape(const QByteArray &checkpoint)
{
    const auto bundle = readTensorBundle(checkpoint);
    if (!bundle)
        return Error{bundle.error()};
    return declaredShape(*bundle);
}

Status ImageClassifier::loadCheckpoint(const QByteArray &checkpoint)
{
    // The bytes may come from someone else's project: every tensor is checked against this network before any
    // is copied in.
    const auto bundle = readTensorBundle(checkpoint);
    if (!bundle)
        return Error{bundle.error()};
    const auto stored = declaredShape(*bundle);
    if (!stored)
        return Error{stored.error()};
    if (!(*stored == d->shape))
        return fail(Tr::tr("The stored image classifier has a different shape or other labels."));
    return loadDenseCheckpoint(d->state(), *bundle, Tr::tr("Could not load the image classifier: %1"));
}

Result<std::vector<float>> augmentImages(const std::vector<float> &images, int count, const ImageShape &shape,
                                         const ImageAugmentation &augmentation, std::uint64_t seed)
{
    if (count < 0 || images.size() != static_cast<std::size_t>(count) * static_cast<std::size_t>(shape.values()))
        return fail(Tr::tr("The images do not have the classifier's input size."));
    try {
        torch::NoGradGuard noGrad;
        torch::manual_seed(seed);
        std::mt19937_64 rng(seed);
        const torch::Tensor in =
            torch::from_blob(const_cast<float *>(images.data()), {count, shape.channels, shape.side, shape.side}, torch::kFloat32);
        const torch::Tensor out = augment(in, augmentation, rng).contiguous();
        return std::vector<float>(out.data_ptr<float>(), out.data_ptr<float>() + out.numel());
    } catch (const std::exception &e) {
        return fail(Tr::tr("Augmenting the images failed: %1").arg(firstLine(e)));
    }
}

} // namespace marginalia::ml
