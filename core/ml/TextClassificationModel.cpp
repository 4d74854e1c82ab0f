#include "ml/TextClassificationModel.h"
#include "metrics/ClassificationReport.h"
#include "ml/ClassifierOutput.h"
#include "ml/Device.h"
#include "ml/TextClassifier.h"
#include "ml/TrainingConfig.h"
#include "ml/WordClusters.h"
#include "ml/WordVectorTable.h"
#include "text/FeatureHasher.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>
#include <optional>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

// Word classes (useWordClasses) are read while a round trains on fewer labels than this. Measured against the same
// model without them (pool vectors, margin, batch 50): at 300 labels 0.207 against 0.199 on the fortune categories
// (10 repeats), 0.444 against 0.400 on sotu_period and 0.336 against 0.305 on Brown genres (2 repeats); with 1,000
// random labels on the fortunes 0.285 against 0.285, and on full data -0.006 on average over five splits.
constexpr std::size_t kWordClassesUntil = 1000;

// From this many labels on, a round pools a text's rows with a power of its length of 0.4 instead of the root
// (ModelShape::lengthPower): a longer text's evidence adds up more. Rare-class bench, full-data macro-F1 against the
// root: from scratch 0.8034 against 0.7935 on the Chinese sayings' sources (10 splits; powers 0.4, 0.35, 0.3, 0.25
// and 0 gave 0.809, 0.809, 0.800, 0.803 and 0.802 on 5 where the root gave 0.800, 0.65 gave 0.780), 0.4610 against
// 0.4540 on the fortune categories (3 splits), the same on sotu_period and sotu_party (0.7667 / 0.7665, 0.5340 /
// 0.5345); with pool vectors 0.8046 against 0.7941 on the sayings (10 splits), 0.4564 against 0.4536 on the
// fortunes (3 splits). Fewer labels keep the root, which every learning curve was measured with: over 50-300 labels
// the curves cannot tell the two apart (two runs of the same settings on the sayings, pool vectors, gave margin
// 0.683 and 0.673; 0.4 gave 0.671), and a project's next round goes on from its last one as before.
constexpr std::size_t kRootPoolingUntil = 1000;
constexpr float kManyLabelsLengthPower = 0.4f;

// With a document vector, single-label rounds on fewer labels than this add class prototypes to the logits
// (ModelShape::prototypeWeight), with this weight. Pretraining bench, the same skip-gram vectors with and without
// them, mean macro-F1 over 50-300 labels: fortune categories 0.176 against 0.167 with random picks, 0.176 against
// 0.168 with margin (four repeats; at 300 labels 0.218 against 0.208 and 0.218 against 0.203), Brown genre passages
// 0.293 against 0.271 (random) and 0.303 against 0.280 (margin, four repeats), Chinese sayings' sources 0.657 and
// 0.663 against 0.640 and 0.642 (random, two runs of two repeats) and 0.660 and 0.656 against 0.640 and 0.658
// (margin); sotu_period over 50-600 labels 0.421 against 0.412 (random) and 0.425 against 0.418 (margin), and with
// SVD vectors over 50-1,000 labels 0.437 against 0.423, still above at 900 and 950. The one loss: sotu_party (8
// parties, two of them nine tenths of the texts, random picks), 0.194 and 0.197 against 0.204 and 0.195 in two runs
// of their own vectors, as wide as the runs' own spread; a weight shrunk for labels with few examples (n / (n + 1),
// n / (n + 3)) was lower there still (0.192, 0.183) and 6 gave 0.199. Weights 3 / 6 / 12 / 24 on the fortunes gave
// 0.168 / 0.170 / 0.172 / 0.171 (0.161 without), 6 / 12 / 24 on the sayings 0.653 / 0.657 / 0.656, 8 / 12 on Brown
// 0.312 / 0.317. On full data they cost (0.423 against 0.455 on the fortunes, 0.713 against 0.753 on sotu_period),
// so rounds on more labels have none, as they have no word classes.
constexpr std::size_t kPrototypesUntil = 1000;
constexpr float kPrototypeWeight = 12.0f;

struct RunConfig
{
    QStringList labels;
    TrainingOptions options;
    text::FeatureConfig features;
    ModelShape shape;
};

RunConfig parseRunConfig(const QString &configJson)
{
    const QJsonObject o = QJsonDocument::fromJson(configJson.toUtf8()).object();
    RunConfig c;
    for (const QJsonValue &v : o.value(QStringLiteral("labels")).toArray())
        c.labels << v.toString();
    c.options = optionsFromJson(o.value(QStringLiteral("options")).toObject());
    c.features = featureConfigFromJson(o.value(QStringLiteral("features")).toObject());
    const QJsonObject m = o.value(QStringLiteral("model")).toObject();
    c.shape.buckets = m.value(QStringLiteral("buckets")).toInt(c.features.buckets);
    c.shape.classes = m.value(QStringLiteral("classes")).toInt(static_cast<int>(c.labels.size()));
    c.shape.embeddingDim = m.value(QStringLiteral("embedding_dim")).toInt(c.options.embeddingDim);
    c.shape.hiddenDim = m.value(QStringLiteral("hidden_dim")).toInt(c.options.hiddenDim);
    c.shape.documentDim = m.value(QStringLiteral("document_dim")).toInt(0);
    c.shape.dropout = m.value(QStringLiteral("dropout")).toDouble(c.options.dropout);
    c.shape.multilabel = m.value(QStringLiteral("multilabel")).toBool(false);
    // How the run pooled a text's rows: its power, or the root's older flag; neither: the mean.
    c.shape.lengthPower = m.contains(QStringLiteral("length_power"))
                              ? static_cast<float>(m.value(QStringLiteral("length_power")).toDouble(-1))
                              : m.value(QStringLiteral("sqrt_length")).toBool(false) ? 0.5f : 1.0f;
    c.shape.prototypeWeight = static_cast<float>(m.value(QStringLiteral("prototype_weight")).toDouble(0));
    return c;
}

class TextClassificationModel final : public task::TaskModel
{
public:

    TextClassificationModel(bool multilabel, const TrainingOptions &options, FeatureCache *cache)
        : m_multilabel(multilabel), m_options(options), m_cache(cache), m_hasher(m_features)
    {
    }

    QString kind() const override { return QStringLiteral("embedding-bag"); }
    al::ScoreKind scoreKind() const override { return al::ScoreKind::ClassProbabilities; }
    QString deviceName() const override
    {
        return m_classifier ? m_classifier->deviceName() : !m_device.isEmpty() ? m_device : selectedDevice().name;
    }

    Status setLabels(const QStringList &labels, const task::ProgressFn &progress) override
    {
        useLabels(labels);
        if (labels.size() < (m_multilabel ? 1 : 2))
            return fail(Tr::tr("The project needs at least two labels before a model can learn to tell them apart."));
        m_shape = ModelShape{};
        m_shape.buckets = m_features.buckets;
        m_shape.classes = static_cast<int>(labels.size());
        m_shape.embeddingDim = m_options.embeddingDim;
        m_shape.hiddenDim = m_options.hiddenDim;
        m_shape.dropout = m_options.dropout;
        m_shape.multilabel = m_multilabel;
        // The vectors are a seed named by a project setting, which may have been written on another machine: one
        // that cannot be used here (missing, not a regular file, too large, not a .vec file) would otherwise stop
        // every round of a project the user cannot train without editing its settings. So the model trains
        // without them, says why, and records that none were used. A file that starts as a .vec file but breaks
        // further down still fails the round (in train()), with its line.
        if (!m_options.pretrainedVectors.isEmpty()) {
            if (const auto dim = TextClassifier::vectorFileDimension(m_options.pretrainedVectors)) {
                m_shape.documentDim = *dim;
            } else {
                if (progress) // the CLI and the studio show it; said twice, it read as two problems
                    progress(0, 0, Tr::tr("Training without the pretrained word vectors: %1").arg(dim.error()));
                else
                    qWarning("%s", qPrintable(dim.error()));
                m_options.pretrainedVectors.clear();
            }
        } else if (m_options.poolVectors) {
            m_shape.documentDim = m_options.poolVectors->dim;
        }
        m_shape = shapeFor(m_trainingLabels);
        return freshModel();
    }

    QStringList labels() const override { return m_labels; }

    void addSample(const AnnotatedSample &a) override
    {
        const int index = static_cast<int>(m_spans.size());
        m_spans.push_back(FeatureSpan{});
        m_ids.push_back(a.sample.id);
        m_exampleOf.push_back(-1);
        if (const FeatureSpan *cached = cachedSpan(a.sample.id))
            m_spans.back() = *cached;
        else if (!a.sample.tokens.isEmpty())
            m_spans.back() = keep(a.sample.id, m_hasher.featuresOfTokens(a.sample.tokens));
        else
            m_pending.push_back(Pending{index, a.sample.id, a.sample.text});
        if (a.isLabeled()) {
            Example example;
            for (const QString &l : a.annotation->labels)
                if (const auto it = m_index.constFind(l); it != m_index.constEnd())
                    example.labels.push_back(*it);
            if (!example.labels.empty()) {
                if (a.sample.split != Split::Eval)
                    ++m_trainingLabels;
                // Labeled samples are few and trained on: they keep their own copy in the form training reads
                // (filled in with the batch when their features are computed there).
                if (m_spans.back().bytes)
                    example.features = m_spans.back().decode();
                if (m_options.augment && a.sample.split != Split::Eval)
                    example.swapped = m_hasher.featuresWithSwaps(
                        a.sample.text, 0.1, m_options.seed + std::uint64_t(a.sample.id > 0 ? a.sample.id : index));
                m_exampleOf.back() = static_cast<int>(m_examples.size());
                m_examples.push_back(std::move(example));
            }
        }
        if (m_pending.size() >= kFeatureBatch)
            featurizePending();
    }

    int sampleCount() const override { return static_cast<int>(m_spans.size()); }
    // Labeled with a label of the set (only labeled samples get gold labels).
    bool isLabeled(int index) const override { return m_exampleOf[static_cast<std::size_t>(index)] >= 0; }

    bool fits(const ModelRunRecord &run, const QByteArray &) const override
    {
        const RunConfig previous = parseRunConfig(run.configJson);
        const QJsonObject config = QJsonDocument::fromJson(run.configJson.toUtf8()).object();
        // Vectors learned since that run are a better start than its weights; and its features must be this
        // round's, word classes or none.
        const qint64 vectors = config.value(kPoolVectorsKey).toInteger();
        const bool classes = !config.value(kWordClassesKey).toArray().isEmpty();
        return previous.labels == m_labels && previous.shape == shapeFor(m_trainingLabels) && vectors == poolVectorsStamp()
            && classes == wantsWordClasses(m_trainingLabels);
    }

    // After fits(): the model has that run's shape, which is a round's on these labels.
    Status load(const QByteArray &checkpoint) override
    {
        if (auto s = useShapeFor(m_trainingLabels); !s)
            return s;
        return loadWeights(checkpoint);
    }

    Status loadRun(const ModelRunRecord &run, const QByteArray &checkpoint) override
    {
        const RunConfig config = parseRunConfig(run.configJson);
        const auto classes = runReadsWordClasses(QJsonDocument::fromJson(run.configJson.toUtf8()).object(),
                                                 poolVectorsStamp());
        if (!classes)
            return Error{classes.error()};
        useLabels(config.labels);
        m_options.seed = config.options.seed;
        m_options.mcPasses = config.options.mcPasses;
        m_features = config.features;
        m_hasher = text::FeatureHasher(m_features);
        m_cacheChecked = false;
        m_seedRead = false; // rows depend on the hasher
        m_seed.reset();
        m_seedSlot.clear();
        m_shape = config.shape;
        m_multilabel = config.shape.multilabel;
        m_classRows.reset(); // rows depend on the hasher
        if (auto s = freshModel(); !s)
            return s;
        useWordClasses(*classes);
        return loadWeights(checkpoint);
    }

    QJsonObject runConfig(qint64 warmStartRun) const override
    {
        return runConfigJson(m_options, m_labels, m_multilabel ? TaskType::MultiLabel : TaskType::TextCat, kind(),
                             {{QStringLiteral("buckets"), m_shape.buckets},
                              {QStringLiteral("classes"), m_shape.classes},
                              {QStringLiteral("embedding_dim"), m_shape.embeddingDim},
                              {QStringLiteral("hidden_dim"), m_shape.hiddenDim},
                              {QStringLiteral("document_dim"), m_shape.documentDim},
                              {QStringLiteral("dropout"), m_shape.dropout},
                              {QStringLiteral("multilabel"), m_shape.multilabel},
                              {QStringLiteral("length_power"), double(recordedShape().lengthPower)},
                              {QStringLiteral("prototype_weight"), double(recordedShape().prototypeWeight)}},
                             warmStartRun, {{QStringLiteral("features"), featureConfigToJson(m_features)},
                                            {kPoolVectorsKey, QJsonValue(poolVectorsStamp())},
                                            {kWordClassesKey, recordsWordClasses() ? QJsonArray{classLevel()} : QJsonArray()}});
    }

    Result<QByteArray> checkpoint() const override { return m_classifier->saveCheckpoint(); }
    void releaseWeightsAfterNextPrediction() override { m_releaseAfterPrediction = true; }

    Result<QVector<EpochRow>> train(const std::vector<int> &samples, const std::atomic_bool &cancel,
                                    const task::ProgressFn &progress) override
    {
        featurizePending();
        std::vector<Example> examples;
        examples.reserve(samples.size());
        for (int i : samples)
            if (const Example *e = exampleOf(i))
                examples.push_back(*e);
        if (auto s = useShapeFor(examples.size()); !s)
            return Error{s.error()};
        if (!m_warm && !m_vectorsLoaded) {
            const auto vectors = seedVectors();
            if (!vectors)
                return Error{vectors.error()};
            if (*vectors) {
                // Weighted by IDF. Measured on sotu_period with skip-gram vectors, mean macro-F1 over the first
                // 300 labels: 0.339 against 0.331 for plain means (random picks), 0.335 against 0.322 (margin).
                WordVectors weighted = **vectors;
                weighted.weights = inverseDocumentFrequencies(weighted.rows);
                if (auto used = m_classifier->useWordVectors(weighted); !used)
                    return Error{used.error()};
            }
            m_vectorsLoaded = true;
        }
        useWordClasses(wantsWordClasses(examples.size()));
        auto epochs = m_classifier->train(examples, m_options, cancel, [&](int epoch, int total) {
            if (progress)
                progress(epoch, total, Tr::tr("Training"));
        });
        if (epochs)
            m_trained = true;
        return epochs;
    }

    Result<task::Evaluation> evaluate(const std::vector<int> &samples) override
    {
        featurizePending();
        const auto out = m_classifier->predictFrom(featuresOf(samples));
        if (!out)
            return Error{out.error()};
        task::Evaluation e;
        e.rows = classifierRows(samples, idOf(), m_labels, out->probs.data());
        const metrics::ClassificationReport report = reportOf(samples, *out);
        for (int i : samples)
            e.labeled += isLabeled(i) ? 1 : 0;
        e.takeReport(report);
        return e;
    }

    Result<task::Prediction> predict(const std::vector<int> &samples, const al::Strategy *strategy,
                                     const std::vector<int> &labeled, std::uint64_t seed) override
    {
        featurizePending();
        const bool hidden = strategy && strategy->needsEmbeddings;
        const int passes = strategy && strategy->needsMcPasses ? m_options.mcPasses : 0;
        auto out = m_classifier->predictFrom(featuresOf(samples), hidden, passes, seed);
        if (!out)
            return Error{out.error()};
        auto known = hidden ? m_classifier->predictFrom(featuresOf(labeled), true) : Result<ClassScores>(ClassScores{});
        if (!known)
            return Error{known.error()};
        if (m_releaseAfterPrediction) {
            m_device = deviceName();
            m_classifier.reset(); // a large block of its own: back to the system before the rows are built
        }
        return classifierPrediction(samples, idOf(), m_labels, m_multilabel, !strategy, std::move(*out),
                                    std::move(known->embeddings));
    }

    // Picks spread over the pool for as long as task::classifierCoverageShare says.
    std::optional<task::Coverage> coverage(const std::vector<int> &samples, const std::vector<int> &labeled) const override
    {
        // Features are computed lazily, in batches: that is not a change a caller of a const method can see.
        const_cast<TextClassificationModel *>(this)->featurizePending();
        std::vector<int> counts(static_cast<std::size_t>(m_labels.size()), 0);
        int given = 0;
        for (int i : labeled) {
            const Example *e = exampleOf(i);
            given += e ? 1 : 0;
            for (int k : e ? e->labels : std::vector<int>())
                ++counts[static_cast<std::size_t>(k)];
        }
        const std::optional<double> share = task::classifierCoverageShare(counts, given, m_trained);
        if (!share)
            return std::nullopt;
        task::Coverage c;
        c.share = *share;
        al::PoolScores &features = c.scores;
        features.n = static_cast<int>(samples.size());
        // With word vectors, documents that use related words lie close together before any label; without,
        // the hashed features folded into a few dimensions at least separate different vocabularies.
        const auto vectors = seedVectors();
        if (vectors && *vectors) {
            features.dim = (*vectors)->dim;
            features.embeddings.reserve(samples.size() * static_cast<std::size_t>(features.dim));
            for (int i : samples) {
                const std::vector<float> v = meanVector(**vectors, m_spans[static_cast<std::size_t>(i)]);
                features.embeddings.insert(features.embeddings.end(), v.begin(), v.end());
            }
            return c;
        }
        features.dim = 32;
        features.embeddings.reserve(samples.size() * static_cast<std::size_t>(features.dim));
        for (int i : samples) {
            const FeatureSpan &f = m_spans[static_cast<std::size_t>(i)];
            const std::vector<float> v =
                text::FeatureHasher::denseVector(f.decode(), features.dim);
            features.embeddings.insert(features.embeddings.end(), v.begin(), v.end());
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
    Status loadWeights(const QByteArray &checkpoint)
    {
        if (auto s = m_classifier->loadCheckpoint(checkpoint); !s) {
            (void)freshModel(); // the failed load may have written some weights
            return s;
        }
        m_warm = m_trained = true;
        return {};
    }

    bool readsPoolVectors() const { return m_options.pretrainedVectors.isEmpty() && m_options.poolVectors != nullptr; }
    bool wantsWordClasses(std::size_t trainingLabels) const
    {
        return readsPoolVectors() && trainingLabels < kWordClassesUntil;
    }
    static float lengthPowerFor(std::size_t trainingLabels)
    {
        return trainingLabels < kRootPoolingUntil ? ModelShape{}.lengthPower : kManyLabelsLengthPower;
    }
    static float prototypeWeightFor(std::size_t trainingLabels)
    {
        return trainingLabels < kPrototypesUntil ? kPrototypeWeight : 0.0f;
    }
    // The shape of a round on `trainingLabels`: how it pools, and its class prototypes where it has a document
    // vector and one label a text.
    ModelShape shapeFor(std::size_t trainingLabels) const
    {
        ModelShape s = m_shape;
        s.lengthPower = lengthPowerFor(trainingLabels);
        s.prototypeWeight = prototypeWeightFor(trainingLabels);
        if (!s.readsPrototypes()) // the shape's own rule: a document vector and one label a text
            s.prototypeWeight = 0.0f;
        return s;
    }
    // Gives the model a round's shape on `trainingLabels`; afresh when that changes, since rows learned under one
    // pooling mean something else under another.
    Status useShapeFor(std::size_t trainingLabels)
    {
        const ModelShape wanted = shapeFor(trainingLabels);
        if (wanted == m_shape)
            return {};
        m_shape = wanted;
        return freshModel();
    }
    // The shape once trained or loaded, else a training's on every label added (a round records its config before
    // it trains).
    ModelShape recordedShape() const { return m_trained || m_warm ? m_shape : shapeFor(m_trainingLabels); }

    // Word classes among the pool's vectors (WordClusters.h), the finest level: each word the vectors know adds its
    // class's row to the text's bag, so that a word no label showed shares a trained row with labeled words used
    // in the same contexts. The classifier adds them where it reads features (TextClassifier::setExtraIds), never
    // to the features kept: a simulation trains one model on ever more labels, and a round past kWordClassesUntil
    // reads the same features without them.
    void useWordClasses(bool on)
    {
        const int level = on ? classLevel() : 0;
        if (level > 0 && !m_classRows) {
            const auto classes = wordClassesOf(*m_options.poolVectors);
            const std::size_t finest = classes->levels.size() - 1;
            auto rows = std::make_shared<std::vector<std::int32_t>>(std::size_t(std::max(1, m_features.buckets)), -1);
            // \x01 keeps class names apart from words, which never hold control codes.
            for (auto it = classes->of.constBegin(); it != classes->of.constEnd(); ++it)
                (*rows)[std::size_t(m_hasher.bucketOf(it.key()))] = std::int32_t(
                    m_hasher.bucketOf(QStringLiteral("\x01" "c%1:%2").arg(level).arg(it.value()[finest])));
            m_classRows = std::move(rows);
        }
        m_classesRead = level > 0;
        m_classifier->setExtraIds(*m_classesRead ? m_classRows : nullptr);
    }

    // Whether this model's features hold word classes: as the last training (or the loaded run) read them, else
    // as a training on every label added will (a round records its config before it trains).
    bool recordsWordClasses() const
    {
        return m_classesRead ? *m_classesRead : wantsWordClasses(m_trainingLabels) && classLevel() > 0;
    }
    // Classes at the finest level of the pool's vectors (0: none).
    int classLevel() const
    {
        if (!readsPoolVectors())
            return 0;
        const auto classes = wordClassesOf(*m_options.poolVectors);
        return classes->levels.empty() ? 0 : classes->levels.back();
    }

    void useLabels(const QStringList &labels)
    {
        m_labels = labels;
        m_index.clear();
        for (int i = 0; i < labels.size(); ++i)
            m_index.insert(labels[i], i);
    }

    // The word vectors the model starts from (a .vec file named by the settings, else the pool's), keyed by
    // embedding row; read once. Null when there are none.
    Result<const WordVectors *> seedVectors() const
    {
        if (!m_seedRead) {
            m_seedRead = true;
            if (!m_options.pretrainedVectors.isEmpty()) {
                auto read = readWordVectors(m_options.pretrainedVectors, m_shape.documentDim, m_hasher);
                if (!read) {
                    m_seedError = read.error();
                    return Error{m_seedError};
                }
                m_seed = std::move(*read);
            } else if (m_options.poolVectors) {
                m_seed = bucketRows(*m_options.poolVectors, m_hasher);
            } else {
                return static_cast<const WordVectors *>(nullptr);
            }
            m_seedSlot.reserve(static_cast<qsizetype>(m_seed->rows.size()));
            for (std::size_t i = 0; i < m_seed->rows.size(); ++i)
                m_seedSlot.insert(m_seed->rows[i], static_cast<int>(i));
            // Skip-gram vectors share one large common direction (frequent words, the corpus itself); without it
            // the documents' means differ by topic instead of all pointing the same way.
            const std::size_t dim = static_cast<std::size_t>(m_seed->dim);
            m_seedMean.assign(dim, 0.0f);
            const double count = double(std::max<std::size_t>(m_seed->rows.size(), 1));
            for (std::size_t i = 0; i < m_seed->values.size(); ++i)
                m_seedMean[i % dim] += static_cast<float>(m_seed->values[i] / count);
        }
        if (!m_seedError.isEmpty())
            return Error{m_seedError};
        return m_seed ? &*m_seed : nullptr;
    }

    // log((1 + n) / (1 + df)) of each row over the model's samples: words in every document say little about any.
    // Counted by table row (a pool of a million texts is some 300 million ids: no lookup or sort per id).
    std::vector<float> inverseDocumentFrequencies(const std::vector<std::int64_t> &rows) const
    {
        const std::size_t buckets = static_cast<std::size_t>(m_shape.buckets);
        std::vector<int> df(buckets, 0), lastSeen(buckets, -1);
        std::vector<std::int64_t> ids;
        for (std::size_t doc = 0; doc < m_spans.size(); ++doc) {
            m_spans[doc].decodeInto(ids);
            for (std::int64_t id : ids)
                if (id >= 0 && std::size_t(id) < buckets && lastSeen[std::size_t(id)] != int(doc)) {
                    lastSeen[std::size_t(id)] = int(doc);
                    ++df[std::size_t(id)];
                }
        }
        std::vector<float> weights(rows.size());
        const double n = double(m_spans.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const bool inTable = rows[i] >= 0 && std::size_t(rows[i]) < buckets;
            weights[i] = static_cast<float>(std::log((1 + n) / (1 + (inTable ? df[std::size_t(rows[i])] : 0))));
        }
        return weights;
    }

    // Unit-length mean of the centred vectors of a document's words (zero when none has one).
    std::vector<float> meanVector(const WordVectors &vectors, const FeatureSpan &features) const
    {
        const std::size_t dim = static_cast<std::size_t>(vectors.dim);
        std::vector<float> out(dim, 0.0f);
        for (std::int64_t f : features.decode()) {
            const auto slot = m_seedSlot.constFind(f);
            if (slot == m_seedSlot.constEnd())
                continue;
            const float *v = vectors.values.data() + static_cast<std::size_t>(*slot) * dim;
            for (std::size_t j = 0; j < dim; ++j)
                out[j] += v[j] - m_seedMean[j];
        }
        double norm = 0;
        for (float x : out)
            norm += double(x) * x;
        if (norm > 0)
            for (float &x : out)
                x = static_cast<float>(x / std::sqrt(norm));
        return out;
    }

    qint64 poolVectorsStamp() const
    {
        return m_options.pretrainedVectors.isEmpty() && m_options.poolVectors ? m_options.poolVectors->stamp : 0;
    }

    Status freshModel()
    {
        auto model = TextClassifier::create(m_shape, m_options.seed);
        if (!model)
            return Status(Error{model.error()});
        m_classifier = std::move(*model);
        m_classifier->setScoringThreads(m_options.threads);
        m_classifier->setExtraIds(m_classesRead.value_or(false) ? m_classRows : nullptr);
        m_warm = m_trained = m_vectorsLoaded = false;
        return {};
    }

    // A sample's features in the worker's cache, if they are there (computed once per project and feature settings).
    const FeatureSpan *cachedSpan(qint64 id)
    {
        if (!m_cache || id <= 0 || id >= FeatureCache::kMaxCachedId)
            return nullptr;
        if (!m_cacheChecked) {
            m_cacheChecked = true;
            const QString settings =
                QString::fromUtf8(QJsonDocument(featureConfigToJson(m_features)).toJson(QJsonDocument::Compact));
            if (m_cache->featureSettings != settings) {
                m_cache->block.clear();
                m_cache->byId.clear();
                m_cache->cachedSamples = 0;
                m_cache->featureSettings = settings;
            }
        }
        const std::vector<FeatureSpan> &byId = m_cache->byId;
        return std::size_t(id) < byId.size() && byId[std::size_t(id)].bytes ? &byId[std::size_t(id)] : nullptr;
    }

    // Keeps a sample's features: in the worker's cache where there is one, else in this model's own block.
    FeatureSpan keepEncoded(qint64 id, const std::vector<std::uint8_t> &encoded, std::uint32_t count)
    {
        if (!m_cache || id <= 0 || id >= FeatureCache::kMaxCachedId)
            return m_own.appendEncoded(encoded, count);
        (void)cachedSpan(id); // compares the cache's feature settings first
        std::vector<FeatureSpan> &byId = m_cache->byId;
        if (std::size_t(id) >= byId.size())
            byId.resize(std::max(std::size_t(id) + 1, byId.size() + byId.size() / 2));
        byId[std::size_t(id)] = m_cache->block.appendEncoded(encoded, count);
        ++m_cache->cachedSamples;
        return byId[std::size_t(id)];
    }

    FeatureSpan keep(qint64 id, const std::vector<std::int64_t> &features)
    {
        std::vector<std::uint8_t> encoded;
        std::vector<std::uint32_t> scratch;
        const std::uint32_t count = FeatureBlock::encode(features, encoded, scratch);
        return keepEncoded(id, encoded, count);
    }

    // Hashes the texts added since the last batch on the model's threads (tokenizing and hashing a million
    // paragraphs is most of a cold round), then keeps them in order.
    void featurizePending()
    {
        if (m_pending.empty())
            return;
        std::vector<std::vector<std::uint8_t>> encoded(m_pending.size());
        std::vector<std::uint32_t> counts(m_pending.size());
        std::vector<std::size_t> starts;
        constexpr std::size_t kChunk = 256;
        for (std::size_t start = 0; start < m_pending.size(); start += kChunk)
            starts.push_back(start);
        if (!m_threads) {
            m_threads = std::make_unique<QThreadPool>();
            m_threads->setMaxThreadCount(std::max(1, m_options.threads));
        }
        // The model's own pool, not the global one: the studio's views use that for their own reads meanwhile.
        QtConcurrent::blockingMap(m_threads.get(), starts, [&](std::size_t start) {
            std::vector<std::uint32_t> scratch;
            const std::size_t end = std::min(m_pending.size(), start + kChunk);
            for (std::size_t i = start; i < end; ++i)
                counts[i] = FeatureBlock::encode(m_hasher.features(m_pending[i].text), encoded[i], scratch);
        });
        for (std::size_t i = 0; i < m_pending.size(); ++i) {
            const Pending &p = m_pending[i];
            const FeatureSpan span = keepEncoded(p.id, encoded[i], counts[i]);
            m_spans[static_cast<std::size_t>(p.index)] = span;
            if (const int slot = m_exampleOf[static_cast<std::size_t>(p.index)]; slot >= 0)
                m_examples[static_cast<std::size_t>(slot)].features = span.decode();
        }
        m_pending.clear();
    }

    const Example *exampleOf(int index) const
    {
        const int slot = m_exampleOf[static_cast<std::size_t>(index)];
        return slot >= 0 ? &m_examples[static_cast<std::size_t>(slot)] : nullptr;
    }

    // The samples' features where they are kept: a pool of a million is scored without a copy of it.
    std::vector<FeatureSpan> featuresOf(const std::vector<int> &samples) const
    {
        std::vector<FeatureSpan> out;
        out.reserve(samples.size());
        for (int i : samples)
            out.push_back(m_spans[static_cast<std::size_t>(i)]);
        return out;
    }

    SampleIdOf idOf() const
    {
        return [this](int sample) { return m_ids[static_cast<std::size_t>(sample)]; };
    }

    // The report over the samples that have a gold label.
    metrics::ClassificationReport reportOf(const std::vector<int> &samples, const ClassScores &out) const
    {
        std::vector<const std::vector<int> *> gold;
        gold.reserve(samples.size());
        for (int i : samples)
            gold.push_back(isLabeled(i) ? &exampleOf(i)->labels : nullptr);
        return classifierReport(m_labels, m_multilabel, gold, out.probs.data());
    }

    bool m_multilabel;
    TrainingOptions m_options; // as used: vectors that cannot be read are dropped
    FeatureCache *m_cache;
    text::FeatureConfig m_features;
    text::FeatureHasher m_hasher;
    QStringList m_labels;
    QHash<QString, int> m_index;
    ModelShape m_shape;
    std::unique_ptr<TextClassifier> m_classifier;
    std::size_t m_trainingLabels = 0; // labeled samples added outside the eval split
    std::shared_ptr<const std::vector<std::int32_t>> m_classRows; // by row: its word's class row, or -1
    std::optional<bool> m_classesRead; // whether the last training (or the loaded run) read word classes; unset: neither yet
    QString m_device;                     // where the released classifier ran
    bool m_releaseAfterPrediction = false; // see releaseWeightsAfterNextPrediction
    bool m_warm = false;          // loaded from a stored run
    bool m_trained = false;       // trained or loaded: its scores mean something
    bool m_vectorsLoaded = false;
    mutable bool m_seedRead = false; // seedVectors()
    mutable std::optional<WordVectors> m_seed;
    mutable QHash<std::int64_t, int> m_seedSlot;
    mutable std::vector<float> m_seedMean;
    mutable QString m_seedError;
    struct Pending
    {
        int index;
        qint64 id;
        QString text;
    };
    static constexpr std::size_t kFeatureBatch = 8192;
    std::vector<Pending> m_pending;  // added, features not computed yet (featurizePending)
    std::unique_ptr<QThreadPool> m_threads;
    bool m_cacheChecked = false;     // the cache's feature settings were compared with this model's
    FeatureBlock m_own;              // features of samples the cache does not keep
    std::vector<FeatureSpan> m_spans; // by sample index
    std::vector<qint64> m_ids;
    std::vector<int> m_exampleOf;    // by sample index: the labeled sample's slot in m_examples, else -1
    std::vector<Example> m_examples; // labeled samples: gold label indices and features
};

} // namespace

std::unique_ptr<task::TaskModel> makeTextClassificationModel(bool multilabel, const TrainingOptions &options,
                                                             FeatureCache *cache)
{
    return std::make_unique<TextClassificationModel>(multilabel, options, cache);
}

} // namespace marginalia::ml
