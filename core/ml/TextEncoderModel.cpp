#include "ml/TextEncoderModel.h"
#include "ml/ClassifierOutput.h"
#include "ml/Device.h"
#include "ml/EncoderHeadRun.h"
#include "ml/FeatureHead.h"
#include "ml/TextEncoder.h"
#include "ml/TrainingConfig.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

const QString kKind = QStringLiteral("text-encoder");
constexpr int kFineTuneEpochs = 5;
constexpr int kFineTuneBatch = 16;

class TextEncoderModel final : public task::TaskModel
{
public:
    TextEncoderModel(bool multilabel, const TrainingOptions &options, FeatureCache *cache, StoredFeatures stored)
        : m_multilabel(multilabel), m_options(options), m_cache(cache), m_stored(std::move(stored)), m_threads(options.threads)
    {
    }

    QString kind() const override { return kKind; }
    al::ScoreKind scoreKind() const override { return al::ScoreKind::ClassProbabilities; }
    QString deviceName() const override { return m_encoder ? m_encoder->deviceName() : selectedDevice().name; }

    // Loads the encoder here: a file that cannot be used stops the round with its reason, rather than training
    // another kind of model than the one the user chose.
    Status setLabels(const QStringList &labels, const task::ProgressFn &) override
    {
        if (labels.size() < (m_multilabel ? 1 : 2))
            return fail(Tr::tr("The project needs at least two labels before a model can learn to tell them apart."));
        useLabels(labels);
        if (!m_encoder) {
            if (auto s = loadEncoder(); !s)
                return s;
        }
        m_shape = encoderHeadShape(*m_encoder, labels, m_multilabel, m_options);
        return freshHead();
    }

    QStringList labels() const override { return m_labels; }

    void addSample(const AnnotatedSample &a) override
    {
        m_ids.push_back(a.sample.id);
        m_texts.push_back(a.sample.tokens.isEmpty() ? a.sample.text : a.sample.tokens.join(QLatin1Char(' ')));
        std::vector<int> gold;
        if (a.isLabeled())
            for (const QString &l : a.annotation->labels)
                if (const auto it = m_index.constFind(l); it != m_index.constEnd())
                    gold.push_back(*it);
        if (!m_multilabel && gold.size() > 1)
            gold.resize(1);
        m_gold.push_back(std::move(gold));
        m_encoded = false;
    }

    int sampleCount() const override { return static_cast<int>(m_ids.size()); }
    bool isLabeled(int index) const override { return !m_gold[static_cast<std::size_t>(index)].empty(); }

    bool fits(const ModelRunRecord &, const QByteArray &checkpoint) const override
    {
        const auto stored = FeatureHead::checkpointShape(checkpoint);
        return stored && *stored == m_shape;
    }

    Status load(const QByteArray &checkpoint) override
    {
        if (auto s = m_head->loadCheckpoint(checkpoint); !s) {
            (void)freshHead();
            return s;
        }
        m_trained = true;
        if (m_shape.finetune) { // the checkpoint's encoder weights give other features
            m_encoderTrained = true;
            m_encoded = false;
        }
        return {};
    }

    Status loadRun(const ModelRunRecord &run, const QByteArray &checkpoint) override
    {
        const auto read = readStoredHeadRun(run, checkpoint, m_options);
        if (!read)
            return Error{read.error()};
        m_options.mcPasses = read->stored.mcPasses;
        m_options.encoderFinetune = read->shape.finetune;
        m_multilabel = read->shape.multilabel;
        useLabels(read->shape.labels);
        m_encoder.reset();
        if (auto s = loadEncoder(); !s)
            return s;
        if (auto s = checkHeadEncoder(read->shape, m_encoder->fingerprint(), m_options.textEncoder); !s)
            return s;
        m_shape = read->shape;
        m_encoded = false;
        if (auto s = freshHead(); !s)
            return s;
        return load(checkpoint);
    }

    QJsonObject runConfig(qint64 warmStartRun) const override
    {
        return runConfigJson(m_options, m_labels, m_multilabel ? TaskType::MultiLabel : TaskType::TextCat, kind(),
                             {{QStringLiteral("features"), m_shape.features},
                              {QStringLiteral("multilabel"), m_shape.multilabel},
                              {QStringLiteral("dropout"), m_shape.dropout},
                              {QStringLiteral("encoder"), m_shape.encoder},
                              {QStringLiteral("finetune"), m_shape.finetune},
                              {QStringLiteral("max_length"), m_encoder ? m_encoder->maxLength() : 0}},
                             warmStartRun);
    }

    Result<QByteArray> checkpoint() const override { return m_head->saveCheckpoint(); }

    Result<QVector<EpochRow>> train(const std::vector<int> &samples, const std::atomic_bool &cancel,
                                    const task::ProgressFn &progress) override
    {
        std::vector<int> labeled;
        std::vector<std::vector<int>> labels;
        for (int i : samples)
            if (isLabeled(i)) {
                labeled.push_back(i);
                labels.push_back(m_gold[static_cast<std::size_t>(i)]);
            }
        HeadTraining training;
        training.epochs = m_options.epochs;
        training.classWeights = m_options.classWeights;
        training.seed = m_options.seed + m_rounds++;
        const auto onEpoch = [&](int epoch, int total) {
            if (progress)
                progress(epoch, total, Tr::tr("Training"));
        };
        Result<QVector<EpochRow>> epochs = QVector<EpochRow>{};
        if (m_shape.finetune) {
            // Linear probe, then fine-tune: the head first learns on the encoder's features as they are, so that
            // fine-tuning starts from a head that already points the right way, not from a random one whose
            // gradients would first scramble what the encoder knows. Then a few passes of small batches over both,
            // as fine-tuning recipes have it for a BERT-sized encoder.
            std::vector<QString> texts;
            for (int i : labeled)
                texts.push_back(m_texts[static_cast<std::size_t>(i)]);
            // The labeled texts' features as the encoder has them now: those of the last prediction when this
            // model made one (a simulation's next round), else taken for these texts alone.
            std::vector<float> probed;
            std::vector<const float *> features = m_encoded ? featuresOf(labeled) : std::vector<const float *>{};
            if (!m_encoded) {
                auto computed = m_tuned->features(texts, &cancel);
                if (!computed)
                    return Error{computed.error()};
                probed = std::move(*computed);
                for (std::size_t k = 0; k < texts.size(); ++k)
                    features.push_back(probed.data() + k * std::size_t(m_shape.features));
            }
            epochs = m_head->train(features, labels, training, cancel, onEpoch);
            if (!epochs)
                return epochs;
            HeadTraining tuning = training;
            tuning.epochs = std::min(m_options.epochs, kFineTuneEpochs);
            tuning.batchSize = kFineTuneBatch;
            tuning.minSteps = 0;
            auto tuned = m_head->fineTune(texts, labels, tuning, cancel, onEpoch);
            m_encoderTrained = true; // even when it failed half-way: every feature is taken again
            m_encoded = false;
            if (!tuned)
                return tuned;
            for (EpochRow row : *tuned) { // the loss chart goes on from the probe's epochs
                row.epoch += epochs->isEmpty() ? 0 : epochs->last().epoch;
                epochs->push_back(row);
            }
        } else {
            if (auto s = encode(&cancel, progress); !s)
                return Error{s.error()};
            epochs = m_head->train(featuresOf(labeled), labels, training, cancel, onEpoch);
        }
        if (epochs)
            m_trained = true;
        return epochs;
    }

    Result<task::Evaluation> evaluate(const std::vector<int> &samples) override
    {
        if (auto s = encode(); !s)
            return Error{s.error()};
        const auto out = m_head->predict(featuresOf(samples));
        if (!out)
            return Error{out.error()};
        task::Evaluation e;
        e.rows = classifierRows(samples, idOf(), m_labels, out->probs.data());
        for (int i : samples)
            e.labeled += isLabeled(i) ? 1 : 0;
        e.takeReport(reportOf(samples, out->probs));
        return e;
    }

    Result<task::Prediction> predict(const std::vector<int> &samples, const al::Strategy *strategy,
                                     const std::vector<int> &labeled, std::uint64_t seed) override
    {
        if (auto s = encode(); !s)
            return Error{s.error()};
        const bool embeddings = strategy && strategy->needsEmbeddings;
        const int passes = strategy && strategy->needsMcPasses ? m_options.mcPasses : 0;
        auto out = m_head->predict(featuresOf(samples), embeddings, passes, seed);
        if (!out)
            return Error{out.error()};
        auto known = embeddings ? m_head->predict(featuresOf(labeled), true) : Result<ClassScores>(ClassScores{});
        if (!known)
            return Error{known.error()};
        return classifierPrediction(samples, idOf(), m_labels, m_multilabel, !strategy, std::move(*out),
                                    std::move(known->embeddings));
    }

    // The encoder's features already place texts by what they say: the cold start spreads its picks over them.
    std::optional<task::Coverage> coverage(const std::vector<int> &samples, const std::vector<int> &labeled) const override
    {
        if (!const_cast<TextEncoderModel *>(this)->encode()) // features are computed lazily; a failure: no spread
            return std::nullopt;
        std::vector<int> counts(static_cast<std::size_t>(m_labels.size()), 0);
        int given = 0;
        for (int i : labeled) {
            const std::vector<int> &gold = m_gold[static_cast<std::size_t>(i)];
            given += gold.empty() ? 0 : 1;
            for (int k : gold)
                ++counts[static_cast<std::size_t>(k)];
        }
        const std::optional<double> share = task::classifierCoverageShare(counts, given, m_trained);
        if (!share)
            return std::nullopt;
        task::Coverage c;
        c.share = *share;
        c.scores.n = static_cast<int>(samples.size());
        c.scores.dim = m_shape.features;
        const std::size_t dim = static_cast<std::size_t>(m_shape.features);
        c.scores.embeddings.resize(samples.size() * dim);
        for (std::size_t s = 0; s < samples.size(); ++s) {
            const float *f = featuresOf(samples[s]);
            double norm = 0;
            for (std::size_t j = 0; j < dim; ++j)
                norm += double(f[j]) * f[j];
            const float scale = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
            for (std::size_t j = 0; j < dim; ++j)
                c.scores.embeddings[s * dim + j] = f[j] * scale;
        }
        return c;
    }

    QStringList comparableTags(int, const PredictionRow &row) const override { return {row.label}; }

    QJsonObject predictionJson(int, const PredictionRow &row) const override
    {
        return classifierJson(m_labels, m_multilabel, row);
    }

    QString predictionLine(int, const PredictionRow &row) const override
    {
        return classifierLine(row);
    }

private:
    void useLabels(const QStringList &labels)
    {
        m_labels = labels;
        m_index.clear();
        for (int i = 0; i < labels.size(); ++i)
            m_index.insert(labels[i], i);
    }

    Status loadEncoder()
    {
        // The worker's rounds share one loaded module while its files are unchanged.
        auto encoder = loadOptionsEncoder(m_options, m_cache);
        if (!encoder)
            return Error{encoder.error()};
        m_encoder = std::move(*encoder);
        return {};
    }

    // A new head; to fine-tune, with a new copy of the encoder as its file has it.
    Status freshHead()
    {
        m_tuned.reset();
        m_encoderTrained = false;
        if (m_shape.finetune) {
            auto copy = m_encoder->tunableCopy();
            if (!copy)
                return Error{copy.error()};
            m_tuned = std::move(*copy);
            m_encoded = false;
        }
        auto head = FeatureHead::create(m_shape, m_options.seed, m_tuned);
        if (!head)
            return Error{head.error()};
        m_head = std::move(*head);
        m_trained = false;
        return {};
    }

    static Result<std::vector<float>> encodeTexts(const TextEncoder &encoder, const std::vector<QString> &texts,
                                                  const std::atomic_bool *cancel, const task::ProgressFn &progress)
    {
        // Said before the first batch: the encoder's first progress comes after it, which on a BERT-sized model is
        // seconds during which the status showed "Training 0 of N".
        const QString what = Tr::tr("Encoding the texts");
        if (progress)
            progress(0, int(texts.size()), what);
        return encoder.features(texts, cancel, [&](int done, int total) {
            if (progress)
                progress(done, total, what);
        });
    }

    // Fine-tuned weights give features of their own, taken afresh for every sample (neither the worker's cache
    // nor the project keeps them): until the first round trains or loads them, the file's are the same.
    Status encodeTuned(const std::atomic_bool *cancel, const task::ProgressFn &progress)
    {
        auto computed = encodeTexts(*m_tuned, m_texts, cancel, progress);
        if (!computed)
            return Error{computed.error()};
        m_features = std::move(*computed);
        m_encoded = true;
        return {};
    }

    // Every sample's features: from the worker's cache, else the project, else the encoder (then kept in both).
    Status encode(const std::atomic_bool *cancel = nullptr, const task::ProgressFn &progress = {})
    {
        if (m_encoded)
            return {};
        if (m_encoderTrained)
            return encodeTuned(cancel, progress);
        const QString fingerprint = m_encoder->fingerprint();
        const std::size_t dim = static_cast<std::size_t>(m_encoder->dim());
        if (m_cache && m_cache->encoder != fingerprint) {
            m_cache->encoderFeatures.clear();
            m_cache->encoder = fingerprint;
        }
        m_features.assign(m_ids.size() * dim, 0.0f);
        std::vector<std::size_t> uncached;
        for (std::size_t i = 0; i < m_ids.size(); ++i) {
            const auto known = m_cache && m_ids[i] > 0 ? m_cache->encoderFeatures.constFind(m_ids[i])
                                                       : QHash<qint64, std::vector<float>>::const_iterator{};
            if (m_cache && m_ids[i] > 0 && known != m_cache->encoderFeatures.constEnd() && known->size() == dim)
                std::copy(known->begin(), known->end(), m_features.data() + i * dim);
            else
                uncached.push_back(i);
        }
        // The project's copy is read only for what the worker's cache lacks: after the first round, nothing.
        const QHash<qint64, QByteArray> stored = !uncached.empty() && m_stored.read ? m_stored.read(fingerprint)
                                                                                   : QHash<qint64, QByteArray>{};
        std::vector<std::size_t> missing;
        std::vector<QString> texts;
        for (std::size_t i : uncached) {
            float *to = m_features.data() + i * dim;
            const qint64 id = m_ids[i];
            const auto kept = id > 0 ? stored.constFind(id) : stored.constEnd();
            if (kept != stored.constEnd() && std::size_t(kept->size()) == dim * sizeof(float)) {
                std::memcpy(to, kept->constData(), dim * sizeof(float));
                if (m_cache)
                    m_cache->encoderFeatures.insert(id, std::vector<float>(to, to + dim));
                continue;
            }
            missing.push_back(i);
            texts.push_back(m_texts[i]);
        }
        if (!missing.empty()) {
            const auto computed = encodeTexts(*m_encoder, texts, cancel, progress);
            if (!computed)
                return Error{computed.error()};
            QVector<QPair<qint64, QByteArray>> rows;
            for (std::size_t k = 0; k < missing.size(); ++k) {
                const float *f = computed->data() + k * dim;
                std::copy(f, f + dim, m_features.data() + missing[k] * dim);
                const qint64 id = m_ids[missing[k]];
                if (id <= 0)
                    continue;
                if (m_cache)
                    m_cache->encoderFeatures.insert(id, std::vector<float>(f, f + dim));
                if (m_stored.write)
                    rows.push_back({id, QByteArray(reinterpret_cast<const char *>(f), qsizetype(dim * sizeof(float)))});
            }
            if (!rows.isEmpty())
                m_stored.write(fingerprint, rows);
        }
        m_encoded = true;
        return {};
    }

    const float *featuresOf(int index) const
    {
        return m_features.data() + static_cast<std::size_t>(index) * static_cast<std::size_t>(m_shape.features);
    }

    std::vector<const float *> featuresOf(const std::vector<int> &samples) const
    {
        std::vector<const float *> out;
        out.reserve(samples.size());
        for (int i : samples)
            out.push_back(featuresOf(i));
        return out;
    }

    SampleIdOf idOf() const
    {
        return [this](int sample) { return m_ids[static_cast<std::size_t>(sample)]; };
    }

    metrics::ClassificationReport reportOf(const std::vector<int> &samples, const std::vector<float> &probs) const
    {
        std::vector<const std::vector<int> *> gold;
        gold.reserve(samples.size());
        for (int i : samples)
            gold.push_back(&m_gold[static_cast<std::size_t>(i)]);
        return classifierReport(m_labels, m_multilabel, gold, probs.data());
    }

    bool m_multilabel;
    TrainingOptions m_options;
    FeatureCache *m_cache;
    StoredFeatures m_stored;
    TorchThreads m_threads; // the encoder uses torch's threads
    std::shared_ptr<TextEncoder> m_encoder; // as its file has it, shared by the worker's rounds
    std::shared_ptr<TextEncoder> m_tuned;   // fine-tuning: this head's own copy, trained with it
    bool m_encoderTrained = false;          // m_tuned's weights are no longer the file's
    std::unique_ptr<FeatureHead> m_head;
    HeadShape m_shape;
    QStringList m_labels;
    QHash<QString, int> m_index;
    bool m_trained = false;
    std::uint64_t m_rounds = 0; // each round shuffles differently
    std::vector<qint64> m_ids;
    std::vector<QString> m_texts;
    std::vector<std::vector<int>> m_gold; // label indices of a labeled sample; empty when unlabeled
    std::vector<float> m_features;        // by sample index, dim each, once encode() ran
    bool m_encoded = false;
};

} // namespace

std::unique_ptr<task::TaskModel> makeTextEncoderModel(bool multilabel, const TrainingOptions &options,
                                                      FeatureCache *cache, StoredFeatures stored)
{
    return std::make_unique<TextEncoderModel>(multilabel, options, cache, std::move(stored));
}

} // namespace marginalia::ml
