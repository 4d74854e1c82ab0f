// Studio workflows beyond single-label keys: multi-label toggling with Enter to commit and undo/redo, files
// dropped on the window importing into the open project without a dialog, and the language switch applied
// to the open windows at once.
#include "ScriptedModelClient.h"
#include "store/EngineHeartbeat.h"
#include "store/ProjectStore.h"
#include "ui/ImportPanel.h"
#include "ui/DemoProject.h"
#include "ui/LabelingView.h"
#include "ui/MainWindow.h"
#include "ui/ModelSettingsDialog.h"
#include "ui/NewProjectWizard.h"
#include "ui/SettingsForm.h"
#include "settings/ProjectSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStatusBar>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QLineEdit>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

namespace {
std::unique_ptr<MainWindow> makeWindow()
{
    auto window = std::make_unique<MainWindow>(
        [](const QString &path) { return std::make_unique<ScriptedModelClient>(path); });
    window->show();
    return window;
}

// A project of `count` pool samples with the given task and labels.
QString makeProject(const QTemporaryDir &dir, const QString &name, TaskType task, const QStringList &labels, int count)
{
    const QString path = dir.filePath(name);
    auto store = ProjectStore::create(path, task, labels);
    if (!store)
        return QString();
    for (int i = 0; i < count; ++i) {
        Sample sample;
        sample.text = QStringLiteral("Sample number %1 about things.").arg(i);
        if (!(*store)->addSample(sample))
            return QString();
    }
    return path;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}
} // namespace

class TestStudioWorkflows : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QStringList currentLabels(MainWindow &window, qint64 sampleId)
    {
        auto a = window.store()->currentAnnotation(sampleId);
        if (!a || !a->has_value() || (*a)->cleared)
            return {};
        return sorted((*a)->labels);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // One set of settings: what `marginalia config` sets is what the studio trains with, and what the studio's
    // model bar and Model > Settings… set is what `marginalia train` uses.
    void settingsAreSharedWithTheCli()
    {
        const QString path = m_dir.filePath(QStringLiteral("settings.marginalia"));
        QVERIFY(createDemoProject(path));
        const auto cli = [](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral(MARGINALIA_BINARY), args);
            p.waitForFinished(120000);
            return QPair<int, QByteArray>(p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError());
        };
        QCOMPARE(cli({QStringLiteral("config"), path, QStringLiteral("model.strategy"), QStringLiteral("entropy")}).first, 0);
        QCOMPARE(cli({QStringLiteral("config"), path, QStringLiteral("model.epochs"), QStringLiteral("7")}).first, 0);
        {
            auto window = makeWindow();
            QVERIFY(window->openProject(path));
            QCOMPARE(window->model()->options().strategy, QStringLiteral("entropy"));
            QCOMPARE(window->model()->options().epochs, 7);
            QCOMPARE(window->findChild<QComboBox *>(QStringLiteral("strategyBox"))->currentText(), QStringLiteral("entropy"));

            window->findChild<QAction *>(QStringLiteral("actionModelSettings"))->trigger();
            auto *dialog = window->findChild<ModelSettingsDialog *>(QStringLiteral("modelSettingsDialog"));
            QVERIFY(dialog);
            QVERIFY(!dialog->editor(QStringLiteral("model.image_backbone"))); // an image setting: not for text
            QVERIFY(dialog->editor(QStringLiteral("model.pretrained_vectors"))->findChild<QLineEdit *>()); // with Browse…
            auto *encoder = dialog->editor(QStringLiteral("model.text_encoder"))->findChild<QLineEdit *>();
            QVERIFY(encoder);
            // With an encoder named, the built-in classifier's own settings are off, and on again without one.
            QVERIFY(dialog->editor(QStringLiteral("model.embedding_dim"))->isEnabled());
            encoder->setText(QStringLiteral("bert.pt"));
            for (const char *key : {"model.embedding_dim", "model.hidden_dim", "model.learning_rate", "model.augment",
                                    "model.pretrained_vectors", "model.pool_vectors"})
                QVERIFY2(!dialog->editor(QLatin1String(key))->isEnabled(), key);
            QVERIFY(dialog->editor(QStringLiteral("model.epochs"))->isEnabled()); // the head's epochs
            QVERIFY(dialog->editor(QStringLiteral("model.encoder_finetune"))->isEnabled());
            encoder->clear();
            QVERIFY(dialog->editor(QStringLiteral("model.embedding_dim"))->isEnabled());
            QVERIFY(!dialog->editor(QStringLiteral("model.encoder_finetune"))->isEnabled()); // only with an encoder
            QVERIFY(!dialog->editor(QStringLiteral("model.text_encoder_vocab"))->isEnabled());
            // A word vector file replaces the vectors learned from the pool.
            QVERIFY(dialog->editor(QStringLiteral("model.pool_vectors"))->isEnabled());
            auto *vectors = dialog->editor(QStringLiteral("model.pretrained_vectors"))->findChild<QLineEdit *>();
            vectors->setText(QStringLiteral("wiki.zh.vec"));
            QVERIFY(!dialog->editor(QStringLiteral("model.pool_vectors"))->isEnabled());
            QVERIFY(!dialog->editor(QStringLiteral("model.pretrain_method"))->isEnabled());
            QVERIFY(dialog->editor(QStringLiteral("model.embedding_dim"))->isEnabled());
            vectors->clear();
            QVERIFY(dialog->editor(QStringLiteral("model.pool_vectors"))->isEnabled());
            qobject_cast<QSpinBox *>(dialog->editor(QStringLiteral("model.epochs")))->setValue(4);
            qobject_cast<QComboBox *>(dialog->editor(QStringLiteral("model.strategy")))->setCurrentText(QStringLiteral("bald"));
            dialog->accept();
            QCOMPARE(window->model()->options().epochs, 4);
            QCOMPARE(window->model()->options().strategy, QStringLiteral("bald"));
            QCOMPARE(window->findChild<QComboBox *>(QStringLiteral("strategyBox"))->currentText(), QStringLiteral("bald"));
            window->findChild<QSpinBox *>(QStringLiteral("batchSizeBox"))->setValue(11);
            window->close();
        }
        const auto trained = cli({QStringLiteral("train"), path, QStringLiteral("--json")});
        QVERIFY2(trained.first == 0, trained.second.constData());
        const QJsonObject options = QJsonDocument::fromJson(trained.second.left(trained.second.indexOf('\n')))
                                        .object()
                                        .value(QStringLiteral("options"))
                                        .toObject();
        QCOMPARE(options.value(QStringLiteral("strategy")).toString(), QStringLiteral("bald"));
        QCOMPARE(options.value(QStringLiteral("epochs")).toInt(), 4);
        QCOMPARE(options.value(QStringLiteral("batch_size")).toInt(), 11);
    }

    // The wizard's last page names what the model starts from; a file that is not there is refused before the
    // project is made, and only what differs from the defaults is stored.
    void wizardChoosesWhatTheModelStartsFrom()
    {
        const QString vectorFile = m_dir.filePath(QStringLiteral("wizard.vec"));
        {
            QFile f(vectorFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("2 3\nrefund 0.1 0.2 0.3\nparcel 0.3 0.1 0.2\n");
        }
        NewProjectWizard wizard;
        SettingsForm *form = wizard.modelForm();
        const QStringList textKeys{QStringLiteral("model.pool_vectors"), QStringLiteral("model.pretrained_vectors"),
                                   QStringLiteral("model.text_encoder"), QStringLiteral("model.text_encoder_vocab")};
        QCOMPARE(form->keys(), textKeys);
        const auto poolVectorsOn = [&] {
            return qobject_cast<QCheckBox *>(wizard.modelForm()->editor(QStringLiteral("model.pool_vectors")))->isChecked();
        };
        QVERIFY(poolVectorsOn()); // a text project learns from its pool by default
        const auto chooseTask = [&](TaskType task) {
            wizard.taskBox()->setCurrentIndex(wizard.taskBox()->findData(taskTypeName(task)));
        };
        chooseTask(TaskType::Image);
        QCOMPARE(wizard.modelForm()->keys(), QStringList{QStringLiteral("model.image_backbone")});
        chooseTask(TaskType::Ner);
        QCOMPARE(wizard.modelForm()->keys(), textKeys);
        QVERIFY(poolVectorsOn()); // span labeling too: its tagger reads word classes from them
        chooseTask(TaskType::TextCat);
        form = wizard.modelForm();
        QVERIFY(poolVectorsOn());

        const QString project = m_dir.filePath(QStringLiteral("wizard-model.marginalia"));
        wizard.projectPathEdit()->setText(project);
        auto *vectors = form->editor(QStringLiteral("model.pretrained_vectors"))->findChild<QLineEdit *>();
        vectors->setText(m_dir.filePath(QStringLiteral("missing.vec")));
        QSignalSpy created(&wizard, &NewProjectWizard::projectCreated);
        wizard.accept();
        QCOMPARE(created.size(), 0);
        QVERIFY(!QFile::exists(project));
        QVERIFY2(wizard.page(wizard.pageIds().constLast())->subTitle().contains(QStringLiteral("missing.vec")),
                 qPrintable(wizard.page(wizard.pageIds().constLast())->subTitle()));

        vectors->setText(vectorFile);
        QVERIFY(!form->editor(QStringLiteral("model.pool_vectors"))->isEnabled()); // the file replaces them
        wizard.accept();
        QCOMPARE(created.size(), 1);
        auto store = ProjectStore::open(project);
        QVERIFY(store);
        QCOMPARE(settings::value(**store, settings::kPretrainedVectors).toString(), vectorFile);
        // Left at their defaults, the other settings are not stored: the project follows the defaults.
        QCOMPARE((*store)->setting(QLatin1String(settings::kUsePoolVectors), QStringLiteral("unset")).value(),
                 QStringLiteral("unset"));
        QCOMPARE((*store)->setting(QLatin1String(settings::kTextEncoder), QStringLiteral("unset")).value(),
                 QStringLiteral("unset"));
    }

    void multiLabelKeysToggleAndEnterCommits()
    {
        const QString path = makeProject(m_dir, QStringLiteral("multi.marginalia"), TaskType::MultiLabel,
                                         {QStringLiteral("urgent"), QStringLiteral("billing"), QStringLiteral("refund")}, 12);
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        QVERIFY(view);
        auto button = [&](int i) { return view->findChild<QPushButton *>(QStringLiteral("labelButton_%1").arg(i)); };
        QVERIFY(button(0)->isCheckable());

        const qint64 first = view->currentSampleId();
        QVERIFY(first != 0);
        QTest::keyClick(view, '1');
        QTest::keyClick(view, '3');
        QVERIFY(button(0)->isChecked() && !button(1)->isChecked() && button(2)->isChecked());
        QTest::keyClick(view, '3'); // toggles off again
        QTest::keyClick(view, '2');
        QVERIFY(button(0)->isChecked() && button(1)->isChecked() && !button(2)->isChecked());
        // Toggling writes nothing and stays on the sample; Enter commits the selection and advances.
        QCOMPARE(view->currentSampleId(), first);
        QCOMPARE(currentLabels(*window, first), QStringList());
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(currentLabels(*window, first), sorted({QStringLiteral("urgent"), QStringLiteral("billing")}));
        const qint64 second = view->currentSampleId();
        QVERIFY(second != 0 && second != first);
        QVERIFY(!button(0)->isChecked() && !button(1)->isChecked() && !button(2)->isChecked());

        QTest::keyClick(view, '3');
        QTest::keyClick(view, Qt::Key_Enter);
        QCOMPARE(currentLabels(*window, second), QStringList({QStringLiteral("refund")}));
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), qint64(2));

        auto *undo = window->findChild<QAction *>(QStringLiteral("actionUndo"));
        auto *redo = window->findChild<QAction *>(QStringLiteral("actionRedo"));
        QVERIFY(undo && redo);
        undo->trigger();
        QCOMPARE(currentLabels(*window, second), QStringList());
        QCOMPARE(view->currentSampleId(), second);
        undo->trigger();
        QCOMPARE(currentLabels(*window, first), QStringList());
        QCOMPARE(view->currentSampleId(), first);
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), qint64(0));
        redo->trigger();
        QCOMPARE(currentLabels(*window, first), sorted({QStringLiteral("urgent"), QStringLiteral("billing")}));
        redo->trigger();
        QCOMPARE(currentLabels(*window, second), QStringList({QStringLiteral("refund")}));
        // Reopened, the project holds exactly those labels.
        window->closeProject();
        auto reopened = ProjectStore::open(path);
        QVERIFY(reopened);
        QCOMPARE(sorted((*reopened)->currentAnnotation(first).value()->labels),
                 sorted({QStringLiteral("urgent"), QStringLiteral("billing")}));
        QCOMPARE((*reopened)->currentAnnotation(second).value()->labels, QStringList({QStringLiteral("refund")}));
    }

    void droppedFilesImportIntoTheOpenProject()
    {
        const QString path = makeProject(m_dir, QStringLiteral("drop.marginalia"), TaskType::TextCat,
                                         {QStringLiteral("spam"), QStringLiteral("ham")}, 3);
        QVERIFY(!path.isEmpty());
        const QString data = m_dir.filePath(QStringLiteral("dropped.jsonl"));
        {
            QFile file(data);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < 40; ++i)
                file.write(QStringLiteral("{\"text\": \"Dropped message %1 arrives\"}\n").arg(i).toUtf8());
        }
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *panel = window->findChild<ImportPanel *>(QStringLiteral("importPanel"));
        QVERIFY(panel);
        QVERIFY(!panel->isVisible());
        QSignalSpy finished(panel, &ImportPanel::finished);

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(data)});
        const QPointF at(window->width() / 2.0, window->height() / 2.0);
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.get(), &drop);

        // Progress shows inline above the labeling view; nothing modal blocks the window.
        QVERIFY(panel->isVisible());
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        QCOMPARE(window->store()->countSamples().value(), qint64(43));
        const QString title = panel->findChild<QLabel *>(QStringLiteral("importTitle"))->text();
        QVERIFY2(title.contains(QStringLiteral("dropped.jsonl")) && title.contains(QStringLiteral("40")),
                 qPrintable(title));
        auto *bar = panel->findChild<QProgressBar *>(QStringLiteral("importProgress"));
        QVERIFY(!bar->isVisible());
        QCOMPARE(bar->value(), 1000); // the whole file was read, as the future reported it
        // The labeling view goes on with the new samples in its queue.
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        QVERIFY(view->currentSampleId() != 0);
    }

    void languageSwitchAppliesToOpenWindows()
    {
        const QString path = makeProject(m_dir, QStringLiteral("lang.marginalia"), TaskType::TextCat,
                                         {QStringLiteral("spam"), QStringLiteral("ham")}, 3);
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        QMenu *file = window->menuBar()->actions().first()->menu();
        QVERIFY(file);
        auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("projectTabs"));
        auto *skip = window->findChild<QPushButton *>(QStringLiteral("skipButton"));
        auto *state = window->findChild<QLabel *>(QStringLiteral("modelStateLabel"));
        QCOMPARE(file->title(), QStringLiteral("&File"));
        QCOMPARE(skip->text(), QStringLiteral("Skip (S)"));

        window->findChild<QAction *>(QStringLiteral("actionLanguage_zh_CN"))->trigger();
        QTRY_COMPARE(file->title(), QStringLiteral("文件(&F)"));
        QCOMPARE(tabs->tabText(1), QStringLiteral("浏览"));
        QCOMPARE(skip->text(), QStringLiteral("跳过 (S)"));
        QCOMPARE(state->text(), QStringLiteral("模型空闲"));
        // Undo and redo are recreated with the translated prefix and keep working.
        QVERIFY(window->findChild<QAction *>(QStringLiteral("actionUndo")));

        window->findChild<QAction *>(QStringLiteral("actionLanguage_en"))->trigger();
        QTRY_COMPARE(file->title(), QStringLiteral("&File"));
        QCOMPARE(tabs->tabText(1), QStringLiteral("Browse"));
        QCOMPARE(skip->text(), QStringLiteral("Skip (S)"));
        QCOMPARE(state->text(), QStringLiteral("Model idle"));
        QCOMPARE(window->findChildren<QAction *>(QStringLiteral("actionUndo")).size(), 1);
    }

    // Another process on the project: while `marginalia engine` says it trains, the studio leaves retraining to it;
    // a run stored elsewhere (the engine, `marginalia train`) is picked up within seconds.
    void runsAndTheEngineOfOtherProcesses()
    {
        const QString path = makeProject(m_dir, QStringLiteral("engine.marginalia"), TaskType::TextCat,
                                         {QStringLiteral("a"), QStringLiteral("b")}, 20);
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *model = qobject_cast<ScriptedModelClient *>(window->model());
        QVERIFY(model);
        auto *state = window->findChild<QLabel *>(QStringLiteral("modelStateLabel"));
        QCOMPARE(state->text(), QStringLiteral("Model idle"));
        auto other = std::move(ProjectStore::open(path)).value(); // what the engine's process sees
        QVERIFY(writeEngineHeartbeat(*other));
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Model trained by the engine"), 8000);

        // Labels past the retrain interval start no round here.
        window->findChild<QSpinBox *>(QStringLiteral("intervalBox"))->setValue(2);
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(view, '1');
        QTest::qWait(200);
        QCOMPARE(model->rounds(), 0);

        // A run stored by another process: the window shows it as its latest.
        ScriptedModelClient elsewhere(path);
        QSignalSpy stored(&elsewhere, &ModelClient::roundFinished);
        elsewhere.requestRound();
        QVERIFY(stored.wait(10000));
        const qint64 runId = (*other->latestRun(true))->id;
        // The scripted client runs in this process; the run is made another process's, as the engine's would be.
        QSqlQuery owner(other->database());
        QVERIFY(owner.exec(QStringLiteral("UPDATE model_runs SET owner = 'elsewhere 1 1' WHERE id = %1").arg(runId)));
        auto *lastRun = window->findChild<QLabel *>(QStringLiteral("lastRunLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(window->statusBar()->currentMessage().contains(QStringLiteral("Run %1 from another process").arg(runId)),
                                 8000);
        QVERIFY2(!lastRun->text().isEmpty(), "the last run is shown");

        // The engine stops: the studio retrains again.
        QVERIFY(clearEngineHeartbeat(*other));
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Model idle"), 8000);
        QTest::keyClick(view, '1');
        QTest::keyClick(view, '1');
        QTRY_VERIFY_WITH_TIMEOUT(model->rounds() >= 1, 5000);
    }
};

QTEST_MAIN(TestStudioWorkflows)
#include "tst_studio_workflows.moc"
