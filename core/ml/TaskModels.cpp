// The task models core/ml implements, by project task (TaskModel.h).
#include "ml/EncoderTaggingModel.h"
#include "ml/ImageClassificationModel.h"
#include "ml/PoolPretraining.h"
#include "ml/SpanLabelingModel.h"
#include "ml/TextClassificationModel.h"
#include "ml/TextEncoderModel.h"
#include "ml/TrainingConfig.h"
#include "ml/WordClusters.h"
#include "task/StoredRunModel.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace marginalia::task {

std::unique_ptr<TaskModel> makeTaskModel(TaskType task, const ml::TrainingOptions &options, ml::FeatureCache *cache)
{
    switch (task) {
    case TaskType::Ner:
        if (!options.textEncoder.isEmpty())
            return ml::makeEncoderTaggingModel(options, cache);
        return ml::makeSpanLabelingModel(options);
    case TaskType::MultiLabel:
        if (!options.textEncoder.isEmpty())
            return ml::makeTextEncoderModel(true, options, cache);
        return ml::makeTextClassificationModel(true, options, cache);
    case TaskType::Image:
        return ml::makeImageClassificationModel(options, ml::ImageModelOptions{});
    case TaskType::TextCat:
        break;
    }
    if (!options.textEncoder.isEmpty())
        return ml::makeTextEncoderModel(false, options, cache);
    return ml::makeTextClassificationModel(false, options, cache);
}

namespace {
std::unique_ptr<TaskModel> projectModel(const ProjectStore &store, ProjectStore *writable,
                                        const ml::TrainingOptions &options, ml::FeatureCache *cache)
{
    if (store.task() == TaskType::Image) {
        ml::TrainingOptions resolved = options;
        if (!resolved.imageBackbone.isEmpty()) // a backbone named relative to the project file
            resolved.imageBackbone = QDir(store.imageFolder()).absoluteFilePath(resolved.imageBackbone);
        return ml::makeImageClassificationModel(resolved, ml::projectImageOptions(store, cache, writable));
    }
    if (!options.textEncoder.isEmpty()) {
        ml::TrainingOptions resolved = options; // files named relative to the project file
        resolved.textEncoder = QDir(store.imageFolder()).absoluteFilePath(resolved.textEncoder);
        if (!resolved.textEncoderVocab.isEmpty())
            resolved.textEncoderVocab = QDir(store.imageFolder()).absoluteFilePath(resolved.textEncoderVocab);
        // Span labeling keeps its token states in the worker's cache only: per token they would make the
        // project file tens of times larger than the sentence features do.
        if (store.task() == TaskType::Ner)
            return ml::makeEncoderTaggingModel(resolved, cache);
        return ml::makeTextEncoderModel(store.task() == TaskType::MultiLabel, resolved, cache,
                                        ml::projectStoredFeatures(store, writable));
    }
    return makeTaskModel(store.task(), options, cache);
}
} // namespace

std::unique_ptr<TaskModel> makeProjectModel(const ProjectStore &store, const ml::TrainingOptions &options,
                                            ml::FeatureCache *cache)
{
    return projectModel(store, nullptr, options, cache);
}

std::unique_ptr<TaskModel> makeProjectModel(ProjectStore &store, const ml::TrainingOptions &options,
                                            ml::FeatureCache *cache)
{
    return projectModel(store, &store, options, cache);
}

std::unique_ptr<TaskModel> makeStoredRunModel(const ProjectStore &store)
{
    ml::TrainingOptions options;
    const auto latest = store.latestRun(true);
    const QJsonObject config =
        latest && *latest ? QJsonDocument::fromJson((*latest)->configJson.toUtf8()).object() : QJsonObject();
    if (latest && *latest
        && ((*latest)->modelKind == QLatin1String("text-encoder") || (*latest)->modelKind == QLatin1String("encoder-tagger"))) {
        const ml::TrainingOptions stored = ml::optionsFromJson(config.value(QStringLiteral("options")).toObject());
        options.textEncoder = stored.textEncoder;
        options.textEncoderVocab = stored.textEncoderVocab;
    }
    // A run trained with the pool's vectors read word classes from them (WordClusters.h); its loadRun refuses
    // vectors other than those.
    if (!config.value(ml::kWordClassesKey).toArray().isEmpty())
        if (auto vectors = ml::storedPoolVectors(store))
            options.poolVectors = *vectors;
    return makeProjectModel(store, options);
}

} // namespace marginalia::task
