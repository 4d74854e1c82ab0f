#pragma once
// A span-labeling prediction's detail (PredictionRow::detailJson): {"spans":[{"start","end","label","confidence"}]}.
#include "store/ProjectTypes.h"

#include <QString>
#include <QVector>

namespace marginalia {

// The spans a prediction's detail names, in its order; none for an empty or unreadable detail.
QVector<Span> spansFromDetailJson(const QString &detailJson);

} // namespace marginalia
