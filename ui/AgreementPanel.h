#pragma once
#include "task/ProjectAgreement.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace marginalia::ui {

// How far the annotators agree on the samples two or more of them labeled (task/ProjectAgreement.h): the overall
// figures, Cohen's kappa for every pair, and Krippendorff's alpha and Fleiss' kappa per label as bars, the same
// figures `marginalia agreement` prints.
class AgreementPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AgreementPanel(QWidget *parent = nullptr);
    // `agreement` absent: `why` says (no overlap yet, or span labeling).
    void setAgreement(const std::optional<task::ProjectAgreement> &agreement, const QString &why = {});
    QTableWidget *pairs() const { return m_pairs; }
    QCustomPlot *plot() const { return m_plot; }
    QString summary() const;

private:
    void changeEvent(QEvent *event) override;
    void redraw();

    std::optional<task::ProjectAgreement> m_agreement;
    QString m_why;
    QLabel *m_summary;
    QTableWidget *m_pairs;
    QCustomPlot *m_plot;
};

} // namespace marginalia::ui
