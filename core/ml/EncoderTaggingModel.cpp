#include "ml/EncoderTaggingModel.h"
#include "ml/Device.h"
#include "ml/EncoderHeadRun.h"
#include "ml/FeatureHead.h"
#include "ml/SpanDecoding.h"
#include "ml/SpanOutput.h"
#include "ml/TextEncoder.h"
#include "ml/TrainingConfig.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

const QString kKind = QStringLiteral("encoder-tagger");
// The worker's cache keeps token states apart from sentence features (ml/TextEncoderModel.cpp) of the same encoder.
const QString kCachePrefix = QStringLiteral("tokens:");
// Token states kept between rounds, all sentences together: 768 floats a token (BERT-base) make about 87 thousand
// sentences of 25 tokens. Sentences past it are encoded again when a round needs them (the labeled ones, which
// every round needs, are encoded first: training comes before scoring the pool).
constexpr qint64 kMaxCachedBytes = qint64(1) << 30;
// Sentences whose states are held at once while the pool is scored (beyond the cache).
constexpr std::size_t kScoringChunk = 512;
// Fine-tuning (model.encoder_finetune): a few passes, batches of whole sentences of about this many words in all (a
// dozen sentences of 25 words), as the classifier's fine-tuning takes 16 texts (TextEncoderModel.cpp).
constexpr int kFineTuneEpochs = 5;
constexpr int kFineTuneWords = 300;

struct Sentence
{
    qint64 id = 0;
    QString text;
    SentenceTokens tokens;
    QStringList gold; // BIO tags; empty when unlabeled
    bool labeled = false;
};

class EncoderTaggingModel final : public task::TaskModel
{
public:
    EncoderTaggingModel(const TrainingOptions &options, FeatureCache *cache)
        : m_options(options), m_cache(cache), m_threads(options.threads)
    {
    }

    QString kind() const override { return kKind; }
    al::ScoreKind scoreKind() const override { return al::ScoreKind::TokenMarginals; }
    QString deviceName() const override { return m_encoder ? m_encoder->deviceName() : selectedDevice().name; }

    // Loads the encoder here: a file that cannot be used stops the round with its reason, rather than training
    // another kind of model than the one the user chose.
    Status setLabels(const QStringList &types, const task::ProgressFn &) override
    {
        if (types.isEmpty())
            return fail(Tr::tr("The project needs at least one entity type before a model can learn to find it."));
        m_types = types;
        if (!m_encoder) {
            if (auto s = loadEncoder(); !s)
                return s;
        }
        m_shape = encoderHeadShape(*m_encoder, bioTagSet(types), false, m_options);
        return freshHead();
    }

    QStringList labels() const override { return m_types; }

    void addSample(const AnnotatedSample &a) override
    {
        Sentence sentence;
        sentence.id = a.sample.id;
        sentence.text = a.sample.text;
        sentence.tokens = sentenceTokens(a.sample.text, a.sample.tokens);
        sentence.labeled = a.isLabeled();
        if (sentence.labeled)
            sentence.gold = text::bioTags(sentence.tokens.spans, a.annotation->spans);
        m_sentences.push_back(std::move(sentence));
    }

    int sampleCount() const override { return static_cast<int>(m_sentences.size()); }
    bool isLabeled(int index) const override { return m_sentences[static_cast<std::size_t>(index)].labeled; }

    // The same encoder and tags (a new entity type starts a fresh head: it trains in seconds).
    bool fits(const ModelRunRecord &run, const QByteArray &checkpoint) const override
    {
        const auto stored = FeatureHead::checkpointShape(checkpoint);
        return run.modelKind == kKind && stored && *stored == m_shape;
    }

    Status load(const QByteArray &checkpoint) override
    {
        if (auto s = m_head->loadCheckpoint(checkpoint); !s) {
            (void)freshHead();
            return s;
        }
        if (m_shape.finetune) // the checkpoint's encoder weights give other states
            useTunedStates();
        return {};
    }

    Status loadRun(const ModelRunRecord &run, const QByteArray &checkpoint) override
    {
        const auto read = readStoredHeadRun(run, checkpoint, m_options);
        if (!read)
            return Error{read.error()};
        QStringList types;
        for (const QJsonValue &v : read->config.value(QStringLiteral("labels")).toArray())
            types << v.toString();
        // The head's rows are the tags of the run's entity types: a checkpoint that says otherwise is not this
        // model's, whatever its run claims.
        if (read->shape.multilabel || read->shape.labels != bioTagSet(types) || types.isEmpty())
            return fail(Tr::tr("The stored tagging head does not match its run's entity types."));
        m_types = types;
        m_options.encoderFinetune = read->shape.finetune;
        m_encoder.reset();
        if (auto s = loadEncoder(); !s)
            return s;
        if (auto s = checkHeadEncoder(read->shape, m_encoder->fingerprint(), m_options.textEncoder); !s)
            return s;
        m_shape = read->shape;
        if (auto s = freshHead(); !s)
            return s;
        return load(checkpoint);
    }

    QJsonObject runConfig(qint64 warmStartRun) const override
    {
        return runConfigJson(m_options, m_types, TaskType::Ner, kind(),
                             {{QStringLiteral("features"), m_shape.features},
                              {QStringLiteral("dropout"), m_shape.dropout},
                              {QStringLiteral("encoder"), m_shape.encoder},
                              {QStringLiteral("finetune"), m_shape.finetune},
                              {QStringLiteral("max_length"), m_encoder ? m_encoder->maxLength() : 0},
                              {QStringLiteral("word_state"), QStringLiteral("first-piece")},
                              {QStringLiteral("long_texts"), QStringLiteral("half-overlapping-windows")}},
                             warmStartRun, {{QStringLiteral("tags"), QJsonArray::fromStringList(m_shape.labels)}});
    }

    Result<QByteArray> checkpoint() const override { return m_head->saveCheckpoint(); }

    Result<QVector<EpochRow>> train(const std::vector<int> &samples, const std::atomic_bool &cancel,
                                    const task::ProgressFn &progress) override
    {
        std::vector<int> labeled;
        for (int i : samples)
            if (isLabeled(i))
                labeled.push_back(i);
        const auto states = statesOf(labeled, &cancel, progress);
        if (!states)
            return Error{states.error()};
        // One row per token: the head reads a token's state alone (the encoder put its context there).
        std::vector<const float *> features;
        std::vector<std::vector<int>> tags;
        std::vector<int> sentenceOf;
        const std::size_t dim = static_cast<std::size_t>(m_shape.features);
        for (std::size_t k = 0; k < labeled.size(); ++k) {
            const Sentence &s = m_sentences[static_cast<std::size_t>(labeled[k])];
            const std::vector<int> gold = tagIndices(s.gold, m_shape.labels);
            for (std::size_t t = 0; t < gold.size(); ++t) {
                features.push_back((*states)[k] + t * dim);
                tags.push_back({gold[t]});
                sentenceOf.push_back(static_cast<int>(k));
            }
        }
        HeadTraining training;
        training.groups = std::move(sentenceOf); // the dev fold holds whole sentences
        training.epochs = m_options.epochs;
        training.classWeights = m_options.classWeights;
        training.seed = m_options.seed + m_rounds++;
        const auto onEpoch = [&](int epoch, int total) {
            if (progress)
                progress(epoch, total, Tr::tr("Training"));
        };
        auto epochs = m_head->train(features, tags, training, cancel, onEpoch);
        if (!epochs || !m_shape.finetune)
            return epochs;
        // Linear probe, then fine-tune, as the classifier over an encoder does (TextEncoderModel.cpp): the head
        // learns on the states as they are first, so that its first gradients do not scramble what the encoder knows.
        std::vector<QStringList> sentences;
        for (int i : labeled)
            sentences.push_back(m_sentences[static_cast<std::size_t>(i)].tokens.words);
        HeadTraining tuning = training;
        tuning.epochs = std::min(m_options.epochs, kFineTuneEpochs);
        tuning.batchSize = kFineTuneWords;
        tuning.minSteps = 0;
        auto tuned = m_head->fineTuneWords(sentences, tags, tuning, cancel, onEpoch);
        useTunedStates(); // even when it failed half-way: every state is taken again
        if (!tuned)
            return tuned;
        for (EpochRow row : *tuned) { // the loss chart goes on from the probe's epochs
            row.epoch += epochs->isEmpty() ? 0 : epochs->last().epoch;
            epochs->push_back(row);
        }
        return epochs;
    }

    Result<task::Evaluation> evaluate(const std::vector<int> &samples) override
    {
        task::Evaluation e;
        e.rows.reserve(static_cast<qsizetype>(samples.size()));
        QVector<QStringList> gold, guessed;
        const auto read = forEachChunk(samples, false, [&](std::size_t k, std::vector<float> &marginals, const float *) {
            const Sentence &s = m_sentences[static_cast<std::size_t>(samples[k])];
            const PredictedSentence p = decodeSentence(s.tokens.spans, marginals, m_shape.labels);
            if (s.labeled) {
                gold.push_back(s.gold);
                guessed.push_back(p.tags);
            }
            e.rows.push_back(spanPredictionRow(s.id, p));
        });
        if (!read)
            return Error{read.error()};
        takeSpanReport(e, gold, guessed);
        return e;
    }

    Result<task::Prediction> predict(const std::vector<int> &samples, const al::Strategy *strategy,
                                     const std::vector<int> &labeled, std::uint64_t) override
    {
        const bool embeddings = strategy && strategy->needsEmbeddings;
        task::Prediction p;
        p.rows.reserve(static_cast<qsizetype>(samples.size()));
        p.scores.n = static_cast<int>(samples.size());
        p.scores.tags = static_cast<int>(m_shape.labels.size());
        p.scores.marginals.reserve(samples.size());
        const std::size_t dim = static_cast<std::size_t>(m_shape.features);
        const auto read = forEachChunk(samples, embeddings, [&](std::size_t k, std::vector<float> &marginals, const float *mean) {
            const Sentence &s = m_sentences[static_cast<std::size_t>(samples[k])];
            p.rows.push_back(spanPredictionRow(s.id, decodeSentence(s.tokens.spans, marginals, m_shape.labels)));
            p.scores.marginals.push_back(std::move(marginals));
            if (embeddings)
                p.scores.embeddings.insert(p.scores.embeddings.end(), mean, mean + dim);
        });
        if (!read)
            return Error{read.error()};
        if (embeddings) {
            p.scores.dim = m_shape.features;
            const auto known = forEachChunk(labeled, true, [&](std::size_t, std::vector<float> &, const float *mean) {
                p.scores.labeledEmbeddings.insert(p.scores.labeledEmbeddings.end(), mean, mean + dim);
            });
            if (!known)
                return Error{known.error()};
        }
        return p;
    }

    std::optional<task::Coverage> coverage(const std::vector<int> &, const std::vector<int> &) const override
    {
        return std::nullopt; // as the sequence tagger: the sentence order of a fresh head is as good as any
    }

    QStringList comparableTags(int index, const PredictionRow &row) const override
    {
        return spanComparableTags(m_sentences[static_cast<std::size_t>(index)].tokens.spans, row);
    }

    QJsonObject predictionJson(int index, const PredictionRow &row) const override
    {
        return spanPredictionJson(m_sentences[static_cast<std::size_t>(index)].text, row);
    }

    QString predictionLine(int index, const PredictionRow &row) const override
    {
        return spanPredictionLine(m_sentences[static_cast<std::size_t>(index)].text, row);
    }

private:
    Status loadEncoder()
    {
        auto encoder = loadOptionsEncoder(m_options, m_cache);
        if (!encoder)
            return Error{encoder.error()};
        if (!(*encoder)->hasTokenStates())
            return fail(Tr::tr("The text encoder %1 gives one vector per text; tagging words needs one per word piece.")
                            .arg(m_options.textEncoder));
        m_encoder = std::move(*encoder);
        return {};
    }

    // A new head; to fine-tune, with a new copy of the encoder as its file has it.
    Status freshHead()
    {
        m_tuned.reset();
        if (m_encoderTrained) { // the states kept were the tuned copy's
            m_encoderTrained = false;
            m_own.clear();
            m_keptBytes = -1;
        }
        if (m_shape.finetune) {
            auto copy = m_encoder->tunableCopy();
            if (!copy)
                return Error{copy.error()};
            m_tuned = std::move(*copy);
        }
        auto head = FeatureHead::create(m_shape, m_options.seed, m_tuned);
        if (!head)
            return Error{head.error()};
        m_head = std::move(*head);
        return {};
    }

    // The tuned copy's weights are no longer the file's: its states are this model's own, taken afresh (neither the
    // worker's cache nor another round may keep them).
    void useTunedStates()
    {
        m_encoderTrained = true;
        m_own.clear();
        m_keptBytes = 0;
    }

    // The worker's cache holds states as the encoder's file gives them.
    FeatureCache *cache() const { return m_encoderTrained ? nullptr : m_cache; }

    // The states kept for sentence `index` (tokens * dim floats), or null.
    const std::vector<float> *kept(std::size_t index) const
    {
        const Sentence &s = m_sentences[index];
        const std::size_t size = static_cast<std::size_t>(s.tokens.words.size()) * static_cast<std::size_t>(m_shape.features);
        FeatureCache *const shared = cache();
        const QHash<qint64, std::vector<float>> &store = shared ? std::as_const(shared->encoderFeatures) : m_own;
        const qint64 key = shared ? s.id : qint64(index);
        if (shared && key <= 0)
            return nullptr;
        const auto it = store.constFind(key);
        return it != store.constEnd() && it->size() == size ? &*it : nullptr;
    }

    // Keeps sentence `index`'s states while the budget allows; else they live in m_scratch until the next call.
    const float *keep(std::size_t index, std::vector<float> &&states)
    {
        FeatureCache *const shared = cache();
        const qint64 key = shared ? m_sentences[index].id : qint64(index);
        const qint64 bytes = qint64(states.size() * sizeof(float));
        if ((!shared || key > 0) && m_keptBytes + bytes <= kMaxCachedBytes) {
            QHash<qint64, std::vector<float>> &store = shared ? shared->encoderFeatures : m_own;
            m_keptBytes += bytes;
            return store.insert(key, std::move(states))->data();
        }
        m_scratch.push_back(std::move(states));
        return m_scratch.back().data();
    }

    // Token states of the sentences at `samples`, in order: kept ones as they are, the others encoded (in one
    // batched pass) and kept while the budget allows. Valid until the next call.
    Result<std::vector<const float *>> statesOf(const std::vector<int> &samples, const std::atomic_bool *cancel = nullptr,
                                                const task::ProgressFn &progress = {})
    {
        m_scratch.clear();
        FeatureCache *const shared = cache();
        if (shared && shared->encoder != kCachePrefix + m_shape.encoder) { // another encoder's, or sentence features
            shared->encoderFeatures.clear();
            shared->encoder = kCachePrefix + m_shape.encoder;
        }
        if (m_keptBytes < 0) {
            m_keptBytes = 0;
            for (const std::vector<float> &v : shared ? std::as_const(shared->encoderFeatures) : std::as_const(m_own))
                m_keptBytes += qint64(v.size() * sizeof(float));
        }
        std::vector<std::size_t> missing;
        std::vector<QStringList> texts;
        for (int i : samples)
            if (!kept(std::size_t(i))) {
                missing.push_back(std::size_t(i));
                texts.push_back(m_sentences[std::size_t(i)].tokens.words);
            }
        std::vector<const float *> out(samples.size(), nullptr);
        if (!missing.empty()) {
            // Said before the first batch: on a BERT-sized model that is seconds.
            const QString what = Tr::tr("Encoding the texts");
            if (progress)
                progress(0, int(missing.size()), what);
            const TextEncoder &reader = m_encoderTrained ? *m_tuned : *m_encoder;
            auto computed = reader.wordStates(texts, cancel, [&](int done, int total) {
                if (progress)
                    progress(done, total, what);
            });
            if (!computed)
                return Error{computed.error()};
            m_scratch.reserve(missing.size()); // pointers into it stay valid
            for (std::size_t k = 0; k < missing.size(); ++k)
                keep(missing[k], std::move((*computed)[k]));
        }
        // Pointers are taken once every insertion is done: the cache's vectors keep their buffers, not their places.
        std::size_t scratch = 0;
        for (std::size_t k = 0; k < samples.size(); ++k) {
            const std::vector<float> *states = kept(std::size_t(samples[k]));
            out[k] = states ? states->data() : m_scratch[scratch++].data();
        }
        return out;
    }

    // The head's marginals (tokens * tags) of every sentence in `samples`, in order, and with `means` the mean of
    // its tokens' normalized states, read a chunk of sentences at a time (their states are encoded when not kept).
    Status forEachChunk(const std::vector<int> &samples, bool means,
                        const std::function<void(std::size_t, std::vector<float> &, const float *)> &use)
    {
        const std::size_t dim = static_cast<std::size_t>(m_shape.features);
        const std::size_t tags = static_cast<std::size_t>(m_shape.labels.size());
        for (std::size_t from = 0; from < samples.size(); from += kScoringChunk) {
            const std::size_t to = std::min(samples.size(), from + kScoringChunk);
            const std::vector<int> chunk(samples.begin() + std::ptrdiff_t(from), samples.begin() + std::ptrdiff_t(to));
            const auto states = statesOf(chunk);
            if (!states)
                return Error{states.error()};
            std::vector<const float *> tokens;
            for (std::size_t k = 0; k < chunk.size(); ++k) {
                const std::size_t n = static_cast<std::size_t>(m_sentences[std::size_t(chunk[k])].tokens.words.size());
                for (std::size_t t = 0; t < n; ++t)
                    tokens.push_back((*states)[k] + t * dim);
            }
            const auto out = m_head->predict(tokens, means);
            if (!out)
                return Error{out.error()};
            std::size_t row = 0;
            std::vector<float> mean(dim);
            for (std::size_t k = 0; k < chunk.size(); ++k) {
                const std::size_t n = static_cast<std::size_t>(m_sentences[std::size_t(chunk[k])].tokens.words.size());
                std::vector<float> marginals(out->probs.begin() + std::ptrdiff_t(row * tags),
                                             out->probs.begin() + std::ptrdiff_t((row + n) * tags));
                if (means) {
                    std::fill(mean.begin(), mean.end(), 0.0f);
                    for (std::size_t t = 0; t < n; ++t)
                        for (std::size_t j = 0; j < dim; ++j)
                            mean[j] += out->embeddings[(row + t) * dim + j] / float(n);
                }
                row += n;
                use(from + k, marginals, mean.data());
            }
        }
        return {};
    }

    TrainingOptions m_options;
    FeatureCache *m_cache;
    TorchThreads m_threads; // the encoder and the head use torch's threads
    std::shared_ptr<TextEncoder> m_encoder;
    std::shared_ptr<TextEncoder> m_tuned; // fine-tuning: this head's own copy, trained with it
    bool m_encoderTrained = false;        // m_tuned's weights are no longer the file's
    std::unique_ptr<FeatureHead> m_head;
    HeadShape m_shape; // labels: the BIO tag set
    QStringList m_types;
    std::uint64_t m_rounds = 0; // each training shuffles differently
    std::vector<Sentence> m_sentences;
    QHash<qint64, std::vector<float>> m_own; // the kept states without a worker's cache, by sentence index
    qint64 m_keptBytes = -1;                 // in the store in use; -1: not yet counted
    std::vector<std::vector<float>> m_scratch;
};

} // namespace

std::unique_ptr<task::TaskModel> makeEncoderTaggingModel(const TrainingOptions &options, FeatureCache *cache)
{
    return std::make_unique<EncoderTaggingModel>(options, cache);
}

} // namespace marginalia::ml
