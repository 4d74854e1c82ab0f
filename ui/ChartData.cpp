#include "ui/ChartData.h"

namespace marginalia::ui {

Result<ChartData> ChartData::read(const ProjectStore &store)
{
    ChartData data;
    data.task = store.task();
    auto labels = store.labels();
    if (!labels)
        return Error{labels.error()};
    data.labels = *labels;
    auto runs = store.runs();
    if (!runs)
        return Error{runs.error()};
    for (const ModelRunRecord &run : *runs) {
        if (run.status != QLatin1String("done"))
            continue;
        data.runs.push_back(run);
        auto metrics = store.runMetrics(run.id);
        auto epochs = store.runEpochs(run.id);
        auto confusion = store.runConfusion(run.id);
        if (!metrics || !epochs || !confusion)
            return Error{!metrics ? metrics.error() : !epochs ? epochs.error() : confusion.error()};
        data.metrics.insert(run.id, *metrics);
        data.epochs.insert(run.id, *epochs);
        data.confusion.insert(run.id, *confusion);
    }
    auto stats = store.stats();
    if (!stats)
        return Error{stats.error()};
    data.perLabel = stats->perLabel;
    return data;
}

Result<ChartData> ChartData::readFile(const QString &path)
{
    auto store = ProjectStore::open(path);
    if (!store)
        return Error{store.error()};
    return read(**store);
}

} // namespace marginalia::ui
