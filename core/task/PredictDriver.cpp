#include "task/PredictDriver.h"
#include "task/LatestModel.h"

namespace marginalia::task {

Result<QVector<PredictionRow>> predictTexts(const ProjectStore &store, TaskModel &model, const QStringList &texts)
{
    if (const auto run = loadLatestModel(store, model); !run)
        return Error{run.error()};
    std::vector<int> samples;
    for (const QString &text : texts) {
        AnnotatedSample a;
        a.sample.text = text;
        samples.push_back(model.sampleCount());
        model.addSample(a);
    }
    const auto predicted = model.predict(samples, nullptr, {}, 0);
    if (!predicted)
        return Error{predicted.error()};
    return predicted->rows;
}

} // namespace marginalia::task
