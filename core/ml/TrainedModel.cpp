#include "ml/TrainedModel.h"
#include "ml/TrainingConfig.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};
}

QJsonObject makeRunConfig(const TrainingOptions &options, const QStringList &labels, TaskType task,
                          const text::FeatureConfig &features, const ModelShape &shape, qint64 warmStartRun)
{
    QJsonObject o{{QStringLiteral("options"), optionsToJson(options)},
                  {QStringLiteral("labels"), QJsonArray::fromStringList(labels)},
                  {QStringLiteral("task"), taskTypeName(task)},
                  {QStringLiteral("features"), featureConfigToJson(features)},
                  {QStringLiteral("model"),
                   QJsonObject{{QStringLiteral("kind"), QStringLiteral("embedding-bag")},
                               {QStringLiteral("buckets"), shape.buckets},
                               {QStringLiteral("classes"), shape.classes},
                               {QStringLiteral("embedding_dim"), shape.embeddingDim},
                               {QStringLiteral("hidden_dim"), shape.hiddenDim},
                               {QStringLiteral("dropout"), shape.dropout},
                               {QStringLiteral("multilabel"), shape.multilabel}}}};
    o.insert(QStringLiteral("warm_start_run"), warmStartRun > 0 ? QJsonValue(warmStartRun) : QJsonValue());
    return o;
}

RunConfig parseRunConfig(const QString &configJson)
{
    const QJsonObject o = QJsonDocument::fromJson(configJson.toUtf8()).object();
    RunConfig c;
    for (const QJsonValue &v : o.value(QStringLiteral("labels")).toArray())
        c.labels << v.toString();
    c.options = optionsFromJson(o.value(QStringLiteral("options")).toObject());
    c.features = featureConfigFromJson(o.value(QStringLiteral("features")).toObject());
    const QJsonObject m = o.value(QStringLiteral("model")).toObject();
    c.shape.buckets = m.value(QStringLiteral("buckets")).toInt(c.features.buckets);
    c.shape.classes = m.value(QStringLiteral("classes")).toInt(static_cast<int>(c.labels.size()));
    c.shape.embeddingDim = m.value(QStringLiteral("embedding_dim")).toInt(c.options.embeddingDim);
    c.shape.hiddenDim = m.value(QStringLiteral("hidden_dim")).toInt(c.options.hiddenDim);
    c.shape.dropout = m.value(QStringLiteral("dropout")).toDouble(c.options.dropout);
    c.shape.multilabel = m.value(QStringLiteral("multilabel")).toBool(false);
    return c;
}

Result<TrainedModel> loadLatestModel(const ProjectStore &store)
{
    const auto latest = store.latestRun(true);
    if (!latest)
        return Error{latest.error()};
    if (!*latest)
        return fail(Tr::tr("The project has no trained model yet; run a training round first."));
    const ModelRunRecord &run = **latest;
    const RunConfig config = parseRunConfig(run.configJson);
    const auto bytes = store.checkpoint(run.id);
    if (!bytes)
        return Error{bytes.error()};
    if (bytes->isEmpty())
        return fail(Tr::tr("Run %1 has no stored model.").arg(run.id));
    auto classifier = TextClassifier::create(config.shape, config.options.seed);
    if (!classifier)
        return Error{classifier.error()};
    if (auto s = (*classifier)->loadCheckpoint(*bytes); !s)
        return fail(Tr::tr("The model of run %1 cannot be loaded (%2). Train a new round to replace it.")
                        .arg(run.id)
                        .arg(s.error()));
    TrainedModel m;
    m.runId = run.id;
    m.labels = config.labels;
    m.options = config.options;
    m.features = config.features;
    m.shape = config.shape;
    m.classifier = std::move(*classifier);
    return m;
}

} // namespace marginalia::ml
