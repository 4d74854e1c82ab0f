#include "ml/ImageClassificationModel.h"
#include "metrics/ClassificationReport.h"
#include "ml/ClassifierOutput.h"
#include "ml/Device.h"
#include "ml/ImageBackbone.h"
#include "ml/ImageClassifier.h"
#include "ml/StoredFeatures.h"
#include "ml/TrainingConfig.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cstring>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

struct Picture
{
    Sample sample;             // its text names the image
    std::vector<float> pixels; // empty when the image could not be read (then never trained on)
    QString goldLabel;         // of a labeled sample; empty when unlabeled
    int label = -1;            // gold label index once the pixels are in; -1 when unlabeled or unreadable
};

// Shown in a round's progress: which images were left out, naming a few.
QString unreadableNotice(const QStringList &problems)
{
    constexpr int kNamed = 3;
    QString text = Tr::tr("%n image(s) could not be read and were left out:", nullptr, int(problems.size()));
    for (int i = 0; i < std::min<int>(kNamed, int(problems.size())); ++i)
        text += QLatin1Char(' ') + problems[i];
    if (problems.size() > kNamed)
        text += QLatin1String(" …");
    return text;
}

class ImageClassificationModel final : public task::TaskModel
{
public:
    static constexpr int kThumbnailSide = 8; // cold-start representations: the image at 8 x 8 grey

    ImageClassificationModel(const TrainingOptions &options, const ImageModelOptions &images)
        : m_options(options), m_images(images), m_threads(options.threads)
    {
    }

    QString kind() const override { return m_options.imageBackbone.isEmpty() ? QStringLiteral("image-cnn") : QStringLiteral("image-transfer"); }
    al::ScoreKind scoreKind() const override { return al::ScoreKind::ClassProbabilities; }
    QString deviceName() const override { return m_classifier ? m_classifier->deviceName() : selectedDevice().name; }

    Status setLabels(const QStringList &labels, const task::ProgressFn &) override
    {
        m_decoded = false;
        m_shape = ImageShape{};
        m_shape.side = m_images.input.side;
        m_shape.channels = m_images.input.channels;
        m_shape.dropout = m_options.dropout;
        m_shape.labels = labels;
        if (labels.size() < 2)
            return fail(Tr::tr("The project needs at least two labels before a model can learn to tell them apart."));
        return freshModel();
    }

    QStringList labels() const override { return m_shape.labels; }

    void addSample(const AnnotatedSample &a) override
    {
        Picture p;
        p.sample = a.sample;
        if (a.isLabeled() && a.annotation->labels.size() == 1)
            p.goldLabel = a.annotation->labels.first();
        m_pictures.push_back(std::move(p));
        m_decoded = false;
    }

    int sampleCount() const override { return static_cast<int>(m_pictures.size()); }
    // Known before the pixels are read: an image that turns out unreadable is left out of training then.
    bool isLabeled(int index) const override
    {
        const Picture &p = m_pictures[static_cast<std::size_t>(index)];
        return m_decoded ? p.label >= 0 : m_shape.labels.contains(p.goldLabel);
    }

    bool fits(const ModelRunRecord &, const QByteArray &checkpoint) const override
    {
        if (!const_cast<ImageClassificationModel *>(this)->decode()) // the input size comes from the images
            return false;
        const auto stored = ImageClassifier::checkpointShape(checkpoint);
        return stored && *stored == m_shape;
    }

    Status load(const QByteArray &checkpoint) override
    {
        m_backboneTrained = m_backboneTrained || m_shape.finetune; // a checkpoint holds a fine-tuned backbone's weights
        if (auto s = m_classifier->loadCheckpoint(checkpoint); !s) {
            (void)freshModel(); // the failed load may have written some weights
            return s;
        }
        m_trained = true;
        return {};
    }

    Status loadRun(const ModelRunRecord &run, const QByteArray &checkpoint) override
    {
        const auto shape = ImageClassifier::checkpointShape(checkpoint);
        if (!shape)
            return Error{shape.error()};
        const QJsonObject config = QJsonDocument::fromJson(run.configJson.toUtf8()).object();
        const TrainingOptions stored = optionsFromJson(config.value(QStringLiteral("options")).toObject());
        m_options.seed = stored.seed;
        if (shape->features > 0 && m_options.imageBackbone.isEmpty())
            m_options.imageBackbone = stored.imageBackbone; // the head needs the backbone it was trained on
        m_options.imageFinetune = shape->finetune;
        m_shape = *shape;
        m_shape.dropout = config.value(QStringLiteral("model")).toObject().value(QStringLiteral("dropout")).toDouble(m_shape.dropout);
        m_images.input = ImageInput{m_shape.side, m_shape.channels};
        m_inputFixed = true; // the stored model reads images at its own size
        m_decoded = false;
        if (m_shape.features > 0) {
            if (auto s = loadBackbone(); !s)
                return s;
        }
        if (auto s = freshModel(); !s)
            return s;
        return load(checkpoint);
    }

    QJsonObject runConfig(qint64 warmStartRun) const override
    {
        return runConfigJson(m_options, m_shape.labels, TaskType::Image, kind(),
                                      {{QStringLiteral("side"), m_shape.side},
                                       {QStringLiteral("channels"), m_shape.channels},
                                       {QStringLiteral("width"), m_shape.width},
                                       {QStringLiteral("dropout"), m_shape.dropout},
                                       {QStringLiteral("flips"), m_images.flips}},
                                      warmStartRun);
    }

    Result<QByteArray> checkpoint() const override { return m_classifier->saveCheckpoint(); }

    Result<QVector<EpochRow>> train(const std::vector<int> &samples, const std::atomic_bool &cancel,
                                    const task::ProgressFn &progress) override
    {
        if (auto s = decode(); !s)
            return Error{s.error()};
        if (!m_unreadable.isEmpty() && progress)
            progress(0, 0, unreadableNotice(m_unreadable));
        std::vector<const std::vector<float> *> images;
        std::vector<int> labels;
        for (int i : samples) {
            const Picture &p = m_pictures[static_cast<std::size_t>(i)];
            if (p.label < 0)
                continue;
            images.push_back(&p.pixels);
            labels.push_back(p.label);
        }
        ImageTraining training;
        training.seed = m_options.seed + m_rounds++;
        training.augmentation.flips = m_images.flips;
        m_backboneTrained = m_backboneTrained || m_shape.finetune;
        auto epochs = m_classifier->train(images, labels, training, cancel, [&](int epoch, int total) {
            if (progress)
                progress(epoch, total, Tr::tr("Training"));
        });
        if (epochs)
            m_trained = true;
        return epochs;
    }

    Result<task::Evaluation> evaluate(const std::vector<int> &samples) override
    {
        if (auto s = decode(); !s)
            return Error{s.error()};
        const auto out = m_classifier->predict(imagesOf(samples));
        if (!out)
            return Error{out.error()};
        task::Evaluation e;
        e.rows = classifierRows(samples, idOf(), m_shape.labels, out->probs.data());
        std::vector<int> gold, guessed;
        const std::size_t k = static_cast<std::size_t>(out->classes);
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const float *p = out->probs.data() + i * k;
            const int label = m_pictures[static_cast<std::size_t>(samples[i])].label;
            if (label < 0)
                continue;
            gold.push_back(label);
            guessed.push_back(static_cast<int>(std::max_element(p, p + k) - p));
        }
        const metrics::ClassificationReport report = metrics::singleLabelReport(m_shape.labels, gold, guessed);
        e.labeled = static_cast<int>(gold.size());
        e.takeReport(report);
        return e;
    }

    Result<task::Prediction> predict(const std::vector<int> &samples, const al::Strategy *strategy,
                                     const std::vector<int> &labeled, std::uint64_t seed) override
    {
        if (auto s = decode(); !s)
            return Error{s.error()};
        const bool embeddings = strategy && strategy->needsEmbeddings;
        const int passes = strategy && strategy->needsMcPasses ? m_options.mcPasses : 0;
        auto out = m_classifier->predict(imagesOf(samples), embeddings, passes, seed);
        if (!out)
            return Error{out.error()};
        auto known = embeddings ? m_classifier->predict(imagesOf(labeled), true) : Result<ClassScores>(ClassScores{});
        if (!known)
            return Error{known.error()};
        return classifierPrediction(samples, idOf(), m_shape.labels, false, !strategy, std::move(*out),
                                    std::move(known->embeddings));
    }

    // As for text (TextClassificationModel): picks spread over the pool while nothing is trained or some label is
    // still rare, here over small grey thumbnails of the images.
    std::optional<task::Coverage> coverage(const std::vector<int> &samples, const std::vector<int> &labeled) const override
    {
        (void)const_cast<ImageClassificationModel *>(this)->decode(); // unreadable images count as blank
        std::vector<int> counts(static_cast<std::size_t>(m_shape.labels.size()), 0);
        int given = 0;
        for (int i : labeled)
            if (const int label = m_pictures[static_cast<std::size_t>(i)].label; label >= 0) {
                ++given;
                ++counts[static_cast<std::size_t>(label)];
            }
        const std::optional<double> share = task::classifierCoverageShare(counts, given, m_trained);
        if (!share)
            return std::nullopt;
        task::Coverage c;
        c.share = *share;
        c.scores.n = static_cast<int>(samples.size());
        if (m_shape.takesFeatures()) { // a backbone's features already say what an image shows
            c.scores.dim = m_shape.features;
            c.scores.embeddings.reserve(samples.size() * static_cast<std::size_t>(c.scores.dim));
            for (int i : samples) {
                const std::vector<float> &f = m_pictures[static_cast<std::size_t>(i)].pixels;
                if (f.size() == static_cast<std::size_t>(c.scores.dim))
                    c.scores.embeddings.insert(c.scores.embeddings.end(), f.begin(), f.end());
                else
                    c.scores.embeddings.insert(c.scores.embeddings.end(), static_cast<std::size_t>(c.scores.dim), 0.0f);
            }
            return c;
        }
        c.scores.dim = kThumbnailSide * kThumbnailSide;
        c.scores.embeddings.reserve(samples.size() * static_cast<std::size_t>(c.scores.dim));
        for (int i : samples) {
            const std::vector<float> t = thumbnail(m_pictures[static_cast<std::size_t>(i)].pixels);
            c.scores.embeddings.insert(c.scores.embeddings.end(), t.begin(), t.end());
        }
        return c;
    }

    QStringList comparableTags(int, const PredictionRow &row) const override { return {row.label}; }

    QJsonObject predictionJson(int index, const PredictionRow &row) const override
    {
        const float *p = reinterpret_cast<const float *>(row.probabilities.constData());
        QJsonObject probs;
        for (int c = 0; c < m_shape.labels.size(); ++c)
            probs.insert(m_shape.labels[c], static_cast<double>(p[c]));
        return {{QStringLiteral("path"), m_pictures[static_cast<std::size_t>(index)].sample.text},
                {QStringLiteral("label"), row.label},
                {QStringLiteral("confidence"), row.confidence},
                {QStringLiteral("probabilities"), probs}};
    }

    QString predictionLine(int, const PredictionRow &row) const override
    {
        return classifierLine(row);
    }

private:
    // Reads every image the model was given, once (decoding waits until every sample is known, so that a
    // project's input size can be chosen from all of its images). Rebuilds the network when that changes its
    // input; nothing is trained before this runs.
    Status decode()
    {
        if (m_decoded)
            return {};
        m_unreadable.clear();
        if (!m_options.imageBackbone.isEmpty() && !m_backbone) {
            if (auto s = loadBackbone(); !s)
                return s;
        }
        ImageInput input = m_images.input;
        if (m_images.bytes) {
            // Decoded in RGB at the largest size a project may use; reduced after, once sizes and colours are known.
            std::vector<int> sides;
            bool allGrey = true;
            const ImageInput colour = m_inputFixed ? m_images.input : ImageInput{32, 3};
            std::vector<DecodedImage> decoded(m_pictures.size());
            for (std::size_t i = 0; i < m_pictures.size(); ++i) {
                const auto bytes = m_images.bytes(m_pictures[i].sample);
                const auto size = bytes ? imageSize(*bytes, m_pictures[i].sample.text) : Result<QSize>(Error{bytes.error()});
                auto image = size ? decodeForModel(*bytes, m_pictures[i].sample.text, colour) : Result<DecodedImage>(Error{size.error()});
                if (!image) {
                    m_unreadable << image.error();
                    continue;
                }
                sides.push_back(std::max(size->width(), size->height()));
                allGrey = allGrey && image->grey;
                decoded[i] = std::move(*image);
            }
            input = m_inputFixed ? m_images.input : chooseImageInput(sides, allGrey);
            for (std::size_t i = 0; i < m_pictures.size(); ++i)
                m_pictures[i].pixels = decoded[i].pixels.empty() ? std::vector<float>{} : reduced(decoded[i].pixels, colour, input);
        } else {
            for (Picture &p : m_pictures) {
                const auto known = m_images.decoded ? m_images.decoded->constFind(p.sample.text) : DecodedImages::const_iterator{};
                if (m_images.decoded && known != m_images.decoded->constEnd() && known->size() == std::size_t(input.values())) {
                    p.pixels = *known;
                } else if (auto image = readImage(p.sample.text, input)) {
                    p.pixels = std::move(image->pixels);
                } else {
                    m_unreadable << image.error();
                    p.pixels.clear();
                }
            }
        }
        if (m_backbone && !m_options.imageFinetune) { // a frozen backbone: its features stand in for the pixels
            if (auto s = toFeatures(); !s)
                return s;
        }
        for (Picture &p : m_pictures)
            p.label = p.pixels.empty() || p.goldLabel.isEmpty() ? -1 : static_cast<int>(m_shape.labels.indexOf(p.goldLabel));
        m_decoded = true;
        ImageShape wanted = m_shape;
        wanted.side = input.side;
        wanted.channels = input.channels;
        wanted.features = m_backbone ? m_backbone->dim() : 0;
        wanted.backbone = m_backbone ? m_backbone->fingerprint() : QString();
        wanted.finetune = m_backbone && m_options.imageFinetune;
        m_images.input = input;
        if (!(wanted == m_shape)) {
            m_shape = wanted;
            return freshModel();
        }
        return {};
    }

    // Replaces each readable picture's pixels by the backbone's features, from the cache where a round before
    // computed them with the same backbone.
    Status toFeatures()
    {
        ml::FeatureCache *cache = m_images.cache;
        if (cache && cache->encoder != m_backbone->fingerprint()) {
            cache->encoderFeatures.clear();
            cache->encoder = m_backbone->fingerprint();
        }
        const QString fingerprint = m_backbone->fingerprint();
        const std::size_t dim = static_cast<std::size_t>(m_backbone->dim());
        std::vector<std::size_t> uncached;
        for (std::size_t i = 0; i < m_pictures.size(); ++i) {
            Picture &p = m_pictures[i];
            if (p.pixels.empty())
                continue;
            const auto known = cache ? cache->encoderFeatures.constFind(p.sample.id) : QHash<qint64, std::vector<float>>::const_iterator{};
            if (cache && known != cache->encoderFeatures.constEnd())
                p.pixels = *known;
            else
                uncached.push_back(i);
        }
        // The project's copy is read only for what the worker's cache lacks: after the first round, nothing.
        const QHash<qint64, QByteArray> stored = !uncached.empty() && m_images.storedFeatures
                                                     ? m_images.storedFeatures(fingerprint)
                                                     : QHash<qint64, QByteArray>{};
        std::vector<std::size_t> missing;
        std::vector<const std::vector<float> *> images;
        for (std::size_t i : uncached) {
            Picture &p = m_pictures[i];
            const auto kept = stored.constFind(p.sample.id);
            if (kept != stored.constEnd() && std::size_t(kept->size()) == dim * sizeof(float)) {
                p.pixels.resize(dim);
                std::memcpy(p.pixels.data(), kept->constData(), dim * sizeof(float));
                if (cache)
                    cache->encoderFeatures.insert(p.sample.id, p.pixels);
                continue;
            }
            missing.push_back(i);
            images.push_back(&p.pixels);
        }
        if (missing.empty())
            return {};
        const auto features = m_backbone->features(images);
        if (!features)
            return Error{features.error()};
        QVector<QPair<qint64, QByteArray>> rows;
        for (std::size_t k = 0; k < missing.size(); ++k) {
            Picture &p = m_pictures[missing[k]];
            p.pixels.assign(features->begin() + static_cast<std::ptrdiff_t>(k * dim),
                            features->begin() + static_cast<std::ptrdiff_t>((k + 1) * dim));
            if (cache)
                cache->encoderFeatures.insert(p.sample.id, p.pixels);
            if (m_images.storeFeatures && p.sample.id > 0)
                rows.push_back({p.sample.id, QByteArray(reinterpret_cast<const char *>(p.pixels.data()),
                                                        static_cast<qsizetype>(dim * sizeof(float)))});
        }
        if (!rows.isEmpty())
            m_images.storeFeatures(fingerprint, rows);
        return {};
    }

    // An RGB image drawn at `from` brought to `to` (same side or smaller, one or three channels).
    static std::vector<float> reduced(const std::vector<float> &pixels, const ImageInput &from, const ImageInput &to)
    {
        if (from == to)
            return pixels;
        std::vector<float> out(static_cast<std::size_t>(to.values()), 0.0f);
        const int step = from.side / to.side, planeFrom = from.side * from.side, planeTo = to.side * to.side;
        for (int c = 0; c < to.channels; ++c)
            for (int y = 0; y < to.side; ++y)
                for (int x = 0; x < to.side; ++x) {
                    float sum = 0;
                    for (int dy = 0; dy < step; ++dy)
                        for (int dx = 0; dx < step; ++dx)
                            sum += pixels[static_cast<std::size_t>(c * planeFrom + (y * step + dy) * from.side + x * step + dx)];
                    out[static_cast<std::size_t>(c * planeTo + y * to.side + x)] = sum / float(step * step);
                }
        return out;
    }

    // The backbone file, with the input size it asks for (checked against a stored model's backbone).
    Status loadBackbone()
    {
        auto backbone = ImageBackbone::load(m_options.imageBackbone);
        if (!backbone)
            return Error{backbone.error()};
        if (m_inputFixed && m_shape.features > 0 && m_shape.backbone != (*backbone)->fingerprint())
            return fail(Tr::tr("The image backbone %1 is not the file the stored model was trained on.")
                            .arg(m_options.imageBackbone));
        m_backbone = std::shared_ptr<ImageBackbone>(std::move(*backbone));
        m_backboneTrained = false;
        m_images.input = m_backbone->input();
        m_inputFixed = true; // images are drawn at the size the backbone expects
        return {};
    }

    Status freshModel()
    {
        if (m_shape.finetune && m_backboneTrained) { // a fresh model starts from the backbone's own weights
            if (auto s = loadBackbone(); !s)
                return s;
        }
        auto model = ImageClassifier::create(m_shape, m_options.seed, m_shape.finetune ? m_backbone : nullptr);
        if (!model)
            return Error{model.error()};
        m_classifier = std::move(*model);
        m_trained = false;
        return {};
    }

    std::vector<const std::vector<float> *> imagesOf(const std::vector<int> &samples) const
    {
        std::vector<const std::vector<float> *> out;
        out.reserve(samples.size());
        for (int i : samples)
            out.push_back(&m_pictures[static_cast<std::size_t>(i)].pixels);
        return out;
    }

    // The image averaged over its channels and over blocks of pixels down to kThumbnailSide a side.
    std::vector<float> thumbnail(const std::vector<float> &pixels) const
    {
        std::vector<float> t(static_cast<std::size_t>(kThumbnailSide * kThumbnailSide), 0.0f);
        const int side = m_images.input.side, channels = m_images.input.channels;
        if (pixels.size() != static_cast<std::size_t>(m_images.input.values()))
            return t;
        const int block = std::max(1, side / kThumbnailSide);
        for (int c = 0; c < channels; ++c)
            for (int y = 0; y < side; ++y)
                for (int x = 0; x < side; ++x) {
                    const int ty = std::min(kThumbnailSide - 1, y / block), tx = std::min(kThumbnailSide - 1, x / block);
                    t[static_cast<std::size_t>(ty * kThumbnailSide + tx)] +=
                        pixels[static_cast<std::size_t>((c * side + y) * side + x)];
                }
        const float scale = 1.0f / static_cast<float>(channels * block * block);
        for (float &v : t)
            v *= scale;
        return t;
    }

    SampleIdOf idOf() const
    {
        return [this](int sample) { return m_pictures[static_cast<std::size_t>(sample)].sample.id; };
    }

    TrainingOptions m_options;
    ImageModelOptions m_images;
    TorchThreads m_threads; // the convolutions use torch's threads
    ImageShape m_shape;
    std::unique_ptr<ImageClassifier> m_classifier;
    std::shared_ptr<ImageBackbone> m_backbone; // with options.imageBackbone: the features the head learns from
    bool m_backboneTrained = false;            // fine-tuning changed its weights
    bool m_trained = false;
    std::uint64_t m_rounds = 0; // each round draws other augmentations
    std::vector<Picture> m_pictures;
    bool m_decoded = false;
    bool m_inputFixed = false; // a stored run's model: its input size, not one chosen from the images
    QStringList m_unreadable; // one line per image left out, naming it
};

} // namespace

ImageModelOptions projectImageOptions(const ProjectStore &store, FeatureCache *cache, ProjectStore *writable)
{
    ImageModelOptions options;
    options.cache = cache;
    const StoredFeatures stored = projectStoredFeatures(store, writable);
    options.storedFeatures = stored.read;
    options.storeFeatures = stored.write;
    const ProjectStore *source = &store;
    options.bytes = [source](const Sample &sample) { return source->imageBytes(sample.id); };
    return options;
}

std::unique_ptr<task::TaskModel> makeImageClassificationModel(const TrainingOptions &options, const ImageModelOptions &images)
{
    return std::make_unique<ImageClassificationModel>(options, images);
}

} // namespace marginalia::ml
