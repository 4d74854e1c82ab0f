#pragma once
// The model to load a project's latest trained run into (rank, predict): of the kind that run recorded. A text
// project's run may be the built-in classifier or a head over a text encoder (its config names the encoder file),
// whatever the settings say now. Implemented in core/ml (TaskModels.cpp).
#include "task/TaskModel.h"

namespace marginalia::task {

std::unique_ptr<TaskModel> makeStoredRunModel(const ProjectStore &store);

} // namespace marginalia::task
