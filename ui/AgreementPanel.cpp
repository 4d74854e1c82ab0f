#include "ui/AgreementPanel.h"
#include "ui/Plot.h"
#include "ui/PlotLabels.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginalia::ui {

namespace {
QString figure(const std::optional<double> &v)
{
    return v ? QLocale().toString(*v, 'f', 3) : QStringLiteral("–");
}
} // namespace

AgreementPanel::AgreementPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("agreementPanel"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("agreementSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pairs = new QTableWidget(0, 4, this);
    m_pairs->setObjectName(QStringLiteral("agreementPairs"));
    m_pairs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pairs->verticalHeader()->hide();
    m_pairs->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("agreementPlot"));
    m_plot->setMinimumHeight(220);
    enableCategoryToolTips(m_plot);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_pairs);
    split->addWidget(m_plot);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    redraw();
}

void AgreementPanel::setAgreement(const std::optional<task::ProjectAgreement> &agreement, const QString &why)
{
    m_agreement = agreement;
    m_why = why;
    redraw();
}

QString AgreementPanel::summary() const { return m_summary->text(); }

void AgreementPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        redraw();
    QWidget::changeEvent(event);
}

void AgreementPanel::redraw()
{
    m_pairs->setHorizontalHeaderLabels({tr("Annotator"), tr("Annotator"), tr("Samples both labeled"), tr("Cohen's kappa")});
    m_plot->clearPlottables();
    m_pairs->setRowCount(0);
    if (!m_agreement || m_agreement->overall.units == 0) {
        m_summary->setText(!m_why.isEmpty() ? m_why
                                            : tr("No sample was labeled by two annotators yet. Import each person's "
                                                 "labels with --annotator NAME, or label with several studios and an "
                                                 "overlap share (Model > Settings)."));
        m_plot->replot();
        return;
    }
    const metrics::AgreementFigures &all = m_agreement->overall;
    m_summary->setText(tr("%n annotator(s); %1 samples labeled by two or more. Fleiss' kappa %2 (over the %3 samples "
                          "everyone labeled), Krippendorff's alpha %4.",
                          nullptr, int(m_agreement->annotators.size()))
                           .arg(all.units)
                           .arg(figure(all.fleissKappa))
                           .arg(all.fleissUnits)
                           .arg(figure(all.krippendorffAlpha)));
    const auto nameOf = [this](const QString &a) { return a.isEmpty() ? tr("(unnamed)") : a; };
    m_pairs->setRowCount(int(all.pairs.size()));
    for (int row = 0; row < all.pairs.size(); ++row) {
        const metrics::PairAgreement &p = all.pairs[row];
        const QString cells[] = {nameOf(p.a), nameOf(p.b), QLocale().toString(p.items), figure(p.cohenKappa)};
        for (int c = 0; c < 4; ++c)
            m_pairs->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    // Per label: alpha and Fleiss' kappa of "has the label", side by side; a label without a figure has no bar.
    auto *alpha = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    auto *fleiss = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    alpha->setName(tr("Krippendorff's alpha"));
    fleiss->setName(tr("Fleiss' kappa"));
    alpha->setBrush(QColor(0x1f, 0x77, 0xb4));
    fleiss->setBrush(QColor(0xff, 0x7f, 0x0e));
    alpha->setWidth(0.38);
    fleiss->setWidth(0.38);
    QStringList names;
    double low = 0;
    for (int i = 0; i < m_agreement->perLabel.size(); ++i) {
        const task::LabelAgreement &l = m_agreement->perLabel[i];
        names << l.label;
        if (l.krippendorffAlpha) {
            alpha->addData(i - 0.2, *l.krippendorffAlpha);
            low = std::min(low, *l.krippendorffAlpha);
        }
        if (l.fleissKappa) {
            fleiss->addData(i + 0.2, *l.fleissKappa);
            low = std::min(low, *l.fleissKappa);
        }
    }
    setCategoryTicks(m_plot->xAxis, names);
    m_plot->xAxis->setRange(-0.7, names.size() - 0.3);
    m_plot->yAxis->setRange(std::max(-1.0, low - 0.1), 1.05);
    m_plot->yAxis->setLabel(tr("Agreement on the label (1 = perfect, 0 = chance)"));
    m_plot->legend->setVisible(true);
    placeLegendBelow(m_plot, 2);
    m_plot->replot();
}

} // namespace marginalia::ui
