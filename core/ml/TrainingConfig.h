#pragma once
#include "ml/TrainingTypes.h"
#include "text/FeatureHasher.h"

#include <QJsonObject>

namespace marginalia::ml {

// How TrainingOptions and the feature settings are written into a run's config JSON and read back.
QJsonObject optionsToJson(const TrainingOptions &options);
TrainingOptions optionsFromJson(const QJsonObject &json, const TrainingOptions &fallback = {});
QJsonObject featureConfigToJson(const text::FeatureConfig &config);
text::FeatureConfig featureConfigFromJson(const QJsonObject &json);

} // namespace marginalia::ml
