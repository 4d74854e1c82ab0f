#pragma once
// Who labeled how much, and how fast: per annotator, the label versions they saved, the samples they labeled,
// their reviews and the time they spent per label (the `seconds` each studio label records).
#include "Result.h"

#include <QDateTime>
#include <QString>
#include <QVector>
#include <optional>

namespace marginalia {

class ProjectStore;

struct AnnotatorActivity
{
    QString annotator;                   // "" for labels recorded without a name
    qint64 versions = 0;                 // label versions saved (relabels and undos included)
    qint64 samples = 0;                  // samples whose label by them stands (their latest version, not cleared)
    qint64 reviews = 0;                  // samples whose final label they set as a reviewer (standing decisions)
    std::optional<double> medianSeconds; // per label, over the labels that recorded their time
    qint64 timed = 0;                    // labels that recorded their time
    QDateTime first, last;
    // Labels an hour at the median pace (none when no label recorded its time).
    std::optional<double> labelsPerHour() const
    {
        return medianSeconds && *medianSeconds > 0 ? std::optional<double>(3600.0 / *medianSeconds) : std::nullopt;
    }
};

// Every annotator of the project, most labeled samples first.
Result<QVector<AnnotatorActivity>> annotatorActivity(const ProjectStore &store);

} // namespace marginalia
