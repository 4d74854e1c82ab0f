#pragma once
#include "ui/Plot.h"

namespace marginalia::ui {

struct ChartData;

// Macro precision/recall/F1 and micro-F1 on the eval split against the number of training labels, one point
// per finished run. Per-label F1 lines start hidden; clicking a legend entry toggles a line.
class LearningCurvePlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit LearningCurvePlot(QWidget *parent = nullptr);
    // Rebuilds the lines from `data`; the caller replots (see ChartsView).
    void setData(const ChartData &data);
    int pointCount() const; // points on the macro-F1 line

private:
    QCPGraph *addLine(const QString &name, const QColor &color, bool visible, Qt::PenStyle style = Qt::SolidLine);
};

} // namespace marginalia::ui
