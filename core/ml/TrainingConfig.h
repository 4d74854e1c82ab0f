#pragma once
#include "ml/TrainingTypes.h"
#include "store/ProjectTypes.h"
#include "text/FeatureHasher.h"

#include <QJsonObject>

namespace marginalia::ml {

// How TrainingOptions and the feature settings are written into a run's config JSON and read back.
QJsonObject optionsToJson(const TrainingOptions &options);
TrainingOptions optionsFromJson(const QJsonObject &json, const TrainingOptions &fallback = {});
QJsonObject featureConfigToJson(const text::FeatureConfig &config);
text::FeatureConfig featureConfigFromJson(const QJsonObject &json);

// A run's config JSON: the options, labels and task every model records, its `model` layout (whose "kind" is
// added), the run it warm-started from (null for none) and any task-specific `extra` keys.
QJsonObject runConfigJson(const TrainingOptions &options, const QStringList &labels, TaskType task, const QString &kind,
                          QJsonObject model, qint64 warmStartRun, const QJsonObject &extra = {});

// A run config's record of the pool vectors its model started from (their stamp; 0 = none).
inline const QString kPoolVectorsKey = QStringLiteral("pool_vectors");

} // namespace marginalia::ml
