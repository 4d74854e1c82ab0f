#include "ml/DocumentTermSvd.h"
#include "ml/TorchInclude.h"

#include <QCoreApplication>
#include <QHash>
#include <algorithm>
#include <cmath>
#include <random>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

// Rows of sparse (column, value) entries, one row per document.
struct SparseRows
{
    std::vector<std::int64_t> start{0};
    std::vector<std::int32_t> column;
    std::vector<float> value;
    std::int64_t rows() const { return std::int64_t(start.size()) - 1; }
};

// X * dense (columns x k) -> rows x k.
torch::Tensor times(const SparseRows &x, const torch::Tensor &dense)
{
    const std::int64_t k = dense.size(1);
    torch::Tensor out = torch::zeros({x.rows(), k});
    const float *d = dense.data_ptr<float>();
    float *o = out.data_ptr<float>();
    for (std::int64_t i = 0; i < x.rows(); ++i)
        for (std::int64_t e = x.start[std::size_t(i)]; e < x.start[std::size_t(i) + 1]; ++e) {
            const float v = x.value[std::size_t(e)];
            const float *src = d + std::int64_t(x.column[std::size_t(e)]) * k;
            for (std::int64_t j = 0; j < k; ++j)
                o[i * k + j] += v * src[j];
        }
    return out;
}

// X^T * dense (rows x k) -> columns x k.
torch::Tensor transposedTimes(const SparseRows &x, std::int64_t columns, const torch::Tensor &dense)
{
    const std::int64_t k = dense.size(1);
    torch::Tensor out = torch::zeros({columns, k});
    const float *d = dense.data_ptr<float>();
    float *o = out.data_ptr<float>();
    for (std::int64_t i = 0; i < x.rows(); ++i)
        for (std::int64_t e = x.start[std::size_t(i)]; e < x.start[std::size_t(i) + 1]; ++e) {
            const float v = x.value[std::size_t(e)];
            float *dst = o + std::int64_t(x.column[std::size_t(e)]) * k;
            for (std::int64_t j = 0; j < k; ++j)
                dst[j] += v * d[i * k + j];
        }
    return out;
}

torch::Tensor orthonormal(const torch::Tensor &a)
{
    return std::get<0>(torch::linalg::qr(a, "reduced")).contiguous();
}
} // namespace

Result<WordVectorTable> documentTermSvd(const TokenSource &documents, const DocumentTermSvdOptions &options,
                                        const std::atomic_bool &cancel,
                                        const std::function<void(int, int)> &progress)
{
    // A uniform sample of the documents (reservoir), each as its distinct tokens (ids into `tokens`) with their
    // counts, sorted by id. Only documents the sample takes are read further, so the token table stays within
    // what a few samples' worth of documents use.
    using Counts = std::vector<std::pair<int, int>>;
    std::vector<Counts> sample;
    QHash<QString, int> idOf;
    QStringList tokens;
    std::vector<int> ids;
    const auto countsOf = [&](const QStringList &text) {
        ids.clear();
        for (const QString &t : text) {
            auto it = idOf.constFind(t);
            if (it == idOf.constEnd()) {
                it = idOf.insert(t, int(tokens.size()));
                tokens << t;
            }
            ids.push_back(*it);
        }
        std::sort(ids.begin(), ids.end());
        Counts counts;
        for (int id : ids) {
            if (counts.empty() || counts.back().first != id)
                counts.push_back({id, 0});
            ++counts.back().second;
        }
        return counts;
    };
    std::mt19937_64 rng(options.seed);
    std::int64_t seen = 0;
    const Status read = documents([&](const QStringList &text) {
        if (cancel.load())
            return false;
        if (text.isEmpty())
            return true;
        ++seen;
        if (std::int64_t(sample.size()) < options.maxDocuments) {
            sample.push_back(countsOf(text));
        } else {
            const std::int64_t slot = std::uniform_int_distribution<std::int64_t>(0, seen - 1)(rng);
            if (slot < options.maxDocuments)
                sample[std::size_t(slot)] = countsOf(text);
        }
        return true;
    });
    if (!read)
        return Error{read.error()};
    if (cancel.load())
        return fail(Tr::tr("Learning from unlabeled text was cancelled."));

    // Vocabulary: words in at least minCount documents, in text order (the same vectors for the same text,
    // whatever order the documents came in).
    std::vector<int> documentCount(std::size_t(tokens.size()), 0);
    for (const Counts &counts : sample)
        for (const auto &[id, count] : counts)
            ++documentCount[std::size_t(id)];
    std::vector<int> vocabulary;
    for (int id = 0; id < int(tokens.size()); ++id)
        if (documentCount[std::size_t(id)] >= std::max(1, options.minCount))
            vocabulary.push_back(id);
    std::sort(vocabulary.begin(), vocabulary.end(), [&](int a, int b) { return tokens[a] < tokens[b]; });
    QStringList words;
    for (int id : vocabulary)
        words << tokens[id];
    // A small pool gets fewer dimensions than asked for: no more than it has documents or words to span.
    const int dim = int(std::min<qsizetype>({qsizetype(options.dim), words.size() - 1, qsizetype(sample.size()) - 1}));
    if (dim < 2)
        return fail(Tr::tr("The pool's text is too small to learn word vectors from (%n word(s) occur in two or "
                           "more samples).", nullptr, int(words.size())));
    std::vector<int> columnOf(std::size_t(tokens.size()), -1);
    std::vector<float> idf(std::size_t(words.size()));
    const double n = double(sample.size());
    for (int j = 0; j < int(vocabulary.size()); ++j) {
        columnOf[std::size_t(vocabulary[std::size_t(j)])] = j;
        idf[std::size_t(j)] = float(std::log((1 + n) / (1 + documentCount[std::size_t(vocabulary[std::size_t(j)])])) + 1);
    }

    // Sublinear term frequency times IDF, each document scaled to unit length.
    SparseRows x;
    for (const Counts &counts : sample) {
        const std::size_t first = x.column.size();
        double squares = 0;
        for (const auto &[id, count] : counts) {
            const int column = columnOf[std::size_t(id)];
            if (column < 0)
                continue;
            const float v = float(1 + std::log(double(count))) * idf[std::size_t(column)];
            x.column.push_back(column);
            x.value.push_back(v);
            squares += double(v) * v;
        }
        const float scale = squares > 0 ? float(1 / std::sqrt(squares)) : 0.0f;
        for (std::size_t e = first; e < x.value.size(); ++e)
            x.value[e] *= scale;
        x.start.push_back(std::int64_t(x.column.size()));
    }
    sample.clear();

    try {
        torch::NoGradGuard noGrad;
        torch::manual_seed(options.seed);
        const std::int64_t columns = words.size();
        const std::int64_t k = std::min<std::int64_t>(dim + 10, std::min<std::int64_t>(columns, x.rows()));
        const int steps = 2 * options.powerIterations + 3;
        int step = 0;
        const auto advance = [&]() {
            if (progress)
                progress(++step, steps);
            return !cancel.load();
        };
        torch::Tensor q = orthonormal(times(x, torch::randn({columns, k})));
        for (int i = 0; i < options.powerIterations; ++i) {
            if (!advance())
                break;
            const torch::Tensor z = orthonormal(transposedTimes(x, columns, q));
            if (!advance())
                break;
            q = orthonormal(times(x, z));
        }
        if (!advance())
            return fail(Tr::tr("Learning from unlabeled text was cancelled."));
        // B = Q^T X (k x columns); its right singular vectors are the words' directions.
        const torch::Tensor bt = transposedTimes(x, columns, q); // columns x k
        const auto [values, vectors] = torch::linalg::eigh(bt.t().mm(bt), "L"); // ascending
        (void)advance();
        const torch::Tensor top = vectors.flip({1}).narrow(1, 0, dim);
        const torch::Tensor sigma = values.flip({0}).narrow(0, 0, dim).clamp_min(0).sqrt();
        // The right singular vectors themselves (B^T W / sigma): a document's IDF-weighted sum of them is its
        // coordinates U * sigma, the usual LSA document vector.
        const torch::Tensor rows = (bt.mm(top) / sigma.clamp_min(1e-6)).contiguous();
        WordVectorTable table;
        table.dim = dim;
        table.words = words;
        table.values.assign(rows.data_ptr<float>(), rows.data_ptr<float>() + rows.numel());
        return table;
    } catch (const std::exception &e) {
        return fail(Tr::tr("Learning word vectors failed: %1").arg(firstLine(e)));
    }
}

} // namespace marginalia::ml
