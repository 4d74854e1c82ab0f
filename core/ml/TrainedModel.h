#pragma once
#include "Result.h"
#include "ml/TextClassifier.h"
#include "ml/TrainingTypes.h"
#include "store/ProjectTypes.h"
#include "text/FeatureHasher.h"

#include <QJsonObject>
#include <QStringList>
#include <memory>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

// A stored run's model, ready to score new text.
struct TrainedModel
{
    qint64 runId = 0;
    QStringList labels;
    TrainingOptions options;
    text::FeatureConfig features;
    ModelShape shape;
    std::unique_ptr<TextClassifier> classifier;
};

// Reads the shape, labels and feature settings of a run's config JSON.
struct RunConfig
{
    QStringList labels;
    TrainingOptions options;
    text::FeatureConfig features;
    ModelShape shape;
};
RunConfig parseRunConfig(const QString &configJson);
QJsonObject makeRunConfig(const TrainingOptions &options, const QStringList &labels, TaskType task,
                          const text::FeatureConfig &features, const ModelShape &shape, qint64 warmStartRun);

// The latest finished run's model (an error when there is none).
Result<TrainedModel> loadLatestModel(const ProjectStore &store);

} // namespace marginalia::ml
