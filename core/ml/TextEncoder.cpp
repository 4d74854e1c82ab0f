#include "ml/TextEncoder.h"
#include "ml/TextEncoderModule.h"
#include "ml/Device.h"
#include "ml/TorchInclude.h"
#include "ml/TrainingTypes.h"
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
#include <sys/stat.h>
#include <unordered_map>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

constexpr qint64 kMaxEncoderBytes = qint64(4) << 30; // BERT-large is 1.3 GB
constexpr int kMaxDim = 1 << 16;
constexpr int kBatchTexts = 32;

using PieceBatch = std::vector<const std::vector<std::int64_t> *>;

// Hands `encode` the inputs kBatchTexts at a time, longest first (stable), with their indices: inputs of similar
// length share a batch, so little padding runs through the encoder. Stops with an error when `cancel` is set,
// `encode` fails or torch throws; `progress` hears after each batch.
Status inBatches(const PieceBatch &inputs, const std::atomic_bool *cancel,
                 const std::function<void(int, int)> &progress,
                 const std::function<Status(const PieceBatch &batch, const std::vector<std::size_t> &indices)> &encode)
{
    std::vector<std::size_t> order(inputs.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return inputs[a]->size() > inputs[b]->size(); });
    try {
        torch::NoGradGuard noGrad;
        for (std::size_t from = 0; from < order.size(); from += kBatchTexts) {
            if (cancel && cancel->load())
                return fail(Tr::tr("Encoding the texts was cancelled."));
            const std::size_t to = std::min(order.size(), from + kBatchTexts);
            const std::vector<std::size_t> indices(order.begin() + std::ptrdiff_t(from),
                                                   order.begin() + std::ptrdiff_t(to));
            PieceBatch batch;
            for (std::size_t i : indices)
                batch.push_back(inputs[i]);
            if (auto s = encode(batch, indices); !s)
                return s;
            if (progress)
                progress(static_cast<int>(to), static_cast<int>(inputs.size()));
        }
    } catch (const std::exception &e) {
        return fail(Tr::tr("The text encoder failed: %1").arg(firstLine(e)));
    }
    return {};
}

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

// What identifies an encoder's files without reading them: path, inode, size and change time in nanoseconds of
// the module and of its vocabulary (stat only; the module's SHA-256 is taken when it is loaded). Empty when the
// module cannot be stat'ed.
QString encoderFilesKey(const QString &module, const QString &vocabulary)
{
    const auto stamp = [](const QString &path) -> QString {
        struct stat st {};
        if (::stat(QFile::encodeName(path).constData(), &st) != 0)
            return {};
        return QStringLiteral("%1|%2|%3|%4.%5")
            .arg(QFileInfo(path).absoluteFilePath())
            .arg(qulonglong(st.st_ino))
            .arg(qlonglong(st.st_size))
            .arg(qlonglong(st.st_ctim.tv_sec))
            .arg(qlonglong(st.st_ctim.tv_nsec));
    };
    const QString m = stamp(module);
    if (m.isEmpty())
        return {};
    const QString vocabularyPath = vocabulary.isEmpty() ? QFileInfo(module).dir().filePath(QStringLiteral("vocab.txt")) : vocabulary;
    return m + QLatin1Char('#') + stamp(vocabularyPath);
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
// A window of a text given as words (wordStates): ids as the encoder reads them, and the words it answers for
// with their positions in it.
struct WordWindow
{
    std::vector<std::int64_t> ids;
    std::size_t text = 0;
    std::vector<std::pair<std::size_t, std::int64_t>> words; // word index, position
};
} // namespace

struct TextEncoder::Private
{
    torch::jit::Module module;
    torch::Device device{torch::kCPU};
    std::shared_ptr<const text::SubwordTokenizer> tokenizer; // shared with tunable copies
    int inputs = 1; // forward's tensors: ids, then the mask, then token types
    int dim = 0;
    int maxLength = kDefaultMaxLength;
    bool tokenStates = false; // forward returns a state per word piece
    QString fingerprint;

    // The module's output for texts already encoded as ids, on the device: token states [n, L, D] (checked
    // against the input) or text vectors [n, D]; and the attention mask [n, L] it was given.
    std::pair<torch::Tensor, torch::Tensor> forward(const std::vector<const std::vector<std::int64_t> *> &ids)
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
        if (states.dim() == 3 && (states.size(0) != n || states.size(1) != std::int64_t(longest)))
            throw std::runtime_error("the encoder's token states do not match its input");
        return {states, mask};
    }

    // [n, dim] on the device for texts already encoded as ids: the mean of their token states.
    torch::Tensor pooled(const std::vector<const std::vector<std::int64_t> *> &ids)
    {
        auto [states, mask] = forward(ids);
        const auto n = static_cast<std::int64_t>(ids.size());
        if (states.dim() == 3) {
            const torch::Tensor weight = mask.to(states.scalar_type()).unsqueeze(2);
            states = (states * weight).sum(1) / weight.sum(1).clamp_min(1);
        }
        if (states.dim() != 2 || states.size(0) != n)
            throw std::runtime_error("the encoder's output is not one vector per text");
        return states;
    }

    // The windows that give each word of `texts` its state (wordStates): every word is answered for by exactly one.
    Result<std::vector<WordWindow>> wordWindows(const std::vector<const QStringList *> &texts) const
    {
        // The marks the tokenizer puts around every text (none, an end mark, or a start and an end mark), learned
        // from an empty text: a word's pieces are its ids without them.
        const std::vector<std::int64_t> bare = tokenizer->encode(QString(), kLongestMaxLength);
        if (bare.size() > 2)
            return fail(Tr::tr("The text encoder's tokenizer marks an empty text with more than two pieces."));
        const std::size_t budget = std::size_t(std::max<int>(1, maxLength - int(bare.size()))); // pieces a window holds
        std::size_t front = bare.size() == 2 ? 1 : 0, back = bare.size() == 2 ? 1 : 0;
        if (bare.size() == 1) { // one mark: before or after a word's pieces
            const std::vector<std::int64_t> probe = tokenizer->encode(QStringLiteral("a"), kLongestMaxLength);
            front = probe.size() > 1 && probe.front() == bare[0] && probe.back() != bare[0] ? 1 : 0;
            back = 1 - front;
        }
        // A word's pieces, worked out once per call (nodes stay put: the windows point at them).
        std::unordered_map<QString, std::vector<std::int64_t>> known;
        const auto piecesOf = [&](const QString &word) -> const std::vector<std::int64_t> & {
            auto it = known.find(word);
            if (it != known.end())
                return it->second;
            const std::vector<std::int64_t> ids = tokenizer->encode(word, kLongestMaxLength);
            std::vector<std::int64_t> pieces;
            if (ids.size() > front + back)
                pieces.assign(ids.begin() + std::ptrdiff_t(front), ids.end() - std::ptrdiff_t(back));
            if (pieces.size() > budget)
                pieces.resize(budget);
            return known.emplace(word, std::move(pieces)).first->second;
        };

        std::vector<WordWindow> windows;
        for (std::size_t t = 0; t < texts.size(); ++t) {
            const QStringList &words = *texts[t];
            const std::size_t m = static_cast<std::size_t>(words.size());
            if (m == 0)
                continue;
            std::vector<const std::vector<std::int64_t> *> pieces(m);
            for (std::size_t w = 0; w < m; ++w)
                pieces[w] = &piecesOf(words[qsizetype(w)]);
            // Windows of whole words, [from, to), each at most `budget` pieces; the next starts where this one's
            // pieces pass half (so that every word but the text's first and last has context on both sides).
            std::vector<std::pair<std::size_t, std::size_t>> spans;
            for (std::size_t from = 0;;) {
                std::size_t to = from, used = 0;
                while (to < m && (to == from || used + pieces[to]->size() <= budget))
                    used += pieces[to++]->size();
                spans.emplace_back(from, to);
                if (to >= m)
                    break;
                std::size_t next = from + 1, half = pieces[from]->size();
                while (next < to && half * 2 < used)
                    half += pieces[next++]->size();
                from = std::max(from + 1, next);
            }
            // Each word's window: the one where its narrower side holds the most words (the first such).
            std::vector<std::size_t> owner(m, 0);
            std::vector<std::ptrdiff_t> bestContext(m, -1);
            for (std::size_t k = 0; k < spans.size(); ++k)
                for (std::size_t w = spans[k].first; w < spans[k].second; ++w) {
                    const auto left = std::ptrdiff_t(w - spans[k].first);
                    const auto right = std::ptrdiff_t(spans[k].second - 1 - w);
                    // A text's own ends have no more context anywhere: only their far side counts.
                    const std::ptrdiff_t context = std::min(spans[k].first == 0 ? right + left + 1 : left,
                                                            spans[k].second == m ? left + right + 1 : right);
                    if (context > bestContext[w]) {
                        bestContext[w] = context;
                        owner[w] = k;
                    }
                }
            for (std::size_t k = 0; k < spans.size(); ++k) {
                WordWindow window;
                window.text = t;
                if (front)
                    window.ids.push_back(bare.front());
                for (std::size_t w = spans[k].first; w < spans[k].second; ++w) {
                    if (owner[w] == k)
                        window.words.emplace_back(w, pieces[w]->empty() ? 0 : std::int64_t(window.ids.size()));
                    window.ids.insert(window.ids.end(), pieces[w]->begin(), pieces[w]->end());
                }
                if (back)
                    window.ids.push_back(bare.back());
                if (window.ids.empty()) // only words without pieces, and no marks: the pad id stands for them
                    window.ids.push_back(tokenizer->padId());
                windows.push_back(std::move(window));
            }
        }
        return windows;
    }

    // The states of every word of `texts`, [words of all texts, dim] on the device in text then word order, with
    // gradients when the caller's mode has them (fine-tuning). Throws what torch throws.
    torch::Tensor wordStateTensor(const std::vector<const QStringList *> &texts)
    {
        if (!tokenStates)
            throw std::runtime_error("the encoder gives no state per word piece");
        auto windows = wordWindows(texts);
        if (!windows)
            throw std::runtime_error(windows.error().toStdString());
        std::vector<std::int64_t> offset(texts.size() + 1, 0);
        for (std::size_t t = 0; t < texts.size(); ++t)
            offset[t + 1] = offset[t] + texts[t]->size();
        PieceBatch batch;
        for (const WordWindow &window : *windows)
            batch.push_back(&window.ids);
        const torch::Tensor states = forward(batch).first;
        if (states.dim() != 3 || states.size(2) != dim)
            throw std::runtime_error("the encoder's output is not a state per word piece");
        const std::int64_t length = states.size(1);
        std::vector<std::int64_t> rows, place;
        for (std::size_t k = 0; k < windows->size(); ++k)
            for (const auto &[word, position] : (*windows)[k].words) {
                rows.push_back(std::int64_t(k) * length + position);
                place.push_back(offset[(*windows)[k].text] + std::int64_t(word));
            }
        if (std::int64_t(rows.size()) != offset.back())
            throw std::runtime_error("a word has no window");
        std::vector<std::int64_t> order(rows.size()); // the picked row of each word, in text then word order
        for (std::size_t i = 0; i < place.size(); ++i)
            order[std::size_t(place[i])] = std::int64_t(i);
        const torch::Tensor picked =
            states.reshape({-1, states.size(2)}).index_select(0, torch::tensor(rows, torch::kInt64).to(states.device()));
        return picked.index_select(0, torch::tensor(order, torch::kInt64).to(states.device()));
    }

    // The same on the CPU, as float32.
    torch::Tensor run(const std::vector<const std::vector<std::int64_t> *> &ids)
    {
        return pooled(ids).to(torch::kCPU, torch::kFloat32).contiguous();
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
        e->d->tokenStates = e->d->forward({&probe}).first.dim() == 3;
        e->d->dim = static_cast<int>(e->d->run({&probe}).size(1));
        if (e->d->dim < 1 || e->d->dim > kMaxDim)
            return fail(Tr::tr("The text encoder %1 gives %2 features per text.").arg(path).arg(e->d->dim));
    } catch (const std::exception &ex) {
        return fail(Tr::tr("The text encoder %1 cannot be used: %2").arg(path, firstLine(ex)));
    }
    return e;
}

Result<std::shared_ptr<TextEncoder>> TextEncoder::loadShared(const QString &path, const QString &vocabulary,
                                                             FeatureCache *cache)
{
    // Loading and hashing a BERT-sized file costs about a second a round.
    const QString key = encoderFilesKey(path, vocabulary);
    if (cache && !key.isEmpty() && cache->loadedEncoder && cache->loadedEncoderKey == key)
        return std::static_pointer_cast<TextEncoder>(cache->loadedEncoder);
    auto encoder = load(path, vocabulary);
    if (!encoder)
        return Error{encoder.error()};
    std::shared_ptr<TextEncoder> shared(std::move(*encoder));
    if (cache) {
        cache->loadedEncoder = shared;
        cache->loadedEncoderKey = key;
    }
    return shared;
}

Result<std::unique_ptr<TextEncoder>> TextEncoder::tunableCopy() const
{
    std::unique_ptr<TextEncoder> copy(new TextEncoder);
    *copy->d = *d; // the same tokenizer, device and shape; the module below replaces this one's shallow copy
    try {
        copy->d->module = d->module.deepcopy(); // its own parameters: training the copy leaves the shared one as loaded
        copy->d->module.eval();
    } catch (const std::exception &e) {
        return fail(Tr::tr("The text encoder cannot be copied for fine-tuning: %1").arg(firstLine(e)));
    }
    return copy;
}

int TextEncoder::dim() const { return d->dim; }
int TextEncoder::maxLength() const { return d->maxLength; }
QString TextEncoder::deviceName() const { return d->device.is_cuda() ? QStringLiteral("CUDA") : QStringLiteral("CPU"); }
QString TextEncoder::fingerprint() const { return d->fingerprint; }
const text::SubwordTokenizer &TextEncoder::tokenizer() const { return *d->tokenizer; }
bool TextEncoder::hasTokenStates() const { return d->tokenStates; }

Result<std::vector<float>> TextEncoder::features(const std::vector<QString> &texts, const std::atomic_bool *cancel,
                                                 const std::function<void(int, int)> &progress) const
{
    std::vector<std::vector<std::int64_t>> ids(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i)
        ids[i] = d->tokenizer->encode(texts[i], d->maxLength);
    const std::size_t dim = static_cast<std::size_t>(d->dim);
    std::vector<float> out(texts.size() * dim, 0.0f);
    PieceBatch inputs;
    for (const auto &text : ids)
        inputs.push_back(&text);
    const auto encode = [&](const PieceBatch &batch, const std::vector<std::size_t> &indices) -> Status {
        const torch::Tensor f = d->run(batch);
        if (f.size(1) != d->dim)
            return fail(Tr::tr("The text encoder changed its output size."));
        const float *values = f.data_ptr<float>();
        for (std::size_t k = 0; k < indices.size(); ++k)
            std::copy(values + k * dim, values + (k + 1) * dim, out.begin() + std::ptrdiff_t(indices[k] * dim));
        return {};
    };
    if (const Status encoded = inBatches(inputs, cancel, progress, encode); !encoded)
        return Error{encoded.error()};
    return out;
}

Result<std::vector<std::vector<float>>> TextEncoder::wordStates(const std::vector<QStringList> &texts,
                                                                const std::atomic_bool *cancel,
                                                                const std::function<void(int, int)> &progress) const
{
    if (!d->tokenStates)
        return fail(Tr::tr("The text encoder gives one vector per text; tagging words needs one per word piece."));
    std::vector<const QStringList *> pointers;
    for (const QStringList &t : texts)
        pointers.push_back(&t);
    const auto planned = d->wordWindows(pointers);
    if (!planned)
        return Error{planned.error()};
    const std::vector<WordWindow> &windows = *planned;
    const std::size_t dim = static_cast<std::size_t>(d->dim);
    std::vector<std::vector<float>> out(texts.size());
    for (std::size_t t = 0; t < texts.size(); ++t)
        out[t].assign(static_cast<std::size_t>(texts[t].size()) * dim, 0.0f);

    PieceBatch inputs;
    for (const WordWindow &window : windows)
        inputs.push_back(&window.ids);
    const auto encode = [&](const PieceBatch &batch, const std::vector<std::size_t> &indices) -> Status {
        const torch::Tensor states = d->forward(batch).first;
        if (states.dim() != 3 || states.size(2) != d->dim)
            return fail(Tr::tr("The text encoder changed its output size."));
        const std::int64_t length = states.size(1);
        std::vector<std::int64_t> rows; // flat (window, position) of every word's state
        for (std::size_t k = 0; k < indices.size(); ++k)
            for (const auto &[word, position] : windows[indices[k]].words)
                rows.push_back(std::int64_t(k) * length + position);
        if (rows.empty())
            return {};
        const torch::Tensor picked = states.reshape({-1, states.size(2)})
                                         .index_select(0, torch::tensor(rows, torch::kInt64).to(states.device()))
                                         .to(torch::kCPU, torch::kFloat32)
                                         .contiguous();
        const float *values = picked.data_ptr<float>();
        for (std::size_t i : indices) {
            const WordWindow &window = windows[i];
            for (const auto &[word, position] : window.words) {
                std::copy(values, values + dim, out[window.text].begin() + std::ptrdiff_t(word * dim));
                values += dim;
            }
        }
        return {};
    };
    if (const Status encoded = inBatches(inputs, cancel, progress, encode); !encoded)
        return Error{encoded.error()};
    return out;
}

std::vector<std::int64_t> EncoderAccess::pieces(const TextEncoder &encoder, const QString &text)
{
    return encoder.d->tokenizer->encode(text, encoder.d->maxLength);
}

torch::Tensor EncoderAccess::pooled(TextEncoder &encoder, const std::vector<const std::vector<std::int64_t> *> &pieces)
{
    return encoder.d->pooled(pieces);
}

torch::Tensor EncoderAccess::wordStates(TextEncoder &encoder, const std::vector<const QStringList *> &texts)
{
    return encoder.d->wordStateTensor(texts);
}

void EncoderAccess::setTraining(TextEncoder &encoder, bool on) { encoder.d->module.train(on); }

std::vector<torch::Tensor> EncoderAccess::parameters(TextEncoder &encoder)
{
    std::vector<torch::Tensor> out;
    for (const auto &p : encoder.d->module.parameters(true))
        out.push_back(p);
    return out;
}

NamedTensors EncoderAccess::state(TextEncoder &encoder)
{
    NamedTensors out;
    for (const auto &p : encoder.d->module.named_parameters(true))
        out.emplace_back("encoder." + p.name, p.value);
    for (const auto &b : encoder.d->module.named_buffers(true))
        out.emplace_back("encoder." + b.name, b.value);
    return out;
}

} // namespace marginalia::ml
