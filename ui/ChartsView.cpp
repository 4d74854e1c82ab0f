#include "ui/ChartsView.h"
#include "store/ProjectStore.h"
#include "ui/LearningCurvePlot.h"
#include "ui/Plot.h"
#include "ui/PlotLabels.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace marginalia::ui {

namespace {
QCustomPlot *makePlot(const QString &name, QWidget *parent)
{
    auto *plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setMinimumSize(260, 200);
    return plot;
}
} // namespace

ChartsView::ChartsView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("chartsView"));
    m_tabs = new QTabWidget(this);
    m_curve = new LearningCurvePlot(this);
    m_tabs->addTab(m_curve, QString());

    auto *detail = new QWidget(this);
    m_runBox = new QComboBox(detail);
    m_runBox->setObjectName(QStringLiteral("runBox"));
    m_report = new QTableWidget(detail);
    m_report->setObjectName(QStringLiteral("reportTable"));
    m_report->setColumnCount(4);
    m_report->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_report->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion = makePlot(QStringLiteral("confusionPlot"), detail);
    m_loss = makePlot(QStringLiteral("lossPlot"), detail);
    auto *plots = new QSplitter(Qt::Horizontal, detail);
    plots->addWidget(m_confusion);
    plots->addWidget(m_loss);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->addWidget(m_runBox);
    detailLayout->addWidget(m_report, 1);
    detailLayout->addWidget(plots, 2);
    m_tabs->addTab(detail, QString());
    connect(m_runBox, &QComboBox::currentIndexChanged, this, &ChartsView::showRun);

    auto *dist = new QWidget(this);
    m_distribution = makePlot(QStringLiteral("distributionPlot"), dist);
    m_kappa = makePlot(QStringLiteral("kappaPlot"), dist);
    auto *distLayout = new QHBoxLayout(dist);
    distLayout->addWidget(m_distribution);
    distLayout->addWidget(m_kappa);
    m_tabs->addTab(dist, QString());
    for (QCustomPlot *plot : {static_cast<QCustomPlot *>(m_curve), m_confusion, m_loss, m_distribution, m_kappa})
        plot->installEventFilter(this);
    // Legends go under the axes, never over the data; category names too long to show whole are tool tips.
    for (QCustomPlot *plot : {m_loss, m_distribution, m_kappa})
        placeLegendBelow(plot);
    enableCategoryToolTips(m_confusion);
    enableCategoryToolTips(m_distribution);

    m_savePng = new QPushButton(this);
    m_savePdf = new QPushButton(this);
    auto save = [this](const QString &filter, const QString &suffix) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), QString(), filter);
        if (!path.isEmpty())
            saveCurrent(path.endsWith(suffix) ? path : path + suffix);
    };
    connect(m_savePng, &QPushButton::clicked, this, [save, this] { save(tr("PNG image (*.png)"), QStringLiteral(".png")); });
    connect(m_savePdf, &QPushButton::clicked, this, [save, this] { save(tr("PDF document (*.pdf)"), QStringLiteral(".pdf")); });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_savePng);
    buttons->addWidget(m_savePdf);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addLayout(buttons);

    connect(&m_watcher, &QFutureWatcher<Result<ChartData>>::finished, this, &ChartsView::onLoaded);
    retranslateUi();
}

// The read holds its own store: it closes before the view goes, and before the application's SQL drivers
// do (a read still running at exit crashed inside SQLite).
ChartsView::~ChartsView() { m_watcher.waitForFinished(); }

void ChartsView::retranslateUi()
{
    m_tabs->setTabText(0, tr("Learning curve"));
    m_tabs->setTabText(1, tr("Run detail"));
    m_tabs->setTabText(2, tr("Labels and stopping"));
    m_report->setHorizontalHeaderLabels({tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    m_savePng->setText(tr("Save as PNG…"));
    m_savePdf->setText(tr("Save as PDF…"));
}

void ChartsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        if (m_store)
            apply(m_data, true); // axis titles, legends and run names are drawn text
    }
    QWidget::changeEvent(event);
}

bool ChartsView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Show) {
        auto *plot = static_cast<QCustomPlot *>(watched);
        if (m_stale.remove(plot))
            plot->replot();
    }
    return QWidget::eventFilter(watched, event);
}

void ChartsView::replotWhenShown(QCustomPlot *plot)
{
    // A hidden plot (another tab, usually: the annotator is labeling) is drawn when it appears, not now.
    if (plot->isVisible()) {
        m_stale.remove(plot);
        plot->replot();
    } else {
        m_stale.insert(plot);
    }
}

void ChartsView::setStore(const ProjectStore *store)
{
    m_store = store;
    ++m_generation;
    m_reloadAgain = false;
    ChartData data;
    if (m_store) {
        // A project was just opened: its charts are read here, like the rest of the project.
        if (auto read = ChartData::read(*m_store))
            data = std::move(read).value();
    }
    apply(std::move(data), true);
}

void ChartsView::reload()
{
    if (!m_store)
        return;
    if (m_loading) {
        m_reloadAgain = true; // one more read when this one is in, covering every request meanwhile
        return;
    }
    m_loading = true;
    m_loadGeneration = m_generation;
    const QString path = m_store->path();
    m_watcher.setFuture(QtConcurrent::run([path] { return ChartData::readFile(path); }));
}

void ChartsView::onLoaded()
{
    m_loading = false;
    const Result<ChartData> read = m_watcher.result();
    if (m_loadGeneration != m_generation || !m_store)
        return; // the project changed meanwhile; setStore drew the new one
    if (read)
        apply(*read, false);
    if (m_reloadAgain) {
        m_reloadAgain = false;
        reload();
    }
}

void ChartsView::apply(ChartData data, bool now)
{
    m_data = std::move(data);
    // One chart per step: each stays a few ms even when its plot is visible and replotted.
    m_steps = {[this] {
                   m_curve->setData(m_data);
                   replotWhenShown(m_curve);
               },
               [this] {
                   fillRunBox();
                   drawReport(m_runBox->currentData().toLongLong());
               },
               [this] { drawConfusion(m_runBox->currentData().toLongLong()); },
               [this] { drawLoss(m_runBox->currentData().toLongLong()); },
               [this] { drawDistribution(); },
               [this] { drawKappa(); }};
    if (now) {
        while (!m_steps.isEmpty())
            m_steps.takeFirst()();
        Q_EMIT loaded();
    } else if (!m_stepQueued) {
        m_stepQueued = true;
        QTimer::singleShot(0, this, &ChartsView::runNextStep);
    }
}

void ChartsView::runNextStep()
{
    m_stepQueued = false;
    if (m_steps.isEmpty())
        return;
    m_steps.takeFirst()();
    if (m_steps.isEmpty()) {
        Q_EMIT loaded();
        return;
    }
    m_stepQueued = true;
    QTimer::singleShot(0, this, &ChartsView::runNextStep);
}

void ChartsView::fillRunBox()
{
    const qint64 selected = m_runBox->currentData().toLongLong();
    QSignalBlocker block(m_runBox);
    m_runBox->clear();
    for (const ModelRunRecord &run : std::as_const(m_data.runs))
        m_runBox->addItem(tr("Run %1 · %2 labels · %3 · %4").arg(run.id).arg(run.trainLabels)
                              .arg(run.strategy, run.finishedAt.toLocalTime().toString(Qt::ISODate)),
                          run.id);
    const int keep = m_runBox->findData(selected);
    m_runBox->setCurrentIndex(keep >= 0 ? keep : m_runBox->count() - 1);
}

void ChartsView::showRun(int index)
{
    const qint64 runId = index >= 0 ? m_runBox->itemData(index).toLongLong() : 0;
    drawReport(runId);
    drawConfusion(runId);
    drawLoss(runId);
}

void ChartsView::drawReport(qint64 runId)
{
    m_report->setRowCount(0);
    QStringList rowNames;
    for (const MetricRow &row : m_data.metrics.value(runId)) {
        if (row.level != QLatin1String("label"))
            continue;
        const int r = m_report->rowCount();
        m_report->insertRow(r);
        rowNames << row.name;
        const double values[] = {row.precision, row.recall, row.f1};
        for (int c = 0; c < 3; ++c)
            m_report->setItem(r, c, new QTableWidgetItem(QString::number(values[c], 'f', 3)));
        m_report->setItem(r, 3, new QTableWidgetItem(QString::number(row.support)));
        if (row.isAverage) {
            QFont bold = m_report->font();
            bold.setBold(true);
            for (int c = 0; c < 4; ++c)
                m_report->item(r, c)->setFont(bold);
        }
    }
    m_report->setVerticalHeaderLabels(rowNames);
}

void ChartsView::drawConfusion(qint64 runId)
{
    m_confusion->clearPlottables();
    m_confusion->clearItems();
    QStringList labels;
    for (const Label &l : std::as_const(m_data.labels))
        labels << l.name;
    const auto cells = m_data.confusion.constFind(runId);
    if (cells != m_data.confusion.constEnd() && !labels.isEmpty()) {
        auto *map = new QCPColorMap(m_confusion->xAxis, m_confusion->yAxis);
        const int n = labels.size();
        map->data()->setSize(n, n);
        map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
        qint64 most = 1;
        for (const ConfusionCell &cell : *cells)
            most = std::max(most, cell.count);
        for (const ConfusionCell &cell : *cells) {
            const int g = labels.indexOf(cell.gold), p = labels.indexOf(cell.predicted);
            if (g < 0 || p < 0)
                continue;
            map->data()->setCell(p, n - 1 - g, double(cell.count)); // gold top to bottom
            auto *count = new QCPItemText(m_confusion);
            count->position->setCoords(p, n - 1 - g);
            count->setText(QString::number(cell.count));
            count->setColor(cell.count * 2 > most ? Qt::white : Qt::black); // readable on light and dark cells
            QFont bold = count->font();
            bold.setBold(true);
            if (n > 12) // thirty labels: thirty counts a row
                bold.setPointSizeF(bold.pointSizeF() * 0.75);
            count->setFont(bold);
        }
        QCPColorGradient gradient;
        gradient.setColorStopAt(0, QColor(0xf7, 0xfb, 0xff));
        gradient.setColorStopAt(1, QColor(0x08, 0x30, 0x6b));
        gradient.setLevelCount(64);
        map->setGradient(gradient);
        map->setDataRange(QCPRange(0, double(most)));
        map->setInterpolate(false);
        setCategoryTicks(m_confusion->xAxis, labels);
        setCategoryTicks(m_confusion->yAxis, labels, true);
        m_confusion->xAxis->setLabel(tr("Predicted"));
        m_confusion->yAxis->setLabel(tr("Gold"));
        m_confusion->xAxis->setRange(-0.5, n - 0.5);
        m_confusion->yAxis->setRange(-0.5, n - 0.5);
    }
    replotWhenShown(m_confusion);
}

void ChartsView::drawLoss(qint64 runId)
{
    m_loss->clearGraphs();
    const auto epochs = m_data.epochs.constFind(runId);
    if (epochs != m_data.epochs.constEnd()) {
        QCPGraph *train = m_loss->addGraph();
        train->setName(tr("training loss"));
        train->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
        QCPGraph *dev = m_loss->addGraph();
        dev->setName(tr("dev loss"));
        dev->setPen(QPen(QColor(0xff, 0x7f, 0x0e), 2, Qt::DashLine));
        for (const EpochRow &e : *epochs) {
            train->addData(e.epoch, e.trainLoss);
            if (e.devLoss)
                dev->addData(e.epoch, *e.devLoss);
        }
        QSharedPointer<QCPAxisTickerFixed> whole(new QCPAxisTickerFixed);
        whole->setTickStep(1);
        whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        m_loss->xAxis->setTicker(whole);
        m_loss->xAxis->setLabel(tr("Epoch"));
        m_loss->yAxis->setLabel(tr("Loss"));
        m_loss->legend->setVisible(true);
        m_loss->rescaleAxes();
    }
    replotWhenShown(m_loss);
}

void ChartsView::drawDistribution()
{
    m_distribution->clearPlottables();
    const QVector<LabelCount> &perLabel = m_data.perLabel;
    auto *pool = new QCPBars(m_distribution->xAxis, m_distribution->yAxis);
    auto *accepted = new QCPBars(m_distribution->xAxis, m_distribution->yAxis);
    auto *eval = new QCPBars(m_distribution->xAxis, m_distribution->yAxis);
    pool->setName(tr("pool"));
    accepted->setName(tr("pool, model's guess accepted"));
    eval->setName(tr("evaluation"));
    pool->setBrush(QColor(0x1f, 0x77, 0xb4));
    accepted->setBrush(QColor(0xae, 0xc7, 0xe8));
    eval->setBrush(QColor(0xff, 0x7f, 0x0e));
    accepted->moveAbove(pool);
    eval->moveAbove(accepted);
    QStringList names;
    double top = 1;
    for (int i = 0; i < perLabel.size(); ++i) {
        const LabelCount &c = perLabel.at(i);
        const qint64 byModel = std::min(c.pool, m_data.modelAccepted.value(c.label));
        pool->addData(i, double(c.pool - byModel));
        accepted->addData(i, double(byModel));
        eval->addData(i, c.eval);
        names << c.label;
        top = std::max(top, double(c.pool + c.eval));
    }
    // A legend entry only for what there is: the accepted bars once some guess was accepted.
    if (m_data.modelAccepted.isEmpty())
        if (QCPAbstractLegendItem *item = m_distribution->legend->itemWithPlottable(accepted))
            m_distribution->legend->removeItem(item);
    setCategoryTicks(m_distribution->xAxis, names);
    m_distribution->xAxis->setRange(-0.7, perLabel.size() - 0.3);
    m_distribution->yAxis->setRange(0, top * 1.15);
    const bool spans = m_data.task == TaskType::Ner;
    m_distribution->yAxis->setLabel(spans ? tr("Samples with this entity type") : tr("Labeled samples"));
    m_distribution->legend->setVisible(true);
    replotWhenShown(m_distribution);
}

void ChartsView::drawKappa()
{
    m_kappa->clearPlottables();
    QCPGraph *kappa = m_kappa->addGraph();
    kappa->setName(tr("kappa with previous run"));
    kappa->setPen(QPen(QColor(0x2c, 0xa0, 0x2c), 2));
    kappa->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    double maxX = 10;
    for (const ModelRunRecord &run : std::as_const(m_data.runs))
        if (run.stopKappa) {
            kappa->addData(run.trainLabels, *run.stopKappa);
            maxX = std::max(maxX, double(run.trainLabels));
        }
    QCPGraph *line = m_kappa->addGraph();
    line->setName(tr("stop at 0.99"));
    line->setPen(QPen(Qt::red, 1, Qt::DashLine));
    line->addData(0, 0.99);
    line->addData(maxX * 1.05, 0.99);
    m_kappa->xAxis->setRange(0, maxX * 1.05);
    m_kappa->yAxis->setRange(0, 1.02);
    m_kappa->xAxis->setLabel(tr("Labeled training samples"));
    m_kappa->yAxis->setLabel(tr("Cohen's kappa"));
    m_kappa->legend->setVisible(true);
    replotWhenShown(m_kappa);
}

QCustomPlot *ChartsView::currentPlot() const
{
    switch (m_tabs->currentIndex()) {
    case 1:
        return m_confusion;
    case 2:
        return m_distribution;
    default:
        return m_curve;
    }
}

bool ChartsView::saveCurrent(const QString &path)
{
    QCustomPlot *plot = currentPlot();
    if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return plot->savePdf(path, 900, 600);
    return plot->savePng(path, 900, 600, 2.0);
}

} // namespace marginalia::ui
