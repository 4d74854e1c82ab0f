#include "ml/TextClassifier.h"
#include "ml/SparseCheckpoint.h"
#include "ml/TorchInclude.h"
#include "ml/TrainingTypes.h"
#include "ml/WordVectors.h"
#include "text/FeatureHasher.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <cstdlib>
#include <cstring>
#include <thread>
#ifdef __linux__
#include <sys/mman.h>
#endif

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

// A zeroed rows x dim table; on Linux backed by transparent huge pages where the system allows it, since every
// id of every text is a random row access and 4 KiB pages make those TLB misses. The pages come from an
// anonymous map, zero by definition: nothing is written up front (a memset of the 256 MB default took 0.3-0.5 s
// of every round once the previous table's huge pages had gone elsewhere), and a row is given memory when
// training first writes it; reads of rows never written see the kernel's zero page.
torch::Tensor zeroTable(std::int64_t rows, std::int64_t dim)
{
    const std::size_t bytes = static_cast<std::size_t>(rows * dim) * sizeof(float);
#ifdef __linux__
    // A table under one huge page gains nothing and would still take 2 MiB.
    constexpr std::size_t kHuge = std::size_t(2) << 20;
    if (bytes < kHuge)
        return torch::zeros({rows, dim});
    const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void *memory = mmap(nullptr, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory != MAP_FAILED) {
        madvise(memory, rounded, MADV_HUGEPAGE);
        return torch::from_blob(memory, {rows, dim}, [rounded](void *p) { munmap(p, rounded); }, torch::kFloat32);
    }
#endif
    (void)bytes;
    return torch::zeros({rows, dim});
}

struct NetImpl : torch::nn::Module
{
    explicit NetImpl(const ModelShape &s)
    {
        // The table is handed to the module: left to make its own, it would fill a second table-sized tensor
        // with random values first (256 MB more at the peak of every round by default).
        torch::NoGradGuard noGrad;
        bag = register_module("bag", torch::nn::EmbeddingBag(torch::nn::EmbeddingBagOptions(s.buckets, s.tableWidth())
                                                                  .mode(torch::kMean)
                                                                  ._weight(zeroTable(s.buckets, s.tableWidth()))));
        if (s.hiddenDim > 0)
            hidden = register_module("hidden", torch::nn::Linear(s.inputWidth(), s.hiddenDim));
        drop = register_module("drop", torch::nn::Dropout(s.dropout));
        out = register_module("out", torch::nn::Linear(s.hiddenDim > 0 ? s.hiddenDim : s.inputWidth(), s.classes));
        bag->weight.set_requires_grad(false); // updated by hand in train()
        learned = s.embeddingDim;
        documentDim = s.documentDim;
        if (documentDim > 0)
            vectorMean = register_buffer("vector_mean", torch::zeros({documentDim}));
        if (s.poolsByTypicalLength())
            typicalLength = register_buffer("typical_length", torch::zeros({1}));
        if (s.readsPrototypes()) {
            prototypes = register_buffer("class_prototypes", torch::zeros({s.classes, documentDim}));
            prototypeWeight = s.prototypeWeight;
        }
    }
    // `pooled` is the document's table rows pooled (see pooledRows). The frozen columns hold the sum of the word
    // vectors and the count of words with one, both scaled alike (poolingScale): centring takes the count times
    // the vectors' mean away, and the unit length drops the scale.
    torch::Tensor represent(const torch::Tensor &pooled)
    {
        torch::Tensor h = pooled;
        if (documentDim > 0)
            h = torch::cat({pooled.narrow(1, 0, learned), documentVector(frozenColumns(pooled))}, 1);
        if (hidden)
            h = torch::relu(hidden(h));
        return h;
    }
    torch::Tensor logits(const torch::Tensor &h) { return out(drop(h)); }
    // From the pooled frozen columns (the vectors' sums and the words' count, divided alike).
    torch::Tensor documentVector(const torch::Tensor &frozen)
    {
        const torch::Tensor words = frozen.narrow(1, documentDim, 1);
        const torch::Tensor centred = frozen.narrow(1, 0, documentDim) - words * vectorMean;
        return centred / centred.norm(2, 1, true).clamp_min(1e-6) * kDocumentScale;
    }
    // The frozen columns of pooled table rows, which documentVector() reads.
    torch::Tensor frozenColumns(const torch::Tensor &pooled) const { return pooled.narrow(1, learned, documentDim + 1); }
    // `logits` plus the class prototypes' share (ModelShape::prototypeWeight) for the documents whose
    // documentVector() is `document`; `logits` alone for a model without prototypes.
    torch::Tensor addPrototypes(const torch::Tensor &logits, const torch::Tensor &document) const
    {
        if (!prototypes.defined())
            return logits;
        return logits + document.matmul(prototypes.t()) * (prototypeWeight / kDocumentScale);
    }

    torch::nn::EmbeddingBag bag{nullptr};
    torch::nn::Linear hidden{nullptr};
    torch::nn::Dropout drop{nullptr};
    torch::nn::Linear out{nullptr};
    torch::Tensor vectorMean; // [documentDim]: the mean of the word vectors the frozen columns hold
    torch::Tensor typicalLength; // [1]: ModelShape::lengthPower's typical number of ids (0 until the first training)
    torch::Tensor prototypes; // [classes, documentDim]: ModelShape::prototypeWeight's unit class means (0 untrained)
    float prototypeWeight = 0;
    int learned = 0;
    int documentDim = 0;
    // The document vector's length against the pooled learned rows'. Measured with the pretrain bench (random picks,
    // two repeats, sotu_period and sotu_party, mean macro-F1 over 50-300 labels against scratch): 2: x1.07 and
    // x1.01, 4: x1.11 and x1.01, 8: x1.10 and x1.04, 16: x1.06 and x1.00. Later, with the rows pooled by the root
    // of the length and word classes, each scale on the same vectors (mean over 50-300 labels): on the fortune
    // categories 2: 0.171, 4: 0.168, 8: 0.161, 16: 0.151 (and 1: 0.167, 2: 0.169, 3: 0.166 on other vectors); on
    // the Chinese sayings' sources 1: 0.634, 2: 0.642, 3: 0.647, 4: 0.648. 2 wins on the fortunes by what it
    // loses on the sayings and on sotu_period.
    static constexpr float kDocumentScale = 4.0f;
};
TORCH_MODULE(Net);

// The weights a refit starts again from (TextClassifier::Private::startingPoint).
struct StartingPoint
{
    torch::Tensor ids;  // the table rows kept
    torch::Tensor rows; // their learned columns
    std::vector<torch::Tensor> dense;
};

using Features = std::vector<std::int64_t>;

// A document as the pooling loops read it: training's own vectors, or a span of a pool's FeatureBlock.
inline const Features &docOf(const Features *doc) { return *doc; }
// A span is decoded into this thread's buffer, valid until the thread's next call (the loops read one document
// at a time per thread).
inline const Features &docOf(const FeatureSpan &doc)
{
    thread_local Features buffer;
    doc.decodeInto(buffer);
    return buffer;
}
// Appends to `out` the extra id of each id of `own` that has one (TextClassifier::setExtraIds).
inline void appendExtraIds(const Features &own, const std::vector<std::int32_t> &extra, Features &out)
{
    for (std::int64_t id : own)
        if (id >= 0 && std::size_t(id) < extra.size() && extra[std::size_t(id)] >= 0)
            out.push_back(extra[std::size_t(id)]);
}
// A document with its extra ids, in this thread's buffer likewise.
template <typename Doc>
struct WithExtraIds
{
    Doc doc;
    const std::vector<std::int32_t> *extra;
};
template <typename Doc>
inline const Features &docOf(const WithExtraIds<Doc> &doc)
{
    thread_local Features buffer;
    const Features &own = docOf(doc.doc);
    buffer.assign(own.begin(), own.end());
    appendExtraIds(own, *doc.extra, buffer);
    return buffer;
}

// What a document's summed rows are divided by (ModelShape::lengthPower): n^p * t^(1-p) for n ids, with the typical
// number of ids t of the model's texts; until t is known (no training yet), n, the mean.
struct LengthPooling
{
    float typical = 0;
    float power = 1;

    float scale(std::size_t ids) const
    {
        const float n = static_cast<float>(ids);
        if (typical <= 0 || power == 1.0f)
            return 1.0f / n;
        if (power == 0.5f) // as models pooled by the root were trained, to the last bit
            return 1.0f / std::sqrt(n * typical);
        return std::pow(n, -power) * std::pow(typical, power - 1.0f);
    }
    // The divisors of a column of lengths (each at least 1).
    torch::Tensor divisors(const torch::Tensor &n) const
    {
        if (typical <= 0 || power == 1.0f)
            return n;
        if (power == 0.5f)
            return (n * typical).sqrt();
        return n.pow(power) * std::pow(typical, 1.0f - power);
    }
};

// Rows are random accesses into a large table; asking for the row a few ids ahead overlaps the memory latency.
constexpr std::size_t kPrefetch = 8;
inline void prefetchRow(const float *rows, std::int64_t id, std::int64_t dim, std::int64_t count)
{
    if (id < 0 || id >= count)
        return;
    const char *p = reinterpret_cast<const char *>(rows + id * dim);
    for (std::int64_t offset = 0; offset < dim * static_cast<std::int64_t>(sizeof(float)); offset += 64)
        __builtin_prefetch(p + offset);
}

// The table rows of each document's ids pooled (summed, times poolingScale), as a count x dim tensor. Plain
// loops over the table: torch's CPU EmbeddingBag and index_add_ pay a BLAS call or a tensor op per id, which
// dominates at a few hundred ids a text. With `slots`, an id's row is slots[id] (-1: none, the id adds nothing
// but still counts in the length): a compact table of the few rows that matter.
template <typename Doc>
torch::Tensor pooledRows(const torch::Tensor &table, const std::vector<Doc> &docs, const LengthPooling &pooling,
                         int threads = 1,
                         const std::vector<std::int32_t> *slots = nullptr)
{
    const std::int64_t dim = table.size(1);
    const std::int64_t count = table.size(0);
    const float *rows = table.data_ptr<float>();
    torch::Tensor out = torch::zeros({static_cast<long>(docs.size()), dim});
    float *o = out.data_ptr<float>();
    const auto pool = [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i) {
            float *dst = o + i * dim;
            const auto &f = docOf(docs[static_cast<std::size_t>(i)]);
            for (std::size_t k = 0; k < f.size(); ++k) {
                std::int64_t id = f[k];
                if (slots) {
                    if (id < 0 || id >= static_cast<std::int64_t>(slots->size()))
                        continue;
                    id = (*slots)[static_cast<std::size_t>(id)];
                } else if (k + kPrefetch < f.size()) {
                    prefetchRow(rows, f[k + kPrefetch], dim, count);
                }
                if (id < 0 || id >= count)
                    continue; // hashed ids are always in range; never read outside the table
                const float *src = rows + id * dim;
                for (std::int64_t j = 0; j < dim; ++j)
                    dst[j] += src[j];
            }
            if (!f.empty()) {
                const float scale = pooling.scale(f.size());
                for (std::int64_t j = 0; j < dim; ++j)
                    dst[j] *= scale;
            }
        }
    };
    // Plain threads rather than torch's OpenMP pool: idle OpenMP workers spin for a while after every parallel
    // region, which on a small shared machine takes the cores the next op needs.
    const std::int64_t n = static_cast<std::int64_t>(docs.size());
    const std::int64_t parts = n >= 1024 ? std::max(1, threads) : 1;
    std::vector<std::thread> helpers;
    for (std::int64_t t = 1; t < parts; ++t)
        helpers.emplace_back(pool, n * t / parts, n * (t + 1) / parts);
    pool(0, n / parts);
    for (std::thread &h : helpers)
        h.join();
    return out;
}

std::vector<float> toVector(const torch::Tensor &t)
{
    const torch::Tensor c = t.to(torch::kCPU, torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

constexpr std::size_t kProjectAbove = 20000;

// Row-wise Adagrad on the table, one step per occurrence of an id (repeats accumulate, as in fastText): the pooled
// gradient of a document spreads evenly over its ids.
void updateRows(torch::Tensor &table, std::vector<float> &state, const torch::Tensor &pooledGrad,
                const std::vector<const Features *> &docs, float lr, std::int64_t learned, const LengthPooling &pooling)
{
    // Only the first `learned` columns train; any after them are frozen (TextClassifier's document vector).
    const std::int64_t dim = learned;
    const std::int64_t width = table.size(1);
    float *rows = table.data_ptr<float>();
    const float *g = pooledGrad.data_ptr<float>();
    std::vector<float> step(static_cast<std::size_t>(dim));
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const Features &f = *docs[i];
        if (f.empty())
            continue;
        const float inverse = pooling.scale(f.size());
        float squares = 0;
        for (std::int64_t j = 0; j < dim; ++j) {
            step[static_cast<std::size_t>(j)] = g[static_cast<std::int64_t>(i) * width + j] * inverse;
            squares += step[static_cast<std::size_t>(j)] * step[static_cast<std::size_t>(j)];
        }
        squares /= static_cast<float>(dim);
        for (std::size_t k = 0; k < f.size(); ++k) {
            const std::int64_t id = f[k];
            if (k + kPrefetch < f.size())
                prefetchRow(rows, f[k + kPrefetch], width, static_cast<std::int64_t>(state.size()));
            if (id < 0 || id >= static_cast<std::int64_t>(state.size()))
                continue;
            float &s = state[static_cast<std::size_t>(id)];
            s += squares;
            const float scale = lr / (std::sqrt(s) + 1e-10f);
            float *w = rows + id * width;
            for (std::int64_t j = 0; j < dim; ++j)
                w[j] -= scale * step[static_cast<std::size_t>(j)];
        }
    }
}


// A batch of documents as embedding_bag wants it, on the model's device: every id in one flat list, where each
// document starts, which document each id belongs to and each document's length.
struct FlatBatch
{
    torch::Tensor ids;
    torch::Tensor offsets;
    torch::Tensor docOf;
    torch::Tensor lengths;
};

template <typename Doc>
FlatBatch flatten(const std::vector<Doc> &docs, const torch::Device &device)
{
    std::vector<std::int64_t> ids, offsets, docOf;
    std::vector<float> lengths;
    offsets.reserve(docs.size());
    lengths.reserve(docs.size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
        offsets.push_back(static_cast<std::int64_t>(ids.size()));
        const auto &doc = marginalia::ml::docOf(docs[i]);
        lengths.push_back(static_cast<float>(doc.size()));
        ids.insert(ids.end(), doc.begin(), doc.end());
        docOf.insert(docOf.end(), doc.size(), static_cast<std::int64_t>(i));
    }
    const auto toDevice = [&](auto &v, torch::ScalarType type) {
        return torch::from_blob(v.data(), {static_cast<long>(v.size())}, type).to(device, /*non_blocking=*/false,
                                                                                  /*copy=*/true);
    };
    return FlatBatch{toDevice(ids, torch::kInt64), toDevice(offsets, torch::kInt64), toDevice(docOf, torch::kInt64),
                     toDevice(lengths, torch::kFloat32)};
}

// Each document's divisor of its summed rows, as a column (one over LengthPooling::scale); an empty document's sum
// is zero.
torch::Tensor poolingDivisors(const FlatBatch &batch, const LengthPooling &pooling)
{
    return pooling.divisors(batch.lengths.clamp_min(1).unsqueeze(1));
}

// pooledRows() with tensor ops, on whatever device the table is.
torch::Tensor pooledRowsOnDevice(const torch::Tensor &table, const FlatBatch &batch, const LengthPooling &pooling)
{
    namespace F = torch::nn::functional;
    if (batch.ids.numel() == 0)
        return torch::zeros({batch.offsets.size(0), table.size(1)}, table.options());
    const torch::Tensor sums =
        F::embedding_bag(batch.ids, table, F::EmbeddingBagFuncOptions().offsets(batch.offsets).mode(torch::kSum));
    return (sums / poolingDivisors(batch, pooling)).detach();
}

// updateRows() with tensor ops: the same row-wise Adagrad, except that an id seen several times in one batch
// takes all its steps with the accumulator as it stands after the whole batch (sparse Adagrad's usual form).
void updateRowsOnDevice(torch::Tensor &table, torch::Tensor &state, const torch::Tensor &pooledGrad,
                        const FlatBatch &batch, float lr, std::int64_t learned, const LengthPooling &pooling)
{
    if (batch.ids.numel() == 0)
        return;
    torch::NoGradGuard noGrad;
    const torch::Tensor step = pooledGrad.narrow(1, 0, learned) / poolingDivisors(batch, pooling);
    const torch::Tensor squares = step.pow(2).mean(1);
    state.index_add_(0, batch.ids, squares.index_select(0, batch.docOf));
    const torch::Tensor scale = lr / (state.index_select(0, batch.ids).sqrt() + 1e-10f);
    torch::Tensor learnedColumns = table.narrow(1, 0, learned);
    learnedColumns.index_add_(0, batch.ids, step.index_select(0, batch.docOf) * (-scale).unsqueeze(1));
}

// A checkpoint (SparseCheckpoint.h) holds the table as the rows some document touched, the other parameters whole.
const QString kKind = QStringLiteral("embedding-bag");
const std::string kTable = "bag.weight";

QJsonObject shapeMeta(const ModelShape &s)
{
    QJsonObject meta{{QStringLiteral("buckets"), s.buckets},
                     {QStringLiteral("classes"), s.classes},
                     {QStringLiteral("embedding_dim"), s.embeddingDim},
                     {QStringLiteral("hidden_dim"), s.hiddenDim},
                     {QStringLiteral("multilabel"), s.multilabel}};
    if (s.documentDim > 0) // absent from checkpoints written before the document vector existed
        meta.insert(QStringLiteral("document_dim"), s.documentDim);
    // Absent from checkpoints of models that pool by the mean; the root's flag predates other powers.
    if (s.lengthPower == 0.5f)
        meta.insert(QStringLiteral("sqrt_length"), true);
    else if (s.lengthPower != 1.0f)
        meta.insert(QStringLiteral("length_power"), double(s.lengthPower));
    if (s.readsPrototypes()) // absent from checkpoints of models without class prototypes
        meta.insert(QStringLiteral("prototype_weight"), double(s.prototypeWeight));
    return meta;
}

// The shape a checkpoint declares must be this model's; its tensors are checked against the model afterwards.
Status checkDeclaredShape(const QJsonObject &meta, const ModelShape &own)
{
    const QJsonObject expected = shapeMeta(own);
    for (const char *always : {"buckets", "classes", "embedding_dim", "hidden_dim"})
        if (!meta.value(QLatin1String(always)).isDouble())
            return fail(Tr::tr("The stored model is damaged: its description of the model is incomplete."));
    if (!meta.value(QStringLiteral("multilabel")).isBool())
        return fail(Tr::tr("The stored model is damaged: its description of the model is incomplete."));
    // The optional keys (a document vector, how rows are pooled, class prototypes) differ between shapes, not
    // only when damaged.
    if (meta.keys() != expected.keys())
        return fail(Tr::tr("The stored model has a different shape."));
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        const QJsonValue stored = meta.value(it.key()), want = it.value();
        const bool same = want.isBool() ? stored.toBool() == want.toBool()
                                        : stored.isDouble() && stored.toDouble() == want.toDouble();
        if (!same)
            return fail(Tr::tr("The stored model has a different shape."));
    }
    return {};
}

} // namespace

struct TextClassifier::Private
{
    ModelShape shape;
    std::uint64_t seed = 0;
    int scoringThreads = 1;
    std::shared_ptr<const std::vector<std::int32_t>> extraIds; // setExtraIds
    bool tensors = false; // Backend::Tensors
    float typical = 0; // net->typicalLength's value, read without a device sync; 0: pooled by the mean
    torch::Device device{torch::kCPU};
    Net net{nullptr};

    // What a training pass changes, kept to start a second pass from the same weights: the learned columns of
    // the table rows that `examples` hold (no other row moves) and the dense parameters.
    StartingPoint startingPoint(const std::vector<const Example *> &examples,
                                const std::vector<torch::Tensor> &dense) const
    {
        // A mark per row rather than a list of every id: 100 k long texts hold tens of millions of ids.
        std::vector<char> held(static_cast<std::size_t>(shape.buckets), 0);
        const auto hold = [&](const Features &ids) {
            for (std::int64_t id : ids)
                if (id >= 0 && id < shape.buckets) // as training reads them: never outside the table
                    held[static_cast<std::size_t>(id)] = 1;
        };
        for (const Example *e : examples) {
            hold(e->features);
            hold(e->swapped);
        }
        std::vector<std::int64_t> ids;
        for (std::size_t row = 0; row < held.size(); ++row)
            if (held[row])
                ids.push_back(static_cast<std::int64_t>(row));
        torch::NoGradGuard noGrad;
        StartingPoint start;
        start.ids = torch::tensor(ids, torch::kInt64).to(device);
        start.rows = net->bag->weight.narrow(1, 0, shape.embeddingDim).index_select(0, start.ids);
        for (const torch::Tensor &t : dense)
            start.dense.push_back(t.detach().clone());
        return start;
    }
    void restore(const StartingPoint &start, std::vector<torch::Tensor> &dense)
    {
        torch::NoGradGuard noGrad;
        net->bag->weight.narrow(1, 0, shape.embeddingDim).index_copy_(0, start.ids, start.rows);
        for (std::size_t i = 0; i < dense.size(); ++i)
            dense[i].copy_(start.dense[i]);
    }

    // The loss over `examples` as they are, in evaluation mode (the dev loss).
    double evalLoss(const std::vector<const Example *> &examples, const torch::Tensor &weights)
    {
        net->eval();
        torch::NoGradGuard noGrad;
        std::vector<const Features *> docs;
        for (const Example *e : examples)
            docs.push_back(&e->features);
        return loss(net->logits(net->represent(pooled(docs))), targets(examples), weights).item<double>();
    }

    // ModelShape::prototypeWeight: each class's unit-length mean document vector over `examples` (zero for a class
    // none of them has).
    void fitPrototypes(const std::vector<const Example *> &examples)
    {
        if (!net->prototypes.defined())
            return;
        torch::NoGradGuard noGrad;
        std::vector<const Features *> docs;
        std::vector<std::int64_t> labels;
        for (const Example *e : examples)
            if (!e->labels.empty()) {
                docs.push_back(&e->features);
                labels.push_back(e->labels.front());
            }
        torch::Tensor sums = torch::zeros_like(net->prototypes);
        if (!docs.empty())
            sums.index_add_(0, torch::tensor(labels).to(device), net->documentVector(net->frozenColumns(pooled(docs))));
        net->prototypes.copy_(sums / sums.norm(2, 1, true).clamp_min(1e-6));
    }

    // The tensors a checkpoint of this model holds (see saveCheckpoint), from the model's own parameters.
    ExpectedLayout layout() const { return sparseCheckpointLayout(*net, kTable); }

    // predictFrom() over either kind of document.
    template <typename Doc>
    Result<ClassScores> predictDocs(const std::vector<Doc> &features, bool wantHidden, int mcPasses,
                                    std::uint64_t seed);
    // predictDocs(), each document with its extra ids when there are any.
    template <typename Doc>
    Result<ClassScores> predictWithExtraIds(const std::vector<Doc> &features, bool wantHidden, int mcPasses,
                                            std::uint64_t seed)
    {
        if (!extraIds || extraIds->empty())
            return predictDocs(features, wantHidden, mcPasses, seed);
        std::vector<WithExtraIds<Doc>> docs;
        docs.reserve(features.size());
        for (const Doc &doc : features)
            docs.push_back({doc, extraIds.get()});
        return predictDocs(docs, wantHidden, mcPasses, seed);
    }

    // How documents are pooled now: by the shape's power, once training has set the typical length.
    LengthPooling pooling() const { return LengthPooling{typical, shape.lengthPower}; }

    template <typename Doc>
    torch::Tensor pooled(const std::vector<Doc> &docs, int threads = 1) const
    {
        return tensors ? pooledRowsOnDevice(net->bag->weight, flatten(docs, device), pooling())
                       : pooledRows(net->bag->weight, docs, pooling(), threads);
    }

    torch::Tensor targets(const std::vector<const Example *> &batch) const
    {
        if (shape.multilabel) {
            torch::Tensor t = torch::zeros({static_cast<long>(batch.size()), shape.classes});
            for (std::size_t i = 0; i < batch.size(); ++i)
                for (int k : batch[i]->labels)
                    t[static_cast<long>(i)][k] = 1.0f;
            return t.to(device);
        }
        std::vector<std::int64_t> y(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i)
            y[i] = batch[i]->labels.empty() ? 0 : batch[i]->labels.front();
        return torch::from_blob(y.data(), {static_cast<long>(y.size())}, torch::kInt64).to(device, false, true);
    }

    torch::Tensor loss(const torch::Tensor &logits, const torch::Tensor &y, const torch::Tensor &weights) const
    {
        if (shape.multilabel)
            return torch::binary_cross_entropy_with_logits(logits, y, {}, weights);
        return torch::nn::functional::cross_entropy(logits, y,
                                                    torch::nn::functional::CrossEntropyFuncOptions().weight(weights));
    }

    // Balanced weights n / (k * count) (softmax) or negatives / positives per label (sigmoid), clamped.
    torch::Tensor classWeights(const std::vector<const Example *> &train) const
    {
        std::vector<float> counts(static_cast<std::size_t>(shape.classes), 0.0f);
        for (const Example *e : train)
            for (int k : e->labels)
                counts[static_cast<std::size_t>(k)] += 1;
        std::vector<float> w(counts.size(), 1.0f);
        const float n = static_cast<float>(train.size());
        for (std::size_t k = 0; k < counts.size(); ++k) {
            if (counts[k] <= 0)
                continue;
            w[k] = shape.multilabel ? (n - counts[k]) / counts[k] : n / (static_cast<float>(shape.classes) * counts[k]);
            w[k] = std::clamp(w[k], 0.1f, 10.0f);
        }
        return torch::from_blob(w.data(), {static_cast<long>(w.size())}, torch::kFloat32).to(device, false, true);
    }
};

namespace {
// What a training batch reads: each example's own ids, or with `augment` half of the time its swapped-order
// variant, then token dropout (each id left out with probability 0.1), kept in `augmented`.
std::vector<const Features *> trainingDocuments(const std::vector<const Example *> &batch, bool augment,
                                                std::mt19937_64 &rng, std::vector<Features> &augmented)
{
    std::vector<const Features *> docs;
    docs.reserve(batch.size());
    if (!augment) {
        for (const Example *e : batch)
            docs.push_back(&e->features);
        return docs;
    }
    std::bernoulli_distribution drop(0.1), useSwapped(0.5);
    augmented.clear();
    augmented.reserve(batch.size());
    for (const Example *e : batch) {
        const Features &source = !e->swapped.empty() && useSwapped(rng) ? e->swapped : e->features;
        Features kept;
        for (std::int64_t id : source)
            if (!drop(rng))
                kept.push_back(id);
        augmented.push_back(std::move(kept));
    }
    for (const Features &f : augmented)
        docs.push_back(&f);
    return docs;
}
} // namespace

TextClassifier::TextClassifier() : d(std::make_unique<Private>()) {}
TextClassifier::~TextClassifier() = default;

const ModelShape &TextClassifier::shape() const { return d->shape; }

QString TextClassifier::deviceName() const
{
    return d->device.is_cuda() ? QStringLiteral("CUDA") : QStringLiteral("CPU");
}

void TextClassifier::setScoringThreads(int threads) { d->scoringThreads = std::clamp(threads, 1, 64); }

Result<std::unique_ptr<TextClassifier>> TextClassifier::create(const ModelShape &shape, std::uint64_t seed,
                                                              Backend backend)
{
    if (shape.classes < 1 || shape.buckets < 1 || shape.embeddingDim < 1 || shape.documentDim < 0)
        return fail(Tr::tr("The model needs at least one label."));
    // From a run's description in the project file, which may be damaged.
    if (!(shape.lengthPower > 0 && shape.lengthPower <= 1))
        return fail(Tr::tr("The model's pooling power must be above 0 and at most 1; it is %1.").arg(double(shape.lengthPower)));
    if (!(shape.prototypeWeight >= 0 && std::isfinite(shape.prototypeWeight)))
        return fail(Tr::tr("The weight of the model's class prototypes must be a number of at least 0; it is %1.")
                        .arg(double(shape.prototypeWeight)));
    const double width = shape.hiddenDim > 0 ? double(shape.hiddenDim) : double(shape.inputWidth());
    const double parameters = double(shape.buckets) * shape.tableWidth()
                              + (shape.hiddenDim > 0 ? double(shape.inputWidth()) * shape.hiddenDim : 0.0)
                              + width * shape.classes;
    if (parameters > kMaxModelParameters)
        return fail(Tr::tr("The model would have %1 million parameters; this version of Marginalia makes models of "
                           "at most %2 million.")
                        .arg(qRound64(parameters / 1e6))
                        .arg(qRound64(kMaxModelParameters / 1e6)));
    try {
        torch::manual_seed(seed);
        std::unique_ptr<TextClassifier> model(new TextClassifier);
        model->d->shape = shape;
        model->d->seed = seed;
        model->d->net = Net(shape);
        const bool cuda = backend != Backend::RowLoops && torch::cuda::is_available();
        model->d->tensors = cuda || backend == Backend::Tensors;
        if (cuda) {
            model->d->device = torch::Device(torch::kCUDA);
            model->d->net->to(model->d->device);
        }
        return model;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not create the model: %1").arg(QString::fromUtf8(e.what())));
    }
}

int TextClassifier::epochsToRun(int epochs, std::size_t trainExamples)
{
    if (epochs <= 0 || trainExamples == 0)
        return 0;
    const std::size_t batches = (trainExamples + kTrainingBatch - 1) / kTrainingBatch;
    const std::size_t forSteps = (kMinTrainingSteps + batches - 1) / batches;
    return static_cast<int>(std::max<std::size_t>(static_cast<std::size_t>(epochs), forSteps));
}

Result<QVector<EpochRow>> TextClassifier::train(const std::vector<Example> &examples, const TrainingOptions &options,
                                                const std::atomic_bool &cancel,
                                                const std::function<void(int, int)> &onEpoch)
{
    if (examples.empty())
        return fail(Tr::tr("There are no labeled samples to train on."));
    if (!(options.learningRate > 0) || !std::isfinite(options.learningRate))
        return fail(Tr::tr("The learning rate must be a positive number."));
    try {
        torch::manual_seed(options.seed);
        std::mt19937_64 rng(options.seed);
        // The examples read as scored documents are (setExtraIds): a copy with their extra ids, when there are any.
        std::vector<Example> withExtraIds;
        if (d->extraIds && !d->extraIds->empty()) {
            withExtraIds.reserve(examples.size());
            for (const Example &own : examples) {
                Example e = own;
                appendExtraIds(own.features, *d->extraIds, e.features);
                appendExtraIds(own.swapped, *d->extraIds, e.swapped);
                withExtraIds.push_back(std::move(e));
            }
        }
        std::vector<const Example *> all;
        all.reserve(examples.size());
        for (const Example &e : withExtraIds.empty() ? examples : withExtraIds)
            all.push_back(&e);
        std::shuffle(all.begin(), all.end(), rng);
        // An internal dev fold for early stopping once there is enough data to spare one.
        const std::size_t devSize = all.size() >= 30 ? std::max<std::size_t>(3, all.size() / 10) : 0;
        const std::vector<const Example *> dev(all.end() - static_cast<long>(devSize), all.end());
        std::vector<const Example *> train(all.begin(), all.end() - static_cast<long>(devSize));

        if (d->net->typicalLength.defined() && d->typical <= 0) {
            // Set by the first training and kept, so that a warm start pools as the weights it starts from did.
            double ids = 0;
            for (const Example *e : all)
                ids += double(e->features.size());
            d->typical = static_cast<float>(std::max(1.0, ids / double(all.size())));
            d->net->typicalLength.fill_(d->typical);
        }
        torch::Tensor &table = d->net->bag->weight;
        std::vector<torch::Tensor> dense;
        for (const auto &p : d->net->named_parameters())
            if (p.key() != "bag.weight")
                dense.push_back(p.value());
        // With a dev fold large enough to trust, the epochs it chose are trained again from the same start on
        // every example (see kTrustedDevFold): the fold's tenth of the labels then counts too.
        const int epochLimit = epochsToRun(options.epochs, train.size());
        const bool refit = dev.size() >= std::size_t(kTrustedDevFold) && epochLimit > 0;
        const StartingPoint start = refit ? d->startingPoint(all, dense) : StartingPoint{};
        const LengthPooling pooling = d->pooling(); // the typical length is set above
        // The rows learn at the dense layers' rate. Twice it, on the same vectors (mean over 50-300 labels, random
        // picks): 0.168 against 0.165 on the fortune categories, 0.642 against 0.646 on the Chinese sayings'
        // sources (from scratch 0.110 against 0.109, 0.576 against 0.579); half of it 0.164 and 0.646 against
        // 0.166 and 0.649.
        const float lr = static_cast<float>(options.learningRate);
        int steps = 0;
        // One pass of epochs over `part` from the current weights with fresh optimizer state, stopped by the loss
        // on `stopOn` when that is not empty; returns the epoch whose loss there was the best (without `stopOn`,
        // the last one run; 0 when none ran or none had a finite loss).
        const auto runEpochs = [&](std::vector<const Example *> &part, const std::vector<const Example *> &stopOn,
                                   int limit, QVector<EpochRow> *rows, int epochsBefore,
                                   int epochTotal) -> Result<int> {
            const torch::Tensor weights = options.classWeights ? d->classWeights(part) : torch::Tensor();
            torch::optim::Adagrad denseOptimizer(dense, torch::optim::AdagradOptions(options.learningRate));
            // Row-wise Adagrad on the sparse embedding gradient: one accumulator per row keeps a 1 M-row table
            // cheap.
            std::vector<float> rowState(d->tensors ? 0 : static_cast<std::size_t>(d->shape.buckets), 0.0f);
            torch::Tensor deviceState =
                d->tensors ? torch::zeros({d->shape.buckets}, table.options()) : torch::Tensor();
            double bestDev = std::numeric_limits<double>::infinity();
            int bestEpoch = 0;
            int sinceBest = 0;
            constexpr std::size_t kBatch = kTrainingBatch;
            // Epochs without a better dev loss before stopping. Measured with the rare-class bench (full-data
            // macro-F1, patience 2 / 5): 0.230 / 0.258 on short sotu_party texts (TF-IDF + logistic regression:
            // 0.249), 0.526 / 0.533 on whole passages, 0.7625 on sotu_period either way; rounds take ~20% longer.
            const int patience = 5;
            for (int epoch = 1; epoch <= limit; ++epoch) {
                d->net->train();
                std::shuffle(part.begin(), part.end(), rng);
                double lossSum = 0;
                std::size_t seen = 0;
                for (std::size_t first = 0; first < part.size(); first += kBatch) {
                    if (cancel.load())
                        return fail(Tr::tr("Training was cancelled."));
                    const std::size_t count = std::min(kBatch, part.size() - first);
                    const std::vector<const Example *> batch(part.begin() + static_cast<long>(first),
                                                             part.begin() + static_cast<long>(first + count));
                    std::vector<Features> augmented;
                    const std::vector<const Features *> docs =
                        trainingDocuments(batch, options.augment, rng, augmented);
                    // The pooled rows are a leaf: autograd handles the small dense layers, and the table rows are
                    // updated by hand from the pooled gradient.
                    FlatBatch flat;
                    if (d->tensors)
                        flat = flatten(docs, d->device);
                    const torch::Tensor bagOut =
                        (d->tensors ? pooledRowsOnDevice(table, flat, pooling)
                                    : pooledRows(table, docs, pooling))
                            .requires_grad_(true);
                    const torch::Tensor loss =
                        d->loss(d->net->logits(d->net->represent(bagOut)), d->targets(batch), weights);
                    const double value = loss.item<double>();
                    if (!std::isfinite(value))
                        return fail(
                            Tr::tr("Training diverged (the loss is not a number); try a lower learning rate."));
                    denseOptimizer.zero_grad();
                    loss.backward();
                    denseOptimizer.step();
                    if (d->tensors)
                        updateRowsOnDevice(table, deviceState, bagOut.grad(), flat, lr, d->shape.embeddingDim,
                                           pooling);
                    else
                        updateRows(table, rowState, bagOut.grad().contiguous(), docs, lr, d->shape.embeddingDim,
                                   pooling);
                    lossSum += value * static_cast<double>(count);
                    seen += count;
                    ++steps;
                }
                EpochRow row;
                row.epoch = epochsBefore + epoch;
                row.trainLoss = lossSum / static_cast<double>(std::max<std::size_t>(seen, 1));
                if (!stopOn.empty())
                    row.devLoss = d->evalLoss(stopOn, weights);
                if (rows)
                    rows->push_back(row);
                if (onEpoch)
                    onEpoch(epochsBefore + epoch, std::max(epochTotal, epochsBefore + epoch));
                if (!row.devLoss) {
                    bestEpoch = epoch;
                } else if (*row.devLoss < bestDev - 1e-4) {
                    bestDev = *row.devLoss;
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else if (++sinceBest >= patience
                           && (steps >= kMinTrainingSteps || stopOn.size() >= std::size_t(kTrustedDevFold))) {
                    break;
                }
            }
            return bestEpoch;
        };

        QVector<EpochRow> epochs;
        // With a refit to come, the first pass counts as at most half of the work (the refit runs no more epochs
        // than it did), so the progress shown never goes back.
        const Result<int> chosen = runEpochs(train, dev, epochLimit, &epochs, 0, refit ? 2 * epochLimit : epochLimit);
        if (!chosen)
            return Error{chosen.error()};
        if (refit && *chosen > 0) {
            // The loss chart keeps the pass that chose the epochs; the refit's progress continues its count.
            d->restore(start, dense);
            const int stoppedAt = static_cast<int>(epochs.size());
            const Result<int> refitted = runEpochs(all, {}, *chosen, nullptr, stoppedAt, stoppedAt + *chosen);
            if (!refitted)
                return Error{refitted.error()};
        }
        d->net->eval();
        d->fitPrototypes(all);
        return epochs;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Training failed: %1").arg(firstLine(e)));
    }
}

Result<ClassScores> TextClassifier::predict(const std::vector<std::vector<std::int64_t>> &features, bool wantHidden,
                                            int mcPasses, std::uint64_t seed) const
{
    std::vector<const Features *> docs;
    docs.reserve(features.size());
    for (const Features &f : features)
        docs.push_back(&f);
    return predictFrom(docs, wantHidden, mcPasses, seed);
}

template <typename Doc>
Result<ClassScores> TextClassifier::Private::predictDocs(const std::vector<Doc> &features, bool wantHidden, int mcPasses,
                                                         std::uint64_t seed)
{
    try {
        c10::InferenceMode inference;
        net->eval();
        ClassScores out;
        out.n = static_cast<int>(features.size());
        out.classes = shape.classes;
        out.dim = shape.hiddenDim > 0 ? shape.hiddenDim : shape.inputWidth();
        out.probs.reserve(features.size() * static_cast<std::size_t>(out.classes));
        if (mcPasses > 0) {
            out.mc.resize(static_cast<std::size_t>(mcPasses));
            torch::manual_seed(seed);
        }
        constexpr std::size_t kChunk = 16384;
        // A linear model's logits are the pooled table rows projected onto the output layer, so large pools
        // are scored against a buckets x classes table: `classes` floats per feature instead of the full row. A
        // document vector is normalized after pooling, which no projection can do: its frozen columns are
        // pooled from a compact copy of the rows that hold a word vector (a few percent of the table), found
        // through a slot per row.
        const bool projected = !tensors && !wantHidden && mcPasses == 0 && shape.hiddenDim == 0
                               && features.size() >= kProjectAbove;
        const std::int64_t learned = shape.embeddingDim;
        torch::Tensor projection, frozenRows;
        std::vector<std::int32_t> slots;
        if (projected) {
            const torch::Tensor &table = net->bag->weight;
            projection = table.narrow(1, 0, learned).matmul(net->out->weight.narrow(1, 0, learned).t()).contiguous();
            if (shape.documentDim > 0) {
                const torch::Tensor marked = table.narrow(1, learned + shape.documentDim, 1).squeeze(1).ne(0).nonzero().squeeze(1);
                frozenRows = table.index_select(0, marked).narrow(1, learned, shape.documentDim + 1).contiguous();
                slots.assign(static_cast<std::size_t>(shape.buckets), -1);
                const std::int64_t *row = marked.data_ptr<std::int64_t>();
                for (std::int64_t r = 0; r < marked.size(0); ++r)
                    slots[static_cast<std::size_t>(row[r])] = static_cast<std::int32_t>(r);
            }
        }
        for (std::size_t start = 0; start < features.size(); start += kChunk) {
            const std::size_t count = std::min(kChunk, features.size() - start);
            const std::vector<Doc> docs(features.begin() + static_cast<long>(start),
                                                     features.begin() + static_cast<long>(start + count));
            const auto activate = [&](const torch::Tensor &logits) {
                return shape.multilabel ? torch::sigmoid(logits) : torch::softmax(logits, 1);
            };
            if (projected) {
                torch::Tensor logits = pooledRows(projection, docs, pooling(), scoringThreads) + net->out->bias;
                if (shape.documentDim > 0) {
                    const torch::Tensor frozen = pooledRows(frozenRows, docs, pooling(), scoringThreads, &slots);
                    const torch::Tensor reads = net->out->weight.narrow(1, learned, shape.documentDim);
                    const torch::Tensor document = net->documentVector(frozen);
                    logits = net->addPrototypes(logits + document.matmul(reads.t()), document);
                }
                const std::vector<float> p = toVector(activate(logits));
                out.probs.insert(out.probs.end(), p.begin(), p.end());
                continue;
            }
            const torch::Tensor rows = pooled(docs, scoringThreads);
            const torch::Tensor h = net->represent(rows);
            const torch::Tensor document =
                net->prototypes.defined() ? net->documentVector(net->frozenColumns(rows)) : torch::Tensor();
            const auto classify = [&] { return net->addPrototypes(net->logits(h), document); };
            const std::vector<float> p = toVector(activate(classify()));
            out.probs.insert(out.probs.end(), p.begin(), p.end());
            if (wantHidden) {
                const std::vector<float> hv = toVector(h);
                out.embeddings.insert(out.embeddings.end(), hv.begin(), hv.end());
            }
            if (mcPasses > 0) {
                net->drop->train();
                for (int t = 0; t < mcPasses; ++t) {
                    const std::vector<float> pt = toVector(activate(classify()));
                    out.mc[static_cast<std::size_t>(t)].insert(out.mc[static_cast<std::size_t>(t)].end(), pt.begin(),
                                                               pt.end());
                }
                net->drop->eval();
            }
        }
        return out;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Scoring failed: %1").arg(firstLine(e)));
    }
}

Result<ClassScores> TextClassifier::predictFrom(const std::vector<const std::vector<std::int64_t> *> &features,
                                                bool wantHidden, int mcPasses, std::uint64_t seed) const
{
    return d->predictWithExtraIds(features, wantHidden, mcPasses, seed);
}

Result<ClassScores> TextClassifier::predictFrom(const std::vector<FeatureSpan> &features, bool wantHidden, int mcPasses,
                                                std::uint64_t seed) const
{
    return d->predictWithExtraIds(features, wantHidden, mcPasses, seed);
}

void TextClassifier::setExtraIds(std::shared_ptr<const std::vector<std::int32_t>> extra)
{
    d->extraIds = std::move(extra);
}

Result<QByteArray> TextClassifier::saveCheckpoint() const
{
    try {
        return writeSparseCheckpoint(*d->net, kTable, kKind, shapeMeta(d->shape));
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not save the model: %1").arg(firstLine(e)));
    }
}

Status TextClassifier::loadCheckpoint(const QByteArray &checkpoint)
{
    // The bytes come from a project file: the whole checkpoint is read and checked against this model (every
    // tensor's name, type and shape, the table's row numbers) before a byte of it is copied into the model.
    const auto bundle = readTensorBundle(checkpoint);
    if (!bundle)
        return Error{bundle.error()};
    if (bundle->kind != kKind)
        return fail(Tr::tr("The stored model is not a text classifier (it is a \"%1\" model).").arg(bundle->kind));
    if (auto s = checkDeclaredShape(bundle->meta, d->shape); !s)
        return s;
    if (auto s = checkLayout(*bundle, d->layout()); !s)
        return s;
    try {
        float typical = 0;
        if (d->net->typicalLength.defined()) {
            typical = hostTensor(*bundle->find(QStringLiteral("typical_length"))).item<float>();
            if (!std::isfinite(typical) || typical < 0)
                return fail(Tr::tr("The stored model is damaged: its typical text length is %1.").arg(double(typical)));
        }
        // Unit rows or zero: anything else would shift every score by a stored error.
        if (d->net->prototypes.defined()) {
            const torch::Tensor stored = hostTensor(*bundle->find(QStringLiteral("class_prototypes")));
            if (!torch::isfinite(stored).all().item<bool>() || stored.norm(2, 1).gt(1.0f + 1e-3f).any().item<bool>())
                return fail(Tr::tr("The stored model is damaged: its class prototypes are not unit vectors."));
        }
        torch::NoGradGuard noGrad;
        loadSparseTable(d->net->bag->weight, *bundle, kTable);
        for (auto &[name, tensor] : moduleState(*d->net))
            if (name != kTable)
                tensor.copy_(hostTensor(*bundle->find(QString::fromStdString(name))));
        d->typical = typical;
        return {};
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not load the model: %1").arg(firstLine(e)));
    }
}

Result<int> TextClassifier::vectorFileDimension(const QString &path)
{
    return wordVectorDimension(path);
}

Result<int> TextClassifier::loadPretrainedVectors(const QString &path, const text::FeatureHasher &hasher)
{
    auto vectors = readWordVectors(path, d->shape.documentDim, hasher);
    if (!vectors)
        return Error{vectors.error()};
    return useWordVectors(*vectors);
}

Result<int> TextClassifier::useWordVectors(const WordVectors &vectors)
{
    if (vectors.dim != d->shape.documentDim)
        return fail(Tr::tr("The word vectors have %1 dimensions, the model %2.").arg(vectors.dim).arg(d->shape.documentDim));
    const std::vector<std::int64_t> &rows = vectors.rows;
    const std::vector<float> &values = vectors.values;
    try {
        torch::NoGradGuard noGrad;
        if (!rows.empty()) {
            // from_blob wants writable memory; these tensors are only read (the rescale below makes a new one).
            const torch::Tensor r = torch::from_blob(const_cast<std::int64_t *>(rows.data()),
                                                     {static_cast<long>(rows.size())}, torch::kInt64);
            const torch::Tensor v = torch::from_blob(const_cast<float *>(values.data()),
                                                     {static_cast<long>(rows.size()), vectors.dim});
            // Each row holds its word's weighted vector and the weight. Frozen, so the vectors stay as learned
            // (seeding the trained rows instead needed them rescaled, as row-wise Adagrad erased vectors of norm
            // 1 to 4 within the first labels, and measured below this on the learning curve).
            const int learned = d->shape.embeddingDim;
            torch::Tensor frozen = d->net->bag->weight.narrow(1, learned, vectors.dim + 1);
            torch::Tensor weight = torch::ones({v.size(0), 1});
            if (vectors.weights.size() == rows.size())
                weight = torch::from_blob(const_cast<float *>(vectors.weights.data()), {v.size(0), 1}).clone();
            const torch::Tensor marked = torch::cat({v * weight, weight}, 1);
            frozen.index_copy_(0, r.to(d->device), marked.to(d->device));
            d->net->vectorMean.copy_(v.mean(0));
        }

        return static_cast<int>(rows.size());
    } catch (const std::exception &e) {
        return fail(Tr::tr("Could not use the word vectors: %1").arg(firstLine(e)));
    }
}

} // namespace marginalia::ml
