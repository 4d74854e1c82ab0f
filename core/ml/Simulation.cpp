#include "ml/Simulation.h"
#include "ml/ImageClassificationModel.h"
#include "text/SpanTokens.h"

namespace marginalia::ml {

namespace {

AnnotatedSample sampleOf(const QString &text, const QStringList &tokens, Split split)
{
    AnnotatedSample a;
    a.sample.text = text;
    a.sample.tokens = tokens;
    a.sample.split = split;
    a.annotation = Annotation{};
    return a;
}

template <typename Row, typename Convert>
QVector<AnnotatedSample> samplesOf(const QVector<Row> &rows, Split split, Convert convert)
{
    QVector<AnnotatedSample> out;
    out.reserve(rows.size());
    for (const Row &row : rows)
        out.push_back(convert(row, split));
    return out;
}

AnnotatedSample labeledText(const LabeledText &row, Split split)
{
    AnnotatedSample a = sampleOf(row.text, {}, split);
    a.annotation->labels = row.labels;
    a.annotation->cleared = row.labels.isEmpty();
    return a;
}

// The sentence's tokens joined by spaces, with the spans its tags make. A tag without a chunk prefix (a part of
// speech) labels its own token: read as BIO it would continue the chunk before it, and "NN NN" would become one
// two-token span, a different task from the one the file describes.
AnnotatedSample taggedSentence(const io::TaggedSentence &row, Split split)
{
    AnnotatedSample a = sampleOf(row.tokens.join(QLatin1Char(' ')), row.tokens, split);
    QStringList tags;
    tags.reserve(row.tags.size());
    for (const QString &tag : row.tags) {
        const bool chunked = tag == QLatin1String("O") || tag.startsWith(QLatin1String("B-"))
                             || tag.startsWith(QLatin1String("I-"));
        tags << (chunked ? tag : QStringLiteral("B-") + tag);
    }
    a.annotation->spans = text::spansFromTags(text::annotationTokens(a.sample.text, row.tokens), tags);
    return a;
}

// The image's path as the sample's text (as a project would keep it) and its folder's name as the label.
AnnotatedSample labeledImage(const LabeledImage &row, Split split)
{
    AnnotatedSample a = sampleOf(row.path, {}, split);
    a.annotation->labels = QStringList{row.label};
    return a;
}

// A text encoder reads each text once for the whole simulation, not once a round: what it gives (sentence
// features, token states) is cached by sample id, so the samples get ids here. Null without an encoder.
FeatureCache *encoderCacheFor(const SimulationOptions &options, FeatureCache &cache, QVector<AnnotatedSample> &pool,
                              QVector<AnnotatedSample> &eval)
{
    if (options.training.textEncoder.isEmpty())
        return nullptr;
    qint64 id = 0;
    for (QVector<AnnotatedSample> *samples : {&pool, &eval})
        for (AnnotatedSample &a : *samples)
            a.sample.id = ++id;
    return &cache;
}

} // namespace

Result<SimulationResult> simulate(const QVector<LabeledText> &pool, const QVector<LabeledText> &eval,
                                  const SimulationOptions &options, const std::atomic_bool &cancel,
                                  const task::ProgressFn &progress)
{
    bool multilabel = false;
    for (const QVector<LabeledText> *rows : {&pool, &eval})
        for (const LabeledText &row : *rows)
            multilabel = multilabel || row.labels.size() != 1;
    const TaskType task = multilabel ? TaskType::MultiLabel : TaskType::TextCat;
    QVector<AnnotatedSample> poolSamples = samplesOf(pool, Split::Pool, labeledText);
    QVector<AnnotatedSample> evalSamples = samplesOf(eval, Split::Eval, labeledText);
    FeatureCache cache;
    FeatureCache *encoderCache = encoderCacheFor(options, cache, poolSamples, evalSamples);
    return task::simulate([&](const TrainingOptions &o) { return task::makeTaskModel(task, o, encoderCache); },
                          poolSamples, evalSamples, options, cancel, progress);
}

Result<SimulationResult> simulateSequences(const QVector<io::TaggedSentence> &pool, const QVector<io::TaggedSentence> &eval,
                                           const SimulationOptions &options, const std::atomic_bool &cancel,
                                           const task::ProgressFn &progress, const SimulationResult *reference)
{
    QVector<AnnotatedSample> poolSamples = samplesOf(pool, Split::Pool, taggedSentence);
    QVector<AnnotatedSample> evalSamples = samplesOf(eval, Split::Eval, taggedSentence);
    FeatureCache cache;
    FeatureCache *encoderCache = encoderCacheFor(options, cache, poolSamples, evalSamples);
    return task::simulate([&](const TrainingOptions &o) { return task::makeTaskModel(TaskType::Ner, o, encoderCache); },
                          poolSamples, evalSamples, options, cancel, progress, reference);
}

Result<SimulationResult> simulateImages(const QVector<LabeledImage> &pool, const QVector<LabeledImage> &eval,
                                        const ImageInput &input, bool flips, const SimulationOptions &options,
                                        const std::atomic_bool &cancel, const task::ProgressFn &progress)
{
    // Decoded once, shared by the reference model and every repeat's.
    auto decoded = std::make_shared<DecodedImages>();
    for (const QVector<LabeledImage> *rows : {&pool, &eval})
        for (const LabeledImage &row : *rows)
            decoded->insert(row.path, row.pixels);
    ImageModelOptions images;
    images.input = input;
    images.flips = flips;
    images.decoded = decoded;
    return task::simulate([&](const TrainingOptions &o) { return makeImageClassificationModel(o, images); },
                          samplesOf(pool, Split::Pool, labeledImage), samplesOf(eval, Split::Eval, labeledImage), options,
                          cancel, progress);
}

} // namespace marginalia::ml
