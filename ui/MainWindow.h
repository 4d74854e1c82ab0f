#pragma once
#include "ui/ModelClient.h"
#include "ui/ShortcutsDialog.h"

#include <QKeySequence>

#include <QMainWindow>
#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QToolBar;
class QUndoStack;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class BrowseView;
class ImageGridView;
class ImportPanel;
class ChartsView;
class ReviewView;
class LabelingView;
class StartPage;

// The studio window: start page, or an open project with the Label / Browse / Charts tabs (and Grid, after
// Label, for image projects), the model toolbar
// and a status bar that shows what the background model does.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ModelClientFactory modelFactory, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool openProject(const QString &path);
    void closeProject();
    ProjectStore *store() const { return m_store.get(); }
    ModelClient *model() const { return m_model.get(); }
    QUndoStack *undoStack() const { return m_undo; }

public Q_SLOTS:
    void newProject();
    void openProjectDialog();
    void openServerProjectDialog();
    void exportProject();
    void importFiles(const QStringList &paths);
    void trainNow();
    void learnFromUnlabeledText(); // Model ▸ Learn from unlabeled text
    void showShortcuts(); // Help ▸ Keyboard shortcuts
    // Who labels here: remembered across projects and sessions; the login name until one is set.
    static QString annotatorName();
    void setAnnotatorName(const QString &name);
    void askAnnotatorName(); // Edit ▸ Your name as annotator

Q_SIGNALS:
    void projectOpened(const QString &path);
    void demoRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void createUndoActions();
    QVector<ShortcutsDialog::Group> shortcutGroups() const; // every menu's actions
    QList<QKeySequence> studioShortcuts() const;
    // Sets a text now and again whenever the language changes (see retranslateUi).
    void translated(std::function<void()> setText);
    void retranslateUi();
    void createModelBar();
    void applyModelOptions();
    void editModelSettings();
    void setProjectActionsEnabled(bool enabled);
    void loadProjectSettings();
    void onLabeled(qint64 sampleId, bool evalSample);
    void watchProject();
    void onStateChanged(ml::WorkerState state, int round);
    void onRoundFinished(const ml::RoundSummary &summary);
    void onRoundFailed(const QString &message);
    void onPretrainingEnded(bool ok, const QString &message);
    void pretrainAfterImportIfWorthIt();
    void showLastRun();
    void addRecent(const QString &path);
    void setLanguage(const QString &locale);

    ModelClientFactory m_modelFactory;
    std::unique_ptr<ProjectStore> m_store;
    std::unique_ptr<ModelClient> m_model;
    QUndoStack *m_undo;
    int m_labelsSinceRound = 0;

    QStackedWidget *m_stack;
    StartPage *m_start;
    QTabWidget *m_tabs;
    LabelingView *m_labeling;
    BrowseView *m_browse;
    ChartsView *m_charts;
    ReviewView *m_review;
    ImageGridView *m_grid;
    QComboBox *m_strategy;
    QSpinBox *m_batchSize;
    QSpinBox *m_interval;
    QAction *m_trainAction = nullptr;
    QAction *m_pretrainAction = nullptr;
    QAction *m_exportAction = nullptr;
    QVector<QAction *> m_projectActions; // enabled only while a project is open
    QLabel *m_stateLabel;
    QLabel *m_deviceLabel;
    QLabel *m_runLabel;
    QLabel *m_annotatorLabel;
    ImportPanel *m_importPanel = nullptr;
    QToolBar *m_modelBar = nullptr;
    QMenu *m_editMenu = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QVector<std::function<void()>> m_retranslate;
    ml::WorkerState m_modelState = ml::WorkerState::Idle;
    int m_modelRound = 0;
    bool m_lastRoundFailed = false;
    QTimer *m_watchTimer = nullptr;
    qint64 m_lastSeenRun = 0;   // the newest finished run this window shows
    bool m_engineActive = false; // `marginalia engine` trains for the project
};

} // namespace marginalia::ui
