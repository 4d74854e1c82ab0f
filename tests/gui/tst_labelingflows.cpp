// The labeling flows of a working day: every label of a 15-label project has its own key (shown on its button,
// '&' and all), keys are remapped with conflicts refused, the commands and their keys are listed in Help,
// bulk accept of the model's guesses is one undoable step, and after a finished round the queue serves that
// round's ranking.
#include "ScriptedModelClient.h"
#include "io/Exporter.h"
#include "store/ProjectStore.h"
#include "ui/BrowseView.h"
#include "ui/ChartData.h"
#include "ui/ChartsView.h"
#include "ui/LearningCurvePlot.h"
#include "ui/NewProjectWizard.h"
#include "ui/Plot.h"
#include "ui/LabelKeys.h"
#include "ui/LabelSetDialog.h"
#include "ui/LabelingView.h"
#include "ui/MainWindow.h"
#include "ui/SampleTableModel.h"
#include "ui/ShortcutsDialog.h"
#include "ui/TeachEditor.h"
#include "ui/TeachProposal.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

namespace {
// Fifteen novels: names with '&', and more labels than the digit row has keys.
const QStringList kNovels = {"Emma", "Persuasion", "Sense & Sensibility", "Pride & Prejudice", "Mansfield Park",
                             "Northanger Abbey", "Middlemarch", "Jane Eyre", "Villette", "Shirley", "Cranford",
                             "North and South", "Adam Bede", "Silas Marner", "Romola"};

QString makeProject(const QTemporaryDir &dir, const QString &name, const QStringList &labels, int pool, int eval = 0)
{
    const QString path = dir.filePath(name);
    auto store = ProjectStore::create(path, TaskType::TextCat, labels);
    if (!store)
        return QString();
    for (int i = 0; i < pool + eval; ++i) {
        Sample sample;
        sample.text = QStringLiteral("A chapter numbered %1 of some novel.").arg(i);
        sample.split = i < pool ? Split::Pool : Split::Eval;
        if (!(*store)->addSample(sample))
            return QString();
    }
    return path;
}

std::unique_ptr<MainWindow> makeWindow()
{
    auto window = std::make_unique<MainWindow>(
        [](const QString &path) { return std::make_unique<ScriptedModelClient>(path); });
    window->show();
    return window;
}

QString currentLabel(const ProjectStore &store, qint64 sampleId)
{
    auto a = store.currentAnnotation(sampleId);
    return a && a->has_value() && !(*a)->cleared ? (*a)->labels.value(0) : QString();
}

std::optional<Annotation> current(const ProjectStore &store, qint64 sampleId)
{
    auto a = store.currentAnnotation(sampleId);
    if (!a || !a->has_value() || (*a)->cleared)
        return std::nullopt;
    return **a;
}
} // namespace

class TestLabelingFlows : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_projects = 0;

    QString project(const QStringList &labels, int pool, int eval = 0)
    {
        return makeProject(m_dir, QStringLiteral("flows%1.marginalia").arg(++m_projects), labels, pool, eval);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void defaultKeysCoverThirtyLabels()
    {
        QVector<Label> labels(30);
        for (int i = 0; i < labels.size(); ++i)
            labels[i].name = QStringLiteral("label %1").arg(i);
        labels[3].shortcut = QStringLiteral("Q"); // an own key is kept, and no default repeats it
        const QStringList keys = labelKeys(labels);
        QCOMPARE(keys.size(), 30);
        QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()).size(), 30);
        QCOMPARE(keys.at(0), QStringLiteral("1"));
        QCOMPARE(keys.at(3), QStringLiteral("q"));
        QCOMPARE(keys.at(4), QStringLiteral("4"));
        QCOMPARE(keys.at(10), QStringLiteral("0")); // 1-3, (q), 4-9, then 0, then letters
        QCOMPARE(keys.at(11), QStringLiteral("w"));
        for (const QString &k : keys) {
            QVERIFY(!k.isEmpty());
            QVERIFY2(!commandLetters().contains(k), qPrintable(k));
        }
        for (int i = 0; i < labels.size(); ++i)
            QCOMPARE(labelIndexForKey(labels, keys.at(i).toUpper()), i);
        QCOMPARE(labelIndexForKey(labels, QStringLiteral("s")), -1);
    }

    void fifteenLabelsAreLabeledWithTheKeyboardAlone()
    {
        const QString path = project(kNovels, 40);
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        QVERIFY(view);
        const QStringList keys = labelKeys(window->store()->labels().value());
        QSet<QString> distinct;
        for (int i = 0; i < kNovels.size(); ++i) {
            auto *button = view->findChild<QPushButton *>(QStringLiteral("labelButton_%1").arg(i));
            QVERIFY(button);
            QVERIFY2(!keys.at(i).isEmpty(), qPrintable(kNovels.at(i)));
            distinct.insert(keys.at(i));
            QVERIFY2(button->text().startsWith(QStringLiteral("[%1]").arg(keys.at(i).toUpper())), qPrintable(button->text()));
            // '&' is doubled so that the button shows it instead of underlining the next letter.
            if (kNovels.at(i).contains(QLatin1Char('&')))
                QVERIFY2(button->text().contains(QStringLiteral(" && ")), qPrintable(button->text()));
            QCOMPARE(button->toolTip(), kNovels.at(i));
        }
        QCOMPARE(distinct.size(), kNovels.size());
        // Every label, the tenth to fifteenth included, labels the sample in front by its key alone.
        for (int i = kNovels.size() - 1; i >= 0; --i) {
            const qint64 id = view->currentSampleId();
            QVERIFY(id != 0);
            QTest::keyClick(view, keys.at(i).at(0).toLatin1());
            QCOMPARE(currentLabel(*window->store(), id), kNovels.at(i));
            QVERIFY(view->currentSampleId() != id);
        }
        // The commands keep their keys: S skips without labeling.
        const qint64 skipped = view->currentSampleId();
        QTest::keyClick(view, 's');
        QVERIFY(view->currentSampleId() != skipped);
        QVERIFY(currentLabel(*window->store(), skipped).isEmpty());
    }

    void remappedKeysRefuseConflicts()
    {
        const QString path = project(kNovels, 3);
        auto opened = ProjectStore::open(path);
        QVERIFY(opened);
        ProjectStore &store = **opened;
        LabelSetDialog dialog(&store);
        dialog.setReservedShortcuts({QKeySequence(Qt::Key_K), QKeySequence(Qt::CTRL | Qt::Key_B)});
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("labelSetTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), kNovels.size());
        // Labels past the ninth show the key they have by default.
        QCOMPARE(table->item(9, 2)->text(), QStringLiteral("0"));
        auto setKey = [&](int row, const QString &key) { table->item(row, 2)->setText(key); };
        auto keyOf = [&](int row) { return store.labels().value().at(row).shortcut; };

        setKey(1, QStringLiteral("1")); // Emma's
        QVERIFY2(dialog.statusText().contains(QStringLiteral("Emma")), qPrintable(dialog.statusText()));
        QCOMPARE(keyOf(1), QStringLiteral("2"));
        setKey(1, QStringLiteral("q")); // the 11th label's default key
        QVERIFY(dialog.statusText().contains(kNovels.at(10)));
        QCOMPARE(keyOf(1), QStringLiteral("2"));
        setKey(1, QStringLiteral("S")); // Skip
        QVERIFY(dialog.statusText().contains(QStringLiteral("S")));
        QCOMPARE(keyOf(1), QStringLiteral("2"));
        setKey(1, QStringLiteral("k")); // a studio shortcut
        QVERIFY(dialog.statusText().contains(QStringLiteral("K")));
        QCOMPARE(keyOf(1), QStringLiteral("2"));
        setKey(1, QStringLiteral("ab"));
        QCOMPARE(keyOf(1), QStringLiteral("2"));

        setKey(1, QStringLiteral("B")); // free; Ctrl+B is no plain key
        QCOMPARE(keyOf(1), QStringLiteral("b"));
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("B"));
        // Saved in the project: a new session on the file answers to it.
        auto reopened = ProjectStore::open(path);
        QVERIFY(reopened);
        const QVector<Label> labels = (*reopened)->labels().value();
        QCOMPARE(labelIndexForKey(labels, QStringLiteral("b")), 1);
        QCOMPARE(labelIndexForKey(labels, QStringLiteral("2")), -1); // freed, and no default key moved to it
        QCOMPARE(labelIndexForKey(labels, QStringLiteral("0")), 9);
        // A label added later gets a free key at once, saved with it.
        QPushButton *add = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Add label"))
                add = b;
        QVERIFY(add);
        add->click();
        const QVector<Label> more = store.labels().value();
        QCOMPARE(more.size(), kNovels.size() + 1);
        QVERIFY(!more.constLast().shortcut.isEmpty());
        const QStringList keys = labelKeys(more);
        QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()).size(), more.size());
    }

    void removingALabelMovesNoKey()
    {
        const QString path = project(kNovels, 3);
        auto opened = ProjectStore::open(path);
        QVERIFY(opened);
        ProjectStore &store = **opened;
        const QStringList before = labelKeys(store.labels().value());
        LabelSetDialog dialog(&store);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("labelSetTable"));
        table->setCurrentCell(2, 0); // Sense & Sensibility, key 3
        QPushButton *remove = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Remove label"))
                remove = b;
        QVERIFY(remove);
        remove->click();
        const QVector<Label> after = store.labels().value();
        QCOMPARE(after.size(), kNovels.size() - 1);
        // Every other label keeps its key: the tenth keeps 0 rather than taking the freed 3.
        QStringList expected = before;
        expected.removeAt(2);
        QCOMPARE(labelKeys(after), expected);
        QCOMPARE(labelIndexForKey(after, QStringLiteral("3")), -1);
    }

    void helpListsTheCommandsAndLabelKeys()
    {
        const QString path = project(kNovels, 3);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *help = window->findChild<QAction *>(QStringLiteral("actionShortcuts"));
        QVERIFY(help);
        help->trigger();
        auto *dialog = window->findChild<ShortcutsDialog *>(QStringLiteral("shortcutsDialog"));
        QVERIFY(dialog);
        QHash<QString, QString> keysOf;
        for (int r = 0; r < dialog->table()->rowCount(); ++r)
            keysOf.insert(dialog->table()->item(r, 1)->text(), dialog->table()->item(r, 2)->text());
        QCOMPARE(keysOf.value(QStringLiteral("Skip")), QStringLiteral("S"));
        QCOMPARE(keysOf.value(QStringLiteral("Flag for review")), QStringLiteral("F"));
        QVERIFY(keysOf.value(QStringLiteral("Train now")).contains(QStringLiteral("T")));
        QCOMPARE(keysOf.value(QStringLiteral("Label as Romola")), labelKeys(window->store()->labels().value()).at(14).toUpper());
        // The commands are actions of the labeling view's menu, and act through the view's keys.
        auto *skip = window->findChild<QAction *>(QStringLiteral("actionSkip"));
        QVERIFY(skip);
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        const qint64 before = view->currentSampleId();
        skip->trigger();
        QVERIFY(view->currentSampleId() != before);
    }

    void bulkAcceptIsOneUndoableStep()
    {
        const QString path = project({"spam", "ham"}, 30, 6);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        // Six labels (the eval split gets some of them), then a round: every unlabeled sample has a guess.
        for (int i = 0; i < 6; ++i)
            QTest::keyClick(view, i % 3 == 2 ? '2' : '1');
        QSignalSpy finished(window->model(), &ModelClient::roundFinished);
        window->trainNow();
        QVERIFY(finished.wait(5000));
        const qint64 labeledBefore = window->store()->countSamples(SampleFilter::labeled()).value();

        auto *browse = window->findChild<BrowseView *>(QStringLiteral("browseView"));
        window->findChild<QTabWidget *>(QStringLiteral("projectTabs"))->setCurrentWidget(browse);
        auto *predicted = browse->findChild<QComboBox *>(QStringLiteral("predictedFilter"));
        predicted->setCurrentIndex(predicted->findData(QStringLiteral("spam")));
        auto *confidence = browse->findChild<QDoubleSpinBox *>(QStringLiteral("minConfidenceFilter"));
        confidence->setValue(60); // the scripted model is 50% sure: nothing passes
        browse->reload();
        QTRY_VERIFY(!browse->model()->isLoading()); // the run's predictions are read on a worker, once
        QCOMPARE(browse->model()->rowCount(), 0);
        confidence->setValue(40);
        browse->reload();
        QTRY_VERIFY(!browse->model()->isLoading());
        const int shown = browse->model()->rowCount();
        QVERIFY(shown > 20);
        auto *table = browse->findChild<QTableView *>(QStringLiteral("sampleTable"));
        table->selectAll();
        QList<qint64> accepted, untouched;
        for (int r = 0; r < shown; ++r)
            (browse->model()->split(r) == Split::Pool && !browse->model()->isLabeled(r) ? accepted : untouched)
                << browse->model()->sampleId(r);
        QVERIFY(!untouched.isEmpty()); // labeled and evaluation rows are in the selection, and are left alone
        QHash<qint64, std::optional<Annotation>> before;
        for (qint64 id : untouched)
            before.insert(id, current(*window->store(), id));

        const int steps = window->undoStack()->count();
        browse->findChild<QPushButton *>(QStringLiteral("acceptGuessesButton"))->click();
        QCOMPARE(window->undoStack()->count(), steps + 1);
        const qint64 run = window->store()->latestRun(true).value()->id;
        for (qint64 id : accepted) {
            const auto a = current(*window->store(), id);
            QVERIFY(a);
            QCOMPARE(a->labels, QStringList{QStringLiteral("spam")});
            QCOMPARE(a->source, AnnotationSource::ModelAccepted);
            QCOMPARE(a->provenance.origin, QStringLiteral("bulk"));
            QCOMPARE(a->provenance.runId, run);
        }
        // The browse view says how each was labeled.
        browse->reload();
        bool listed = false;
        for (int r = 0; r < browse->model()->rowCount(); ++r)
            if (browse->model()->sampleId(r) == accepted.first()) {
                const QString how = browse->model()->index(r, SampleTableModel::ProvenanceColumn).data().toString();
                QVERIFY2(how.contains(QStringLiteral("accepted")) && how.contains(QStringLiteral("bulk")), qPrintable(how));
                listed = true;
            }
        QVERIFY(listed);
        for (qint64 id : untouched) {
            const auto a = current(*window->store(), id);
            QCOMPARE(bool(a), bool(before.value(id)));
            if (a)
                QCOMPARE(a->id, before.value(id)->id);
        }
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), labeledBefore + accepted.size());
        // The charts count them apart from the labels people chose.
        const ChartData charts = ChartData::read(*window->store()).value();
        QCOMPARE(charts.modelAccepted.value(QStringLiteral("spam")), qint64(accepted.size()));
        QCOMPARE(charts.modelAccepted.value(QStringLiteral("ham")), qint64(0));

        window->undoStack()->undo();
        for (qint64 id : accepted)
            QVERIFY(!current(*window->store(), id));
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), labeledBefore);
        window->undoStack()->redo();
        for (qint64 id : accepted)
            QCOMPARE(current(*window->store(), id)->source, AnnotationSource::ModelAccepted);
    }

    void teachAsksAboutTheLeastCertainLabel()
    {
        QVector<Label> labels(4);
        for (int i = 0; i < 4; ++i)
            labels[i].name = QStringLiteral("L%1").arg(i);
        PredictionRow guess;
        guess.label = QStringLiteral("L1");
        const float p[] = {0.10f, 0.45f, 0.30f, 0.15f};
        guess.probabilities = QByteArray(reinterpret_cast<const char *>(p), sizeof(p));
        TeachProposal proposal = proposeTeachLabel(labels, guess, {});
        QCOMPARE(proposal.label, QStringLiteral("L1"));
        QVERIFY(proposal.probability && std::abs(*proposal.probability - 0.45) < 1e-6);
        // A label rejected for the sample is never asked again: the next least certain one is.
        QCOMPARE(proposeTeachLabel(labels, guess, {QStringLiteral("L1")}).label, QStringLiteral("L2"));
        // A chosen label is asked about, unless it was rejected.
        QCOMPARE(proposeTeachLabel(labels, guess, {}, QStringLiteral("L3")).label, QStringLiteral("L3"));
        QVERIFY(proposeTeachLabel(labels, guess, {QStringLiteral("L3")}, QStringLiteral("L3")).label.isEmpty());
        // Without a model: the labels in order, still skipping the rejected ones.
        QCOMPARE(proposeTeachLabel(labels, std::nullopt, {QStringLiteral("L0")}).label, QStringLiteral("L1"));
        QVERIFY(proposeTeachLabel(labels, std::nullopt, {"L0", "L1", "L2", "L3"}).label.isEmpty());
    }

    void teachModeAcceptsRejectsAndUndoes()
    {
        const QStringList six = kNovels.mid(0, 6);
        const QString path = project(six, 30);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        QTest::keyClick(view, '2');
        QTest::keyClick(view, '2');
        QTest::keyClick(view, '3');
        QSignalSpy applied(view->session(), &LabelingSession::rankingApplied);
        window->trainNow();
        QVERIFY(applied.wait(5000));
        const qint64 run = window->store()->latestRun(true).value()->id;

        auto *teachAction = window->findChild<QAction *>(QStringLiteral("actionTeachMode"));
        QVERIFY(teachAction && teachAction->isEnabled());
        teachAction->trigger();
        auto *teach = qobject_cast<TeachEditor *>(view->editor());
        QVERIFY(teach);
        QVERIFY(view->teachMode());
        auto *question = view->findChild<QLabel *>(QStringLiteral("teachQuestion"));
        // The model picks: the scripted model guesses its majority label, Persuasion, for everything.
        QCOMPARE(teach->proposedLabel(), QStringLiteral("Persuasion"));
        QVERIFY2(question->text().contains(QStringLiteral("Is this <b>Persuasion</b>?")), qPrintable(question->text()));

        // A: yes. The label is stored as the annotator's, from teach mode, naming the run asked about.
        qint64 id = view->currentSampleId();
        QTest::keyClick(view, 'a');
        QVERIFY(view->currentSampleId() != id);
        auto a = current(*window->store(), id);
        QVERIFY(a);
        QCOMPARE(a->labels, QStringList{QStringLiteral("Persuasion")});
        QCOMPARE(a->source, AnnotationSource::Human);
        QCOMPARE(a->provenance.origin, QStringLiteral("teach"));
        QCOMPARE(a->provenance.runId, run);

        // X: no. Never a label; a rejection, committed before the next sample shows.
        id = view->currentSampleId();
        const qint64 labeledBefore = window->store()->countSamples(SampleFilter::labeled()).value();
        QTest::keyClick(view, 'x');
        QVERIFY(view->currentSampleId() != id);
        QVERIFY(!current(*window->store(), id));
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), labeledBefore);
        QCOMPARE(window->store()->rejectedLabels(id).value(), QStringList{QStringLiteral("Persuasion")});
        const QVector<Rejection> rejections = window->store()->rejections(id).value();
        QCOMPARE(rejections.size(), 1);
        QCOMPARE(rejections.first().provenance.origin, QStringLiteral("teach"));
        QCOMPARE(rejections.first().provenance.runId, run);
        // Undo withdraws it and brings the sample back; redo says no again.
        window->undoStack()->undo();
        QCOMPARE(view->currentSampleId(), id);
        QVERIFY(window->store()->rejectedLabels(id).value().isEmpty());
        QCOMPARE(teach->proposedLabel(), QStringLiteral("Persuasion"));
        window->undoStack()->redo();
        QCOMPARE(window->store()->rejectedLabels(id).value(), QStringList{QStringLiteral("Persuasion")});
        // Shown again, the rejected label is not asked about again for that sample.
        view->openSample(id);
        QCOMPARE(view->currentSampleId(), id);
        QVERIFY(!teach->proposedLabel().isEmpty());
        QVERIFY(teach->proposedLabel() != QStringLiteral("Persuasion"));
        // A label key labels it outright.
        QTest::keyClick(view, '6');
        QCOMPARE(current(*window->store(), id)->labels, QStringList{six.at(5)});
        QCOMPARE(window->store()->rejectedLabels(id).value(), QStringList{QStringLiteral("Persuasion")});

        // A chosen label is asked about on every sample; Space skips without an answer.
        teach->setTeachLabel(six.at(4));
        QCOMPARE(teach->proposedLabel(), six.at(4));
        id = view->currentSampleId();
        QTest::keyClick(view, ' ');
        QVERIFY(view->currentSampleId() != id);
        QVERIFY(!current(*window->store(), id));
        QVERIFY(window->store()->rejectedLabels(id).value().isEmpty());
        QCOMPARE(teach->proposedLabel(), six.at(4));
        id = view->currentSampleId();
        QTest::keyClick(view, Qt::Key_Return); // Enter is yes as well
        QCOMPARE(current(*window->store(), id)->labels, QStringList{six.at(4)});

        // Leaving teach mode brings the label buttons back on the same sample.
        id = view->currentSampleId();
        teachAction->trigger();
        QVERIFY(!view->teachMode());
        QVERIFY(!qobject_cast<TeachEditor *>(view->editor()));
        QCOMPARE(view->currentSampleId(), id);
        QTest::keyClick(view, 'x'); // no longer a command: nothing happens
        QCOMPARE(view->currentSampleId(), id);
    }

    void teachModeKeepsEvaluationSamplesBlind()
    {
        for (const TaskType task : {TaskType::TextCat, TaskType::MultiLabel}) {
            const QString path = m_dir.filePath(QStringLiteral("blind%1.marginalia").arg(++m_projects));
            {
                auto store = ProjectStore::create(path, task, {QStringLiteral("yes"), QStringLiteral("no")});
                QVERIFY(store);
                for (int i = 0; i < 3; ++i) {
                    Sample sample;
                    sample.text = QStringLiteral("Evaluation sample %1").arg(i);
                    sample.split = Split::Eval;
                    QVERIFY((*store)->addSample(sample).value());
                }
            }
            auto window = makeWindow();
            QVERIFY(window->openProject(path));
            auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
            view->setTeachMode(true);
            auto *teach = qobject_cast<TeachEditor *>(view->editor());
            QVERIFY(teach);
            const qint64 id = view->currentSampleId();
            QVERIFY(id != 0);
            QVERIFY(teach->proposedLabel().isEmpty()); // nothing proposed: the gold stays the annotator's own
            QTest::keyClick(view, 'a');
            QCOMPARE(view->currentSampleId(), id);
            QTest::keyClick(view, '2');
            if (task == TaskType::TextCat) {
                const auto a = current(*window->store(), id);
                QVERIFY(a);
                QCOMPARE(a->labels, QStringList{QStringLiteral("no")});
                QCOMPARE(a->provenance.origin, QStringLiteral("eval-random"));
            } else {
                // One key cannot give a multi-label sample all its labels: left for the usual editor.
                QCOMPARE(view->currentSampleId(), id);
                QVERIFY(!current(*window->store(), id));
                QTest::keyClick(view, ' ');
                QVERIFY(view->currentSampleId() != id);
            }
        }
    }

    void teachingAChosenLabelAsksWhereTheModelDoubtsIt()
    {
        const QString path = project({"a", "b", "c"}, 8);
        {
            // A run that ranked the pool 1..8 in id order, with these probabilities for "c".
            auto store = ProjectStore::open(path);
            QVERIFY(store);
            const QVector<qint64> ids = (*store)->sampleIds().value();
            const float pc[] = {0.10f, 0.90f, 0.05f, 0.52f, 0.30f, 0.45f, 0.99f, 0.70f};
            QVector<PredictionRow> rows;
            for (int i = 0; i < 8; ++i) {
                PredictionRow row;
                row.sampleId = ids.at(i);
                row.label = QStringLiteral("a");
                row.confidence = 0.6;
                row.score = 1.0 / (i + 1);
                row.rank = i + 1;
                const float p[] = {0.5f, 0.5f - pc[i] / 2, pc[i]};
                row.probabilities = QByteArray(reinterpret_cast<const char *>(p), sizeof(p));
                rows << row;
            }
            const auto run = (*store)->beginRun(QStringLiteral("test"), QStringLiteral("{}"), QStringLiteral("CPU"),
                                                QStringLiteral("margin"));
            QVERIFY(run);
            QVERIFY((*store)->storePredictions(*run, rows));
            QVERIFY((*store)->finishRun(*run, RunResult{}));
        }
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        const QVector<qint64> ids = window->store()->sampleIds().value();
        QCOMPARE(view->currentSampleId(), ids.at(0)); // rank 1
        view->setTeachMode(true);
        auto *teach = qobject_cast<TeachEditor *>(view->editor());
        QVERIFY(teach);
        teach->setTeachLabel(QStringLiteral("c"));
        QCOMPARE(view->currentSampleId(), ids.at(0)); // the sample in front stays
        QCOMPARE(teach->proposedLabel(), QStringLiteral("c"));
        // Then: p(c) 0.52, 0.45, then 0.30 and 0.70 (as ranked), 0.90 and 0.10, ...
        const int expected[] = {3, 5, 4, 7, 1, 2};
        for (int i : expected) {
            QTest::keyClick(view, ' ');
            QCOMPARE(view->currentSampleId(), ids.at(i));
        }
        // Leaving teach mode, the queue is the ranking's order again.
        view->setTeachMode(false);
        QTest::keyClick(view, 's');
        QCOMPARE(view->currentSampleId(), ids.at(6));
    }

    void aRejectedGuessIsNeitherAcceptedNorBulkAccepted()
    {
        const QString path = project({"spam", "ham"}, 20);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(view, '1');
        QSignalSpy applied(view->session(), &LabelingSession::rankingApplied);
        window->trainNow();
        QVERIFY(applied.wait(5000)); // the scripted model now guesses spam everywhere
        const qint64 no = view->currentSampleId();
        RejectionInput rejection;
        rejection.label = QStringLiteral("spam");
        QVERIFY(window->store()->rejectLabel(no, rejection));
        view->session()->reshow();
        auto *guess = view->findChild<QLabel *>(QStringLiteral("guessLabel"));
        QVERIFY2(guess->text().contains(QStringLiteral("Not: spam")), qPrintable(guess->text()));
        QTest::keyClick(view, Qt::Key_Return); // no guess left to accept: the sample stays unlabeled
        QCOMPARE(view->currentSampleId(), no);
        QVERIFY(!current(*window->store(), no));
        QTest::keyClick(view, '2'); // its key still labels it
        QCOMPARE(current(*window->store(), no)->labels, QStringList{QStringLiteral("ham")});

        const qint64 other = view->currentSampleId();
        QVERIFY(window->store()->rejectLabel(other, rejection));
        auto *browse = window->findChild<BrowseView *>(QStringLiteral("browseView"));
        browse->reload();
        browse->findChild<QTableView *>(QStringLiteral("sampleTable"))->selectAll();
        browse->acceptGuessesOfSelected();
        QVERIFY(!current(*window->store(), other));
        browse->reload(); // Browse names the label said no to
        int otherRow = -1;
        for (int r = 0; r < browse->model()->rowCount(); ++r)
            if (browse->model()->sampleId(r) == other)
                otherRow = r;
        QVERIFY(otherRow >= 0);
        QCOMPARE(browse->model()->index(otherRow, SampleTableModel::ProvenanceColumn).data().toString(),
                 QStringLiteral("not spam"));
        const qint64 accepted = window->store()->countSamples(SampleFilter::labeled()).value();
        QCOMPARE(accepted, qint64(20 - 1)); // all but the one whose guess was rejected
    }

    void chartsStayReadableWithThirtyLabels()
    {
        QStringList labels;
        for (int i = 0; i < 30; ++i)
            labels << QStringLiteral("A rather long label name number %1").arg(i);
        const QString path = project(labels, 40, 40);
        auto window = makeWindow();
        window->resize(1200, 800);
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        for (int i = 0; i < 12; ++i)
            QTest::keyClick(view, labelKeys(window->store()->labels().value()).at(i % 30).at(0).toLatin1());
        auto *charts = window->findChild<ChartsView *>(QStringLiteral("chartsView"));
        QSignalSpy loaded(charts, &ChartsView::loaded);
        window->trainNow();
        QVERIFY(loaded.wait(5000));
        window->findChild<QTabWidget *>(QStringLiteral("projectTabs"))->setCurrentWidget(charts);
        for (const char *name : {"confusionPlot", "distributionPlot"}) {
            auto *plot = charts->findChild<QCustomPlot *>(QLatin1String(name));
            QVERIFY(plot);
            auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(plot->xAxis->ticker());
            QVERIFY2(ticker, name);
            QCOMPARE(ticker->ticks().size(), 30);
            // Cut with an ellipsis, turned so that thirty fit side by side.
            for (const QString &tick : ticker->ticks())
                QVERIFY2(tick.size() <= 16 && tick.endsWith(QChar(0x2026)), qPrintable(tick));
            QVERIFY(plot->xAxis->tickLabelRotation() != 0);
        }
        // Legends sit under the axes, never over the data.
        for (QCustomPlot *plot : {static_cast<QCustomPlot *>(charts->learningCurve()),
                                  charts->findChild<QCustomPlot *>(QStringLiteral("distributionPlot"))}) {
            QVERIFY(plot->legend->layout() == plot->plotLayout());
            QVERIFY(!plot->axisRect()->insetLayout()->elements(false).contains(plot->legend));
        }
    }

    void wizardPreviewGivesTheTextColumnItsRoom()
    {
        const QString data = m_dir.filePath(QStringLiteral("preview.jsonl"));
        {
            QFile file(data);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < 5; ++i)
                file.write(QStringLiteral("{\"id\": %1, \"label\": \"Pride & Prejudice\", \"text\": \"%2\"}\n")
                               .arg(i)
                               .arg(QStringLiteral("A long paragraph of a novel, sentence after sentence. ").repeated(6))
                               .toUtf8());
        }
        NewProjectWizard wizard;
        wizard.resize(760, 560);
        wizard.show();
        wizard.dataPathEdit()->setText(data);
        auto *table = wizard.findChild<QTableWidget *>(QStringLiteral("previewTable"));
        QVERIFY(table->columnCount() >= 3);
        int text = -1;
        for (int c = 0; c < table->columnCount(); ++c)
            if (table->horizontalHeaderItem(c)->text() == QStringLiteral("text"))
                text = c;
        QVERIFY(text >= 0);
        QCOMPARE(table->horizontalHeader()->sectionResizeMode(text), QHeaderView::Stretch);
        QTest::qWait(50);
        for (int c = 0; c < table->columnCount(); ++c)
            if (c != text)
                QVERIFY2(table->columnWidth(c) < table->columnWidth(text), qPrintable(table->horizontalHeaderItem(c)->text()));
        QCOMPARE(table->item(0, text)->toolTip(), table->item(0, text)->text());
    }

    void theQueueFollowsEachFinishedRound()
    {
        const QString path = project({"spam", "ham"}, 40);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        window->findChild<QSpinBox *>(QStringLiteral("batchSizeBox"))->setValue(25);
        window->findChild<QSpinBox *>(QStringLiteral("intervalBox"))->setValue(3);
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        auto *reason = view->findChild<QLabel *>(QStringLiteral("reasonLabel"));
        QCOMPARE(view->session()->currentItem().reason, QueueItem::Reason::Unranked);
        QSignalSpy applied(view->session(), &LabelingSession::rankingApplied);
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(view, '1'); // the third starts a round
        QVERIFY(applied.wait(5000));
        const qint64 firstRun = window->store()->latestRun(true).value()->id;
        // The sample in front when the ranking came stays; the next one is the new ranking's first.
        const qint64 inFront = view->currentSampleId();
        QTest::keyClick(view, '2');
        QVERIFY(view->currentSampleId() != inFront);
        QueueItem item = view->session()->currentItem();
        QCOMPARE(item.reason, QueueItem::Reason::Ranked);
        QCOMPARE(item.runId, firstRun);
        QVERIFY2(reason->text().startsWith(QStringLiteral("Chosen by the model")), qPrintable(reason->text()));
        const auto ranked = window->store()->rankedPredictions(firstRun, 3, true).value();
        QCOMPARE(item.sampleId, ranked.first().sampleId);
        // Its label records that run's ranking as its source, with the time the annotator took.
        const qint64 rankedSample = item.sampleId;
        QTest::qWait(20);
        QTest::keyClick(view, '1');
        const Annotation labeled = *current(*window->store(), rankedSample);
        QCOMPARE(labeled.provenance.origin, QStringLiteral("ranked"));
        QCOMPARE(labeled.provenance.runId, firstRun);
        QCOMPARE(labeled.provenance.rank, std::optional<int>(1));
        QCOMPARE(labeled.provenance.strategy, window->store()->latestRun(true).value()->strategy);
        QVERIFY(labeled.provenance.seconds && *labeled.provenance.seconds >= 0.015);
        // The labels before the first round say they were random picks.
        const Annotation first = *current(*window->store(), inFront);
        QCOMPARE(first.provenance.origin, QStringLiteral("random"));
        QCOMPARE(first.provenance.runId, qint64(0));
        // Exported with --with-meta, the label carries it.
        const QString exported = m_dir.filePath(QStringLiteral("provenance.jsonl"));
        ExportOptions options;
        options.withMeta = true;
        QVERIFY(exportProject(*window->store(), exported, options));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        bool found = false;
        const QString text = window->store()->sample(rankedSample).value().text;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QJsonObject row = QJsonDocument::fromJson(line).object();
            if (row.value(QStringLiteral("text")).toString() != text)
                continue;
            found = true;
            const QJsonObject p = row.value(QStringLiteral("provenance")).toObject();
            QCOMPARE(p.value(QStringLiteral("origin")).toString(), QStringLiteral("ranked"));
            QCOMPARE(p.value(QStringLiteral("run")).toInteger(), firstRun);
            QCOMPARE(p.value(QStringLiteral("rank")).toInt(), 1);
            QCOMPARE(p.value(QStringLiteral("source")).toString(), QStringLiteral("human"));
            QVERIFY(p.value(QStringLiteral("seconds")).toDouble() > 0);
        }
        QVERIFY(found);
        // The next round's ranking replaces what is left of this one, long before 25 picks are used up.
        QTest::keyClick(view, '2'); // six labels: the second round
        QVERIFY(applied.wait(5000));
        const qint64 secondRun = window->store()->latestRun(true).value()->id;
        QVERIFY(secondRun > firstRun);
        QTest::keyClick(view, '1');
        item = view->session()->currentItem();
        QCOMPARE(item.reason, QueueItem::Reason::Ranked);
        QCOMPARE(item.runId, secondRun);
    }
};

QTEST_MAIN(TestLabelingFlows)
#include "tst_labelingflows.moc"
