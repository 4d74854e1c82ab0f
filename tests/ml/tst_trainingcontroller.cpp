// The training thread: signals, merged follow-up rounds, failures, cancel and a prompt shutdown.
#include "MlTestData.h"
#include "ml/TrainingController.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ml;

class TestTrainingController : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_projects = 0;
    QString newProject(int pool, int labeled, int eval)
    {
        const QString path = m_dir.filePath(QStringLiteral("c%1.marginalia").arg(++m_projects));
        mltest::makeProject(path, pool, labeled, eval);
        return path;
    }
    static TrainingOptions quick()
    {
        TrainingOptions o;
        o.epochs = 10;
        o.threads = 1;
        return o;
    }
    // Training that runs for minutes unless cancelled: few examples (no dev fold, so no early stop), many epochs.
    static TrainingOptions endless()
    {
        TrainingOptions o = quick();
        o.epochs = 10000000;
        return o;
    }

private Q_SLOTS:
    void roundFinishesWithSignals()
    {
        const QString path = newProject(40, 16, 10);
        TrainingController controller(path);
        QCOMPARE(controller.state(), WorkerState::Idle);
        QVERIFY(!controller.deviceName().isEmpty());
        controller.setOptions(quick());
        QCOMPARE(controller.options().epochs, 10);
        QSignalSpy finished(&controller, &TrainingController::roundFinished);
        QSignalSpy states(&controller, &TrainingController::stateChanged);
        QSignalSpy progress(&controller, &TrainingController::progress);
        QSignalSpy device(&controller, &TrainingController::deviceDetected);
        controller.requestRound();
        QVERIFY(finished.wait(60000));
        const auto summary = finished.first().first().value<RoundSummary>();
        QVERIFY(summary.runId > 0);
        QCOMPARE(summary.trainLabels, 16);
        QCOMPARE(device.size(), 1);
        QVERIFY(progress.size() > 0);
        QCOMPARE(states.first().first().value<WorkerState>(), WorkerState::Training);
        QCOMPARE(states.last().first().value<WorkerState>(), WorkerState::Idle);
        QCOMPARE(controller.state(), WorkerState::Idle);
        auto store = ProjectStore::open(path);
        QCOMPARE((*store)->runs()->size(), 1);
    }

    void requestsDuringARoundMergeIntoOne()
    {
        const QString path = newProject(40, 16, 10);
        TrainingController controller(path);
        controller.setOptions(quick());
        QSignalSpy finished(&controller, &TrainingController::roundFinished);
        for (int i = 0; i < 5; ++i)
            controller.requestRound();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        QTest::qWait(500);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.last().first().value<RoundSummary>().round, 2);
    }

    void failureIsReported()
    {
        const QString path = newProject(20, 0, 5);
        TrainingController controller(path);
        controller.setOptions(quick());
        QSignalSpy failed(&controller, &TrainingController::roundFailed);
        controller.requestRound();
        QVERIFY(failed.wait(60000));
        QVERIFY(!failed.first().first().toString().isEmpty());
    }

    void cancelStopsARunningRound()
    {
        const QString path = newProject(40, 12, 10);
        TrainingController controller(path);
        controller.setOptions(endless());
        QSignalSpy failed(&controller, &TrainingController::roundFailed);
        QSignalSpy progress(&controller, &TrainingController::progress);
        controller.requestRound();
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() > 3, 60000); // epochs are being reported
        QElapsedTimer timer;
        timer.start();
        controller.cancel();
        QVERIFY(failed.wait(10000));
        QVERIFY(timer.elapsed() < 2000);
        auto store = ProjectStore::open(path);
        QCOMPARE((*store)->runs()->last().status, QStringLiteral("cancelled"));
    }

    void destructorJoinsPromptly()
    {
        const QString path = newProject(40, 12, 10);
        auto controller = std::make_unique<TrainingController>(path);
        controller->setOptions(endless());
        QSignalSpy progress(controller.get(), &TrainingController::progress);
        controller->requestRound();
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() > 3, 60000);
        QElapsedTimer timer;
        timer.start();
        controller.reset();
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestTrainingController)
#include "tst_trainingcontroller.moc"
