#pragma once
#include "ui/ChartData.h"

#include <QFutureWatcher>
#include <QSet>
#include <QWidget>
#include <functional>

class QComboBox;
class QCustomPlot;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class LearningCurvePlot;

// Every chart of the project, read from the store: the learning curve, one run's report/confusion/loss, the
// label distribution and the stopping signal. setStore() reads and draws at once (a project just opened);
// reload() (a run finished, an import ended) reads on a pool thread with its own connection and then applies
// the charts one per event-loop turn, so the annotator's keys are never kept waiting. Hidden plots are
// replotted when they are shown.
class ChartsView : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsView(QWidget *parent = nullptr);
    ~ChartsView() override;
    void setStore(const ProjectStore *store);
    void reload();
    bool isLoading() const { return m_loading || !m_steps.isEmpty(); }
    LearningCurvePlot *learningCurve() const { return m_curve; }
    // Saves the plot(s) of the visible tab; the suffix (.png or .pdf) picks the format.
    bool saveCurrent(const QString &path);

Q_SIGNALS:
    void loaded(); // the last reload is drawn

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void onLoaded();
    void apply(ChartData data, bool now);
    void runNextStep();
    void fillRunBox();
    void showRun(int index);
    void drawReport(qint64 runId);
    void drawConfusion(qint64 runId);
    void drawLoss(qint64 runId);
    void drawDistribution();
    void drawKappa();
    void replotWhenShown(QCustomPlot *plot);
    QCustomPlot *currentPlot() const;

    const ProjectStore *m_store = nullptr;
    ChartData m_data;
    QFutureWatcher<Result<ChartData>> m_watcher;
    bool m_loading = false;
    bool m_reloadAgain = false;
    int m_generation = 0;     // bumped when the project changes, so a read of the previous one is dropped
    int m_loadGeneration = 0;
    bool m_stepQueued = false;
    QVector<std::function<void()>> m_steps; // what is left to draw of the latest reload
    QSet<QCustomPlot *> m_stale;            // replotted when shown

    QTabWidget *m_tabs;
    LearningCurvePlot *m_curve;
    QComboBox *m_runBox;
    QTableWidget *m_report;
    QCustomPlot *m_confusion;
    QCustomPlot *m_loss;
    QCustomPlot *m_distribution;
    QCustomPlot *m_kappa;
    QPushButton *m_savePng;
    QPushButton *m_savePdf;
};

} // namespace marginalia::ui
