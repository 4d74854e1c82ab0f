#include "ui/LearningCurvePlot.h"
#include "ui/ChartData.h"
#include "ui/PlotLabels.h"

#include <QMap>

namespace marginalia::ui {

LearningCurvePlot::LearningCurvePlot(QWidget *parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("learningCurve"));
    xAxis->setLabel(tr("Labeled training samples"));
    yAxis->setLabel(tr("Score on the evaluation split"));
    yAxis->setRange(0, 1.02);
    legend->setVisible(true);
    legend->setSelectableParts(QCPLegend::spItems);
    placeLegendBelow(this, 5); // under the axes: the curve is never hidden behind it
    setInteractions(QCP::iSelectLegend | QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDrag(Qt::Horizontal);
    axisRect()->setRangeZoom(Qt::Horizontal);
    connect(this, &QCustomPlot::legendClick, this, [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *) {
        auto *plItem = qobject_cast<QCPPlottableLegendItem *>(item);
        if (!plItem)
            return;
        QCPAbstractPlottable *p = plItem->plottable();
        p->setVisible(!p->visible());
        plItem->setTextColor(p->visible() ? Qt::black : Qt::gray);
        replot();
    });
}

QCPGraph *LearningCurvePlot::addLine(const QString &name, const QColor &color, bool visible, Qt::PenStyle style)
{
    QCPGraph *g = addGraph();
    g->setName(name);
    g->setPen(QPen(color, visible ? 2.2 : 1.4, style));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    g->setVisible(visible);
    return g;
}

int LearningCurvePlot::pointCount() const { return graphCount() > 2 ? graph(2)->dataCount() : 0; }

void LearningCurvePlot::setData(const ChartData &data)
{
    clearGraphs();
    // Span labeling runs report entities (exact span and type), so the lines say so.
    const bool spans = data.task == TaskType::Ner;
    yAxis->setLabel(spans ? tr("Entity-level score on the evaluation split") : tr("Score on the evaluation split"));
    QCPGraph *precision =
        addLine(spans ? tr("entity macro precision") : tr("macro precision"), QColor(0x1f, 0x77, 0xb4), true);
    QCPGraph *recall = addLine(spans ? tr("entity macro recall") : tr("macro recall"), QColor(0x2c, 0xa0, 0x2c), true);
    QCPGraph *macroF1 = addLine(spans ? tr("entity macro F1") : tr("macro F1"), QColor(0xd6, 0x27, 0x28), true);
    QCPGraph *microF1 =
        addLine(spans ? tr("entity micro F1") : tr("micro F1"), QColor(0x94, 0x67, 0xbd), true, Qt::DashLine);
    QMap<QString, QCPGraph *> perLabel;
    static const QColor palette[] = {QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
                                     QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf), QColor(0xff, 0x7f, 0x0e)};
    for (const Label &label : data.labels) {
        const QColor color = label.color.isEmpty() ? palette[perLabel.size() % 6] : QColor(label.color);
        perLabel.insert(label.name, addLine(tr("F1 %1").arg(elidedName(label.name, 20)), color, false, Qt::DotLine));
    }

    double maxX = 10;
    for (const ModelRunRecord &run : data.runs) {
        const auto metrics = data.metrics.constFind(run.id);
        if (metrics == data.metrics.constEnd())
            continue;
        const double x = run.trainLabels;
        maxX = std::max(maxX, x);
        for (const MetricRow &row : *metrics) {
            if (row.level != QLatin1String("label"))
                continue;
            if (row.isAverage && row.name == QLatin1String("macro avg")) {
                precision->addData(x, row.precision);
                recall->addData(x, row.recall);
                macroF1->addData(x, row.f1);
            } else if (row.isAverage && row.name == QLatin1String("micro avg")) {
                microF1->addData(x, row.f1);
            } else if (!row.isAverage && perLabel.contains(row.name)) {
                perLabel.value(row.name)->addData(x, row.f1);
            }
        }
    }
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i)))
            item->setTextColor(item->plottable()->visible() ? Qt::black : Qt::gray);
    xAxis->setRange(0, maxX * 1.05);
}

} // namespace marginalia::ui
