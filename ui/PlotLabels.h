#pragma once
// Category axes and legends that stay readable at any label count: long names cut with an ellipsis (the whole
// name is the axis's tool tip under the mouse), tick labels turned when they would overlap, and legends beside
// the axes instead of over the data.
#include "ui/Plot.h"

#include <QStringList>

namespace marginalia::ui {

// One tick per name at 0, 1, 2, ... (`reversed`: the first name at the top, for a vertical axis). Names longer
// than `maxChars` are cut; on a horizontal axis the labels are turned when there is no room for them side by
// side.
void setCategoryTicks(QCPAxis *axis, const QStringList &names, bool reversed = false, int maxChars = 16);
// The whole category name as a tool tip when the mouse is over a tick label of a category axis of `plot`.
void enableCategoryToolTips(QCustomPlot *plot);
// Moves the legend out of the plot area, under the axes, with up to `perRow` entries a row.
void placeLegendBelow(QCustomPlot *plot, int perRow = 4);
// The name cut to `maxChars` characters with an ellipsis.
QString elidedName(const QString &name, int maxChars);

} // namespace marginalia::ui
