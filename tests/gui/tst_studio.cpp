// The studio driven as an annotator would: a project from a fixture file through the wizard, thirty labels
// by key, background rounds, the charts, undo/redo across samples, the browse filters and the export dialog.
#include "ScriptedModelClient.h"
#include "store/ProjectStore.h"
#include "ui/BrowseView.h"
#include "ui/ChartsView.h"
#include "ui/ExportDialog.h"
#include "ui/ImportPanel.h"
#include "ui/LabelSetDialog.h"
#include "ui/LabelingView.h"
#include "ui/LearningCurvePlot.h"
#include "ui/MainWindow.h"
#include "ui/NewProjectWizard.h"
#include "ui/SampleTableModel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

class TestStudio : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    ScriptedModelClient *m_model = nullptr;
    QHash<qint64, QString> m_given; // sample -> label pressed, in order
    QVector<qint64> m_order;

    QString currentLabel(qint64 sampleId) const
    {
        auto a = m_window->store()->currentAnnotation(sampleId);
        if (!a || !a->has_value() || (*a)->cleared)
            return QString();
        return (*a)->labels.value(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_window = std::make_unique<MainWindow>([this](const QString &path) {
            auto client = std::make_unique<ScriptedModelClient>(path);
            m_model = client.get();
            return client;
        });
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void createsProjectFromFixture()
    {
        auto *wizard = new NewProjectWizard(m_window.get());
        const QString project = m_dir.filePath(QStringLiteral("tickets.marginalia"));
        wizard->projectPathEdit()->setText(project);
        QTableWidget *labels = wizard->labelTable();
        const QStringList names = {QStringLiteral("billing"), QStringLiteral("technical"), QStringLiteral("shipping")};
        for (int i = 0; i < names.size(); ++i) {
            labels->insertRow(i);
            labels->setItem(i, 0, new QTableWidgetItem(names.at(i)));
            labels->setItem(i, 1, new QTableWidgetItem(QStringLiteral("#336699")));
            labels->setItem(i, 2, new QTableWidgetItem(QString::number(i + 1)));
        }
        wizard->dataPathEdit()->setText(QStringLiteral(GUI_TEST_DATA "/tickets.jsonl"));
        auto *preview = wizard->findChild<QTableWidget *>(QStringLiteral("previewTable"));
        QVERIFY(preview);
        QVERIFY2(preview->rowCount() > 0, "the wizard previews the first rows");
        QCOMPARE(wizard->findChild<QComboBox *>(QStringLiteral("textField"))->currentText(), QStringLiteral("text"));
        wizard->findChild<QDoubleSpinBox *>(QStringLiteral("evalFraction"))->setValue(0.25);

        connect(wizard, &NewProjectWizard::projectCreated, m_window.get(),
                [this](const QString &path, const QString &data, const ImportOptions &options) {
                    QVERIFY(m_window->openProject(path));
                    m_window->findChild<ImportPanel *>()->start(data, options);
                });
        auto *panel = m_window->findChild<ImportPanel *>();
        QSignalSpy imported(panel, &ImportPanel::finished);
        wizard->accept();
        QVERIFY(imported.wait(20000));
        QCOMPARE(imported.first().first().toBool(), true);
        QVERIFY(m_window->store());
        QCOMPARE(m_window->store()->countSamples().value(), qint64(90));
        QVERIFY(m_window->store()->countSamples(SampleFilter::unlabeled(Split::Eval)).value() > 10);
        // The bad last line is listed with its line number, not lost.
        auto *problems = panel->findChild<QTableWidget *>(QStringLiteral("importProblems"));
        QCOMPARE(problems->rowCount(), 1);
        QCOMPARE(problems->item(0, 0)->text(), QStringLiteral("91"));
        QCOMPARE(m_window->store()->labels()->size(), 3);
    }

    void labelsThirtySamplesWithKeys()
    {
        auto *view = m_window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        QVERIFY(view);
        QVERIFY(view->currentSampleId() != 0);
        m_window->findChild<QSpinBox *>(QStringLiteral("intervalBox"))->setValue(10);
        QSignalSpy rounds(m_model, &ModelClient::roundFinished);
        connect(m_model, &ModelClient::roundFailed, this, [](const QString &m) { qWarning("round failed: %s", qPrintable(m)); });
        int evalShown = 0;
        for (int i = 0; i < 30; ++i) {
            const qint64 id = view->currentSampleId();
            QVERIFY(id != 0);
            QVERIFY2(!m_given.contains(id), "a labeled sample never comes back by itself");
            if (m_window->store()->sample(id)->split == Split::Eval) {
                ++evalShown;
                QVERIFY(view->findChild<QLabel *>(QStringLiteral("evalBanner"))->isVisibleTo(view));
            }
            const int key = i % 3;
            QTest::keyClick(view, char('1' + key));
            // Saved before the next sample is shown.
            QCOMPARE(currentLabel(id), QStringList({"billing", "technical", "shipping"}).at(key));
            QVERIFY(view->currentSampleId() != id);
            m_given.insert(id, currentLabel(id));
            m_order.push_back(id);
            if ((i + 1) % 10 == 0) // a round starts every ten labels; the annotator goes on while it runs
                QVERIFY(rounds.wait(10000));
        }
        QVERIFY2(evalShown >= 5, "evaluation samples are interleaved while the eval split is short of labels");
        QCOMPARE(rounds.count(), 3);
        for (auto it = m_given.cbegin(); it != m_given.cend(); ++it)
            QCOMPARE(currentLabel(it.key()), it.value());
        QCOMPARE(m_window->store()->countSamples(SampleFilter::labeled()).value(), qint64(30));

        auto *curve = m_window->findChild<LearningCurvePlot *>(QStringLiteral("learningCurve"));
        QVERIFY(curve);
        QTRY_COMPARE(curve->pointCount(), 3);
        auto *status = m_window->findChild<QLabel *>(QStringLiteral("lastRunLabel"));
        QVERIFY(status->text().contains(QStringLiteral("macro-F1")));
        // The next sample after a round comes from the new ranking.
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("reasonLabel"))->text().size() > 0);
    }

    void undoRedoRestoreLabelsAcrossSamples()
    {
        auto *view = m_window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        auto *undo = m_window->findChild<QAction *>(QStringLiteral("actionUndo"));
        auto *redo = m_window->findChild<QAction *>(QStringLiteral("actionRedo"));
        QVERIFY(undo && redo);
        const qint64 last = m_order.at(29), second = m_order.at(28), third = m_order.at(27);
        undo->trigger();
        QCOMPARE(currentLabel(last), QString());
        QCOMPARE(view->currentSampleId(), last); // the undone sample is shown again
        undo->trigger();
        undo->trigger();
        QCOMPARE(currentLabel(second), QString());
        QCOMPARE(currentLabel(third), QString());
        QCOMPARE(currentLabel(m_order.at(26)), m_given.value(m_order.at(26)));
        redo->trigger();
        redo->trigger();
        QCOMPARE(currentLabel(third), m_given.value(third));
        QCOMPARE(currentLabel(second), m_given.value(second));
        QCOMPARE(currentLabel(last), QString());
        // Undo once more and relabel differently: the redo branch is dropped, the new label holds.
        undo->trigger();
        QCOMPARE(view->currentSampleId(), second);
        QTest::keyClick(view, '3', Qt::NoModifier);
        QCOMPARE(currentLabel(second), QStringLiteral("shipping"));
        QVERIFY(!m_window->undoStack()->canRedo());
        m_given[second] = QStringLiteral("shipping");
        m_given.remove(last);
    }

    void backSkipAndAccept()
    {
        auto *view = m_window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        const auto run = m_window->store()->latestRun().value();
        QVERIFY(run.has_value());
        auto hasGuess = [&](qint64 id) {
            auto p = m_window->store()->prediction(run->id, id);
            return p && p->has_value() && currentLabel(id).isEmpty();
        };
        // Skip until a sample the latest run has a guess for is in front (evaluation samples have none).
        for (int i = 0; i < 20 && !hasGuess(view->currentSampleId()); ++i)
            QTest::keyClick(view, Qt::Key_S);
        const qint64 first = view->currentSampleId();
        QVERIFY(hasGuess(first));
        QTest::keyClick(view, Qt::Key_S);
        const qint64 second = view->currentSampleId();
        QVERIFY(second != first);
        QTest::keyClick(view, Qt::Key_Backspace);
        QCOMPARE(view->currentSampleId(), first);
        // Enter accepts the model's guess: every unlabeled pool sample has one after the rounds.
        const QString guess = m_window->store()->prediction(run->id, first).value()->label;
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(currentLabel(first), guess);
        QCOMPARE(m_window->store()->currentAnnotation(first)->value().source, AnnotationSource::ModelAccepted);
        QVERIFY(view->currentSampleId() != first);
    }

    void browseFilters()
    {
        auto *browse = m_window->findChild<BrowseView *>(QStringLiteral("browseView"));
        QVERIFY(browse);
        QAbstractItemModelTester tester(browse->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        browse->setProject(m_window->store(), m_window->undoStack(), QStringLiteral("tester"));
        auto *state = browse->findChild<QComboBox *>(QStringLiteral("stateFilter"));
        state->setCurrentIndex(0);
        QCOMPARE(browse->model()->rowCount(), 90);
        state->setCurrentIndex(1);
        const qint64 labeled = m_window->store()->countSamples(SampleFilter::labeled()).value();
        QCOMPARE(browse->model()->rowCount(), int(labeled));
        auto *label = browse->findChild<QComboBox *>(QStringLiteral("labelFilter"));
        label->setCurrentIndex(label->findData(QStringLiteral("technical")));
        int technical = 0;
        for (auto it = m_given.cbegin(); it != m_given.cend(); ++it)
            technical += currentLabel(it.key()) == QLatin1String("technical");
        QCOMPARE(browse->model()->rowCount(), technical);
        label->setCurrentIndex(0);
        // Disagreement: labeled samples whose label differs from the (majority) prediction.
        browse->findChild<QCheckBox *>(QStringLiteral("disagreementFilter"))->setChecked(true);
        QTRY_VERIFY(!browse->model()->isLoading()); // the run's predictions are read on a worker, once
        // Eval samples were labeled with all three labels; the scripted model predicts one for all of them.
        QVERIFY(browse->model()->rowCount() > 0);
        for (int r = 0; r < browse->model()->rowCount(); ++r)
            QVERIFY(browse->model()->index(r, SampleTableModel::LabelColumn).data()
                    != browse->model()->index(r, SampleTableModel::PredictedColumn).data());
        browse->findChild<QCheckBox *>(QStringLiteral("disagreementFilter"))->setChecked(false);
        state->setCurrentIndex(0);
        auto *search = browse->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
        search->setText(QStringLiteral("斑马"));
        QTRY_COMPARE(browse->model()->rowCount(), 1);
        QVERIFY(browse->model()->index(0, SampleTableModel::TextColumn).data().toString().contains(QStringLiteral("zebra")));
        // A regular expression between slashes finds the same sample; one that does not compile says why and
        // leaves the table as it was.
        search->setText(QStringLiteral("/ZEB+RA|斑马$/"));
        QTRY_COMPARE(browse->model()->rowCount(), 1);
        QSignalSpy said(browse, &BrowseView::message);
        search->setText(QStringLiteral("/zebra(/"));
        QTRY_VERIFY(!said.isEmpty());
        QVERIFY2(said.last().at(0).toString().contains(QLatin1String("regular expression")),
                 qPrintable(said.last().at(0).toString()));
        QVERIFY(search->property("invalid").toBool());
        QCOMPARE(browse->model()->rowCount(), 1);
        search->setText(QStringLiteral("zebra \"no such phrase\""));
        QTRY_COMPARE(browse->model()->rowCount(), 0); // every word must occur
        QVERIFY(!search->property("invalid").toBool());
        search->clear();
        state->setCurrentIndex(3); // ranked queue: unlabeled pool in rank order
        QVERIFY(browse->model()->rowCount() > 0);
        QVERIFY(!browse->model()->index(0, SampleTableModel::ScoreColumn).data().toString().isEmpty());
    }

    void exportDialogWritesFiles()
    {
        ExportDialog dialog(m_window->store()->path(), m_window->store()->task());
        dialog.findChild<QCheckBox *>(QStringLiteral("exportOpenFolder"))->setChecked(false);
        const QString out = m_dir.filePath(QStringLiteral("labels.jsonl"));
        dialog.findChild<QLineEdit *>(QStringLiteral("exportTarget"))->setText(out);
        QSignalSpy done(&dialog, &ExportDialog::exported);
        // Progress reaches the bar while the export runs, before the result replaces "Exporting…".
        auto *bar = dialog.findChild<QProgressBar *>(QStringLiteral("exportProgress"));
        auto *result = dialog.findChild<QLabel *>(QStringLiteral("exportResult"));
        QStringList resultAtProgress;
        connect(bar, &QProgressBar::valueChanged, this, [&] { resultAtProgress << result->text(); });
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("exportButton")), Qt::LeftButton);
        QVERIFY(done.wait(20000));
        QCOMPARE(bar->value(), 1000);
        QVERIFY(!resultAtProgress.isEmpty());
        QCOMPARE(resultAtProgress.last(), QStringLiteral("Exporting…"));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        const qint64 labeled = m_window->store()->countSamples(SampleFilter::labeled()).value();
        QCOMPARE(qint64(lines.size() - (lines.last().isEmpty() ? 1 : 0)), labeled);
        QVERIFY(lines.first().contains("\"label\""));
    }

    void exportDialogOffersSpanFormatsForSpanProjects()
    {
        const QString path = m_dir.filePath(QStringLiteral("spans.marginalia"));
        ExportDialog dialog(path, TaskType::Ner);
        auto *format = dialog.findChild<QComboBox *>(QStringLiteral("exportFormat"));
        QStringList formats;
        for (int i = 0; i < format->count(); ++i)
            formats << format->itemData(i).toString();
        QCOMPARE(formats, (QStringList{"jsonl", "conll", "jsonl-tokens", "label-studio", "prodigy", "doccano"}));
        format->setCurrentIndex(1);
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("exportTarget"))->text().endsWith(QLatin1String("spans.conll")));
        format->setCurrentIndex(2);
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("exportTarget"))->text().endsWith(QLatin1String("spans.jsonl")));
        format->setCurrentIndex(3); // Label Studio reads a JSON array
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("exportTarget"))->text().endsWith(QLatin1String("spans.json")));
        format->setCurrentIndex(4);
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("exportTarget"))->text().endsWith(QLatin1String("spans.jsonl")));
    }

    void reopeningShowsHistory()
    {
        const QString path = m_window->store()->path();
        m_window->closeProject();
        QVERIFY(m_window->openProject(path));
        auto *curve = m_window->findChild<LearningCurvePlot *>(QStringLiteral("learningCurve"));
        QCOMPARE(curve->pointCount(), 3);
        for (auto it = m_given.cbegin(); it != m_given.cend(); ++it)
            QCOMPARE(currentLabel(it.key()), it.value());
    }

    void labelSetEditsApplyToTheLabelingKeys()
    {
        m_window->findChild<QAction *>(QStringLiteral("actionLabelSet"))->trigger();
        auto *dialog = m_window->findChild<LabelSetDialog *>(QStringLiteral("labelSetDialog"));
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("labelSetTable"));
        QCOMPARE(table->rowCount(), 3);
        table->item(2, 0)->setText(QStringLiteral("delivery")); // rename "shipping"
        table->item(2, 2)->setText(QStringLiteral("d"));        // and give it its own key
        const auto labels = m_window->store()->labels().value();
        QCOMPARE(labels.at(2).name, QStringLiteral("delivery"));
        QCOMPARE(labels.at(2).shortcut, QStringLiteral("d"));
        auto *view = m_window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        const qint64 id = view->currentSampleId();
        QTest::keyClick(view, Qt::Key_D);
        QCOMPARE(currentLabel(id), QStringLiteral("delivery"));
        // Earlier "shipping" labels now read under the new name.
        for (auto it = m_given.cbegin(); it != m_given.cend(); ++it)
            if (it.value() == QLatin1String("shipping"))
                QCOMPARE(currentLabel(it.key()), QStringLiteral("delivery"));
        dialog->close();
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestStudio)
#include "tst_studio.moc"
