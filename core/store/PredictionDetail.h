#pragma once
// What a prediction names, in the forms the browse view compares with a sample's label (store/BrowseQuery.h and
// store/ServerBrowse.h): a span-labeling prediction's detail (PredictionRow::detailJson,
// {"spans":[{"start","end","label","confidence"}]}), and label sets as comma-joined text.
#include "store/ProjectTypes.h"

#include <QString>
#include <QVector>

namespace marginalia {

// The spans a prediction's detail names, in its order; none for an empty or unreadable detail.
QVector<Span> spansFromDetailJson(const QString &detailJson);
// A set of spans as one comparable text: "start:end:label" each, sorted, space-separated.
QString spanSetKey(const QVector<Span> &spans);
// A comma-joined label set ("b, a") in one order ("a,b"), so that two sets compare as text.
QString sortedLabelSet(const QString &joined);

} // namespace marginalia
