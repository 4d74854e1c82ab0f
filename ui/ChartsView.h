#pragma once
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QTableWidget;
class QTabWidget;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class LearningCurvePlot;

// Every chart of the project, read from the store: the learning curve, one run's report/confusion/loss, the
// label distribution and the stopping signal. reload() redraws after a run finishes or a project opens.
class ChartsView : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsView(QWidget *parent = nullptr);
    void setStore(const ProjectStore *store);
    void reload();
    LearningCurvePlot *learningCurve() const { return m_curve; }
    // Saves the plot(s) of the visible tab; the suffix (.png or .pdf) picks the format.
    bool saveCurrent(const QString &path);

private:
    void showRun(int index);
    void reloadDistribution();
    QCustomPlot *currentPlot() const;

    const ProjectStore *m_store = nullptr;
    QTabWidget *m_tabs;
    LearningCurvePlot *m_curve;
    QComboBox *m_runBox;
    QTableWidget *m_report;
    QCustomPlot *m_confusion;
    QCustomPlot *m_loss;
    QCustomPlot *m_distribution;
    QCustomPlot *m_kappa;
};

} // namespace marginalia::ui
