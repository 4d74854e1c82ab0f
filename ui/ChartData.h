#pragma once
#include "Result.h"
#include "store/ProjectStore.h"

#include <QHash>
#include <QVector>

namespace marginalia::ui {

// Everything the charts show, read in one go so that it can be read off the GUI thread: the label set, the
// runs, each finished run's report, losses and confusion matrix, and the label counts.
struct ChartData
{
    TaskType task = TaskType::TextCat; // span labeling charts say "entity"
    QVector<Label> labels;
    QVector<ModelRunRecord> runs; // finished ones only, oldest first
    QHash<qint64, QVector<MetricRow>> metrics;
    QHash<qint64, QVector<EpochRow>> epochs;
    QHash<qint64, QVector<ConfusionCell>> confusion;
    QVector<LabelCount> perLabel;
    // Per label: pool samples whose current label is a model's guess the annotator accepted (Enter on a guess,
    // bulk accept in Browse); part of perLabel's pool count, shown apart from the labels people chose.
    QHash<QString, qint64> modelAccepted;

    static Result<ChartData> read(const ProjectStore &store);
    static Result<QHash<QString, qint64>> modelAcceptedCounts(const ProjectStore &store);
    // Opens its own connection on `path` (connections belong to the thread that opens them): for a pool thread.
    static Result<ChartData> readFile(const QString &path);
};

} // namespace marginalia::ui
