#pragma once
// Span labeling (named entities) as a task model: the sequence tagger (SequenceTagger.h) over BIO tags.
#include "task/TaskModel.h"

namespace marginalia::ml {

std::unique_ptr<task::TaskModel> makeSpanLabelingModel(const TrainingOptions &options);

} // namespace marginalia::ml
