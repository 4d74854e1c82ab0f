// The task models core/ml implements, by project task (TaskModel.h).
#include "ml/ImageClassificationModel.h"
#include "ml/SpanLabelingModel.h"
#include "ml/TextClassificationModel.h"

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

std::unique_ptr<TaskModel> makeProjectModel(const ProjectStore &store, const ml::TrainingOptions &options,
                                            ml::FeatureCache *cache)
{
    if (store.task() == TaskType::Image)
        return ml::makeImageClassificationModel(options, ml::projectImageOptions(store));
    return makeTaskModel(store.task(), options, cache);
}

} // namespace marginalia::task
