// Several annotators label one project file at once, each in a process of its own with the studio's labeling queue,
// and one of them is killed: every acknowledged label is in the file, none is applied twice, no sample is labeled by
// two people outside the overlap, and the killed one's samples go to the others when its leases run out. With an
// overlap share, each overlap sample ends up with exactly k annotators' labels and every other sample with one.
#include "LabelerProcess.h"
#include "settings/ProjectSettings.h"
#include "store/Assignments.h"
#include "store/ProjectStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace marginalia;

namespace {

using testing::Labeler;

// sample -> the annotators of its versions (in order)
QHash<qint64, QStringList> annotatorsBySample(const ProjectStore &store)
{
    QHash<qint64, QStringList> out;
    QSqlQuery q(store.database());
    q.exec(QStringLiteral("SELECT sample_id, annotator FROM annotations ORDER BY id"));
    while (q.next())
        out[q.value(0).toLongLong()] << q.value(1).toString();
    return out;
}

} // namespace

class TestTeamLabeling : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString makeProject(const QString &name, int samples, double overlap)
    {
        const QString path = m_dir.filePath(name);
        auto store = ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")});
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        for (int i = 0; i < samples; ++i) {
            Sample s;
            s.text = QStringLiteral("team sample %1").arg(i);
            if (!(*store)->addSample(s))
                qFatal("cannot add a sample");
        }
        if (!settings::setValue(**store, QLatin1String(settings::kOverlapShare), QString::number(overlap), settings::Cli))
            qFatal("cannot set the overlap");
        return path;
    }

    // ann, bob and cid, not started yet.
    static std::vector<Labeler> team()
    {
        std::vector<Labeler> labelers(3);
        labelers[0].name = QStringLiteral("ann");
        labelers[1].name = QStringLiteral("bob");
        labelers[2].name = QStringLiteral("cid");
        return labelers;
    }

    static bool waitAll(std::vector<Labeler> &labelers, int ms)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            bool all = true;
            for (Labeler &l : labelers) {
                l.process->waitForFinished(50);
                l.read();
                all = all && l.finished();
            }
            if (all)
                return true;
            if (timer.elapsed() > ms)
                return false;
        }
    }

private Q_SLOTS:
    void aKilledAnnotatorLosesNothingAndHoldsNothingForLong()
    {
        const QString path = makeProject(QStringLiteral("kill.marginalia"), 60, 0);
        std::vector<Labeler> labelers = team();
        // Short leases, so that the killed one's samples come free within the test.
        for (Labeler &l : labelers)
            l.start(path, 1500, 15, 4000);
        // Kill ann once she has acknowledged some labels (and holds a few more).
        QElapsedTimer timer;
        timer.start();
        while (labelers[0].acknowledged().size() < 8 && timer.elapsed() < 30000)
            labelers[0].process->waitForReadyRead(100);
        QVERIFY(labelers[0].acknowledged().size() >= 8);
        labelers[0].process->kill();
        QVERIFY(labelers[0].process->waitForFinished(10000));
        QVERIFY(waitAll(labelers, 60000));
        for (Labeler &l : labelers)
            QVERIFY2(l.name == QLatin1String("ann") || l.transcript.contains("done"),
                     qPrintable(QStringLiteral("%1 exited %2: %3").arg(l.name).arg(l.process->exitCode())
                                    .arg(QString::fromLocal8Bit(l.process->readAllStandardError()))));

        auto store = std::move(ProjectStore::open(path)).value();
        const auto bySample = annotatorsBySample(*store);
        QCOMPARE(bySample.size(), 60); // every sample labeled: the killed one's leases ran out and went to the others
        for (auto it = bySample.cbegin(); it != bySample.cend(); ++it)
            QVERIFY2(it->size() == 1, qPrintable(QStringLiteral("sample %1 labeled by %2").arg(it.key()).arg(it->join(','))));
        int acknowledged = 0;
        for (Labeler &l : labelers) {
            for (qint64 id : l.acknowledged()) {
                QCOMPARE(bySample.value(id), QStringList{l.name});
                ++acknowledged;
            }
        }
        QVERIFY(acknowledged >= 59); // a label the killed one saved but could not acknowledge is the only slack
        QSqlQuery left(store->database());
        QVERIFY(left.exec(QStringLiteral("SELECT count(*) FROM assignments WHERE annotator <> 'ann'")) && left.next());
        QCOMPARE(left.value(0).toInt(), 0); // the ones that finished gave theirs back
    }

    void theOverlapGetsExactlyTwoAnnotators()
    {
        const QString path = makeProject(QStringLiteral("overlap.marginalia"), 80, 0.25);
        std::vector<Labeler> labelers = team();
        for (Labeler &l : labelers)
            l.start(path, 60000, 5, 3000);
        QVERIFY(waitAll(labelers, 60000));
        auto store = std::move(ProjectStore::open(path)).value();
        const auto bySample = annotatorsBySample(*store);
        QCOMPARE(bySample.size(), 80);
        int overlap = 0;
        for (auto it = bySample.cbegin(); it != bySample.cend(); ++it) {
            const QSet<QString> people(it->begin(), it->end());
            QCOMPARE(people.size(), it->size()); // nobody labeled a sample twice
            if (isOverlapSample(it.key(), 0.25)) {
                ++overlap;
                QVERIFY2(it->size() == 2, qPrintable(QStringLiteral("overlap sample %1: %2").arg(it.key()).arg(it->join(','))));
            } else {
                QVERIFY2(it->size() == 1, qPrintable(QStringLiteral("sample %1: %2").arg(it.key()).arg(it->join(','))));
            }
        }
        QVERIFY(overlap > 5);
    }
};

QTEST_GUILESS_MAIN(TestTeamLabeling)
#include "tst_teamlabeling.moc"
