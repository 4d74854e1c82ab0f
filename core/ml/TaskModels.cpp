// The task models core/ml implements, by project task (TaskModel.h).
#include "ml/ImageClassificationModel.h"
#include "ml/SpanLabelingModel.h"
#include "ml/TextClassificationModel.h"

#include <QDir>

namespace marginalia::task {

std::unique_ptr<TaskModel> makeTaskModel(TaskType task, const ml::TrainingOptions &options, ml::FeatureCache *cache)
{
    switch (task) {
    case TaskType::Ner:
        return ml::makeSpanLabelingModel(options);
    case TaskType::MultiLabel:
        return ml::makeTextClassificationModel(true, options, cache);
    case TaskType::Image:
        return ml::makeImageClassificationModel(options, ml::ImageModelOptions{});
    case TaskType::TextCat:
        break;
    }
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

} // namespace marginalia::task
