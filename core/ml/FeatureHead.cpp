#include "ml/FeatureHead.h"
#include "ml/Device.h"
#include "ml/SparseCheckpoint.h"
#include "ml/TensorBundle.h"
#include "ml/TextEncoderModule.h"
#include "ml/TorchInclude.h"
#include "ml/TrainingTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <unordered_map>

namespace marginalia::ml {

namespace {
const QString kKind = QStringLiteral("feature-head");
constexpr int kMaxFeatures = 1 << 16;
constexpr int kMaxLabels = 100000;
constexpr std::size_t kDevFoldFrom = 30; // labeled samples before a tenth is kept back for early stopping
constexpr int kPatience = 5;             // epochs without a better dev loss before training stops
// A dev fold this large is trusted to choose the epoch whose weights are kept; a smaller one (a few hundred labels)
// only reports its loss: a handful of samples would pick a barely trained head as often as the best one.
constexpr std::size_t kTrustedDevFold = 30;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

Result<HeadShape> declaredShape(const TensorBundle &bundle)
{
    if (bundle.kind != kKind)
        return fail(Tr::tr("The stored model is not a classifier head over encoder features."));
    HeadShape s;
    s.features = bundle.meta.value(QStringLiteral("features")).toInt();
    s.multilabel = bundle.meta.value(QStringLiteral("multilabel")).toBool();
    s.encoder = bundle.meta.value(QStringLiteral("encoder")).toString();
    s.finetune = bundle.meta.value(QStringLiteral("finetune")).toBool();
    // The labels come from a project file: a stored head names each once, and not absurdly many.
    QSet<QString> seen;
    for (const QJsonValue &v : bundle.meta.value(QStringLiteral("labels")).toArray()) {
        const QString label = v.toString();
        if (!v.isString() || label.isEmpty() || seen.contains(label))
            return fail(Tr::tr("The stored classifier head has an impossible shape."));
        seen.insert(label);
        s.labels << label;
    }
    if (s.features < 1 || s.features > kMaxFeatures || s.labels.isEmpty() || s.labels.size() > kMaxLabels)
        return fail(Tr::tr("The stored classifier head has an impossible shape."));
    return s;
}
} // namespace

struct FeatureHead::Private
{
    HeadShape shape;
    torch::Device device{torch::kCPU};
    torch::nn::Linear out{nullptr};
    std::shared_ptr<TextEncoder> encoder; // fine-tuned with the head (shape.finetune)

    // Everything a checkpoint holds, in its order: the head, then a fine-tuned encoder.
    NamedTensors state() const
    {
        NamedTensors out{{"out.weight", this->out->weight}, {"out.bias", this->out->bias}};
        if (shape.finetune)
            for (auto &entry : EncoderAccess::state(*encoder))
                out.push_back(std::move(entry));
        return out;
    }

    // The head's inputs for some training samples: their features brought to one scale, on the device, with
    // gradients into whatever produced them when the mode has them.
    using Inputs = std::function<torch::Tensor(const std::vector<std::size_t> &samples)>;
    Result<QVector<EpochRow>> fit(std::size_t count, const std::vector<std::vector<int>> &labels,
                                  const HeadTraining &options, const Inputs &inputs,
                                  std::vector<torch::optim::OptimizerParamGroup> groups, const std::atomic_bool &cancel,
                                  const std::function<void(int, int)> &onEpoch);
    // fit() with the encoder's weights training too, at options.encoderLearningRate.
    Result<QVector<EpochRow>> tune(std::size_t count, const std::vector<std::vector<int>> &labels,
                                   const HeadTraining &options, const Inputs &inputs, const std::atomic_bool &cancel,
                                   const std::function<void(int, int)> &onEpoch);

    // [n, features] on the device, normalized: encoders' scales differ by orders of magnitude.
    torch::Tensor normed(const std::vector<const float *> &features, std::size_t from, std::size_t to) const
    {
        const auto n = static_cast<std::int64_t>(to - from);
        torch::Tensor batch = torch::empty({n, shape.features});
        float *values = batch.data_ptr<float>();
        const std::size_t dim = static_cast<std::size_t>(shape.features);
        for (std::size_t i = from; i < to; ++i)
            std::copy(features[i], features[i] + dim, values + (i - from) * dim);
        return torch::layer_norm(batch.to(device), {shape.features});
    }

    torch::Tensor loss(const torch::Tensor &logits, const torch::Tensor &targets, const torch::Tensor &weights) const
    {
        if (shape.multilabel)
            return torch::binary_cross_entropy_with_logits(logits, targets, {}, weights);
        return torch::nn::functional::cross_entropy(logits, targets,
                                                    torch::nn::functional::CrossEntropyFuncOptions().weight(weights));
    }

    torch::Tensor targets(const std::vector<std::vector<int>> &labels, const std::vector<std::size_t> &rows) const
    {
        const auto n = static_cast<std::int64_t>(rows.size());
        if (!shape.multilabel) {
            torch::Tensor t = torch::empty({n}, torch::kInt64);
            for (std::int64_t i = 0; i < n; ++i)
                t[i] = labels[rows[std::size_t(i)]].front();
            return t.to(device);
        }
        torch::Tensor t = torch::zeros({n, std::int64_t(shape.labels.size())});
        auto a = t.accessor<float, 2>();
        for (std::int64_t i = 0; i < n; ++i)
            for (int k : labels[rows[std::size_t(i)]])
                a[i][k] = 1.0f;
        return t.to(device);
    }

    // Balanced weights n / (k * count) (softmax) or negatives / positives per label (sigmoid), clamped.
    torch::Tensor classWeights(const std::vector<std::vector<int>> &labels, const std::vector<std::size_t> &rows) const
    {
        std::vector<float> counts(static_cast<std::size_t>(shape.labels.size()), 0.0f);
        for (std::size_t r : rows)
            for (int k : labels[r])
                counts[std::size_t(k)] += 1;
        std::vector<float> w(counts.size(), 1.0f);
        const float n = static_cast<float>(rows.size());
        for (std::size_t k = 0; k < counts.size(); ++k)
            if (counts[k] > 0)
                w[k] = std::clamp(shape.multilabel ? (n - counts[k]) / counts[k]
                                                   : n / (static_cast<float>(counts.size()) * counts[k]),
                                  0.1f, 10.0f);
        return torch::tensor(w).to(device);
    }
};

FeatureHead::FeatureHead() : d(std::make_unique<Private>()) {}
FeatureHead::~FeatureHead() = default;

Result<std::unique_ptr<FeatureHead>> FeatureHead::create(const HeadShape &shape, std::uint64_t seed,
                                                         std::shared_ptr<TextEncoder> encoder)
{
    if (shape.features < 1 || shape.features > kMaxFeatures || shape.labels.isEmpty())
        return fail(Tr::tr("A classifier head needs features and at least one label."));
    if (shape.finetune && (!encoder || encoder->dim() != shape.features))
        return fail(Tr::tr("Fine-tuning needs the text encoder."));
    std::unique_ptr<FeatureHead> h(new FeatureHead);
    h->d->shape = shape;
    if (shape.finetune)
        h->d->encoder = std::move(encoder);
    try {
        torch::manual_seed(seed);
        h->d->device = selectedDevice().cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
        h->d->out = torch::nn::Linear(shape.features, static_cast<std::int64_t>(shape.labels.size()));
        h->d->out->to(h->d->device);
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not create the classifier head: %1").arg(firstLine(e)));
    }
    return h;
}

const HeadShape &FeatureHead::shape() const { return d->shape; }
QString FeatureHead::deviceName() const { return d->device.is_cuda() ? QStringLiteral("CUDA") : QStringLiteral("CPU"); }

Result<QVector<EpochRow>> FeatureHead::train(const std::vector<const float *> &features,
                                             const std::vector<std::vector<int>> &labels, const HeadTraining &options,
                                             const std::atomic_bool &cancel,
                                             const std::function<void(int, int)> &onEpoch)
{
    if (features.size() != labels.size())
        return fail(Tr::tr("Every training sample needs its labels."));
    try {
        // The features do not change while the head trains: brought to scale once.
        const torch::Tensor all = features.empty() ? torch::Tensor() : d->normed(features, 0, features.size());
        const auto inputs = [&](const std::vector<std::size_t> &samples) {
            std::vector<std::int64_t> rows(samples.begin(), samples.end());
            return all.index_select(0, torch::tensor(rows, torch::kInt64).to(d->device));
        };
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(d->out->parameters());
        return d->fit(features.size(), labels, options, inputs, std::move(groups), cancel, onEpoch);
    } catch (const std::exception &e) {
        return fail(Tr::tr("Training failed: %1").arg(firstLine(e)));
    }
}

Result<QVector<EpochRow>> FeatureHead::fineTune(const std::vector<QString> &texts,
                                                const std::vector<std::vector<int>> &labels,
                                                const HeadTraining &options, const std::atomic_bool &cancel,
                                                const std::function<void(int, int)> &onEpoch)
{
    if (!d->shape.finetune || !d->encoder)
        return fail(Tr::tr("This classifier head was not made to fine-tune its encoder."));
    if (texts.size() != labels.size())
        return fail(Tr::tr("Every training sample needs its labels."));
    std::vector<std::vector<std::int64_t>> pieces(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i)
        pieces[i] = EncoderAccess::pieces(*d->encoder, texts[i]);
    TextEncoder &encoder = *d->encoder;
    const auto inputs = [&](const std::vector<std::size_t> &samples) {
        std::vector<const std::vector<std::int64_t> *> batch;
        for (std::size_t i : samples)
            batch.push_back(&pieces[i]);
        return torch::layer_norm(EncoderAccess::pooled(encoder, batch).to(torch::kFloat32), {d->shape.features});
    };
    return d->tune(texts.size(), labels, options, inputs, cancel, onEpoch);
}

Result<QVector<EpochRow>> FeatureHead::fineTuneWords(const std::vector<QStringList> &sentences,
                                                     const std::vector<std::vector<int>> &labels,
                                                     const HeadTraining &options, const std::atomic_bool &cancel,
                                                     const std::function<void(int, int)> &onEpoch)
{
    if (!d->shape.finetune || !d->encoder)
        return fail(Tr::tr("This classifier head was not made to fine-tune its encoder."));
    HeadTraining grouped = options;
    grouped.groups.clear();
    std::vector<int> wordOf;
    for (std::size_t k = 0; k < sentences.size(); ++k)
        for (int w = 0; w < sentences[k].size(); ++w) {
            grouped.groups.push_back(int(k));
            wordOf.push_back(w);
        }
    if (wordOf.size() != labels.size())
        return fail(Tr::tr("Every training sample needs its labels."));
    grouped.wholeGroups = true;
    TextEncoder &encoder = *d->encoder;
    // A batch's words, each read in its sentence: the sentences a batch touches are encoded once, together.
    const auto inputs = [&](const std::vector<std::size_t> &rows) {
        std::vector<const QStringList *> read;
        std::unordered_map<int, std::int64_t> firstRow; // sentence -> its first word's row in the encoder's output
        std::int64_t next = 0;
        std::vector<std::int64_t> picked;
        picked.reserve(rows.size());
        for (std::size_t r : rows) {
            const int sentence = grouped.groups[r];
            auto it = firstRow.find(sentence);
            if (it == firstRow.end()) {
                it = firstRow.emplace(sentence, next).first;
                read.push_back(&sentences[std::size_t(sentence)]);
                next += sentences[std::size_t(sentence)].size();
            }
            picked.push_back(it->second + wordOf[r]);
        }
        const torch::Tensor states = EncoderAccess::wordStates(encoder, read);
        const torch::Tensor index = torch::tensor(picked, torch::kInt64).to(states.device());
        return torch::layer_norm(states.index_select(0, index).to(torch::kFloat32), {d->shape.features});
    };
    return d->tune(labels.size(), labels, grouped, inputs, cancel, onEpoch);
}

Result<QVector<EpochRow>> FeatureHead::Private::tune(std::size_t count, const std::vector<std::vector<int>> &labels,
                                                     const HeadTraining &options, const Inputs &inputs,
                                                     const std::atomic_bool &cancel,
                                                     const std::function<void(int, int)> &onEpoch)
{
    Result<QVector<EpochRow>> epochs = QVector<EpochRow>{};
    try {
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(out->parameters());
        std::vector<torch::Tensor> weights = EncoderAccess::parameters(*encoder);
        for (torch::Tensor &w : weights)
            w.set_requires_grad(true);
        auto encoderGroup = std::make_unique<torch::optim::AdamWOptions>(options.encoderLearningRate);
        encoderGroup->weight_decay(options.weightDecay);
        groups.emplace_back(weights, std::move(encoderGroup));
        epochs = fit(count, labels, options, inputs, std::move(groups), cancel, onEpoch);
    } catch (const std::exception &e) {
        epochs = fail(Tr::tr("Fine-tuning the text encoder failed: %1").arg(firstLine(e)));
    }
    EncoderAccess::setTraining(*encoder, false); // its features are read in eval mode (no dropout)
    return epochs;
}

Result<QVector<EpochRow>> FeatureHead::Private::fit(std::size_t count, const std::vector<std::vector<int>> &labels,
                                                    const HeadTraining &options, const Inputs &inputs,
                                                    std::vector<torch::optim::OptimizerParamGroup> groups,
                                                    const std::atomic_bool &cancel,
                                                    const std::function<void(int, int)> &onEpoch)
{
    for (const auto &l : labels)
        if (l.empty() || (!shape.multilabel && l.size() != 1))
            return fail(Tr::tr("A training sample has no label, or several in a single-label task."));
    if (count == 0)
        return QVector<EpochRow>{};
    const auto setTraining = [&](bool on) {
        if (shape.finetune)
            EncoderAccess::setTraining(*encoder, on);
    };
    try {
        torch::manual_seed(options.seed);
        std::mt19937_64 rng(options.seed);
        std::vector<std::size_t> all(count);
        std::iota(all.begin(), all.end(), std::size_t(0));
        std::size_t devSize = all.size() >= kDevFoldFrom ? std::max<std::size_t>(3, all.size() / 10) : 0;
        if (options.groups.size() == all.size()) {
            // Whole groups in a shuffled order; the dev fold starts where a group starts.
            std::vector<int> order;
            for (int g : options.groups)
                order.push_back(g);
            std::sort(order.begin(), order.end());
            order.erase(std::unique(order.begin(), order.end()), order.end());
            std::shuffle(order.begin(), order.end(), rng);
            std::unordered_map<int, std::size_t> rank;
            for (std::size_t r = 0; r < order.size(); ++r)
                rank[order[r]] = r;
            std::stable_sort(all.begin(), all.end(), [&](std::size_t a, std::size_t b) {
                return rank[options.groups[a]] < rank[options.groups[b]];
            });
            if (devSize > 0) {
                std::size_t cut = all.size() - devSize;
                while (cut > 0 && options.groups[all[cut - 1]] == options.groups[all[cut]])
                    --cut;
                devSize = cut > 0 ? all.size() - cut : 0; // one group alone trains, never only a dev fold
            }
        } else {
            std::shuffle(all.begin(), all.end(), rng);
        }
        const std::vector<std::size_t> dev(all.end() - std::ptrdiff_t(devSize), all.end());
        const std::vector<std::size_t> train(all.begin(), all.end() - std::ptrdiff_t(devSize));
        const torch::Tensor weights = options.classWeights ? classWeights(labels, train) : torch::Tensor();
        // Every sample's targets, made once: a batch's are picked from them by sample index.
        std::vector<std::size_t> everySample(count);
        std::iota(everySample.begin(), everySample.end(), std::size_t(0));
        const torch::Tensor allTargets = targets(labels, everySample);
        const auto targetsOf = [&](const std::vector<std::size_t> &rows) {
            const std::vector<std::int64_t> index(rows.begin(), rows.end());
            return allTargets.index_select(0, torch::tensor(index, torch::kInt64).to(device));
        };
        const torch::Tensor devY = dev.empty() ? torch::Tensor() : targetsOf(dev);

        const std::size_t batch = static_cast<std::size_t>(std::max(1, options.batchSize));
        // The dev fold's loss, its logits taken a batch at a time (an encoder reads at most a batch at once).
        const auto devLoss = [&] {
            torch::NoGradGuard noGrad;
            std::vector<torch::Tensor> logits;
            for (std::size_t start = 0; start < dev.size(); start += batch) {
                const std::vector<std::size_t> rows(dev.begin() + std::ptrdiff_t(start),
                                                    dev.begin() + std::ptrdiff_t(std::min(dev.size(), start + batch)));
                logits.push_back(out(inputs(rows)));
            }
            return loss(torch::cat(logits), devY, weights).item<double>();
        };

        torch::optim::AdamW optimizer(std::move(groups),
                                      torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
        const std::size_t stepsPerEpoch = (train.size() + batch - 1) / batch;
        const int epochLimit = std::max(options.epochs, static_cast<int>((options.minSteps + stepsPerEpoch - 1) / stepsPerEpoch));
        const double p = shape.dropout;
        QVector<EpochRow> epochs;
        double bestDev = std::numeric_limits<double>::infinity();
        std::vector<torch::Tensor> best;
        int sinceBest = 0;
        // With wholeGroups, the training rows of each group in a row (a sentence's words read together).
        std::vector<std::vector<std::size_t>> trainGroups;
        if (options.wholeGroups && options.groups.size() == count) {
            std::unordered_map<int, std::size_t> slot;
            for (std::size_t row : train) {
                const auto [it, added] = slot.emplace(options.groups[row], trainGroups.size());
                if (added)
                    trainGroups.emplace_back();
                trainGroups[it->second].push_back(row);
            }
        }
        std::vector<std::size_t> sequence(train.size()); // this epoch's rows in the order they are trained on
        for (int epoch = 1; epoch <= epochLimit; ++epoch) {
            if (trainGroups.empty()) {
                const torch::Tensor order = torch::randperm(std::int64_t(train.size()), torch::kInt64);
                const std::int64_t *position = order.data_ptr<std::int64_t>();
                for (std::size_t k = 0; k < train.size(); ++k)
                    sequence[k] = train[std::size_t(position[k])];
            } else {
                const torch::Tensor order = torch::randperm(std::int64_t(trainGroups.size()), torch::kInt64);
                const std::int64_t *position = order.data_ptr<std::int64_t>();
                sequence.clear();
                for (std::size_t g = 0; g < trainGroups.size(); ++g)
                    for (std::size_t row : trainGroups[std::size_t(position[g])])
                        sequence.push_back(row);
            }
            double lossSum = 0;
            setTraining(true);
            for (std::size_t start = 0; start < train.size(); start += batch) {
                if (cancel.load())
                    return fail(Tr::tr("Training was cancelled."));
                const std::size_t n = std::min(batch, train.size() - start);
                std::vector<std::size_t> rows(n);
                for (std::size_t k = 0; k < n; ++k)
                    rows[k] = sequence[start + k];
                const torch::Tensor l = loss(out(torch::dropout(inputs(rows), p, true)), targetsOf(rows), weights);
                const double value = l.item<double>();
                if (!std::isfinite(value))
                    return fail(Tr::tr("Training diverged (the loss is not a number); try a lower learning rate."));
                optimizer.zero_grad();
                l.backward();
                optimizer.step();
                lossSum += value * double(n);
            }
            setTraining(false);
            EpochRow row;
            row.epoch = epoch;
            row.trainLoss = lossSum / double(train.size());
            if (!dev.empty())
                row.devLoss = devLoss();
            epochs.push_back(row);
            if (onEpoch)
                onEpoch(epoch, epochLimit);
            if (!row.devLoss || dev.size() < kTrustedDevFold)
                continue;
            if (*row.devLoss < bestDev - 1e-4) {
                bestDev = *row.devLoss;
                sinceBest = 0;
                best.clear();
                for (const auto &[name, t] : state())
                    best.push_back(t.detach().clone());
            } else if (++sinceBest >= kPatience && epoch * int(stepsPerEpoch) >= options.minSteps) {
                break;
            }
        }
        if (!best.empty()) { // the weights of the best dev loss, not of the last epoch
            torch::NoGradGuard noGrad;
            const auto current = state();
            for (std::size_t i = 0; i < current.size(); ++i)
                current[i].second.copy_(best[i]);
        }
        return epochs;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Training failed: %1").arg(firstLine(e)));
    }
}

Result<ClassScores> FeatureHead::predict(const std::vector<const float *> &features, bool embeddings, int mcPasses,
                                         std::uint64_t seed) const
{
    try {
        torch::NoGradGuard noGrad;
        ClassScores out;
        out.n = static_cast<int>(features.size());
        out.classes = static_cast<int>(d->shape.labels.size());
        out.dim = d->shape.features;
        out.probs.reserve(features.size() * std::size_t(out.classes));
        out.mc.resize(std::size_t(std::max(0, mcPasses)));
        if (mcPasses > 0)
            torch::manual_seed(seed);
        const auto append = [](std::vector<float> &to, const torch::Tensor &t) {
            const torch::Tensor c = t.to(torch::kCPU).contiguous();
            to.insert(to.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
        };
        const auto probabilities = [&](const torch::Tensor &logits) {
            return d->shape.multilabel ? torch::sigmoid(logits) : torch::softmax(logits, 1);
        };
        constexpr std::size_t kBatch = 1024;
        for (std::size_t start = 0; start < features.size(); start += kBatch) {
            const std::size_t end = std::min(features.size(), start + kBatch);
            const torch::Tensor x = d->normed(features, start, end);
            append(out.probs, probabilities(d->out(x)));
            for (int t = 0; t < mcPasses; ++t)
                append(out.mc[std::size_t(t)], probabilities(d->out(torch::dropout(x, d->shape.dropout, true))));
            if (embeddings)
                append(out.embeddings, x);
        }
        return out;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Classifying the texts failed: %1").arg(firstLine(e)));
    }
}

Result<QByteArray> FeatureHead::saveCheckpoint() const
{
    try {
        const HeadShape &s = d->shape;
        QJsonObject meta{{QStringLiteral("features"), s.features},
                         {QStringLiteral("multilabel"), s.multilabel},
                         {QStringLiteral("encoder"), s.encoder},
                         {QStringLiteral("labels"), QJsonArray::fromStringList(s.labels)}};
        if (s.finetune)
            meta.insert(QStringLiteral("finetune"), true);
        return writeDenseCheckpoint(d->state(), kKind, meta);
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not save the classifier head: %1").arg(firstLine(e)));
    }
}

Result<HeadShape> FeatureHead::checkpointShape(const QByteArray &checkpoint)
{
    const auto bundle = readTensorBundle(checkpoint);
    if (!bundle)
        return Error{bundle.error()};
    return declaredShape(*bundle);
}

Status FeatureHead::loadCheckpoint(const QByteArray &checkpoint)
{
    // The bytes come from a project file: every tensor is checked against this head before any is copied in.
    const auto bundle = readTensorBundle(checkpoint);
    if (!bundle)
        return Error{bundle.error()};
    const auto stored = declaredShape(*bundle);
    if (!stored)
        return Error{stored.error()};
    if (!(*stored == d->shape))
        return fail(Tr::tr("The stored classifier head has a different shape, other labels or another encoder."));
    return loadDenseCheckpoint(d->state(), *bundle, Tr::tr("Could not load the classifier head: %1"));
}

} // namespace marginalia::ml
