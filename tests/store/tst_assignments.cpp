// Leases of samples to annotators on one project (several studios, several connections): no sample to two people
// outside the overlap, the overlap to exactly k, leases that run out and are given back, the upgrade that adds them.
#include "SchemaRewind.h"
#include "store/Assignments.h"
#include "store/ProjectStore.h"
#include "store/Schema.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;

class TestAssignments : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_next = 0;

    QString makeProject(int samples)
    {
        const QString path = m_dir.filePath(QStringLiteral("p%1.marginalia").arg(++m_next));
        auto store = ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")});
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        for (int i = 0; i < samples; ++i) {
            Sample s;
            s.text = QStringLiteral("sample %1").arg(i);
            if (!(*store)->addSample(s))
                qFatal("cannot add a sample");
        }
        return path;
    }
    static std::unique_ptr<ProjectStore> connect(const QString &path) { return std::move(ProjectStore::open(path)).value(); }
    static QVector<qint64> ids(int from, int to)
    {
        QVector<qint64> out;
        for (int i = from; i <= to; ++i)
            out.push_back(i);
        return out;
    }
    static void label(ProjectStore &store, qint64 id, const QString &who)
    {
        AnnotationInput in;
        in.labels = {QStringLiteral("a")};
        in.annotator = who;
        QVERIFY(store.annotate(id, in));
    }

private Q_SLOTS:
    void oneSampleOneAnnotator()
    {
        const QString path = makeProject(10);
        auto ann = connect(path), bob = connect(path);
        const AssignmentPolicy policy;
        QCOMPARE(*claimSamples(*ann, QStringLiteral("ann"), ids(1, 10), 4, policy), ids(1, 4));
        QCOMPARE(*claimSamples(*bob, QStringLiteral("bob"), ids(1, 10), 4, policy), ids(5, 8));
        // Asking again renews one's own leases and takes nothing of the other's.
        QCOMPARE(*claimSamples(*ann, QStringLiteral("ann"), ids(1, 6), 10, policy), ids(1, 4));
        // A sample someone else labeled is not handed out, and neither is one's own labeled sample.
        label(*bob, 9, QStringLiteral("bob"));
        QCOMPARE(*claimSamples(*ann, QStringLiteral("ann"), {9, 10}, 2, policy), QVector<qint64>{10});
        QCOMPARE(*claimSamples(*bob, QStringLiteral("bob"), {9}, 1, policy), QVector<qint64>());
        // Given back, a sample goes to the other at once; all of them when the studio closes.
        QVERIFY(releaseSamples(*ann, QStringLiteral("ann"), {2}));
        QCOMPARE(*claimSamples(*bob, QStringLiteral("bob"), {2}, 1, policy), QVector<qint64>{2});
        QVERIFY(releaseSamples(*ann, QStringLiteral("ann")));
        QCOMPARE(*claimSamples(*bob, QStringLiteral("bob"), ids(1, 4), 4, policy), (QVector<qint64>{1, 2, 3, 4}));
    }

    // A closed laptop's leases run out.
    void leasesExpire()
    {
        const QString path = makeProject(3);
        auto ann = connect(path), bob = connect(path);
        AssignmentPolicy brief;
        brief.leaseMs = 1000; // the shortest lease there is
        QCOMPARE(*claimSamples(*ann, QStringLiteral("ann"), ids(1, 3), 3, brief), ids(1, 3));
        QCOMPARE(*claimSamples(*bob, QStringLiteral("bob"), ids(1, 3), 3, brief), QVector<qint64>());
        QTest::qWait(1100);
        QCOMPARE(*claimSamples(*bob, QStringLiteral("bob"), ids(1, 3), 3, brief), ids(1, 3));
        QSqlQuery q(bob->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM assignments WHERE annotator = 'ann'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0); // expired leases are cleared, not kept
    }

    // The overlap goes to exactly k annotators, who each label it; the rest to one.
    void theOverlapGoesToKAnnotators()
    {
        const QString path = makeProject(200);
        auto ann = connect(path), bob = connect(path), cid = connect(path);
        AssignmentPolicy policy;
        policy.overlap = 0.25;
        policy.overlapAnnotators = 2;
        QVector<qint64> overlap;
        for (qint64 id : ids(1, 200))
            if (isOverlapSample(id, policy.overlap))
                overlap.push_back(id);
        QVERIFY2(overlap.size() > 30 && overlap.size() < 70, qPrintable(QString::number(overlap.size())));
        QVERIFY(!isOverlapSample(7, 0));
        QVERIFY(isOverlapSample(7, 1));

        const auto byAnn = *claimSamples(*ann, QStringLiteral("ann"), ids(1, 200), 200, policy);
        QCOMPARE(byAnn.size(), 200);
        const auto byBob = *claimSamples(*bob, QStringLiteral("bob"), ids(1, 200), 200, policy);
        QCOMPARE(byBob, overlap); // only the overlap is open to a second annotator
        QCOMPARE(*claimSamples(*cid, QStringLiteral("cid"), ids(1, 200), 200, policy), QVector<qint64>());

        // ann labels an overlap sample and gives the rest back: bob (who holds it) and ann are its two.
        label(*ann, overlap.first(), QStringLiteral("ann"));
        QVERIFY(releaseSamples(*ann, QStringLiteral("ann")));
        QCOMPARE(*claimSamples(*cid, QStringLiteral("cid"), {overlap.first()}, 1, policy), QVector<qint64>());
        QCOMPARE(*claimSamples(*ann, QStringLiteral("ann"), {overlap.first()}, 1, policy), QVector<qint64>());
        // Waiting for a second label: the samples ann labeled that bob has not (and ann never sees her own).
        QCOMPARE(*overlapWaiting(*bob, QStringLiteral("bob"), policy, 10), QVector<qint64>{overlap.first()});
        QCOMPARE(*overlapWaiting(*ann, QStringLiteral("ann"), policy, 10), QVector<qint64>());
        label(*bob, overlap.first(), QStringLiteral("bob"));
        QCOMPARE(*overlapWaiting(*cid, QStringLiteral("cid"), policy, 10), QVector<qint64>()); // it has its two
        // What each sees of it is their own label only.
        QCOMPARE((*ownAnnotation(*bob, overlap.first(), QStringLiteral("bob")))->annotator, QStringLiteral("bob"));
        QVERIFY(!ownAnnotation(*cid, overlap.first(), QStringLiteral("cid"))->has_value());
    }

    void theUpgradeAddsTheTable()
    {
        const QString path = makeProject(2);
        {
            auto store = connect(path);
            QSqlQuery q(store->database());
            QVERIFY(testing::rewindToVersion12(q));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 12")));
        }
        auto upgraded = connect(path);
        QSqlQuery q(upgraded->database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), schema::kCurrentVersion);
        QVERIFY(schema::kCurrentVersion >= 13);
        QCOMPARE(*claimSamples(*upgraded, QStringLiteral("ann"), ids(1, 2), 2, {}), ids(1, 2));
    }
};

QTEST_GUILESS_MAIN(TestAssignments)
#include "tst_assignments.moc"
