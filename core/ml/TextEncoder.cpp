#include "ml/TextEncoder.h"
#include "ml/Device.h"
#include "ml/TorchInclude.h"
#include "store/ProjectFiles.h"

#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <numeric>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

constexpr qint64 kMaxEncoderBytes = qint64(4) << 30; // BERT-large is 1.3 GB
constexpr int kMaxDim = 1 << 16;
constexpr int kBatchTexts = 32;

QString firstLine(const std::exception &e) { return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0); }

// The module file, checked before it is loaded: an existing regular file of a sane size, not an open project's.
Status checkedModuleFile(const QString &path)
{
    if (auto s = refuseOpenProject(path); !s)
        return s;
    const QFileInfo info(path);
    if (!info.exists())
        return fail(Tr::tr("The text encoder %1 does not exist.").arg(path));
    if (!info.isFile() || info.size() > kMaxEncoderBytes)
        return fail(Tr::tr("The text encoder %1 is not a regular file of at most 4 GB.").arg(path));
    return {};
}

// The token states or text vectors in whatever the module returned.
torch::Tensor statesOf(const c10::IValue &out)
{
    if (out.isTensor())
        return out.toTensor();
    if (out.isTuple() && !out.toTupleRef().elements().empty())
        return statesOf(out.toTupleRef().elements()[0]);
    if (out.isList() && !out.toListRef().empty())
        return statesOf(out.toListRef()[0]);
    if (out.isGenericDict()) {
        const auto dict = out.toGenericDict();
        for (const auto &entry : dict)
            if (entry.key().isString() && entry.key().toStringRef() == "last_hidden_state")
                return statesOf(entry.value());
        if (!dict.empty())
            return statesOf(dict.begin()->value());
    }
    throw std::runtime_error("the encoder returned neither a tensor nor a tuple, list or dict holding one");
}
} // namespace

struct TextEncoder::Private
{
    torch::jit::Module module;
    torch::Device device{torch::kCPU};
    std::unique_ptr<text::SubwordTokenizer> tokenizer;
    int inputs = 1; // forward's tensors: ids, then the mask, then token types
    int dim = 0;
    int maxLength = kDefaultMaxLength;
    QString fingerprint;

    // [n, dim] on the CPU for texts already encoded as ids.
    torch::Tensor run(const std::vector<const std::vector<std::int64_t> *> &ids)
    {
        std::size_t longest = 1;
        for (const auto *t : ids)
            longest = std::max(longest, t->size());
        const auto n = static_cast<std::int64_t>(ids.size());
        torch::Tensor input = torch::full({n, std::int64_t(longest)}, tokenizer->padId(), torch::kInt64);
        torch::Tensor mask = torch::zeros({n, std::int64_t(longest)}, torch::kInt64);
        auto in = input.accessor<std::int64_t, 2>();
        auto m = mask.accessor<std::int64_t, 2>();
        for (std::int64_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < ids[std::size_t(i)]->size(); ++j) {
                in[i][std::int64_t(j)] = (*ids[std::size_t(i)])[j];
                m[i][std::int64_t(j)] = 1;
            }
        input = input.to(device);
        mask = mask.to(device);
        std::vector<c10::IValue> args{input};
        if (inputs >= 2)
            args.emplace_back(mask);
        if (inputs >= 3)
            args.emplace_back(torch::zeros_like(input));
        torch::Tensor states = statesOf(module.forward(args));
        if (states.dim() == 3) {
            if (states.size(0) != n || states.size(1) != std::int64_t(longest))
                throw std::runtime_error("the encoder's token states do not match its input");
            const torch::Tensor weight = mask.to(states.scalar_type()).unsqueeze(2);
            states = (states * weight).sum(1) / weight.sum(1).clamp_min(1);
        }
        if (states.dim() != 2 || states.size(0) != n)
            throw std::runtime_error("the encoder's output is not one vector per text");
        return states.to(torch::kCPU, torch::kFloat32).contiguous();
    }
};

TextEncoder::TextEncoder() : d(std::make_unique<Private>()) {}
TextEncoder::~TextEncoder() = default;

Result<std::unique_ptr<TextEncoder>> TextEncoder::load(const QString &path, const QString &vocabulary)
{
    QString vocabPath = vocabulary;
    if (vocabPath.isEmpty()) { // the tokenizer files BERT-family and SentencePiece exports put beside the model
        const QDir dir = QFileInfo(path).dir();
        vocabPath = dir.filePath(QStringLiteral("vocab.txt"));
        for (const char *name : {"spiece.model", "sentencepiece.bpe.model", "tokenizer.model", "spm.model"})
            if (!QFileInfo::exists(vocabPath) && QFileInfo::exists(dir.filePath(QLatin1String(name))))
                vocabPath = dir.filePath(QLatin1String(name));
    }
    if (auto s = checkedModuleFile(path); !s)
        return s;
    auto tokenizer = text::readSubwordTokenizer(vocabPath);
    if (!tokenizer)
        return Error{tokenizer.error()};
    std::unique_ptr<TextEncoder> e(new TextEncoder);
    e->d->tokenizer = std::move(*tokenizer);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &file : {path, vocabPath}) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f))
            return fail(Tr::tr("The text encoder file %1 cannot be read.").arg(file));
    }
    e->d->fingerprint = QString::fromLatin1(hash.result().toHex());
    try {
        torch::NoGradGuard noGrad;
        e->d->device = selectedDevice().cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
        e->d->module = torch::jit::load(QFile::encodeName(path).toStdString(), e->d->device);
        e->d->module.eval();
        if (e->d->module.hasattr("max_length"))
            e->d->maxLength = static_cast<int>(e->d->module.attr("max_length").toInt());
        if (e->d->maxLength < 2 || e->d->maxLength > kLongestMaxLength)
            return fail(Tr::tr("The text encoder %1 reads %2 word pieces a text; 2 to %3 are supported.")
                            .arg(path)
                            .arg(e->d->maxLength)
                            .arg(kLongestMaxLength));
        const auto arguments = e->d->module.get_method("forward").function().getSchema().arguments().size();
        e->d->inputs = std::clamp(static_cast<int>(arguments) - 1, 1, 3); // the first is the module itself
        const std::vector<std::int64_t> probe = e->d->tokenizer->encode(QStringLiteral("a"), e->d->maxLength);
        e->d->dim = static_cast<int>(e->d->run({&probe}).size(1));
        if (e->d->dim < 1 || e->d->dim > kMaxDim)
            return fail(Tr::tr("The text encoder %1 gives %2 features per text.").arg(path).arg(e->d->dim));
    } catch (const std::exception &ex) {
        return fail(Tr::tr("The text encoder %1 cannot be used: %2").arg(path, firstLine(ex)));
    }
    return e;
}

int TextEncoder::dim() const { return d->dim; }
int TextEncoder::maxLength() const { return d->maxLength; }
QString TextEncoder::deviceName() const { return d->device.is_cuda() ? QStringLiteral("CUDA") : QStringLiteral("CPU"); }
QString TextEncoder::fingerprint() const { return d->fingerprint; }
const text::SubwordTokenizer &TextEncoder::tokenizer() const { return *d->tokenizer; }

Result<std::vector<float>> TextEncoder::features(const std::vector<QString> &texts, const std::atomic_bool *cancel,
                                                 const std::function<void(int, int)> &progress) const
{
    std::vector<std::vector<std::int64_t>> ids(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i)
        ids[i] = d->tokenizer->encode(texts[i], d->maxLength);
    // Texts of similar length share a batch: little padding to run through the encoder.
    std::vector<std::size_t> order(texts.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ids[a].size() > ids[b].size(); });
    const std::size_t dim = static_cast<std::size_t>(d->dim);
    std::vector<float> out(texts.size() * dim, 0.0f);
    try {
        torch::NoGradGuard noGrad;
        for (std::size_t from = 0; from < order.size(); from += kBatchTexts) {
            if (cancel && cancel->load())
                return fail(Tr::tr("Encoding the texts was cancelled."));
            const std::size_t to = std::min(order.size(), from + kBatchTexts);
            std::vector<const std::vector<std::int64_t> *> batch;
            for (std::size_t k = from; k < to; ++k)
                batch.push_back(&ids[order[k]]);
            const torch::Tensor f = d->run(batch);
            if (f.size(1) != d->dim)
                return fail(Tr::tr("The text encoder changed its output size."));
            const float *values = f.data_ptr<float>();
            for (std::size_t k = from; k < to; ++k)
                std::copy(values + (k - from) * dim, values + (k - from + 1) * dim, out.begin() + std::ptrdiff_t(order[k] * dim));
            if (progress)
                progress(static_cast<int>(to), static_cast<int>(texts.size()));
        }
    } catch (const std::exception &e) {
        return fail(Tr::tr("The text encoder failed: %1").arg(firstLine(e)));
    }
    return out;
}

} // namespace marginalia::ml
