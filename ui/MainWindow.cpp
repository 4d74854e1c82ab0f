#include "ui/MainWindow.h"
#include "al/Strategies.h"
#include "settings/ModelSettings.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "store/ServerLocation.h"
#include "ui/BrowseView.h"
#include "ui/ChartsView.h"
#include "ui/ExportDialog.h"
#include "ui/ImageGridView.h"
#include "ui/ImportPanel.h"
#include "ui/LabelSetDialog.h"
#include "ui/LabelingView.h"
#include "ui/ModelSettingsDialog.h"
#include "ui/NewProjectWizard.h"
#include "ui/ProjectOpener.h"
#include "ui/ReviewView.h"
#include "store/EngineHeartbeat.h"
#include "store/ProcessTag.h"
#include "ui/SaveCopyDialog.h"
#include "ui/ShortcutsDialog.h"
#include "ui/StartPage.h"
#include "ui/Translations.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTimer>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginalia::ui {

namespace {
// Pool pretraining learns word vectors for the text classifier; spans and images do not use them.
bool learnsWordVectors(TaskType task) { return task != TaskType::Image; }
} // namespace

MainWindow::MainWindow(ModelClientFactory modelFactory, QWidget *parent)
    : QMainWindow(parent), m_modelFactory(std::move(modelFactory)), m_undo(new QUndoStack(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Marginalia"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/marginalia.png")));
    setAcceptDrops(true);

    m_stack = new QStackedWidget(this);
    m_start = new StartPage(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("projectTabs"));
    m_labeling = new LabelingView(this); // every task: its SampleEditor is picked when a project opens
    m_browse = new BrowseView(this);
    m_charts = new ChartsView(this);
    m_review = new ReviewView(this);
    m_grid = new ImageGridView(this); // a tab of image projects only (openProject)
    m_grid->hide();
    auto *importPanel = new ImportPanel(this);
    auto *labelPage = new QWidget(this);
    auto *labelLayout = new QVBoxLayout(labelPage);
    labelLayout->setContentsMargins(0, 0, 0, 0);
    labelLayout->addWidget(importPanel);
    labelLayout->addWidget(m_labeling, 1);
    m_tabs->addTab(labelPage, QString());
    m_tabs->addTab(m_browse, QString());
    m_tabs->addTab(m_review, QString());
    m_tabs->addTab(m_charts, QString());
    translated([this] {
        m_tabs->setTabText(0, tr("Label"));
        m_tabs->setTabText(m_tabs->indexOf(m_browse), tr("Browse"));
        m_tabs->setTabText(m_tabs->indexOf(m_review), tr("Review"));
        m_tabs->setTabText(m_tabs->indexOf(m_charts), tr("Charts"));
        if (const int grid = m_tabs->indexOf(m_grid); grid >= 0)
            m_tabs->setTabText(grid, tr("Grid"));
    });
    m_stack->addWidget(m_start);
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);

    connect(m_start, &StartPage::openRequested, this, &MainWindow::openProject);
    connect(m_start, &StartPage::newRequested, this, &MainWindow::newProject);
    connect(m_start, &StartPage::browseRequested, this, &MainWindow::openProjectDialog);
    connect(m_start, &StartPage::demoRequested, this, &MainWindow::demoRequested);
    connect(m_labeling, &LabelingView::labeled, this, &MainWindow::onLabeled);
    connect(m_labeling, &LabelingView::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_browse, &BrowseView::openRequested, this, [this](qint64 sampleId) {
        m_tabs->setCurrentIndex(0);
        m_labeling->openSample(sampleId, QLatin1String(m_browse->isSearching() ? Provenance::Search : Provenance::Browse));
    });
    connect(m_browse, &BrowseView::samplesChanged, this, [this] {
        m_labeling->recount();
        m_charts->reload();
    });
    connect(m_browse, &BrowseView::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_grid, &ImageGridView::openRequested, this, [this](qint64 sampleId) {
        m_tabs->setCurrentIndex(0);
        m_labeling->openSample(sampleId, QLatin1String(Provenance::Browse));
    });
    connect(m_grid, &ImageGridView::samplesChanged, this, [this](int labeled) {
        m_labeling->recount();
        m_charts->reload();
        if (labeled <= 0)
            return;
        // Labels given in the grid count towards the next round as well: one request however many there were.
        m_labelsSinceRound += labeled - 1;
        onLabeled(0, false);
    });
    connect(m_review, &ReviewView::samplesChanged, this, [this] {
        m_labeling->recount();
        m_charts->reload();
    });
    connect(m_review, &ReviewView::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_grid, &ImageGridView::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        QWidget *page = m_tabs->widget(index);
        if (index == 0) {
            m_labeling->setFocus();
        } else if (page == m_browse) {
            m_browse->reload();
        } else if (page == m_review) {
            m_review->reload(); // labels given elsewhere since, a finished audit
        } else if (page == m_grid) {
            m_grid->reload(); // labels given in the Label tab, a new run's guesses
            m_grid->listView()->setFocus();
        }
    });
    connect(this, &MainWindow::projectOpened, importPanel, [this, importPanel] { importPanel->setProject(m_store->path()); });
    connect(importPanel, &ImportPanel::finished, this, [this](bool ok) {
        m_labeling->reloadLabels();
        m_labeling->reloadSamples();
        m_charts->reload();
        m_grid->reloadLabels();
        if (m_tabs->currentWidget() == m_grid)
            m_grid->reload();
        if (ok)
            pretrainAfterImportIfWorthIt();
    });
    m_importPanel = importPanel;

    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("modelStateLabel"));
    m_deviceLabel = new QLabel(this);
    m_deviceLabel->setObjectName(QStringLiteral("deviceLabel"));
    m_runLabel = new QLabel(this);
    m_runLabel->setObjectName(QStringLiteral("lastRunLabel"));
    m_annotatorLabel = new QLabel(this);
    m_annotatorLabel->setObjectName(QStringLiteral("annotatorLabel"));
    statusBar()->addPermanentWidget(m_annotatorLabel);
    statusBar()->addPermanentWidget(m_runLabel);
    statusBar()->addPermanentWidget(m_stateLabel);
    statusBar()->addPermanentWidget(m_deviceLabel);

    m_watchTimer = new QTimer(this);
    m_watchTimer->setInterval(3000); // two small indexed reads; other processes' runs show within seconds
    connect(m_watchTimer, &QTimer::timeout, this, &MainWindow::watchProject);

    createMenus();
    createModelBar();
    setProjectActionsEnabled(false); // until a project opens
    m_stack->setCurrentWidget(m_start);

    QSettings settings;
    resize(1200, 800);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_start->setRecent(settings.value(QStringLiteral("recentProjects")).toStringList());
}

MainWindow::~MainWindow()
{
    closeProject();
}

void MainWindow::translated(std::function<void()> setText)
{
    setText();
    m_retranslate.push_back(std::move(setText));
}

void MainWindow::retranslateUi()
{
    for (const auto &setText : std::as_const(m_retranslate))
        setText();
    setWindowTitle(m_store ? tr("%1 — Marginalia").arg(projectTitle(m_store->path())) : tr("Marginalia"));
    if (m_lastRoundFailed)
        m_stateLabel->setText(tr("Model idle (last round failed)"));
    else
        onStateChanged(m_modelState, m_modelRound);
    showLastRun();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(QString());
    QAction *newAction = file->addAction(QString(), QKeySequence::New, this, &MainWindow::newProject);
    QAction *openAction = file->addAction(QString(), QKeySequence::Open, this, &MainWindow::openProjectDialog);
    QAction *openServer = file->addAction(QString(), this, &MainWindow::openServerProjectDialog);
    openServer->setObjectName(QStringLiteral("actionOpenServerProject"));
    QAction *import = file->addAction(QString(), this, [this] {
        if (m_store && m_store->task() == TaskType::Image) { // a folder of images, a subfolder per label
            const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a folder of images"));
            if (!folder.isEmpty())
                importFiles({folder});
            return;
        }
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import into the project"), QString(),
                                                                NewProjectWizard::dataFileFilter());
        importFiles(files);
    });
    import->setObjectName(QStringLiteral("actionImport"));
    m_exportAction = file->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportProject);
    m_exportAction->setObjectName(QStringLiteral("actionExport"));
    QAction *saveCopy = file->addAction(QString(), this, [this] {
        if (!m_store)
            return;
        if (auto *dialog = SaveCopyDialog::askAndStart(m_store->path(), this))
            connect(dialog, &SaveCopyDialog::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    });
    saveCopy->setObjectName(QStringLiteral("actionSaveCopy"));
    file->addSeparator();
    QAction *closeAction = file->addAction(QString(), this, &MainWindow::closeProject);
    m_projectActions << import << m_exportAction << saveCopy << closeAction;
    QAction *quit = file->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);
    translated([=] {
        file->setTitle(tr("&File"));
        newAction->setText(tr("&New project…"));
        openAction->setText(tr("&Open project…"));
        openServer->setText(tr("Open a project on a &server…"));
        import->setText(tr("&Import file…"));
        m_exportAction->setText(tr("&Export…"));
        saveCopy->setText(tr("&Save a Copy…"));
        closeAction->setText(tr("&Close project"));
        quit->setText(tr("&Quit"));
    });

    m_editMenu = menuBar()->addMenu(QString());
    QMenu *edit = m_editMenu;
    translated([this] { createUndoActions(); }); // their prefix is fixed when created

    edit->addSeparator();
    QAction *labelSet = edit->addAction(QString(), this, [this] {
        if (!m_store)
            return;
        auto *dialog = new LabelSetDialog(m_store.get(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setReservedShortcuts(studioShortcuts());
        connect(dialog, &LabelSetDialog::labelsChanged, this, [this] {
            m_labeling->reloadLabels();
            m_grid->reloadLabels();
            m_browse->setProject(m_store.get(), m_undo, annotatorName());
        });
        dialog->show();
    });
    labelSet->setObjectName(QStringLiteral("actionLabelSet"));
    m_projectActions << labelSet;
    QAction *name = edit->addAction(QString(), this, &MainWindow::askAnnotatorName);
    name->setObjectName(QStringLiteral("actionAnnotatorName"));
    translated([=] {
        edit->setTitle(tr("&Edit"));
        labelSet->setText(tr("&Label set…"));
        name->setText(tr("Your &name as annotator…"));
        name->setStatusTip(tr("The name your labels and reviews are recorded under, in every project."));
        m_annotatorLabel->setText(tr("Labeling as %1").arg(annotatorName()));
    });

    QMenu *labeling = menuBar()->addMenu(QString());
    labeling->setObjectName(QStringLiteral("labelingMenu"));
    labeling->addActions(m_labeling->commandActions());
    translated([=] { labeling->setTitle(tr("La&beling")); });

    QMenu *model = menuBar()->addMenu(QString());
    m_trainAction = model->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_T), this, &MainWindow::trainNow);
    m_trainAction->setObjectName(QStringLiteral("actionTrain"));
    QAction *stop = model->addAction(QString(), this, [this] {
        if (m_model)
            m_model->cancel();
    });
    m_pretrainAction = model->addAction(QString(), this, &MainWindow::learnFromUnlabeledText);
    m_pretrainAction->setObjectName(QStringLiteral("actionPretrain"));
    m_projectActions << m_pretrainAction;
    model->addSeparator();
    QAction *modelSettings = model->addAction(QString(), this, &MainWindow::editModelSettings);
    modelSettings->setObjectName(QStringLiteral("actionModelSettings"));
    m_projectActions << modelSettings;
    translated([=] {
        model->setTitle(tr("&Model"));
        m_trainAction->setText(tr("&Train now"));
        stop->setText(tr("&Stop training"));
        m_pretrainAction->setText(tr("&Learn from unlabeled text"));
        m_pretrainAction->setStatusTip(tr("Learn word vectors from the text of the pool in the background; the next "
                                          "rounds start from them."));
        modelSettings->setText(tr("S&ettings…"));
    });

    QMenu *language = menuBar()->addMenu(QString());
    language->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
    const QList<QPair<QString, QString>> choices = {{QStringLiteral("system"), QString()},
                                                    {QStringLiteral("en"), QStringLiteral("English")},
                                                    {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    QAction *system = nullptr;
    for (const auto &[code, name] : choices) {
        QAction *a = language->addAction(name);
        a->setObjectName(QStringLiteral("actionLanguage_%1").arg(code));
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
        const QString c = code;
        connect(a, &QAction::triggered, this, [this, c] { setLanguage(c); });
        if (!system)
            system = a;
    }
    QMenu *help = menuBar()->addMenu(QString());
    QAction *shortcuts = help->addAction(QString(), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    QAction *about = help->addAction(QString(), this, [this] {
        statusBar()->showMessage(tr("Marginalia: active-learning annotation studio."), 8000);
    });
    translated([=] {
        language->setTitle(tr("&Language"));
        system->setText(tr("System language"));
        help->setTitle(tr("&Help"));
        shortcuts->setText(tr("&Keyboard shortcuts…"));
        about->setText(tr("&About Marginalia"));
    });
}

QVector<ShortcutsDialog::Group> MainWindow::shortcutGroups() const
{
    QVector<ShortcutsDialog::Group> groups;
    for (QAction *menuAction : menuBar()->actions())
        if (QMenu *menu = menuAction->menu())
            groups.push_back({menu->title(), menu->actions()});
    return groups;
}

QList<QKeySequence> MainWindow::studioShortcuts() const
{
    QList<QKeySequence> keys;
    for (const ShortcutsDialog::Group &group : shortcutGroups())
        for (QAction *action : group.actions)
            keys += action->shortcuts();
    return keys;
}

void MainWindow::showShortcuts()
{
    QVector<Label> labels;
    if (m_store)
        if (auto read = m_store->labels())
            labels = *read;
    auto *dialog = new ShortcutsDialog(shortcutGroups(), labels, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::createUndoActions()
{
    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    undo->setObjectName(QStringLiteral("actionUndo"));
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setObjectName(QStringLiteral("actionRedo"));
    QAction *before = m_editMenu->actions().value(0); // the old undo action, or none yet
    m_editMenu->insertAction(before, undo);
    m_editMenu->insertAction(before, redo);
    delete m_undoAction;
    delete m_redoAction;
    m_undoAction = undo;
    m_redoAction = redo;
}

void MainWindow::createModelBar()
{
    QToolBar *bar = addToolBar(QString());
    m_modelBar = bar;
    bar->setEnabled(false);
    bar->setObjectName(QStringLiteral("modelBar"));
    auto *strategyLabel = new QLabel(bar);
    bar->addWidget(strategyLabel);
    m_strategy = new QComboBox(bar);
    m_strategy->setObjectName(QStringLiteral("strategyBox"));
    m_strategy->addItems(al::strategyNames(al::ScoreKind::ClassProbabilities));
    bar->addWidget(m_strategy);
    auto *batchLabel = new QLabel(bar);
    bar->addWidget(batchLabel);
    m_batchSize = new QSpinBox(bar);
    m_batchSize->setObjectName(QStringLiteral("batchSizeBox"));
    m_batchSize->setRange(1, 1000);
    bar->addWidget(m_batchSize);
    auto *intervalLabel = new QLabel(bar);
    bar->addWidget(intervalLabel);
    m_interval = new QSpinBox(bar);
    m_interval->setObjectName(QStringLiteral("intervalBox"));
    m_interval->setRange(1, 10000);
    bar->addWidget(m_interval);
    translated([=] {
        bar->setWindowTitle(tr("Model"));
        strategyLabel->setText(tr("Strategy "));
        batchLabel->setText(tr("  Batch "));
        intervalLabel->setText(tr("  Retrain every "));
        m_interval->setSuffix(tr(" labels"));
        m_batchSize->setToolTip(tr("How many picks each ranking chooses together, for the diverse batch strategies "
                                   "(they spread a batch over the pool). Other strategies rank the whole pool; after "
                                   "every round the queue follows the new ranking."));
    });
    bar->addSeparator();
    bar->addAction(m_trainAction);
    for (QWidget *w : {static_cast<QWidget *>(m_strategy), static_cast<QWidget *>(m_batchSize),
                       static_cast<QWidget *>(m_interval)})
        w->setFocusPolicy(Qt::ClickFocus); // never steal the labeling keys
    connect(m_strategy, &QComboBox::currentTextChanged, this, &MainWindow::applyModelOptions);
    connect(m_batchSize, &QSpinBox::valueChanged, this, &MainWindow::applyModelOptions);
    connect(m_interval, &QSpinBox::valueChanged, this, &MainWindow::applyModelOptions);
}

bool MainWindow::openProject(const QString &path)
{
    auto opened = openProjectWithProgress(this, path);
    if (!opened) {
        statusBar()->showMessage(tr("Could not open %1: %2").arg(path, opened.error()), 15000);
        return false;
    }
    closeProject();
    m_store = std::move(opened->store);
    const QStringList openNotices = opened->notices;
    m_undo->clear();
    m_labelsSinceRound = 0;
    m_model = m_modelFactory(path);
    connect(m_model.get(), &ModelClient::stateChanged, this, &MainWindow::onStateChanged);
    connect(m_model.get(), &ModelClient::roundFinished, this, &MainWindow::onRoundFinished);
    connect(m_model.get(), &ModelClient::roundFailed, this, &MainWindow::onRoundFailed);
    connect(m_model.get(), &ModelClient::deviceDetected, m_deviceLabel, &QLabel::setText);
    connect(m_model.get(), &ModelClient::pretrainingEnded, this, &MainWindow::onPretrainingEnded);
    connect(m_model.get(), &ModelClient::progress, this, [this](int done, int total, const QString &what) {
        statusBar()->showMessage(tr("%1: %2 of %3").arg(what).arg(done).arg(total), 3000);
    });
    m_deviceLabel->setText(m_model->deviceName());
    loadProjectSettings();
    const auto latestDone = m_store->latestRun(true);
    m_lastSeenRun = latestDone && latestDone->has_value() ? (*latestDone)->id : 0;
    m_engineActive = false;
    watchProject();
    m_watchTimer->start();
    // A server project also announces finished runs as they are stored; a file is polled by the timer alone.
    if (m_store->isServer()) {
        if (auto s = m_store->listenForChanges(); s)
            connect(m_store->database().driver(), &QSqlDriver::notification, this, &MainWindow::watchProject,
                    Qt::UniqueConnection);
        else
            statusBar()->showMessage(s.error(), 8000);
    }

    const QString annotator = annotatorName();
    m_labeling->setProject(m_store.get(), m_undo, annotator);
    m_browse->setProject(m_store.get(), m_undo, annotator);
    m_grid->setProject(m_store.get(), m_undo, annotator);
    m_review->setProject(m_store.get(), m_undo, annotator, m_model.get());
    m_charts->setStore(m_store.get());
    // Image projects label in batches in the grid too; other tasks have no pictures to show there.
    const int gridTab = m_tabs->indexOf(m_grid);
    if (m_store->task() == TaskType::Image && gridTab < 0)
        m_tabs->insertTab(1, m_grid, tr("Grid"));
    else if (m_store->task() != TaskType::Image && gridTab >= 0)
        m_tabs->removeTab(gridTab);
    onStateChanged(ml::WorkerState::Idle, 0);
    showLastRun();
    // A round cut short (the studio killed, a crash) was ended as "interrupted" by the open: say so once.
    if (const auto last = m_store->latestRun(false);
        last && last->has_value() && (*last)->status != QLatin1String("done") && (*last)->status != QLatin1String("running"))
        statusBar()->showMessage(tr("The last training round did not finish: %1").arg((*last)->error), 15000);
    // What opening changed in the file (an upgrade that removed old stored models) is said once, without blocking.
    if (const QStringList &notices = openNotices; !notices.isEmpty()) {
        statusBar()->showMessage(notices.join(QLatin1Char(' ')), 30000);
        auto *box = new QMessageBox(QMessageBox::Information, tr("Project upgraded"), notices.join(QStringLiteral("\n\n")),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("openNoticeBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    }
    m_stack->setCurrentWidget(m_tabs);
    m_modelBar->setEnabled(true);
    setProjectActionsEnabled(true);
    m_pretrainAction->setEnabled(learnsWordVectors(m_store->task())); // word vectors are for text
    m_tabs->setCurrentIndex(0);
    m_labeling->setFocus();
    setWindowTitle(tr("%1 — Marginalia").arg(projectTitle(path)));
    addRecent(path);
    Q_EMIT projectOpened(path);
    return true;
}

QString MainWindow::annotatorName()
{
    const QString stored = QSettings().value(QStringLiteral("annotator/name")).toString().trimmed();
    return stored.isEmpty() ? qEnvironmentVariable("USER", QStringLiteral("annotator")) : stored;
}

void MainWindow::setAnnotatorName(const QString &name)
{
    const QString trimmed = name.trimmed().left(100);
    if (trimmed.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("annotator/name"), trimmed);
    m_labeling->setAnnotator(trimmed);
    m_browse->setAnnotator(trimmed);
    m_grid->setAnnotator(trimmed);
    m_review->setReviewer(trimmed);
    m_annotatorLabel->setText(tr("Labeling as %1").arg(trimmed));
}

void MainWindow::askAnnotatorName()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("annotatorNameDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Your name as annotator"));
    dialog->setLabelText(tr("Your labels are recorded under this name, so that agreement, review and the annotator "
                            "counts can tell people apart:"));
    dialog->setTextValue(annotatorName());
    connect(dialog, &QInputDialog::textValueSelected, this, &MainWindow::setAnnotatorName);
    dialog->open();
}

void MainWindow::closeProject()
{
    m_watchTimer->stop();
    m_engineActive = false;
    // Stop the worker first (its destructor cancels and joins): labels are already committed one by one.
    m_model.reset();
    m_undo->clear();
    m_labeling->clearProject();
    m_browse->setProject(nullptr, nullptr, {});
    m_grid->setProject(nullptr, nullptr, {});
    m_review->setProject(nullptr, nullptr, {}, nullptr);
    m_charts->setStore(nullptr);
    m_store.reset();
    m_stack->setCurrentWidget(m_start);
    m_modelBar->setEnabled(false);
    setProjectActionsEnabled(false);
    setWindowTitle(tr("Marginalia"));
}

void MainWindow::loadProjectSettings()
{
    const QSignalBlocker b1(m_strategy), b2(m_batchSize), b3(m_interval);
    // The same options `marginalia train` uses; a stored value that is not valid here (a classifier strategy in
    // a span-labeling project, say) counts as its default.
    ml::TrainingOptions options = settings::trainingOptions(*m_store);
    // Leave a core to the GUI thread so labeling stays smooth while a round runs.
    options.threads = std::max(1, QThread::idealThreadCount() - 1);
    m_strategy->clear();
    m_strategy->addItems(settings::choices(*settings::find(QLatin1String(settings::kStrategy)), m_store->task()));
    m_strategy->setCurrentText(options.strategy);
    m_batchSize->setValue(options.batchSize);
    m_interval->setValue(settings::value(*m_store, settings::kRetrainInterval).toInt());
    m_model->setOptions(options);
}

void MainWindow::setProjectActionsEnabled(bool enabled)
{
    for (QAction *action : std::as_const(m_projectActions))
        action->setEnabled(enabled);
}

void MainWindow::editModelSettings()
{
    if (!m_store)
        return;
    auto *dialog = new ModelSettingsDialog(m_store.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Saved by the dialog; the model bar and the next round take them from the project.
    connect(dialog, &QDialog::accepted, this, [this] {
        if (m_store && m_model)
            loadProjectSettings();
    });
    dialog->open();
}

void MainWindow::applyModelOptions()
{
    if (!m_store || !m_model)
        return;
    ml::TrainingOptions options = m_model->options();
    options.strategy = m_strategy->currentText();
    options.batchSize = m_batchSize->value();
    m_model->setOptions(options);
    for (const auto &[key, text] : {std::pair{settings::kStrategy, options.strategy},
                                    std::pair{settings::kBatchSize, QString::number(options.batchSize)},
                                    std::pair{settings::kRetrainInterval, QString::number(m_interval->value())}})
        if (auto s = settings::setValue(*m_store, QLatin1String(key), text, settings::Studio); !s)
            statusBar()->showMessage(s.error(), 10000);
}

void MainWindow::onLabeled(qint64, bool)
{
    if (++m_labelsSinceRound < m_interval->value())
        return;
    if (m_engineActive) { // `marginalia engine` retrains for every studio on the project
        m_labelsSinceRound = 0;
        return;
    }
    trainNow();
}

// What other processes did to the project: a run stored by the engine (or `marginalia train`) replaces the queue's
// ranking and the charts as a round of this studio would, and a running engine takes over the retraining.
void MainWindow::watchProject()
{
    if (!m_store)
        return;
    // Labels kept on this computer while the server was away go out as soon as it answers.
    if (const int waiting = m_store->outboxSize(); waiting > 0) {
        const auto sent = m_store->flushOutbox(); // succeeds only once nothing waits any more
        if (sent)
            statusBar()->showMessage(tr("The server answers again: %n label(s) kept on this computer were sent.", nullptr,
                                        *sent),
                                     8000);
        else
            statusBar()->showMessage(tr("The server cannot be reached: %n label(s) are kept on this computer and sent when "
                                        "it answers.",
                                        nullptr, waiting),
                                     8000);
    }
    const auto engine = activeEngine(*m_store);
    const bool engineNow = engine && engine->has_value();
    if (engineNow != m_engineActive) {
        m_engineActive = engineNow;
        statusBar()->showMessage(engineNow ? tr("An engine trains for this project now; this studio leaves retraining "
                                                "to it.")
                                           : tr("The engine stopped; this studio retrains again."),
                                 8000);
        onStateChanged(m_modelState, m_modelRound);
    }
    const auto latest = m_store->latestRun(true);
    if (!latest || !latest->has_value() || (*latest)->id <= m_lastSeenRun)
        return;
    // This studio's own round is stored before its roundFinished arrives: that one is shown by onRoundFinished.
    QSqlQuery owner(m_store->database());
    owner.prepare(QStringLiteral("SELECT owner FROM model_runs WHERE id = ?"));
    owner.addBindValue((*latest)->id);
    if (owner.exec() && owner.next() && owner.value(0).toString() == thisProcessTag())
        return;
    m_lastSeenRun = (*latest)->id;
    m_labeling->refreshRanking();
    if (m_tabs->currentWidget() == m_grid)
        m_grid->reload();
    m_charts->reload();
    showLastRun();
    statusBar()->showMessage(tr("Run %1 from another process ranks the queue now.").arg(m_lastSeenRun), 8000);
}

void MainWindow::trainNow()
{
    if (!m_model)
        return;
    m_labelsSinceRound = 0;
    m_model->requestRound();
}

void MainWindow::onStateChanged(ml::WorkerState state, int round)
{
    m_modelState = state;
    m_modelRound = round;
    m_lastRoundFailed = false;
    m_stateLabel->setToolTip(QString());
    switch (state) {
    case ml::WorkerState::Idle:
        m_stateLabel->setText(m_engineActive ? tr("Model trained by the engine") : tr("Model idle"));
        break;
    case ml::WorkerState::Training:
        m_stateLabel->setText(tr("Training round %1").arg(round));
        break;
    case ml::WorkerState::Scoring:
        m_stateLabel->setText(tr("Scoring the pool (round %1)").arg(round));
        break;
    case ml::WorkerState::Pretraining:
        m_stateLabel->setText(tr("Learning word vectors"));
        break;
    case ml::WorkerState::Auditing:
        m_stateLabel->setText(tr("Looking for wrong labels"));
        break;
    }
}

void MainWindow::onRoundFinished(const ml::RoundSummary &summary)
{
    m_lastSeenRun = std::max(m_lastSeenRun, summary.runId); // this studio's own: already shown below
    m_labeling->refreshRanking();
    if (m_tabs->currentWidget() == m_grid)
        m_grid->reload(); // the new run's guesses (else read when the tab is shown)
    m_charts->reload();
    showLastRun();
    if (summary.suggestStop)
        statusBar()->showMessage(tr("The model's predictions have stopped changing: more labels may not help much."), 15000);
}

void MainWindow::onRoundFailed(const QString &message)
{
    // Labeling goes on; the message stays visible in the status bar and the state label.
    statusBar()->showMessage(tr("Training failed: %1").arg(message), 20000);
    m_stateLabel->setText(tr("Model idle (last round failed)"));
    m_stateLabel->setToolTip(message); // the reason stays at hand once the message times out
    m_lastRoundFailed = true;
}

void MainWindow::showLastRun()
{
    if (!m_store)
        return;
    auto run = m_store->latestRun(true);
    if (!run || !run->has_value()) {
        m_runLabel->setText(tr("No model yet"));
        return;
    }
    // Without labeled evaluation samples there is no score: a 0.000 would read as a model that learned nothing.
    if ((*run)->evalLabels == 0) {
        m_runLabel->setText(m_store->task() == TaskType::Ner
                                ? tr("Last run: %1 labeled sentences, no labeled evaluation sentences to score it on")
                                      .arg((*run)->trainLabels)
                                : tr("Last run: %1 labels, no labeled evaluation samples to score it on")
                                      .arg((*run)->trainLabels));
        return;
    }
    double macroF1 = 0;
    if (auto metrics = m_store->runMetrics((*run)->id))
        for (const MetricRow &row : *metrics)
            if (row.isAverage && row.name == QLatin1String("macro avg") && row.level == QLatin1String("label"))
                macroF1 = row.f1;
    m_runLabel->setText(m_store->task() == TaskType::Ner
                            ? tr("Last run: %1 labeled sentences, entity macro-F1 %2")
                                  .arg((*run)->trainLabels)
                                  .arg(macroF1, 0, 'f', 3)
                            : tr("Last run: %1 labels, macro-F1 %2").arg((*run)->trainLabels).arg(macroF1, 0, 'f', 3));
}

void MainWindow::newProject()
{
    auto *wizard = new NewProjectWizard(this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &NewProjectWizard::projectCreated, this, [this](const QString &path, const QString &importPath,
                                                                    const ImportOptions &options) {
        if (!openProject(path))
            return;
        if (!importPath.isEmpty())
            m_importPanel->start(importPath, options);
    });
    wizard->open();
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                                      tr("Marginalia projects (*.marginalia);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::openServerProjectDialog()
{
    bool ok = false;
    const QString location =
        QInputDialog::getText(this, tr("Open a project on a server"),
                              tr("Location of the project on a PostgreSQL server, e.g.\n"
                                 "postgresql://ann@db.example.org/labels?project=news\n"
                                 "(a password is better kept in ~/.pgpass than typed here)."),
                              QLineEdit::Normal, QStringLiteral("postgresql://"), &ok)
            .trimmed();
    if (!ok || location.isEmpty())
        return;
    if (const auto parsed = parseServerLocation(location); !parsed) {
        QMessageBox::warning(this, tr("Open a project on a server"), parsed.error());
        return;
    }
    openProject(location);
}

void MainWindow::exportProject()
{
    if (!m_store)
        return;
    auto *dialog = new ExportDialog(m_store->path(), m_store->task(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::importFiles(const QStringList &paths)
{
    if (!m_store || paths.isEmpty())
        return;
    ImportOptions options;
    options.evalFraction = settings::value(*m_store, settings::kEvalFraction).toDouble();
    m_importPanel->start(paths.first(), options);
    for (int i = 1; i < paths.size(); ++i)
        m_importPanel->enqueue(paths.at(i), options);
}

void MainWindow::learnFromUnlabeledText()
{
    if (!m_model || !m_store || !learnsWordVectors(m_store->task()))
        return;
    m_model->requestPretraining();
    statusBar()->showMessage(tr("Learning word vectors from the pool's text in the background…"), 5000);
}

// Vectors pay off from the first labels (see ml/PoolPretraining.h), so an import starts learning them when the
// project has none yet or its pool has grown by half since they were learned.
void MainWindow::pretrainAfterImportIfWorthIt()
{
    if (!m_store || !m_model || !learnsWordVectors(m_store->task()) || !settings::roundsReadPoolVectors(*m_store))
        return;
    const auto vectors = m_store->poolVectors(false);
    SampleFilter pool;
    pool.split = Split::Pool;
    const auto poolSize = m_store->countSamples(pool);
    if (!vectors || !poolSize || *poolSize == 0)
        return;
    if (!*vectors || *poolSize >= (*vectors)->samples * 3 / 2)
        learnFromUnlabeledText();
}

void MainWindow::onPretrainingEnded(bool ok, const QString &message)
{
    statusBar()->showMessage(ok ? message : tr("Word vectors were not learned: %1").arg(message), 15000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_store && event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    importFiles(paths);
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentProjects")).toStringList();
    const QString absolute = rememberedLocation(path); // never a server password
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > 10)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentProjects"), recent);
    m_start->setRecent(recent);
}

void MainWindow::setLanguage(const QString &locale)
{
    QSettings().setValue(QStringLiteral("language"), locale);
    installTranslations(locale); // every window retranslates itself on the LanguageChange that follows
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    closeProject();
    event->accept();
}

} // namespace marginalia::ui
