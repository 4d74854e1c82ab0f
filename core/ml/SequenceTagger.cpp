#include "ml/SequenceTagger.h"
#include "ml/SparseCheckpoint.h"
#include "ml/TorchInclude.h"
#include "ml/TrainingTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

constexpr std::int64_t kIgnore = -100;
constexpr const char *kTableName = "table.weight";

struct TaggerNetImpl : torch::nn::Module
{
    explicit TaggerNetImpl(const TaggerShape &s)
    {
        table = register_module("table", torch::nn::EmbeddingBag(torch::nn::EmbeddingBagOptions(s.buckets, s.embeddingDim)
                                                                     .mode(torch::kSum)
                                                                     .sparse(true)));
        convs = register_module("convs", torch::nn::ModuleList());
        for (int l = 0; l < std::max(1, s.layers); ++l)
            convs->push_back(torch::nn::Conv1d(
                torch::nn::Conv1dOptions(l == 0 ? s.embeddingDim : s.hiddenDim, s.hiddenDim, 3).padding(1)));
        drop = register_module("drop", torch::nn::Dropout(s.dropout));
        out = register_module("out", torch::nn::Linear(s.hiddenDim, static_cast<std::int64_t>(s.tags.size())));
        // Rows no token touched stay zero, which keeps checkpoints as small as the features actually seen.
        torch::NoGradGuard noGrad;
        table->weight.zero_();
    }

    // Encoder states [B, T, H]; `mask` [B, T] zeroes the padding after every layer, so a sentence's states do
    // not depend on how long the others in its batch are.
    torch::Tensor encode(const torch::Tensor &ids, const torch::Tensor &offsets, const torch::Tensor &mask)
    {
        const std::int64_t b = mask.size(0), t = mask.size(1);
        const torch::Tensor m = mask.unsqueeze(1);
        torch::Tensor x = table(ids, offsets).view({b, t, -1}).transpose(1, 2);
        x = drop(x);
        for (const auto &module : *convs)
            x = torch::relu(module->as<torch::nn::Conv1d>()->forward(x)) * m;
        return x.transpose(1, 2);
    }
    torch::Tensor logits(const torch::Tensor &states) { return out(drop(states)); }

    torch::nn::EmbeddingBag table{nullptr};
    torch::nn::ModuleList convs{nullptr};
    torch::nn::Dropout drop{nullptr};
    torch::nn::Linear out{nullptr};
};
TORCH_MODULE(TaggerNet);

// A padded batch: one (possibly empty) bag of feature ids per position.
struct Batch
{
    torch::Tensor ids;
    torch::Tensor offsets;
    torch::Tensor mask;    // [B, T] float
    torch::Tensor targets; // [B * T], kIgnore on padding (training only)
    std::int64_t width = 0;
};

Batch makeBatch(const std::vector<const EncodedSentence *> &sentences, const std::vector<const std::vector<int> *> *tags,
                const torch::Device &device)
{
    Batch batch;
    std::int64_t width = 1;
    std::size_t total = 0;
    for (const EncodedSentence *s : sentences) {
        width = std::max<std::int64_t>(width, s->length());
        total += s->ids.size();
    }
    const std::int64_t rows = static_cast<std::int64_t>(sentences.size());
    std::vector<std::int64_t> ids;
    ids.reserve(total);
    std::vector<std::int64_t> offsets(static_cast<std::size_t>(rows * width));
    std::vector<float> mask(static_cast<std::size_t>(rows * width), 0.0f);
    std::vector<std::int64_t> targets(tags ? static_cast<std::size_t>(rows * width) : 0, kIgnore);
    for (std::int64_t i = 0; i < rows; ++i) {
        const EncodedSentence &s = *sentences[static_cast<std::size_t>(i)];
        for (std::int64_t t = 0; t < width; ++t) {
            const std::size_t at = static_cast<std::size_t>(i * width + t);
            offsets[at] = static_cast<std::int64_t>(ids.size());
            if (t >= s.length())
                continue; // an empty bag: a zero vector
            mask[at] = 1.0f;
            const auto from = s.ids.begin() + s.offsets[static_cast<std::size_t>(t)];
            const auto to = s.ids.begin() + s.offsets[static_cast<std::size_t>(t) + 1];
            ids.insert(ids.end(), from, to);
            if (tags)
                targets[at] = (*(*tags)[static_cast<std::size_t>(i)])[static_cast<std::size_t>(t)];
        }
    }
    if (ids.empty())
        ids.push_back(0); // EmbeddingBag wants at least one id; every bag is still empty
    const auto put = [&](auto &v, torch::Dtype type) {
        return torch::from_blob(v.data(), {static_cast<long>(v.size())}, type).clone().to(device);
    };
    batch.ids = put(ids, torch::kInt64);
    batch.offsets = put(offsets, torch::kInt64);
    batch.mask = put(mask, torch::kFloat32).view({rows, width});
    if (tags)
        batch.targets = put(targets, torch::kInt64);
    batch.width = width;
    return batch;
}

// Sentences of similar length share batches (less padding); the batches come in a seeded random order.
std::vector<std::vector<std::size_t>> lengthBatches(std::vector<std::size_t> order, const std::vector<TaggedExample> &all,
                                                    std::size_t batchSize, std::mt19937_64 &rng)
{
    std::shuffle(order.begin(), order.end(), rng);
    const std::size_t window = batchSize * 16;
    for (std::size_t start = 0; start < order.size(); start += window) {
        const auto end = order.begin() + static_cast<long>(std::min(order.size(), start + window));
        std::stable_sort(order.begin() + static_cast<long>(start), end, [&](std::size_t a, std::size_t b) {
            return all[a].sentence.length() < all[b].sentence.length();
        });
    }
    std::vector<std::vector<std::size_t>> batches;
    for (std::size_t start = 0; start < order.size(); start += batchSize)
        batches.emplace_back(order.begin() + static_cast<long>(start),
                             order.begin() + static_cast<long>(std::min(order.size(), start + batchSize)));
    std::shuffle(batches.begin(), batches.end(), rng);
    return batches;
}

std::vector<torch::Tensor> copyOfParameters(torch::nn::Module &net)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> copy;
    for (const auto &p : net.parameters())
        copy.push_back(p.detach().clone());
    return copy;
}

// A checkpoint (SparseCheckpoint.h) holds the table as the rows some token touched, the other parameters whole,
// and the layout and tag names in its description.
const QString kKind = QStringLiteral("sequence-cnn");

bool isOutput(const std::string &name) { return name.rfind("out.", 0) == 0; }
} // namespace

struct SequenceTagger::Private
{
    TaggerShape shape;
    torch::Device device{torch::kCPU};
    TaggerNet net{nullptr};

    std::vector<torch::Tensor> denseParameters() const
    {
        std::vector<torch::Tensor> dense;
        for (const auto &p : net->named_parameters())
            if (p.key() != kTableName)
                dense.push_back(p.value());
        return dense;
    }

    torch::Tensor loss(const std::vector<const TaggedExample *> &part)
    {
        std::vector<const EncodedSentence *> sentences;
        std::vector<const std::vector<int> *> tags;
        for (const TaggedExample *e : part) {
            sentences.push_back(&e->sentence);
            tags.push_back(&e->tags);
        }
        const Batch b = makeBatch(sentences, &tags, device);
        const torch::Tensor logits = net->logits(net->encode(b.ids, b.offsets, b.mask));
        return torch::nn::functional::cross_entropy(
            logits.reshape({-1, logits.size(2)}), b.targets,
            torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kIgnore).reduction(torch::kSum));
    }
};

SequenceTagger::SequenceTagger() : d(std::make_unique<Private>()) {}
SequenceTagger::~SequenceTagger() = default;

const TaggerShape &SequenceTagger::shape() const { return d->shape; }

QString SequenceTagger::deviceName() const
{
    return d->device.is_cuda() ? QStringLiteral("CUDA") : QStringLiteral("CPU");
}

Result<std::unique_ptr<SequenceTagger>> SequenceTagger::create(const TaggerShape &shape, std::uint64_t seed)
{
    if (shape.tags.isEmpty() || shape.buckets < 1 || shape.embeddingDim < 1 || shape.hiddenDim < 1)
        return fail(Tr::tr("The tagger needs at least one tag."));
    const double hidden = shape.hiddenDim;
    const double parameters = double(shape.buckets) * shape.embeddingDim + 3.0 * shape.embeddingDim * hidden
                              + 3.0 * std::max(0, shape.layers - 1) * hidden * hidden + hidden * shape.tags.size();
    if (parameters > kMaxModelParameters)
        return fail(Tr::tr("The tagger would have %1 million parameters; this version of Marginalia makes models of "
                           "at most %2 million.")
                        .arg(qRound64(parameters / 1e6))
                        .arg(qRound64(kMaxModelParameters / 1e6)));
    try {
        torch::manual_seed(seed);
        std::unique_ptr<SequenceTagger> model(new SequenceTagger);
        model->d->shape = shape;
        model->d->net = TaggerNet(shape);
        if (torch::cuda::is_available()) {
            model->d->device = torch::Device(torch::kCUDA);
            model->d->net->to(model->d->device);
        }
        model->d->net->eval();
        return model;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not create the tagger: %1").arg(firstLine(e)));
    }
}

Result<QVector<EpochRow>> SequenceTagger::train(const std::vector<TaggedExample> &examples, const TaggerTraining &options,
                                                const std::atomic_bool &cancel,
                                                const std::function<void(int, int)> &onEpoch)
{
    if (examples.empty())
        return fail(Tr::tr("There are no labeled sentences to train on."));
    for (const TaggedExample &e : examples)
        for (int tag : e.tags)
            if (tag < 0 || tag >= d->shape.tags.size())
                return fail(Tr::tr("A training sentence has a tag the tagger does not know."));
    try {
        torch::manual_seed(options.seed);
        std::mt19937_64 rng(options.seed);
        std::vector<std::size_t> order(examples.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::shuffle(order.begin(), order.end(), rng);
        // An internal dev fold for early stopping once there are enough sentences to spare one.
        const std::size_t devSize = order.size() >= 30 ? std::max<std::size_t>(3, order.size() / 10) : 0;
        const std::vector<std::size_t> dev(order.end() - static_cast<long>(devSize), order.end());
        const std::vector<std::size_t> train(order.begin(), order.end() - static_cast<long>(devSize));
        qint64 devTokens = 0;
        for (std::size_t i : dev)
            devTokens += examples[i].sentence.length();

        torch::Tensor table = d->net->table->weight;
        torch::optim::Adam dense(d->denseParameters(), torch::optim::AdamOptions(options.learningRate));
        // Row-wise Adagrad on the sparse table gradient: one accumulator per row keeps a large table cheap.
        torch::Tensor rowState = torch::zeros({table.size(0)}, torch::TensorOptions().device(d->device));
        const double tableRate = options.tableLearningRate;
        const std::size_t batchSize = static_cast<std::size_t>(std::max(1, options.batchSize));

        QVector<EpochRow> epochs;
        double bestDev = std::numeric_limits<double>::infinity();
        int sinceBest = 0;
        std::vector<torch::Tensor> best;
        for (int epoch = 1; epoch <= options.epochs; ++epoch) {
            d->net->train();
            double lossSum = 0;
            qint64 tokens = 0;
            for (const std::vector<std::size_t> &batch : lengthBatches(train, examples, batchSize, rng)) {
                if (cancel.load())
                    return fail(Tr::tr("Training was cancelled."));
                std::vector<const TaggedExample *> part;
                qint64 count = 0;
                for (std::size_t i : batch) {
                    part.push_back(&examples[i]);
                    count += examples[i].sentence.length();
                }
                if (count == 0)
                    continue;
                const torch::Tensor sum = d->loss(part);
                const torch::Tensor loss = sum / static_cast<double>(count);
                const double value = sum.item<double>();
                if (!std::isfinite(value))
                    return fail(Tr::tr("Training diverged (the loss is not a number)."));
                dense.zero_grad();
                table.mutable_grad() = torch::Tensor();
                loss.backward();
                torch::nn::utils::clip_grad_norm_(d->denseParameters(), 5.0);
                dense.step();
                {
                    torch::NoGradGuard noGrad;
                    const torch::Tensor g = table.grad().coalesce();
                    const torch::Tensor rows = g.indices().squeeze(0);
                    const torch::Tensor values = g.values();
                    rowState.index_add_(0, rows, values.pow(2).mean(1));
                    const torch::Tensor scale = rowState.index_select(0, rows).sqrt().add_(1e-10).reciprocal_().mul_(tableRate);
                    table.index_add_(0, rows, values * scale.unsqueeze(1).neg());
                }
                lossSum += value;
                tokens += count;
            }
            EpochRow row;
            row.epoch = epoch;
            row.trainLoss = lossSum / static_cast<double>(std::max<qint64>(tokens, 1));
            if (devTokens > 0) {
                d->net->eval();
                torch::NoGradGuard noGrad;
                double devSum = 0;
                for (std::size_t start = 0; start < dev.size(); start += 128) {
                    std::vector<const TaggedExample *> part;
                    for (std::size_t i = start; i < std::min(dev.size(), start + 128); ++i)
                        part.push_back(&examples[dev[i]]);
                    devSum += d->loss(part).item<double>();
                }
                row.devLoss = devSum / static_cast<double>(devTokens);
            }
            epochs.push_back(row);
            if (onEpoch)
                onEpoch(epoch, options.epochs);
            if (row.devLoss) {
                if (*row.devLoss < bestDev - 1e-4) {
                    bestDev = *row.devLoss;
                    sinceBest = 0;
                    best = copyOfParameters(*d->net);
                } else if (++sinceBest >= options.patience) {
                    break;
                }
            }
        }
        if (!best.empty()) {
            torch::NoGradGuard noGrad;
            std::size_t i = 0;
            for (auto &p : d->net->parameters())
                p.copy_(best[i++]);
        }
        table.mutable_grad() = torch::Tensor();
        d->net->eval();
        return epochs;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Training failed: %1").arg(firstLine(e)));
    }
}

Result<TaggerOutput> SequenceTagger::predict(const std::vector<const EncodedSentence *> &sentences, bool wantStates) const
{
    try {
        c10::InferenceMode inference;
        d->net->eval();
        TaggerOutput out;
        out.tags = static_cast<int>(d->shape.tags.size());
        out.dim = d->shape.hiddenDim;
        out.marginals.resize(sentences.size());
        if (wantStates)
            out.states.assign(sentences.size() * static_cast<std::size_t>(out.dim), 0.0f);
        // Sorted by length so that batches carry little padding; results go back to their input order.
        std::vector<std::size_t> order(sentences.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return sentences[a]->length() < sentences[b]->length(); });
        constexpr std::size_t kBatch = 256;
        for (std::size_t start = 0; start < order.size(); start += kBatch) {
            const std::size_t end = std::min(order.size(), start + kBatch);
            std::vector<const EncodedSentence *> part;
            for (std::size_t i = start; i < end; ++i)
                part.push_back(sentences[order[i]]);
            const Batch b = makeBatch(part, nullptr, d->device);
            const torch::Tensor states = d->net->encode(b.ids, b.offsets, b.mask);
            const torch::Tensor probs = torch::softmax(d->net->logits(states), 2).to(torch::kCPU).contiguous();
            const float *p = probs.data_ptr<float>();
            for (std::size_t i = 0; i < part.size(); ++i) {
                const float *row = p + static_cast<std::int64_t>(i) * b.width * out.tags;
                out.marginals[order[start + i]].assign(row, row + part[i]->length() * out.tags);
            }
            if (wantStates) {
                const torch::Tensor lengths = b.mask.sum(1, true).clamp_min(1.0f);
                const torch::Tensor pooled = (states.sum(1) / lengths).to(torch::kCPU).contiguous();
                const float *s = pooled.data_ptr<float>();
                for (std::size_t i = 0; i < part.size(); ++i)
                    std::copy(s + static_cast<std::int64_t>(i) * out.dim, s + static_cast<std::int64_t>(i + 1) * out.dim,
                              out.states.begin() + static_cast<long>(order[start + i] * static_cast<std::size_t>(out.dim)));
            }
        }
        return out;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Tagging failed: %1").arg(firstLine(e)));
    }
}

Result<QByteArray> SequenceTagger::saveCheckpoint() const
{
    try {
        const TaggerShape &s = d->shape;
        const QJsonObject meta{{QStringLiteral("buckets"), s.buckets},
                               {QStringLiteral("embedding_dim"), s.embeddingDim},
                               {QStringLiteral("hidden_dim"), s.hiddenDim},
                               {QStringLiteral("layers"), s.layers},
                               {QStringLiteral("tags"), QJsonArray::fromStringList(s.tags)}};
        return writeSparseCheckpoint(*d->net, kTableName, kKind, meta);
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not save the tagger: %1").arg(firstLine(e)));
    }
}

namespace {
// The layout and tags a checkpoint's description declares, bounded: each size fits an int, and create() refuses a
// tagger whose parameters would exhaust the machine.
Result<TaggerShape> declaredShape(const TensorBundle &bundle)
{
    if (bundle.kind != kKind)
        return fail(Tr::tr("The stored model is not a sequence tagger (it is a \"%1\" model).").arg(bundle.kind));
    const QJsonObject &meta = bundle.meta;
    const QStringList fields{QStringLiteral("buckets"), QStringLiteral("embedding_dim"), QStringLiteral("hidden_dim"),
                             QStringLiteral("layers"), QStringLiteral("tags")};
    if (meta.keys() != fields || !meta.value(QStringLiteral("tags")).isArray())
        return fail(Tr::tr("The stored tagger is damaged: its description of the model is incomplete."));
    const auto number = [&](const char *key) {
        const QJsonValue v = meta.value(QLatin1String(key));
        return v.isDouble() ? v.toInteger(-1) : qint64(-1);
    };
    const qint64 buckets = number("buckets"), embedding = number("embedding_dim"), hidden = number("hidden_dim"),
                 layers = number("layers");
    const auto within = [](qint64 v) { return v >= 1 && v <= kMaxModelParameters; };
    if (!within(buckets) || !within(embedding) || !within(hidden) || layers < 0 || layers > 64)
        return fail(Tr::tr("The stored tagger is damaged: its sizes are out of range."));
    TaggerShape shape;
    shape.buckets = static_cast<int>(buckets);
    shape.embeddingDim = static_cast<int>(embedding);
    shape.hiddenDim = static_cast<int>(hidden);
    shape.layers = static_cast<int>(layers);
    QSet<QString> seen;
    for (const QJsonValue &tag : meta.value(QStringLiteral("tags")).toArray()) {
        const QString name = tag.toString();
        if (!tag.isString() || name.isEmpty() || seen.contains(name))
            return fail(Tr::tr("The stored tagger is damaged: its tag names are empty or repeated."));
        seen.insert(name);
        shape.tags << name;
    }
    if (shape.tags.isEmpty())
        return fail(Tr::tr("The stored tagger is damaged: it has no tags."));
    return shape;
}
} // namespace

Result<TaggerShape> SequenceTagger::checkpointShape(const QByteArray &checkpoint)
{
    const auto bundle = readTensorBundle(checkpoint);
    if (!bundle)
        return Error{bundle.error()};
    return declaredShape(*bundle);
}

Status SequenceTagger::loadCheckpoint(const QByteArray &checkpoint)
{
    // The bytes come from a project file: the whole checkpoint is read and checked against this tagger (every
    // tensor's name, type and shape, the table's row numbers) before a byte of it is copied in. The output layer
    // has a row per stored tag, which may be other tags than this tagger's.
    const auto bundle = readTensorBundle(checkpoint);
    if (!bundle)
        return Error{bundle.error()};
    const auto stored = declaredShape(*bundle);
    if (!stored)
        return Error{stored.error()};
    if (!stored->sameLayout(d->shape))
        return fail(Tr::tr("The stored tagger has a different shape."));
    const ExpectedLayout layout = sparseCheckpointLayout(*d->net, kTableName, [&](const std::string &name, QVector<qint64> &sizes) {
        if (isOutput(name) && !sizes.isEmpty())
            sizes[0] = stored->tags.size();
    });
    if (auto s = checkLayout(*bundle, layout); !s)
        return s;
    try {
        torch::NoGradGuard noGrad;
        loadSparseTable(d->net->table->weight, *bundle, kTableName);
        // The output layer's rows follow the tags by name; a tag new to this tagger keeps its initial row.
        std::vector<std::pair<std::int64_t, std::int64_t>> rowMap; // (stored row, own row)
        for (int i = 0; i < stored->tags.size(); ++i)
            if (const int own = static_cast<int>(d->shape.tags.indexOf(stored->tags[i])); own >= 0)
                rowMap.emplace_back(i, own);
        for (auto &[name, tensor] : moduleState(*d->net)) {
            if (name == kTableName)
                continue;
            const torch::Tensor source = hostTensor(*bundle->find(QString::fromStdString(name))).to(d->device);
            if (isOutput(name)) {
                for (const auto &[from, to] : rowMap)
                    tensor[to].copy_(source[from]);
                continue;
            }
            tensor.copy_(source);
        }
        return {};
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not load the tagger: %1").arg(firstLine(e)));
    }
}

std::vector<int> bestTags(const std::vector<float> &marginals, int tags, double *sequenceProbability)
{
    std::vector<int> out;
    double logProbability = 0;
    if (tags > 0) {
        const std::size_t length = marginals.size() / static_cast<std::size_t>(tags);
        out.reserve(length);
        for (std::size_t t = 0; t < length; ++t) {
            const float *p = marginals.data() + t * static_cast<std::size_t>(tags);
            const int best = static_cast<int>(std::max_element(p, p + tags) - p);
            out.push_back(best);
            logProbability += std::log(std::max(static_cast<double>(p[best]), 1e-12));
        }
    }
    if (sequenceProbability)
        *sequenceProbability = std::exp(logProbability);
    return out;
}

} // namespace marginalia::ml
