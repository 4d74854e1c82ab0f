#include "ui/ChartData.h"

#include <QSqlError>
#include <QSqlQuery>

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
    if (auto accepted = modelAcceptedCounts(store); accepted)
        data.modelAccepted = *accepted;
    else
        return Error{accepted.error()};
    return data;
}

Result<QHash<QString, qint64>> ChartData::modelAcceptedCounts(const ProjectStore &store)
{
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "WITH cur AS (SELECT max(id) AS id, sample_id FROM annotations GROUP BY sample_id)"
            " SELECT l.name, count(*) FROM cur JOIN annotations a ON a.id = cur.id"
            " JOIN samples s ON s.id = cur.sample_id AND s.split = 'pool'"
            " JOIN annotation_labels al ON al.annotation_id = cur.id JOIN labels l ON l.id = al.label_id"
            " WHERE a.cleared = 0 AND a.source = 'model-accepted' GROUP BY l.id")))
        return Error{query.lastError().text()};
    QHash<QString, qint64> counts;
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toLongLong());
    return counts;
}

Result<ChartData> ChartData::readFile(const QString &path)
{
    auto store = ProjectStore::open(path);
    if (!store)
        return Error{store.error()};
    return read(**store);
}

} // namespace marginalia::ui
