#include "ui/PlotLabels.h"

#include <QToolTip>

namespace marginalia::ui {

namespace {
const char *kNamesProperty = "categoryNames";
const char *kReversedProperty = "categoryReversed";
} // namespace

QString elidedName(const QString &name, int maxChars)
{
    return name.size() > maxChars ? name.left(std::max(1, maxChars - 1)) + QChar(0x2026) : name;
}

void setCategoryTicks(QCPAxis *axis, const QStringList &names, bool reversed, int maxChars)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const int n = int(names.size());
    int longest = 0;
    for (int i = 0; i < n; ++i) {
        const QString shown = elidedName(names.at(i), maxChars);
        longest = std::max(longest, int(shown.size()));
        ticker->addTick(reversed ? n - 1 - i : i, shown);
    }
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    if (axis->orientation() == Qt::Horizontal) {
        // Turned when the labels side by side would not fit the axis at its likely width.
        const int perTick = QFontMetrics(axis->tickLabelFont()).averageCharWidth() * (longest + 1);
        const int width = axis->axisRect() ? axis->axisRect()->width() : 400;
        axis->setTickLabelRotation(n > 0 && perTick * n > std::max(width, 200) ? -60 : 0);
    }
    axis->setProperty(kNamesProperty, names);
    axis->setProperty(kReversedProperty, reversed);
}

void enableCategoryToolTips(QCustomPlot *plot)
{
    plot->setMouseTracking(true);
    QObject::connect(plot, &QCustomPlot::mouseMove, plot, [plot](QMouseEvent *event) {
        const QPointF pos = event->position();
        const QRect rect = plot->axisRect()->rect();
        for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
            const QStringList names = axis->property(kNamesProperty).toStringList();
            if (names.isEmpty())
                continue;
            // The tick labels lie outside the axis rect, under the x axis or left of the y axis.
            const bool horizontal = axis->orientation() == Qt::Horizontal;
            const bool over = horizontal ? pos.y() > rect.bottom() && pos.x() >= rect.left() && pos.x() <= rect.right()
                                         : pos.x() < rect.left() && pos.y() >= rect.top() && pos.y() <= rect.bottom();
            if (!over)
                continue;
            const int n = int(names.size());
            int i = int(std::lround(axis->pixelToCoord(horizontal ? pos.x() : pos.y())));
            if (axis->property(kReversedProperty).toBool())
                i = n - 1 - i;
            if (i >= 0 && i < n) {
                QToolTip::showText(event->globalPosition().toPoint(), names.at(i), plot);
                return;
            }
        }
        QToolTip::hideText();
    });
}

void placeLegendBelow(QCustomPlot *plot, int perRow)
{
    QCPLegend *legend = plot->legend;
    if (legend->layout() == plot->plotLayout())
        return; // already there
    if (plot->axisRect()->insetLayout()->elements(false).contains(legend))
        plot->axisRect()->insetLayout()->take(legend);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(perRow);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    plot->plotLayout()->addElement(1, 0, legend);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    plot->plotLayout()->setRowSpacing(0);
}

} // namespace marginalia::ui
