#include "ml/SpanLabelingModel.h"
#include "ml/Device.h"
#include "ml/SequenceTagger.h"
#include "ml/SpanDecoding.h"
#include "ml/SpanOutput.h"
#include "ml/TokenFeatures.h"
#include "ml/TrainingConfig.h"
#include "ml/WordVectorTable.h"
#include "ml/WordClusters.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

struct Sentence
{
    qint64 id = 0;
    QString text;
    SentenceTokens tokens;
    EncodedSentence encoded;
    QStringList gold; // BIO tags; empty when unlabeled
    bool labeled = false;
};

class SpanLabelingModel final : public task::TaskModel
{
public:
    explicit SpanLabelingModel(const TrainingOptions &options) : m_options(options), m_threads(options.threads)
    {
        // Each word's classes among the pool's vectors become features of its tokens (WordClusters.h): a word
        // the labels never showed shares them with labeled words used in the same contexts.
        if (m_options.poolVectors)
            m_features.setWordClasses(wordClassesOf(*m_options.poolVectors));
    }

    QString kind() const override { return QStringLiteral("sequence-cnn"); }
    al::ScoreKind scoreKind() const override { return al::ScoreKind::TokenMarginals; }
    QString deviceName() const override { return m_tagger ? m_tagger->deviceName() : selectedDevice().name; }

    Status setLabels(const QStringList &types, const task::ProgressFn &) override
    {
        m_types = types;
        m_tagSet = bioTagSet(types);
        if (types.isEmpty())
            return fail(Tr::tr("The project needs at least one entity type before a model can learn to find it."));
        m_shape = taggerShape(m_options, m_tagSet);
        m_training = taggerTraining(m_options);
        return freshModel();
    }

    QStringList labels() const override { return m_types; }

    void addSample(const AnnotatedSample &a) override
    {
        Sentence sentence;
        sentence.id = a.sample.id;
        sentence.text = a.sample.text;
        sentence.tokens = sentenceTokens(a.sample.text, a.sample.tokens);
        sentence.encoded = m_features.encode(sentence.tokens.words);
        sentence.labeled = a.isLabeled();
        if (sentence.labeled)
            sentence.gold = text::bioTags(sentence.tokens.spans, a.annotation->spans);
        m_sentences.push_back(std::move(sentence));
    }

    int sampleCount() const override { return static_cast<int>(m_sentences.size()); }
    bool isLabeled(int index) const override { return m_sentences[static_cast<std::size_t>(index)].labeled; }

    // The same layout (new entity types are fine: rows are matched by tag name).
    bool fits(const ModelRunRecord &run, const QByteArray &checkpoint) const override
    {
        const auto stored = SequenceTagger::checkpointShape(checkpoint);
        // Vectors learned since that run are a better start than its weights.
        const qint64 vectors = QJsonDocument::fromJson(run.configJson.toUtf8()).object().value(kPoolVectorsKey).toInteger();
        return stored && stored->sameLayout(m_shape) && vectors == poolVectorsStamp();
    }

    Status load(const QByteArray &checkpoint) override
    {
        if (auto s = m_tagger->loadCheckpoint(checkpoint); !s) {
            (void)freshModel(); // the failed load may have written some weights
            return s;
        }
        return {};
    }

    Status loadRun(const ModelRunRecord &run, const QByteArray &checkpoint) override
    {
        const auto shape = SequenceTagger::checkpointShape(checkpoint);
        if (!shape)
            return Error{shape.error()};
        const QJsonObject config = QJsonDocument::fromJson(run.configJson.toUtf8()).object();
        const auto classes = runReadsWordClasses(config, poolVectorsStamp());
        if (!classes)
            return Error{classes.error()};
        if (!*classes)
            m_features.setWordClasses(nullptr);
        m_options.seed = optionsFromJson(config.value(QStringLiteral("options")).toObject()).seed;
        m_types.clear();
        for (const QJsonValue &v : config.value(QStringLiteral("labels")).toArray())
            m_types << v.toString();
        m_shape = *shape;
        m_shape.dropout = config.value(QStringLiteral("model")).toObject().value(QStringLiteral("dropout")).toDouble(m_shape.dropout);
        m_tagSet = m_shape.tags;
        m_training = taggerTraining(m_options);
        if (auto s = freshModel(); !s)
            return s;
        return load(checkpoint);
    }

    QJsonObject runConfig(qint64 warmStartRun) const override
    {
        return runConfigJson(m_options, m_types, TaskType::Ner, kind(),
                             {{QStringLiteral("buckets"), m_shape.buckets},
                              {QStringLiteral("embedding_dim"), m_shape.embeddingDim},
                              {QStringLiteral("hidden_dim"), m_shape.hiddenDim},
                              {QStringLiteral("layers"), m_shape.layers},
                              {QStringLiteral("dropout"), m_shape.dropout},
                              {QStringLiteral("batch_size"), m_training.batchSize},
                              {QStringLiteral("learning_rate"), m_training.learningRate},
                              {QStringLiteral("table_learning_rate"), m_training.tableLearningRate}},
                             warmStartRun, {{QStringLiteral("tags"), QJsonArray::fromStringList(m_shape.tags)},
                                            {kPoolVectorsKey, QJsonValue(poolVectorsStamp())},
                                            {kWordClassesKey, wordClassLevelsJson(m_features.wordClasses())}});
    }

    Result<QByteArray> checkpoint() const override { return m_tagger->saveCheckpoint(); }

    Result<QVector<EpochRow>> train(const std::vector<int> &samples, const std::atomic_bool &cancel,
                                    const task::ProgressFn &progress) override
    {
        std::vector<TaggedExample> examples;
        examples.reserve(samples.size());
        for (int i : samples) {
            const Sentence &s = m_sentences[static_cast<std::size_t>(i)];
            examples.push_back(TaggedExample{s.encoded, tagIndices(s.gold, m_tagSet)});
        }
        return m_tagger->train(examples, m_training, cancel, [&](int epoch, int total) {
            if (progress)
                progress(epoch, total, Tr::tr("Training"));
        });
    }

    Result<task::Evaluation> evaluate(const std::vector<int> &samples) override
    {
        const auto out = tag(samples, false);
        if (!out)
            return Error{out.error()};
        task::Evaluation e;
        QVector<QStringList> gold, guessed;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const Sentence &s = m_sentences[static_cast<std::size_t>(samples[i])];
            const PredictedSentence p = decodeSentence(s.tokens.spans, out->marginals[i], m_tagSet);
            if (s.labeled) {
                gold.push_back(s.gold);
                guessed.push_back(p.tags);
            }
            e.rows.push_back(predictionRow(s, p));
        }
        takeSpanReport(e, gold, guessed);
        return e;
    }

    Result<task::Prediction> predict(const std::vector<int> &samples, const al::Strategy *strategy,
                                     const std::vector<int> &, std::uint64_t) override
    {
        auto out = tag(samples, strategy && strategy->needsEmbeddings);
        if (!out)
            return Error{out.error()};
        task::Prediction p;
        p.rows.reserve(static_cast<qsizetype>(samples.size())); // a million rows grow without copies
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const Sentence &s = m_sentences[static_cast<std::size_t>(samples[i])];
            p.rows.push_back(predictionRow(s, decodeSentence(s.tokens.spans, out->marginals[i], m_tagSet)));
        }
        p.scores.n = static_cast<int>(samples.size());
        p.scores.tags = out->tags;
        p.scores.marginals = std::move(out->marginals);
        p.scores.dim = out->dim;
        p.scores.embeddings = std::move(out->states);
        return p;
    }

    std::optional<task::Coverage> coverage(const std::vector<int> &, const std::vector<int> &) const override
    {
        return std::nullopt; // the sentence order of a fresh tagger is as good as any
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
    Status freshModel()
    {
        auto model = SequenceTagger::create(m_shape, m_options.seed);
        if (!model)
            return Error{model.error()};
        m_tagger = std::move(*model);
        return {};
    }

    qint64 poolVectorsStamp() const { return m_options.poolVectors ? m_options.poolVectors->stamp : 0; }

    Result<TaggerOutput> tag(const std::vector<int> &samples, bool states) const
    {
        std::vector<const EncodedSentence *> encoded;
        encoded.reserve(samples.size());
        for (int i : samples)
            encoded.push_back(&m_sentences[static_cast<std::size_t>(i)].encoded);
        return m_tagger->predict(encoded, states);
    }

    static PredictionRow predictionRow(const Sentence &sentence, const PredictedSentence &predicted)
    {
        return spanPredictionRow(sentence.id, predicted);
    }

    TrainingOptions m_options;
    TorchThreads m_threads; // the tagger's convolutions use torch's threads
    TokenFeatures m_features;
    QStringList m_types;
    QStringList m_tagSet;
    TaggerShape m_shape;
    TaggerTraining m_training;
    std::unique_ptr<SequenceTagger> m_tagger;
    std::vector<Sentence> m_sentences;
};

} // namespace

std::unique_ptr<task::TaskModel> makeSpanLabelingModel(const TrainingOptions &options)
{
    return std::make_unique<SpanLabelingModel>(options);
}

} // namespace marginalia::ml
