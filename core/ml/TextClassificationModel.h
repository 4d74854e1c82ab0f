#pragma once
// Text classification (single and multi-label) as a task model: hashed n-gram features into the embedding-bag
// classifier (TextClassifier.h).
#include "task/TaskModel.h"

namespace marginalia::ml {

std::unique_ptr<task::TaskModel> makeTextClassificationModel(bool multilabel, const TrainingOptions &options,
                                                             FeatureCache *cache = nullptr);

} // namespace marginalia::ml
