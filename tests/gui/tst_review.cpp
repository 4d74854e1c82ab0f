// The review tab: the samples annotators disagree on, with each one's label and the label that stands and why; a
// reviewer's final label (undoable, history kept); flagged samples; suspected label errors from the audit.
#include "ScriptedModelClient.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"
#include "task/ProjectAgreement.h"
#include "ui/AgreementPanel.h"
#include "ui/LabelButtonRow.h"
#include "ui/Plot.h"
#include "ui/MainWindow.h"
#include "ui/ReviewView.h"

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

namespace {
const QString A = QStringLiteral("a"), B = QStringLiteral("b"), C = QStringLiteral("c");

void label(ProjectStore &store, qint64 id, const QString &who, const QString &name)
{
    AnnotationInput in;
    in.labels = {name};
    in.annotator = who;
    if (!store.annotate(id, in))
        qFatal("cannot label");
}

ResolvedLabel resolved(const ProjectStore &store, qint64 id)
{
    return resolveLabel(*store.annotationHistory(id), store.task());
}
} // namespace

class TestReview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    ReviewView *m_review = nullptr;

    // Waits for the list the view is reading (or has just read).
    bool waitLoaded()
    {
        if (!m_review->isLoading())
            return true;
        QSignalSpy loaded(m_review, &ReviewView::loaded);
        return loaded.wait(10000);
    }
    QString cell(qint64 sampleId, int column) const
    {
        auto *table = m_review->findChild<QTableWidget *>(QStringLiteral("reviewTable"));
        for (int row = 0; row < m_review->shownCount(); ++row)
            if (m_review->shownSample(row) == sampleId)
                return table->item(row, column)->text();
        return QStringLiteral("(not listed)");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the annotator's name is a user setting
        const QString path = m_dir.filePath(QStringLiteral("team.marginalia"));
        auto store = ProjectStore::create(path, TaskType::TextCat, {A, B, C});
        QVERIFY(store);
        for (int i = 1; i <= 6; ++i) {
            Sample s;
            s.text = QStringLiteral("Sample number %1 to label.").arg(i);
            QVERIFY((*store)->addSample(s));
        }
        label(**store, 1, "ann", A); // a tie: bob's label is newest
        label(**store, 1, "bob", B);
        label(**store, 2, "ann", A); // agreement
        label(**store, 2, "bob", A);
        label(**store, 3, "ann", A); // a majority against the newest
        label(**store, 3, "bob", A);
        label(**store, 3, "cid", B);
        label(**store, 4, "ann", C); // flagged
        QVERIFY((*store)->setFlag(4, QStringLiteral("is this really c?")));
        label(**store, 5, "ann", A);
        label(**store, 6, "ann", A);
        store->reset();

        m_window = std::make_unique<MainWindow>(
            [](const QString &p) { return std::make_unique<ScriptedModelClient>(p); });
        m_window->show();
        QVERIFY(m_window->openProject(path));
        m_review = m_window->findChild<ReviewView *>(QStringLiteral("reviewView"));
        QVERIFY(m_review);
        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("projectTabs"));
        QCOMPARE(tabs->tabText(tabs->indexOf(m_review)), QStringLiteral("Review"));
        tabs->setCurrentWidget(m_review); // the list is read when the page is shown
        QVERIFY(waitLoaded());
    }

    void listsTheDisagreements()
    {
        QCOMPARE(m_review->shownCount(), 2);
        QCOMPARE(m_review->shownSample(0), qint64(1));
        QCOMPARE(m_review->shownSample(1), qint64(3));
        QCOMPARE(cell(1, 2), QStringLiteral("ann: a · bob: b"));
        QCOMPARE(cell(1, 3), B);
        QCOMPARE(cell(1, 4), QStringLiteral("tie (newest label)"));
        QCOMPARE(cell(3, 3), A);
        QCOMPARE(cell(3, 4), QStringLiteral("majority"));
        QCOMPARE(m_review->findChild<QLabel *>(QStringLiteral("reviewCount"))->text(), QStringLiteral("2 sample(s)"));
    }

    void aFinalLabelStandsAndUndoes()
    {
        ProjectStore &store = *m_window->store();
        m_window->setAnnotatorName(QStringLiteral("  rita "));
        QCOMPARE(MainWindow::annotatorName(), QStringLiteral("rita"));
        QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("annotatorLabel"))->text(), QStringLiteral("Labeling as rita"));
        QVERIFY(m_review->selectSample(1));
        auto *buttons = m_review->findChild<LabelButtonRow *>(QStringLiteral("reviewLabels"));
        QCOMPARE(buttons->count(), 3);
        buttons->button(2)->click(); // c: neither annotator's label
        QCOMPARE(resolved(store, 1).basis, LabelBasis::Reviewed);
        QCOMPARE(resolved(store, 1).annotation->labels, QStringList{C});
        QCOMPARE(resolved(store, 1).review->annotator, QStringLiteral("rita"));
        QVERIFY(waitLoaded());
        QCOMPARE(m_review->shownCount(), 1); // decided: no longer waiting
        m_review->setShown(ReviewView::Show::Reviewed);
        QCOMPARE(m_review->shownCount(), 1);
        QCOMPARE(cell(1, 4), QStringLiteral("reviewed by rita"));
        QCOMPARE(cell(1, 3), C);

        m_window->undoStack()->undo();
        QCOMPARE(resolved(store, 1).basis, LabelBasis::Tie);
        QCOMPARE((*store.currentAnnotation(1))->labels, QStringList{B});
        QVERIFY(waitLoaded());
        QCOMPARE(m_review->shownCount(), 0);
        m_window->undoStack()->redo();
        QCOMPARE(resolved(store, 1).annotation->labels, QStringList{C});
        QVERIFY(waitLoaded());
        QCOMPARE(m_review->shownCount(), 1);
    }

    void flaggedAndSeveral()
    {
        m_review->setShown(ReviewView::Show::Flagged);
        QCOMPARE(m_review->shownCount(), 1);
        QCOMPARE(cell(4, 5), QStringLiteral("flagged: is this really c?"));
        m_review->setShown(ReviewView::Show::SeveralAnnotators);
        QCOMPARE(m_review->shownCount(), 3);
    }

    // Who labeled how much: ann labeled six samples, bob three, cid one, and rita's one decision stands (after an
    // undo and a redo).
    void annotatorCounts()
    {
        m_review->setShown(ReviewView::Show::Annotators);
        auto *people = m_review->findChild<QTableWidget *>(QStringLiteral("annotatorTable"));
        QVERIFY(people->isVisible());
        QHash<QString, QString> samples, reviews;
        for (int row = 0; row < people->rowCount(); ++row) {
            samples.insert(people->item(row, 0)->text(), people->item(row, 1)->text());
            reviews.insert(people->item(row, 0)->text(), people->item(row, 3)->text());
        }
        QCOMPARE(people->item(0, 0)->text(), QStringLiteral("ann"));
        QCOMPARE(samples.value(QStringLiteral("ann")), QStringLiteral("6"));
        QCOMPARE(samples.value(QStringLiteral("bob")), QStringLiteral("3"));
        QCOMPARE(samples.value(QStringLiteral("cid")), QStringLiteral("1"));
        QCOMPARE(reviews.value(QStringLiteral("rita")), QStringLiteral("1"));
        QCOMPARE(m_review->findChild<QLabel *>(QStringLiteral("reviewCount"))->text(), QStringLiteral("4 annotator(s)"));
    }

    // Agreement as `marginalia agreement` computes it: ann and bob on samples 1-3 (agree on 2 and 3), cid with both
    // on sample 3; the reviewer is nobody's vote.
    void agreementBetweenAnnotators()
    {
        m_review->setShown(ReviewView::Show::Agreement);
        auto *panel = m_review->findChild<AgreementPanel *>(QStringLiteral("agreementPanel"));
        QVERIFY(panel->isVisible());
        const auto expected = task::projectAgreement(*m_window->store());
        QVERIFY(expected);
        QVERIFY2(panel->summary().contains(QStringLiteral("3 annotator(s); %1 samples").arg(expected->overall.units)),
                 qPrintable(panel->summary()));
        QCOMPARE(panel->pairs()->rowCount(), int(expected->overall.pairs.size()));
        const metrics::PairAgreement &first = expected->overall.pairs.first();
        QCOMPARE(panel->pairs()->item(0, 0)->text(), first.a);
        QCOMPARE(panel->pairs()->item(0, 2)->text(), QString::number(first.items));
        QCOMPARE(panel->pairs()->item(0, 3)->text(), QLocale().toString(first.cohenKappa, 'f', 3));
        QCOMPARE(panel->plot()->plottableCount(), 2); // alpha and Fleiss' kappa per label
    }

    // The audit runs on the model's side; its suspects get a list of their own with the model's suggestion.
    void suspectedErrorsFromTheAudit()
    {
        auto *find = m_review->findChild<QPushButton *>(QStringLiteral("findErrorsButton"));
        QVERIFY(find->isEnabled());
        QSignalSpy ended(m_window->model(), &ModelClient::auditEnded);
        find->click();
        QVERIFY(ended.wait(10000));
        QVERIFY(waitLoaded());
        auto *show = m_review->findChild<QComboBox *>(QStringLiteral("reviewShow"));
        QCOMPARE(show->currentIndex(), int(ReviewView::Show::Suspected));
        // Newest labels: 1 c (reviewed), 2 a, 3 b, 4 c, 5 a, 6 a: a is most common; 1, 3 and 4 are suspects.
        QCOMPARE(m_review->shownCount(), 3);
        QVERIFY2(cell(4, 5).contains(QStringLiteral("model suggests a")), qPrintable(cell(4, 5)));
        QVERIFY(cell(4, 5).contains(QStringLiteral("flagged")));
        // A suspect decided from here is reviewed like any other.
        QVERIFY(m_review->selectSample(4));
        m_review->setFinalLabels({A});
        QCOMPARE(resolved(*m_window->store(), 4).annotation->labels, QStringList{A});
        QVERIFY(waitLoaded());
    }

    // Label keys decide from the list, and the next sample waiting takes the place of the one decided.
    void labelKeysDecideAndAdvance()
    {
        label(*m_window->store(), 5, "bob", B); // a second disagreement, after sample 3
        m_review->setShown(ReviewView::Show::WaitingForReview);
        m_review->reload();
        QVERIFY(waitLoaded());
        QCOMPARE(m_review->shownCount(), 2);
        QVERIFY(m_review->selectSample(3));
        auto *table = m_review->findChild<QTableWidget *>(QStringLiteral("reviewTable"));
        QTest::keyClick(table, Qt::Key_2);
        QCOMPARE(resolved(*m_window->store(), 3).annotation->labels, QStringList{B});
        QCOMPARE(resolved(*m_window->store(), 3).basis, LabelBasis::Reviewed);
        QVERIFY(waitLoaded());
        QCOMPARE(m_review->shownCount(), 1);
        QCOMPARE(m_review->shownSample(table->currentRow()), qint64(5));
        QTest::keyClick(table, Qt::Key_1);
        QCOMPARE(resolved(*m_window->store(), 5).annotation->labels, QStringList{A});
        QVERIFY(waitLoaded());
        QCOMPARE(m_review->shownCount(), 0);
    }
};

QTEST_MAIN(TestReview)
#include "tst_review.moc"
