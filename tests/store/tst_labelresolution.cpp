// Which label a sample several people labeled trains on: the reviewer's, else the majority's, else the single
// annotator's; reviews kept in the history and taken back exactly; agreement and export see the right labels.
#include "io/Exporter.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;

namespace {
Annotation vote(qint64 id, const QString &who, const QStringList &labels, bool cleared = false)
{
    Annotation a;
    a.id = id;
    a.sampleId = 7;
    a.annotator = who;
    a.labels = labels;
    a.cleared = cleared;
    return a;
}

Annotation review(qint64 id, const QString &who, const QStringList &labels, bool cleared = false)
{
    Annotation a = vote(id, who, labels, cleared);
    a.provenance.origin = QLatin1String(Provenance::Review);
    return a;
}

const QString A = QStringLiteral("a"), B = QStringLiteral("b"), C = QStringLiteral("c");
} // namespace

class TestLabelResolution : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_next = 0;

    std::unique_ptr<ProjectStore> makeProject(TaskType task, int samples)
    {
        auto store = ProjectStore::create(m_dir.filePath(QStringLiteral("p%1.marginalia").arg(++m_next)), task, {A, B, C});
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        for (int i = 0; i < samples; ++i) {
            Sample s;
            s.text = QStringLiteral("text %1").arg(i);
            if (!(*store)->addSample(s))
                qFatal("cannot add a sample");
        }
        return std::move(*store);
    }
    static void label(ProjectStore &store, qint64 id, const QString &who, const QStringList &labels)
    {
        AnnotationInput in;
        in.labels = labels;
        in.annotator = who;
        QVERIFY(store.annotate(id, in));
    }

private Q_SLOTS:
    void votesDecide_data()
    {
        QTest::addColumn<QVector<Annotation>>("history");
        QTest::addColumn<int>("task");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("basis");
        QTest::addColumn<bool>("disagreement");
        const int single = int(TaskType::TextCat), multi = int(TaskType::MultiLabel);
        QTest::addRow("one annotator, relabeled") << QVector<Annotation>{vote(1, "ann", {A}), vote(2, "ann", {B})}
                                                  << single << QStringList{B} << int(LabelBasis::Single) << false;
        QTest::addRow("two agree") << QVector<Annotation>{vote(1, "ann", {A}), vote(2, "bob", {A})} << single
                                   << QStringList{A} << int(LabelBasis::Single) << false;
        QTest::addRow("majority over the newest")
            << QVector<Annotation>{vote(1, "ann", {A}), vote(2, "bob", {A}), vote(3, "cid", {B})} << single
            << QStringList{A} << int(LabelBasis::Majority) << true;
        QTest::addRow("a tie goes to the newest") << QVector<Annotation>{vote(1, "ann", {B}), vote(2, "bob", {A})}
                                                  << single << QStringList{A} << int(LabelBasis::Tie) << true;
        // ann changed her mind: only her latest version votes, so it is 2 to 0 for B.
        QTest::addRow("each annotator's latest")
            << QVector<Annotation>{vote(1, "ann", {A}), vote(2, "bob", {B}), vote(3, "ann", {B})} << single
            << QStringList{B} << int(LabelBasis::Single) << false;
        QTest::addRow("a cleared label is no vote")
            << QVector<Annotation>{vote(1, "ann", {A}), vote(2, "bob", {B}), vote(3, "bob", {}, true)} << single
            << QStringList{A} << int(LabelBasis::Single) << false;
        QTest::addRow("the reviewer decides")
            << QVector<Annotation>{vote(1, "ann", {A}), vote(2, "bob", {A}), review(3, "rev", {C}), vote(4, "cid", {A})}
            << single << QStringList{C} << int(LabelBasis::Reviewed) << false;
        QTest::addRow("a withdrawn review decides nothing")
            << QVector<Annotation>{vote(1, "ann", {A}), vote(2, "bob", {B}), review(3, "rev", {A}),
                                   review(4, "rev", {}, true), vote(5, "bob", {B})}
            << single << QStringList{B} << int(LabelBasis::Tie) << true;
        // Multi-label: each label most annotators gave; C was given by 1 of 3.
        QTest::addRow("multi-label by label")
            << QVector<Annotation>{vote(1, "ann", {A, C}), vote(2, "bob", {A, B}), vote(3, "cid", {A, B})} << multi
            << QStringList{A, B} << int(LabelBasis::Majority) << true;
        // B by 1 of 2 is a tie, settled by the newest vote, which has it.
        QTest::addRow("multi-label tie") << QVector<Annotation>{vote(1, "ann", {A}), vote(2, "bob", {A, B})} << multi
                                         << QStringList{A, B} << int(LabelBasis::Tie) << true;
    }

    void votesDecide()
    {
        QFETCH(QVector<Annotation>, history);
        QFETCH(int, task);
        QFETCH(QStringList, expected);
        QFETCH(int, basis);
        QFETCH(bool, disagreement);
        const ResolvedLabel r = resolveLabel(history, TaskType(task));
        QVERIFY(r.annotation);
        QCOMPARE(r.annotation->labels, expected);
        QCOMPARE(int(r.basis), basis);
        QCOMPARE(r.disagreement, disagreement);
        QCOMPARE(r.sampleId, qint64(7));
    }

    void spansVoteAsAWhole()
    {
        Annotation ann = vote(1, "ann", {}), bob = vote(2, "bob", {}), cid = vote(3, "cid", {});
        ann.spans = {Span{0, 4, A}};
        bob.spans = {Span{0, 4, A}};
        cid.spans = {Span{0, 4, B}};
        const ResolvedLabel r = resolveLabel({ann, bob, cid}, TaskType::Ner);
        QCOMPARE(r.basis, LabelBasis::Majority);
        QCOMPARE(r.annotation->spans.size(), 1);
        QCOMPARE(r.annotation->spans.first().label, A);
        QCOMPARE(r.annotation->annotator, QStringLiteral("bob")); // the newest of the winning votes
    }

    // Only samples with several annotators or a review are resolved; a review is nobody's vote in agreement.
    void theProjectResolvesOnlyWhatNeedsIt()
    {
        auto store = makeProject(TaskType::TextCat, 4);
        label(*store, 1, "ann", {A});
        label(*store, 1, "ann", {B}); // one person relabeling: nothing to resolve
        label(*store, 2, "ann", {A});
        label(*store, 2, "bob", {B});
        label(*store, 3, "ann", {C});
        QVERIFY(store->annotate(3, reviewInput({A}, QStringLiteral("rev"))));
        QCOMPARE(*store->reviewCandidates(), (QVector<qint64>{2, 3}));
        const auto resolved = resolveProjectLabels(*store);
        QVERIFY(resolved);
        QCOMPARE(resolved->size(), 2);
        QCOMPARE(resolved->value(2).basis, LabelBasis::Tie);
        QCOMPARE(resolved->value(3).basis, LabelBasis::Reviewed);
        QCOMPARE(resolved->value(3).review->annotator, QStringLiteral("rev"));
        QCOMPARE(resolved->value(3).votes.size(), 1);
        const auto byAnnotator = store->annotatorLabels();
        QVERIFY(byAnnotator);
        for (const AnnotatorLabels &l : *byAnnotator)
            QVERIFY2(l.annotator != QLatin1String("rev"), "a review counted as a vote");
        // A sample whose newest version is cleared stays unlabeled, whatever the votes.
        AnnotatedSample unlabeled;
        unlabeled.sample.id = 2;
        unlabeled.annotation = vote(9, "bob", {}, true);
        applyResolution(unlabeled, *resolved);
        QVERIFY(!unlabeled.isLabeled());
    }

    // Undoing a review brings back exactly what stood before: no decision (or the earlier one), the same votes and
    // the same newest version.
    void aReviewIsTakenBackExactly()
    {
        auto store = makeProject(TaskType::TextCat, 1);
        label(*store, 1, "ann", {A});
        label(*store, 1, "bob", {B});
        const auto before = reviewUndoPoint(*store, 1);
        QVERIFY(before && !before->review && before->current);
        QVERIFY(store->annotate(1, reviewInput({C}, QStringLiteral("rev"))));
        QCOMPARE(resolveLabel(*store->annotationHistory(1), TaskType::TextCat).annotation->labels, QStringList{C});
        const auto second = reviewUndoPoint(*store, 1);
        QVERIFY(store->annotate(1, reviewInput({A}, QStringLiteral("rev"))));
        // Undo the second review: the first one stands again.
        QVERIFY(undoReview(*store, 1, *second, QStringLiteral("rev")));
        ResolvedLabel r = resolveLabel(*store->annotationHistory(1), TaskType::TextCat);
        QCOMPARE(r.basis, LabelBasis::Reviewed);
        QCOMPARE(r.annotation->labels, QStringList{C});
        // Undo the first: the tie is back, with bob's label newest and the sample still labeled.
        QVERIFY(undoReview(*store, 1, *before, QStringLiteral("rev")));
        r = resolveLabel(*store->annotationHistory(1), TaskType::TextCat);
        QCOMPARE(r.basis, LabelBasis::Tie);
        QCOMPARE(r.annotation->labels, QStringList{B});
        QCOMPARE(r.votes.size(), 2);
        const auto current = *store->currentAnnotation(1);
        QVERIFY(current && !current->cleared);
        QCOMPARE(current->annotator, QStringLiteral("bob"));
        QCOMPARE(current->labels, QStringList{B});
        QCOMPARE(store->annotationHistory(1)->size(), 2 + 2 + 1 + 2); // every step kept
    }

    // The export writes the label training uses.
    void theExportHasTheResolvedLabel()
    {
        auto store = makeProject(TaskType::TextCat, 2);
        label(*store, 1, "ann", {A});
        label(*store, 1, "bob", {A});
        label(*store, 1, "cid", {B});
        label(*store, 2, "ann", {C});
        const QString out = m_dir.filePath(QStringLiteral("out.jsonl"));
        ExportOptions options;
        const auto summary = exportProject(*store, out, options);
        QVERIFY2(summary, summary ? "" : qPrintable(summary.error()));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QHash<QString, QString> labelOf;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            labelOf.insert(o.value(QStringLiteral("text")).toString(), o.value(QStringLiteral("label")).toString());
        }
        QCOMPARE(labelOf.value(QStringLiteral("text 0")), A);
        QCOMPARE(labelOf.value(QStringLiteral("text 1")), C);

        // With meta, a row several people labeled says whose labels there were and why the one written stands.
        const QString meta = m_dir.filePath(QStringLiteral("meta.jsonl"));
        options.withMeta = true;
        QVERIFY(exportProject(*store, meta, options));
        QFile m(meta);
        QVERIFY(m.open(QIODevice::ReadOnly));
        QHash<QString, QJsonObject> rows;
        for (const QByteArray &line : m.readAll().split('\n'))
            if (!line.trimmed().isEmpty()) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                rows.insert(o.value(QStringLiteral("text")).toString(), o);
            }
        const QJsonObject votes = rows.value(QStringLiteral("text 0")).value(QStringLiteral("annotators")).toObject();
        QCOMPARE(votes.value(QStringLiteral("basis")).toString(), QStringLiteral("majority"));
        QCOMPARE(votes.value(QStringLiteral("votes")).toArray().size(), 3);
        QCOMPARE(votes.value(QStringLiteral("votes")).toArray().at(2).toObject().value(QStringLiteral("annotator")).toString(),
                 QStringLiteral("cid"));
        QVERIFY(!rows.value(QStringLiteral("text 1")).contains(QStringLiteral("annotators"))); // one annotator
    }
};

QTEST_GUILESS_MAIN(TestLabelResolution)
#include "tst_labelresolution.moc"
