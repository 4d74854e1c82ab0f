#pragma once
#include "task/TaskModel.h"

namespace marginalia::task {

// Loads the latest finished run's model into `model` (labels and layout from the run's config); returns the run's
// id, or an error saying why there is nothing to load (no run yet, no stored model, a model that does not load).
Result<qint64> loadLatestModel(const ProjectStore &store, TaskModel &model);

} // namespace marginalia::task
