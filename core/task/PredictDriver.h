#pragma once
#include "task/TaskModel.h"

namespace marginalia::task {

// The latest run's predictions for new texts (`marginalia predict`): one row per text, in order; row i is sample i
// of `model`, for TaskModel::predictionJson / predictionLine. An error when the project has no model to load.
Result<QVector<PredictionRow>> predictTexts(const ProjectStore &store, TaskModel &model, const QStringList &texts);

} // namespace marginalia::task
