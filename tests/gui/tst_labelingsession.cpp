// The labeling session every task shares, driven through the labeling view with each editor in turn (label
// buttons for text classification, spans for span labeling): the queue advances only after a save is in the
// file, evaluation samples come in every third while the eval split is short of labels, undo and redo go back
// across samples and the counts follow them, and Back/Skip walk the samples already shown.
#include "settings/ProjectSettings.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"
#include "ui/LabelButtonsEditor.h"
#include "ui/LabelingView.h"
#include "ui/SpanEditor.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <functional>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

Q_DECLARE_METATYPE(marginalia::TaskType)

namespace {
// One project open in a labeling view, as MainWindow opens it.
struct Studio
{
    std::unique_ptr<ProjectStore> store;
    QUndoStack undo;
    LabelingView view;
};

// The first label as each editor takes it: key 1 labels and advances (single-label), or picks the label
// (multi-label) or marks the first token with it (spans), and Enter saves.
void answer(LabelingView &view, TaskType task)
{
    QTest::keyClick(&view, '1');
    if (task != TaskType::TextCat)
        QTest::keyClick(&view, Qt::Key_Return);
}

// Labels the sample in front and returns its id.
qint64 labelCurrent(LabelingView &view, TaskType task)
{
    const qint64 id = view.currentSampleId();
    answer(view, task);
    return id;
}
} // namespace

class TestLabelingSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_projects = 0;

    // A fresh project of `pool` pool samples and `eval` evaluation samples, open in a shown labeling view.
    std::unique_ptr<Studio> open(TaskType task, int pool, int eval,
                                 const std::function<bool(ProjectStore &)> &beforeOpening = {})
    {
        const QStringList labels = task == TaskType::Ner ? QStringList{"PER", "LOC", "ORG"}
                                                         : QStringList{"billing", "technical", "shipping"};
        const QString path = m_dir.filePath(QStringLiteral("session%1.marginalia").arg(++m_projects));
        auto created = ProjectStore::create(path, task, labels);
        if (!created)
            return nullptr;
        auto studio = std::make_unique<Studio>();
        studio->store = std::move(created).value();
        for (int i = 0; i < pool + eval; ++i) {
            Sample sample;
            sample.text = QStringLiteral("Anna wrote message %1 from Berlin.").arg(i);
            sample.split = i < pool ? Split::Pool : Split::Eval;
            if (!studio->store->addSample(sample))
                return nullptr;
        }
        if (beforeOpening && !beforeOpening(*studio->store))
            return nullptr;
        studio->view.setProject(studio->store.get(), &studio->undo, QStringLiteral("tester"));
        studio->view.show();
        return studio;
    }

    static bool labeled(const Studio &s, qint64 id)
    {
        const auto a = s.store->currentAnnotation(id);
        return a && a->has_value() && !(*a)->cleared;
    }
    static qint64 countedLabels(const Studio &s)
    {
        return s.view.queue()->counts().poolLabeled + s.view.queue()->counts().evalLabeled;
    }
    static qint64 storedLabels(const Studio &s) { return s.store->countSamples(SampleFilter::labeled()).value(); }

    static void editors()
    {
        QTest::addColumn<TaskType>("task");
        QTest::newRow("label buttons (textcat)") << TaskType::TextCat;
        QTest::newRow("label buttons (multilabel)") << TaskType::MultiLabel;
        QTest::newRow("spans (ner)") << TaskType::Ner;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void theProjectsTaskPicksTheEditor_data() { editors(); }
    void theProjectsTaskPicksTheEditor()
    {
        QFETCH(TaskType, task);
        auto s = open(task, 3, 0);
        QVERIFY(s);
        QVERIFY(s->view.editor());
        QCOMPARE(bool(qobject_cast<SpanEditor *>(s->view.editor())), task == TaskType::Ner);
        QCOMPARE(bool(qobject_cast<LabelButtonsEditor *>(s->view.editor())), task != TaskType::Ner);
        QCOMPARE(s->view.findChildren<SampleEditor *>().size(), 1);
        // Closed, the editor goes with the project; opened again, a new one comes.
        s->view.clearProject();
        QVERIFY(!s->view.editor());
        s->view.setProject(s->store.get(), &s->undo, QStringLiteral("tester"));
        QCOMPARE(s->view.findChildren<SampleEditor *>().size(), 1);
        QVERIFY(s->view.currentSampleId() != 0);
    }

    void queueAdvancesOnlyAfterTheSave_data() { editors(); }
    void queueAdvancesOnlyAfterTheSave()
    {
        QFETCH(TaskType, task);
        auto s = open(task, 6, 0);
        QVERIFY(s);
        QSignalSpy saved(&s->view, &LabelingView::labeled);
        QSet<qint64> shown;
        for (int i = 0; i < 6; ++i) {
            const qint64 id = s->view.currentSampleId();
            QVERIFY(id != 0);
            QVERIFY2(!shown.contains(id), "a sample shown in this session does not come back by itself");
            shown.insert(id);
            QVERIFY(!labeled(*s, id));
            answer(s->view, task);
            QVERIFY2(labeled(*s, id), "saved before the next sample is shown");
            QVERIFY(s->view.currentSampleId() != id);
            QCOMPARE(saved.size(), i + 1);
            QCOMPARE(saved.last().at(0).toLongLong(), id);
            QCOMPARE(countedLabels(*s), storedLabels(*s));
        }
        QCOMPARE(s->view.currentSampleId(), qint64(0)); // every sample is labeled
        QVERIFY(s->view.findChild<QLabel *>(QStringLiteral("reasonLabel"))->text().isEmpty());
        QCOMPARE(storedLabels(*s), qint64(6));
    }

    void evaluationSamplesComeEveryThird_data() { editors(); }
    void evaluationSamplesComeEveryThird()
    {
        QFETCH(TaskType, task);
        auto s = open(task, 12, 2);
        QVERIFY(s);
        QCOMPARE(s->view.queue()->evalTarget(), 2);
        QSignalSpy saved(&s->view, &LabelingView::labeled);
        auto *banner = s->view.findChild<QLabel *>(QStringLiteral("evalBanner"));
        QVector<int> evalAt;
        for (int i = 0; i < 12; ++i) {
            const qint64 id = s->view.currentSampleId();
            QVERIFY(id != 0);
            const bool eval = s->store->sample(id)->split == Split::Eval;
            QCOMPARE(banner->isVisibleTo(&s->view), eval);
            if (eval)
                evalAt << i;
            answer(s->view, task);
            QCOMPARE(saved.last().at(1).toBool(), eval);
        }
        // The third and the sixth; after that the eval split has its target and the pool goes on alone.
        QCOMPARE(evalAt, QVector<int>({2, 5}));
        QCOMPARE(s->view.queue()->counts().evalLabeled, qint64(2));
        QCOMPARE(s->view.queue()->counts().poolLabeled, qint64(10));
    }

    // The model's guess shows on pool samples only: one on an evaluation sample would bias the gold labels the
    // model is judged against.
    void evaluationSamplesAreLabeledBlind()
    {
        const auto guessEverything = [](ProjectStore &store) {
            const auto run = store.beginRun(QStringLiteral("test"), QStringLiteral("{}"), QStringLiteral("CPU"),
                                            QStringLiteral("margin"));
            if (!run) {
                qWarning("%s", qPrintable(run.error()));
                return false;
            }
            QVector<PredictionRow> rows;
            const auto samples = store.annotatedSamples();
            if (!samples)
                return false;
            for (const AnnotatedSample &a : *samples) {
                PredictionRow row;
                row.sampleId = a.sample.id;
                row.label = QStringLiteral("shipping");
                row.confidence = 0.9;
                if (a.sample.split == Split::Pool)
                    row.rank = static_cast<int>(rows.size()) + 1;
                rows.push_back(row);
            }
            const Status stored = store.storePredictions(*run, rows);
            const Status finished = stored ? store.finishRun(*run, RunResult{}) : stored;
            if (!finished)
                qWarning("%s", qPrintable(finished.error()));
            return finished.ok();
        };
        auto s = open(TaskType::TextCat, 4, 2, guessEverything);
        QVERIFY(s);
        auto *guess = s->view.findChild<QLabel *>(QStringLiteral("guessLabel"));
        QVERIFY(guess);
        int pool = 0, eval = 0;
        for (int i = 0; i < 6 && s->view.currentSampleId() != 0; ++i) {
            const bool isEval = s->store->sample(s->view.currentSampleId())->split == Split::Eval;
            if (isEval) {
                ++eval;
                QVERIFY2(!guess->text().contains(QLatin1String("shipping")), qPrintable(guess->text()));
                QVERIFY2(guess->text().contains(QLatin1String("hidden")), qPrintable(guess->text()));
                QTest::keyClick(&s->view, Qt::Key_Return); // nothing to accept: the sample stays
                QVERIFY(!labeled(*s, s->view.currentSampleId()));
            } else {
                ++pool;
                QTRY_VERIFY2(guess->text().contains(QLatin1String("shipping")), qPrintable(guess->text()));
            }
            answer(s->view, TaskType::TextCat);
        }
        QVERIFY(pool > 0 && eval > 0);
    }

    void undoAndRedoGoBackAcrossSamples_data() { editors(); }
    void undoAndRedoGoBackAcrossSamples()
    {
        QFETCH(TaskType, task);
        auto s = open(task, 6, 0);
        QVERIFY(s);
        const qint64 a = labelCurrent(s->view, task);
        const qint64 b = labelCurrent(s->view, task);
        const qint64 c = s->view.currentSampleId();
        QVERIFY(a != b && b != c && c != 0);
        const auto stored = [&](qint64 id) { return s->store->currentAnnotation(id).value().value(); };
        const Annotation savedA = stored(a), savedB = stored(b);

        s->undo.undo(); // b's save: b comes back in front, unlabeled
        QCOMPARE(s->view.currentSampleId(), b);
        QVERIFY(!labeled(*s, b));
        QVERIFY(labeled(*s, a));
        QCOMPARE(countedLabels(*s), qint64(1));
        if (auto *spans = qobject_cast<SpanEditor *>(s->view.editor())) // with the span marked before Enter
            QCOMPARE(spans->draft().spans, savedB.spans);
        for (int i = 0; i < 4 && labeled(*s, a); ++i) // a's save (the span editor undoes b's mark first)
            s->undo.undo();
        QCOMPARE(s->view.currentSampleId(), a);
        QVERIFY(!labeled(*s, a));
        QCOMPARE(countedLabels(*s), qint64(0));

        while (s->undo.canRedo())
            s->undo.redo();
        QCOMPARE(stored(a).labels, savedA.labels);
        QCOMPARE(stored(a).spans, savedA.spans);
        QCOMPARE(stored(b).labels, savedB.labels);
        QCOMPARE(stored(b).spans, savedB.spans);
        QCOMPARE(countedLabels(*s), qint64(2));
        // The samples shown before the undos come back before anything new: c is next after them.
        for (int i = 0; i < 2 && s->view.currentSampleId() != c; ++i) {
            QVERIFY(s->view.currentSampleId() == a || s->view.currentSampleId() == b);
            QTest::keyClick(&s->view, Qt::Key_S);
        }
        QCOMPARE(s->view.currentSampleId(), c);

        // A new save drops what was left to redo.
        s->undo.undo();
        QCOMPARE(s->view.currentSampleId(), b);
        answer(s->view, task);
        QVERIFY(labeled(*s, b));
        QVERIFY(!s->undo.canRedo());
        QCOMPARE(countedLabels(*s), storedLabels(*s));
    }

    void backAndSkipWalkTheSamplesShown_data() { editors(); }
    void backAndSkipWalkTheSamplesShown()
    {
        QFETCH(TaskType, task);
        auto s = open(task, 6, 0);
        QVERIFY(s);
        const qint64 a = labelCurrent(s->view, task);
        const qint64 b = s->view.currentSampleId();
        QTest::keyClick(&s->view, Qt::Key_S);
        const qint64 c = s->view.currentSampleId();
        QVERIFY(c != b && c != 0);
        QVERIFY(!labeled(*s, b)); // skipped, not labeled
        QTest::keyClick(&s->view, Qt::Key_Backspace);
        QCOMPARE(s->view.currentSampleId(), b);
        QTest::keyClick(&s->view, Qt::Key_Backspace);
        QCOMPARE(s->view.currentSampleId(), a);
        QTest::keyClick(&s->view, Qt::Key_S);
        QCOMPARE(s->view.currentSampleId(), b);
        QTest::keyClick(&s->view, Qt::Key_S);
        QCOMPARE(s->view.currentSampleId(), c);
        QTest::keyClick(&s->view, Qt::Key_S);
        QVERIFY(!QSet<qint64>({a, b, c, 0}).contains(s->view.currentSampleId()));
        QCOMPARE(storedLabels(*s), qint64(1));
    }

    // Two studios on one project file, each under its own name: no sample is served to both while its lease holds,
    // every sample ends up labeled once, and what a closing studio held goes to the other at once.
    void twoStudiosNeverShareASample()
    {
        auto a = open(TaskType::TextCat, 12, 0);
        QVERIFY(a);
        auto b = std::make_unique<Studio>();
        b->store = std::move(ProjectStore::open(a->store->path())).value();
        b->view.setProject(b->store.get(), &b->undo, QStringLiteral("bob"));
        b->view.show();
        QSet<qint64> byA, byB;
        for (int i = 0; i < 12 && (a->view.currentSampleId() || b->view.currentSampleId()); ++i) {
            if (const qint64 id = a->view.currentSampleId()) {
                QVERIFY2(!byB.contains(id), "a sample served to both studios");
                byA.insert(labelCurrent(a->view, TaskType::TextCat));
            }
            if (const qint64 id = b->view.currentSampleId()) {
                QVERIFY2(!byA.contains(id), "a sample served to both studios");
                byB.insert(labelCurrent(b->view, TaskType::TextCat));
            }
        }
        QCOMPARE(byA.size() + byB.size(), 12);
        QVERIFY(!byA.intersects(byB));
        QVERIFY(!byA.isEmpty() && !byB.isEmpty());
        for (qint64 id : byA + byB)
            QCOMPARE(a->store->annotationHistory(id)->size(), 1);

        // A new project: the first studio takes its samples, is closed, and the second gets them all.
        auto c = open(TaskType::TextCat, 6, 0);
        QVERIFY(c && c->view.currentSampleId());
        auto d = std::make_unique<Studio>();
        d->store = std::move(ProjectStore::open(c->store->path())).value();
        d->view.setProject(d->store.get(), &d->undo, QStringLiteral("dora"));
        QCOMPARE(d->view.currentSampleId(), qint64(0)); // every sample is leased to the first studio
        c->view.clearProject();
        d->view.showNext();
        QSet<qint64> byD;
        while (const qint64 id = d->view.currentSampleId())
            byD.insert(labelCurrent(d->view, TaskType::TextCat));
        QCOMPARE(byD.size(), 6);
    }

    // The overlap share: each of its samples goes to two annotators, who label it blind (the second does not see the
    // first's label), and a third is not offered it; undo of the second's label leaves the first's standing.
    void overlapSamplesAreLabeledTwiceAndBlind()
    {
        auto a = open(TaskType::TextCat, 4, 0, [](ProjectStore &store) {
            return settings::setValue(store, QLatin1String(settings::kOverlapShare), QStringLiteral("1"), settings::Cli).ok();
        });
        QVERIFY(a);
        QSet<qint64> byA;
        while (const qint64 id = a->view.currentSampleId())
            byA.insert(labelCurrent(a->view, TaskType::TextCat)); // key 1: billing
        QCOMPARE(byA.size(), 4);
        auto b = std::make_unique<Studio>();
        b->store = std::move(ProjectStore::open(a->store->path())).value();
        QVector<LabelingSession::Shown> shownToB;
        connect(b->view.session(), &LabelingSession::sampleShown, this,
                [&](const LabelingSession::Shown &shown) { shownToB.push_back(shown); });
        b->view.setProject(b->store.get(), &b->undo, QStringLiteral("bob"));
        QVector<qint64> byB;
        while (const qint64 id = b->view.currentSampleId()) {
            byB.push_back(id);
            QTest::keyClick(&b->view, '2'); // technical
        }
        QCOMPARE(QSet<qint64>(byB.begin(), byB.end()), byA);
        for (const LabelingSession::Shown &shown : std::as_const(shownToB))
            QVERIFY2(!shown.existing, "an overlap sample showed another annotator's label");
        // Both labels are kept, one vote each; the second's undo takes back only theirs.
        QCOMPARE(b->store->annotatorLabels()->size(), 8);
        b->undo.undo();
        const qint64 undone = byB.last();
        const ResolvedLabel r = resolveLabel(*b->store->annotationHistory(undone), TaskType::TextCat);
        QCOMPARE(r.votes.size(), 1);
        QCOMPARE(r.votes.first().annotator, QStringLiteral("tester"));
        QCOMPARE(r.annotation->labels, QStringList{QStringLiteral("billing")});
        const auto current = *b->store->currentAnnotation(undone);
        QVERIFY(current && !current->cleared);
        QCOMPARE(current->annotator, QStringLiteral("tester"));
        // A third annotator gets none of them: each has its two (the undone one is still leased to the second).
        auto c = std::make_unique<Studio>();
        c->store = std::move(ProjectStore::open(a->store->path())).value();
        c->view.setProject(c->store.get(), &c->undo, QStringLiteral("cid"));
        QCOMPARE(c->view.currentSampleId(), qint64(0));
    }
};

QTEST_MAIN(TestLabelingSession)
#include "tst_labelingsession.moc"
