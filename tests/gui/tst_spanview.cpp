// The span-labeling studio driven as an annotator would: a ner project through the wizard, entities marked
// by keyboard and by mouse, spans retyped and removed, the one-key "no entities" commit, undo/redo across
// samples, the model's spans accepted all at once and one by one, Chinese character tokens, the browse
// view's span columns and the learning curve's entity wording. Every check reads the project file back.
#include "ScriptedModelClient.h"
#include "store/ProjectStore.h"
#include "text/SpanTokens.h"
#include "ui/BrowseView.h"
#include "ui/ImportPanel.h"
#include "ui/LabelingView.h"
#include "ui/LearningCurvePlot.h"
#include "ui/MainWindow.h"
#include "ui/NewProjectWizard.h"
#include "ui/SampleTableModel.h"
#include "ui/SpanDraft.h"
#include "ui/SpanEditor.h"
#include "ui/SpanTextWidget.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
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
const QString PER = QStringLiteral("PER");
const QString LOC = QStringLiteral("LOC");
const QString ORG = QStringLiteral("ORG");

// Samples the blind keyboard and mouse tests leave alone: later tests label or predict them on purpose.
const QStringList kReserved = {QStringLiteral("t1"), QStringLiteral("t9"), QStringLiteral("t12"),
                               QStringLiteral("t13"), QStringLiteral("t14"), QStringLiteral("z1"),
                               QStringLiteral("z3"), QStringLiteral("z6")};

QVector<Span> sorted(QVector<Span> spans)
{
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    return spans;
}
} // namespace

class TestSpanView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    ScriptedModelClient *m_model = nullptr;

    ProjectStore *store() const { return m_window->store(); }
    LabelingView *view() const { return m_window->findChild<LabelingView *>(QStringLiteral("labelingView")); }
    SpanEditor *editor() const { return qobject_cast<SpanEditor *>(view()->editor()); }
    SpanTextWidget *text() const { return editor()->textWidget(); }
    qint64 current() const { return view()->currentSampleId(); }
    QVector<text::TokenSpan> tokensOf(qint64 id) const
    {
        const Sample s = store()->sample(id).value();
        return text::annotationTokens(s.text, s.tokens);
    }
    QString textOf(qint64 id) const { return store()->sample(id)->text; }
    Span spanOf(qint64 id, int first, int last, const QString &label) const
    {
        return text::spanOfTokens(tokensOf(id), first, last, label);
    }
    std::optional<Annotation> annotation(qint64 id) const
    {
        auto a = store()->currentAnnotation(id);
        if (!a || !a->has_value() || (*a)->cleared)
            return std::nullopt;
        return **a;
    }
    QVector<Span> stored(qint64 id) const
    {
        const auto a = annotation(id);
        return a ? sorted(a->spans) : QVector<Span>();
    }
    qint64 idOf(const QString &externalId) const
    {
        qint64 found = 0;
        (void)store()->forEachSample({}, [&](const AnnotatedSample &s) {
            if (s.sample.externalId == externalId)
                found = s.sample.id;
            return found == 0;
        });
        return found;
    }
    QPoint at(int token) const { return text()->tokenRect(token).center(); }
    void key(int k, Qt::KeyboardModifiers m = Qt::NoModifier) { QTest::keyClick(view(), Qt::Key(k), m); }
    void type(char c) { QTest::keyClick(view(), c); }
    // The latest run's spans for a sample, read straight from the prediction's JSON.
    QVector<Span> predictedSpans(qint64 id) const
    {
        const auto run = store()->latestRun().value();
        if (!run)
            return {};
        const auto row = store()->prediction(run->id, id).value();
        if (!row)
            return {};
        QVector<Span> spans;
        const QJsonArray list = QJsonDocument::fromJson(row->detailJson.toUtf8()).object().value(QStringLiteral("spans")).toArray();
        for (const QJsonValue &v : list) {
            const QJsonObject o = v.toObject();
            spans << Span{o.value(QStringLiteral("start")).toInt(), o.value(QStringLiteral("end")).toInt(),
                          o.value(QStringLiteral("label")).toString()};
        }
        return sorted(spans);
    }
    QVector<Span> pendingSpans() const
    {
        QVector<Span> spans;
        for (const PredictedSpan &p : editor()->draft().pending)
            spans << p.span;
        return spans;
    }
    // Skips until an unlabeled sample with at least `minTokens` tokens that no later test needs is in front.
    bool skipToFresh(int minTokens)
    {
        for (int i = 0; i < 30; ++i) {
            const qint64 id = current();
            if (id == 0)
                return false;
            const Sample s = store()->sample(id).value();
            if (!annotation(id) && tokensOf(id).size() >= minTokens && !kReserved.contains(s.externalId))
                return true;
            key(Qt::Key_S);
        }
        return false;
    }
    // Opens a sample from a list that the latest run gave at least `minSpans` spans and that is still unlabeled
    // in the pool; returns its id or 0.
    qint64 openPredicted(int minSpans)
    {
        const QVector<qint64> pool = store()->sampleIds(SampleFilter::unlabeled(Split::Pool)).value();
        for (qint64 id : pool)
            if (predictedSpans(id).size() >= minSpans) {
                view()->openSample(id);
                return id;
            }
        return 0;
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

    // The draft rules on their own: overlapping spans are replaced, predictions never overlap the annotator's.
    void draftEditsKeepSpansApart()
    {
        const QString t = QStringLiteral("Anna Schmidt works for Siemens");
        const QVector<text::TokenSpan> tokens = text::annotationTokens(t);
        SpanDraft d;
        d.pending = {PredictedSpan{Span{0, 12, PER}, 0.9}, PredictedSpan{Span{23, 30, ORG}, 0.8}};
        d = assignLabel(d, tokens, 1, 2, LOC); // "Schmidt works" overlaps the predicted PER: it goes
        QCOMPARE(d.spans, QVector<Span>({Span{5, 18, LOC}}));
        QCOMPARE(d.pending.size(), 1);
        d = assignLabel(d, tokens, 2, 0, PER); // reversed range; replaces the LOC span it overlaps
        QCOMPARE(d.spans, QVector<Span>({Span{0, 18, PER}}));
        d = acceptPrediction(d, 0, LOC);
        QCOMPARE(d.spans, QVector<Span>({Span{0, 18, PER}, Span{23, 30, LOC}}));
        QVERIFY(d.pending.isEmpty());
        d = removeOverlapping(d, 20, 25);
        QCOMPARE(d.spans, QVector<Span>({Span{0, 18, PER}}));
        // Nothing of the annotator's there: the model's spans there are dismissed instead.
        d.pending = {PredictedSpan{Span{23, 30, ORG}, 0.8}};
        d = removeOverlapping(d, 23, 30);
        QVERIFY(d.pending.isEmpty());
        QCOMPARE(d.spans.size(), 1);
        QCOMPARE(spanSummary(t, {Span{0, 12, PER}, Span{23, 30, ORG}}), QStringLiteral("PER: Anna Schmidt · ORG: Siemens"));
    }

    void predictedSpansAreCheckedAndSnapped()
    {
        const QString t = QStringLiteral("李明在北京工作。");
        const QVector<text::TokenSpan> tokens = text::annotationTokens(t);
        const QStringList labels = {PER, LOC};
        const QString json = QStringLiteral(
            R"({"spans":[{"start":3,"end":5,"label":"LOC","confidence":0.7},)"
            R"({"start":0,"end":2,"label":"PER","confidence":0.9},)"
            R"({"start":1,"end":2,"label":"PER"},)"      // overlaps the one before: left out
            R"({"start":6,"end":9,"label":"LOC"},)"      // past the end of the text: left out
            R"({"start":5,"end":6,"label":"MISC"},)"     // not in the label set: left out
            R"({"start":7,"end":8,"label":"LOC"}]})");   // only the full stop, which is no token: left out
        const QVector<PredictedSpan> spans = parsePredictedSpans(json, tokens, int(t.size()), labels);
        QCOMPARE(spans.size(), 2);
        QCOMPARE(spans.at(0).span, (Span{0, 2, PER})); // in reading order
        QCOMPARE(spans.at(0).confidence, 0.9);
        QCOMPARE(spans.at(1).span, (Span{3, 5, LOC}));
        // A span reaching into the middle of a token is widened to whole tokens.
        const QString words = QStringLiteral("Anna Schmidt works");
        const auto snapped = parsePredictedSpans(QStringLiteral(R"({"spans":[{"start":2,"end":7,"label":"PER"}]})"),
                                                 text::annotationTokens(words), int(words.size()), labels);
        QCOMPARE(snapped.size(), 1);
        QCOMPARE(snapped.at(0).span, (Span{0, 12, PER}));
        QVERIFY(parsePredictedSpans(QStringLiteral("[1,2]"), tokens, int(t.size()), labels).isEmpty());
        QVERIFY(parsePredictedSpans(QStringLiteral("not json"), tokens, int(t.size()), labels).isEmpty());
    }

    void createsSpanProjectThroughWizard()
    {
        auto *wizard = new NewProjectWizard(m_window.get());
        wizard->projectPathEdit()->setText(m_dir.filePath(QStringLiteral("entities.marginalia")));
        QComboBox *task = wizard->taskBox();
        const int ner = task->findData(QStringLiteral("ner"));
        QVERIFY2(ner >= 0, "the wizard offers span labeling");
        task->setCurrentIndex(ner);
        QTableWidget *labels = wizard->labelTable();
        const QStringList names = {PER, LOC, ORG};
        const QStringList colors = {QStringLiteral("#4e79a7"), QStringLiteral("#59a14f"), QStringLiteral("#e15759")};
        for (int i = 0; i < names.size(); ++i) {
            labels->insertRow(i);
            labels->setItem(i, 0, new QTableWidgetItem(names.at(i)));
            labels->setItem(i, 1, new QTableWidgetItem(colors.at(i)));
            labels->setItem(i, 2, new QTableWidgetItem(QString::number(i + 1)));
        }
        wizard->dataPathEdit()->setText(QStringLiteral(GUI_TEST_DATA "/entities.jsonl"));
        QVERIFY(wizard->findChild<QTableWidget *>(QStringLiteral("previewTable"))->rowCount() > 0);
        QVERIFY(NewProjectWizard::dataFileFilter().contains(QStringLiteral("*.jsonl")));
        wizard->findChild<QDoubleSpinBox *>(QStringLiteral("evalFraction"))->setValue(0.2);
        connect(wizard, &NewProjectWizard::projectCreated, m_window.get(),
                [this](const QString &path, const QString &data, const ImportOptions &options) {
                    QVERIFY(m_window->openProject(path));
                    m_window->findChild<ImportPanel *>()->start(data, options);
                });
        QSignalSpy imported(m_window->findChild<ImportPanel *>(), &ImportPanel::finished);
        wizard->accept();
        QVERIFY(imported.wait(20000));
        QVERIFY(imported.first().first().toBool());
        QCOMPARE(store()->task(), TaskType::Ner);
        QCOMPARE(store()->countSamples().value(), qint64(26));
        QCOMPARE(store()->sample(idOf(QStringLiteral("t1")))->tokens.size(), 8);
        QVERIFY(store()->sample(idOf(QStringLiteral("z1")))->tokens.isEmpty()); // raw text: the engine tokenizes
        // The span editor stands in for the classification view's label buttons.
        QVERIFY(view());
        QVERIFY(view()->isVisible());
        QVERIFY(editor());
        QVERIFY(editor()->isVisible());
        QCOMPARE(m_window->findChildren<SampleEditor *>(), QList<SampleEditor *>({editor()}));
        QVERIFY(current() != 0);
        QTRY_VERIFY(view()->hasFocus());
        // Rounds only when a test asks for one.
        m_window->findChild<QSpinBox *>(QStringLiteral("intervalBox"))->setValue(1000);
    }

    void keyboardSelectsAndLabels()
    {
        QVERIFY(skipToFresh(5));
        const qint64 id = current();
        QCOMPARE(text()->caret(), 0);
        key(Qt::Key_Right);
        key(Qt::Key_Right, Qt::ShiftModifier);
        key(Qt::Key_Right, Qt::ShiftModifier);
        key(Qt::Key_Left, Qt::ShiftModifier); // extends back: tokens 1..2
        QCOMPARE(text()->selection().first, 1);
        QCOMPARE(text()->selection().last, 2);
        type('1');
        QCOMPARE(editor()->draft().spans, QVector<Span>({spanOf(id, 1, 2, PER)}));
        QVERIFY(!annotation(id)); // nothing is stored before the commit
        key(Qt::Key_Right);
        key(Qt::Key_Right);
        type('2');
        const QVector<Span> expected = {spanOf(id, 1, 2, PER), spanOf(id, 4, 4, LOC)};
        QCOMPARE(editor()->draft().spans, expected);
        key(Qt::Key_Return);
        QCOMPARE(stored(id), expected);
        QCOMPARE(annotation(id)->source, AnnotationSource::Human);
        QVERIFY(current() != id);
    }

    void mouseDragAndDoubleClickSelectTokens()
    {
        QVERIFY(skipToFresh(4));
        const qint64 id = current();
        QWidget *viewport = text()->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, at(0));
        QTest::mouseMove(viewport, at(1));
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, at(1));
        QCOMPARE(text()->selection().first, 0);
        QCOMPARE(text()->selection().last, 1);
        type('3');
        QTest::mouseDClick(viewport, Qt::LeftButton, Qt::NoModifier, at(3));
        QCOMPARE(text()->selection().first, 3);
        QCOMPARE(text()->selection().last, 3);
        type('1');
        QTest::mouseClick(view()->findChild<QPushButton *>(QStringLiteral("acceptButton")), Qt::LeftButton);
        QCOMPARE(stored(id), QVector<Span>({spanOf(id, 0, 1, ORG), spanOf(id, 3, 3, PER)}));
        QVERIFY(current() != id);
    }

    void clickedSpanIsRetypedAndRemoved()
    {
        QVERIFY(skipToFresh(4));
        const qint64 id = current();
        type('1');               // token 0 as PER
        key(Qt::Key_Right);
        key(Qt::Key_Right);
        type('2');               // token 2 as LOC
        key(Qt::Key_Right);
        type('2');               // token 3 as LOC
        QCOMPARE(editor()->draft().spans.size(), 3);
        QWidget *viewport = text()->viewport();
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::NoModifier, at(0));
        QCOMPARE(text()->selectedSpan(), 0);
        type('3');               // retype: the clicked span becomes ORG
        QCOMPARE(editor()->draft().spans.first(), spanOf(id, 0, 0, ORG));
        QCOMPARE(text()->selectedSpan(), 0);
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::NoModifier, at(2));
        QCOMPARE(text()->selectedSpan(), 1);
        key(Qt::Key_Delete);
        QCOMPARE(editor()->draft().spans, QVector<Span>({spanOf(id, 0, 0, ORG), spanOf(id, 3, 3, LOC)}));
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::NoModifier, at(3));
        key(Qt::Key_Backspace); // with a span picked Backspace removes it instead of going back
        QCOMPARE(current(), id);
        QCOMPARE(editor()->draft().spans, QVector<Span>({spanOf(id, 0, 0, ORG)}));
        // A new span over part of an old one replaces it.
        key(Qt::Key_Home);
        key(Qt::Key_Right, Qt::ShiftModifier);
        type('1');
        QCOMPARE(editor()->draft().spans, QVector<Span>({spanOf(id, 0, 1, PER)}));
        key(Qt::Key_Return);
        QCOMPARE(stored(id), QVector<Span>({spanOf(id, 0, 1, PER)}));
    }

    void noEntitiesIsOneKey()
    {
        QVERIFY(skipToFresh(1));
        const qint64 id = current();
        QVERIFY(editor()->draft().spans.isEmpty());
        QVERIFY(editor()->draft().pending.isEmpty()); // no model yet
        const qint64 labeledBefore = store()->countSamples(SampleFilter::labeled()).value();
        key(Qt::Key_Return);
        const auto a = annotation(id);
        QVERIFY2(a.has_value(), "a sentence without entities is labeled, not left unlabeled");
        QVERIFY(a->spans.isEmpty());
        QCOMPARE(a->source, AnnotationSource::Human);
        QCOMPARE(store()->countSamples(SampleFilter::labeled()).value(), labeledBefore + 1);
        QVERIFY(current() != id);
    }

    void undoRedoRestoreSpansAcrossSamples()
    {
        QAction *undo = m_window->findChild<QAction *>(QStringLiteral("actionUndo"));
        QAction *redo = m_window->findChild<QAction *>(QStringLiteral("actionRedo"));
        QVERIFY(skipToFresh(2));
        const qint64 a = current();
        type('1');
        key(Qt::Key_Return);
        QVERIFY(skipToFresh(2));
        const qint64 b = current();
        key(Qt::Key_Right);
        type('2');
        key(Qt::Key_Return);
        const qint64 c = current();
        QVERIFY(a != b && b != c && c != 0);
        const QVector<Span> spansA = {spanOf(a, 0, 0, PER)}, spansB = {spanOf(b, 1, 1, LOC)};
        QCOMPARE(stored(a), spansA);
        QCOMPARE(stored(b), spansB);

        undo->trigger(); // b's commit: b comes back unlabeled, with the span it had before Enter
        QCOMPARE(current(), b);
        QVERIFY(!annotation(b));
        QCOMPARE(editor()->draft().spans, spansB);
        undo->trigger(); // b's span
        QCOMPARE(current(), b);
        QVERIFY(editor()->draft().spans.isEmpty());
        undo->trigger(); // a's commit
        QCOMPARE(current(), a);
        QVERIFY(!annotation(a));
        QCOMPARE(editor()->draft().spans, spansA);
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier); // a's span, by the key
        QCOMPARE(current(), a);
        QVERIFY(editor()->draft().spans.isEmpty());
        QCOMPARE(stored(b), QVector<Span>());

        redo->trigger();
        QCOMPARE(editor()->draft().spans, spansA);
        QVERIFY(!annotation(a));
        redo->trigger();
        QCOMPARE(stored(a), spansA);
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(current(), b);
        QCOMPARE(editor()->draft().spans, spansB);
        redo->trigger();
        QCOMPARE(stored(b), spansB);
        QVERIFY(!m_window->undoStack()->canRedo());
        // The sample that was in front before the undos is next again.
        key(Qt::Key_S);
        QCOMPARE(current(), c);
    }

    void chineseCharacterTokensMapBackExactly()
    {
        const qint64 id = idOf(QStringLiteral("z1")); // 李明在北京工作。
        view()->openSample(id);
        QCOMPARE(current(), id);
        QCOMPARE(text()->tokenCount(), 7); // one token per character; the full stop is not a token
        key(Qt::Key_Right, Qt::ShiftModifier);
        type('1');
        key(Qt::Key_Right);
        key(Qt::Key_Right);
        key(Qt::Key_Right, Qt::ShiftModifier);
        type('2');
        key(Qt::Key_Return);
        const QVector<Span> spans = stored(id);
        QCOMPARE(spans, QVector<Span>({Span{0, 2, PER}, Span{3, 5, LOC}}));
        QCOMPARE(textOf(id).mid(spans.at(0).start, spans.at(0).end - spans.at(0).start), QStringLiteral("李明"));
        QCOMPARE(textOf(id).mid(spans.at(1).start, spans.at(1).end - spans.at(1).start), QStringLiteral("北京"));

        // Mixed scripts by mouse: "Anna Schmidt flew to 北京 for 华为 ." (Latin words, Chinese characters).
        const qint64 mixed = idOf(QStringLiteral("z6"));
        view()->openSample(mixed);
        QWidget *viewport = text()->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, at(0));
        QTest::mouseMove(viewport, at(1));
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, at(1));
        type('1');
        QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, at(4));
        QTest::mouseMove(viewport, at(5));
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, at(5));
        type('2');
        QTest::mouseDClick(viewport, Qt::LeftButton, Qt::NoModifier, at(7));
        key(Qt::Key_Right, Qt::ShiftModifier);
        type('3');
        key(Qt::Key_Return);
        const QString t = textOf(mixed);
        QStringList marked;
        for (const Span &s : stored(mixed))
            marked << s.label + QLatin1Char('=') + t.mid(s.start, s.end - s.start);
        QCOMPARE(marked, QStringList({"PER=Anna Schmidt", "LOC=北京", "ORG=华为"}));

        // And one English sentence the model can learn names from, after clearing what it may hold.
        const qint64 t1 = idOf(QStringLiteral("t1")); // Anna Schmidt works for Siemens in Berlin .
        view()->openSample(t1);
        key(Qt::Key_Home);
        key(Qt::Key_End, Qt::ShiftModifier);
        key(Qt::Key_Delete);
        key(Qt::Key_Home);
        key(Qt::Key_Right, Qt::ShiftModifier);
        type('1');
        for (int i = 0; i < 3; ++i)
            key(Qt::Key_Right);
        type('3');
        key(Qt::Key_Right);
        key(Qt::Key_Right);
        type('2');
        key(Qt::Key_Return);
        QCOMPARE(stored(t1), QVector<Span>({Span{0, 12, PER}, Span{23, 30, ORG}, Span{34, 40, LOC}}));
    }

    void modelSpansAcceptedAllAtOnce()
    {
        QSignalSpy rounds(m_model, &ModelClient::roundFinished);
        m_window->trainNow();
        QVERIFY(rounds.wait(10000));
        // The view reads the new ranking on a pool thread; the GUI thread goes on meanwhile.
        const qint64 runId = rounds.first().first().value<ml::RoundSummary>().runId;
        QTRY_COMPARE(view()->queue()->latestRunId(), runId);
        const qint64 id = openPredicted(2);
        QVERIFY2(id != 0, "the round predicted spans for unlabeled pool samples");
        const QVector<Span> predicted = predictedSpans(id);
        // Shown in their own style until accepted: pending, not yet the annotator's.
        QCOMPARE(pendingSpans(), predicted);
        QVERIFY(editor()->draft().spans.isEmpty());
        QVERIFY(view()->findChild<QLabel *>(QStringLiteral("guessLabel"))->text().contains(spanSummary(textOf(id), predicted)));
        key(Qt::Key_Return);
        QCOMPARE(stored(id), predicted);
        QCOMPARE(annotation(id)->source, AnnotationSource::ModelAccepted);
    }

    void modelSpansAcceptedOneByOne()
    {
        const qint64 id = openPredicted(2);
        QVERIFY(id != 0);
        const QVector<Span> predicted = predictedSpans(id);
        for (int i = 0; i < predicted.size(); ++i) {
            type('a');
            QCOMPARE(editor()->draft().spans, predicted.mid(0, i + 1)); // in reading order
            QCOMPARE(editor()->draft().pending.size(), predicted.size() - i - 1);
        }
        key(Qt::Key_Return);
        QCOMPARE(stored(id), predicted);
        QCOMPARE(annotation(id)->source, AnnotationSource::ModelAccepted);

        // Accept one, retype another by its key, dismiss the rest: the annotator's work, stored as such.
        const qint64 other = openPredicted(2);
        QVERIFY(other != 0);
        const QVector<Span> proposed = predictedSpans(other);
        type('a');
        const text::TokenRange second = text::tokenRange(tokensOf(other), proposed.at(1).start, proposed.at(1).end);
        QTest::mouseClick(text()->viewport(), Qt::LeftButton, Qt::NoModifier, at(second.first));
        QCOMPARE(text()->selectedPrediction(), 0);
        const QString retyped = proposed.at(1).label == ORG ? PER : ORG;
        type(retyped == ORG ? '3' : '1');
        while (!editor()->draft().pending.isEmpty()) {
            text()->selectPrediction(0);
            key(Qt::Key_Delete);
        }
        key(Qt::Key_Return);
        QCOMPARE(stored(other), QVector<Span>({proposed.at(0), Span{proposed.at(1).start, proposed.at(1).end, retyped}}));
        QCOMPARE(annotation(other)->source, AnnotationSource::Human);
    }

    void browseListsSpansAndOpensThem()
    {
        auto *browse = m_window->findChild<BrowseView *>(QStringLiteral("browseView"));
        QAbstractItemModelTester tester(browse->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("projectTabs"));
        tabs->setCurrentIndex(1);
        SampleTableModel *model = browse->model();
        QCOMPARE(model->headerData(SampleTableModel::LabelColumn, Qt::Horizontal).toString(), QStringLiteral("Entities"));
        QVERIFY(!browse->findChild<QPushButton *>(QStringLiteral("relabelButton"))->isVisible());
        QVERIFY(browse->findChild<QPushButton *>(QStringLiteral("openSpansButton"))->isVisible());
        const qint64 z1 = idOf(QStringLiteral("z1"));
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->sampleId(r) == z1)
                row = r;
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, SampleTableModel::LabelColumn).data().toString(), QStringLiteral("PER: 李明 · LOC: 北京"));
        // The model learned 北京 as a place: a sample with it shows the prediction in its own column.
        const qint64 z3 = idOf(QStringLiteral("z3")); // 华为在北京有很多工程师。
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->sampleId(r) == z3)
                QVERIFY(model->index(r, SampleTableModel::PredictedColumn).data().toString().contains(QStringLiteral("LOC: 北京")));
        auto *predictedFilter = browse->findChild<QComboBox *>(QStringLiteral("predictedFilter"));
        predictedFilter->setCurrentIndex(predictedFilter->findData(LOC));
        QTRY_VERIFY(!model->isLoading()); // the run's predictions are read on a worker, once
        QVERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(model->index(r, SampleTableModel::PredictedColumn).data().toString().contains(QStringLiteral("LOC: ")));
        predictedFilter->setCurrentIndex(0);

        // Relabel from Browse: the span view opens the sample with its spans.
        auto *table = browse->findChild<QTableView *>(QStringLiteral("sampleTable"));
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->sampleId(r) == z1)
                table->selectRow(r);
        QTest::mouseClick(browse->findChild<QPushButton *>(QStringLiteral("openSpansButton")), Qt::LeftButton);
        QCOMPARE(tabs->currentIndex(), 0);
        QCOMPARE(current(), z1);
        QCOMPARE(editor()->draft().spans, stored(z1));
        QVERIFY(editor()->draft().pending.isEmpty()); // a labeled sample shows its own spans only
        QCOMPARE(view()->findChild<QLabel *>(QStringLiteral("reasonLabel"))->text(), QStringLiteral("Opened from Browse"));
        key(Qt::Key_End);
        type('3'); // the last token is 作: the full stop is no token
        key(Qt::Key_Return);
        QCOMPARE(stored(z1).size(), 3);
        QCOMPARE(stored(z1).last(), (Span{6, 7, ORG}));
    }

    void longTextWrapsAndFollowsTheCaret()
    {
        QStringList words;
        for (int i = 0; i < 400; ++i)
            words << QStringLiteral("word%1").arg(i);
        Sample sample;
        sample.text = words.join(QLatin1Char(' '));
        const qint64 id = store()->addSample(sample).value().value();
        view()->openSample(id);
        QCOMPARE(text()->tokenCount(), 400);
        QScrollBar *bar = text()->verticalScrollBar();
        QVERIFY2(bar->maximum() > 0, "a long text is taller than the view: it scrolls");
        QCOMPARE(bar->value(), 0);
        key(Qt::Key_End);
        QVERIFY(bar->value() > 0);
        QVERIFY(text()->viewport()->rect().contains(text()->tokenRect(399)));
        type('2');
        key(Qt::Key_Return);
        const int end = int(sample.text.size());
        QCOMPARE(stored(id), QVector<Span>({Span{end - 7, end, LOC}})); // "word399"
    }

    void renamedLabelReachesTheOpenSample()
    {
        const qint64 t1 = idOf(QStringLiteral("t1"));
        view()->openSample(t1);
        QCOMPARE(editor()->draft().spans.first().label, PER);
        Label per = store()->labels()->at(0);
        per.name = QStringLiteral("PERSON");
        QVERIFY(store()->updateLabel(per).ok());
        view()->reloadLabels(); // what the label set dialog's change does
        QCOMPARE(editor()->draft().spans.first().label, QStringLiteral("PERSON"));
        key(Qt::Key_Return);
        QCOMPARE(stored(t1).first(), (Span{0, 12, QStringLiteral("PERSON")}));
        per.name = PER;
        QVERIFY(store()->updateLabel(per).ok());
        view()->reloadLabels();
    }

    void learningCurveSpeaksOfEntities()
    {
        auto *curve = m_window->findChild<LearningCurvePlot *>(QStringLiteral("learningCurve"));
        QVERIFY(curve);
        QTRY_COMPARE(curve->pointCount(), 1);
        QCOMPARE(curve->graph(2)->name(), QStringLiteral("entity macro F1"));
        QVERIFY(curve->yAxis->label().contains(QStringLiteral("Entity")));
    }

    void languageSwitchRetranslatesTheSpanView()
    {
        auto *accept = view()->findChild<QPushButton *>(QStringLiteral("acceptButton"));
        QCOMPARE(accept->text(), QStringLiteral("Accept all and save (Enter)"));
        m_window->findChild<QAction *>(QStringLiteral("actionLanguage_zh_CN"))->trigger();
        QTRY_VERIFY(accept->text() != QStringLiteral("Accept all and save (Enter)"));
        QVERIFY(accept->text().contains(QStringLiteral("(Enter)")));
        QVERIFY(view()->findChild<QPushButton *>(QStringLiteral("skipButton"))->text() == QStringLiteral("跳过 (S)"));
        m_window->findChild<QAction *>(QStringLiteral("actionLanguage_en"))->trigger();
        QTRY_COMPARE(accept->text(), QStringLiteral("Accept all and save (Enter)"));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestSpanView)
#include "tst_spanview.moc"
