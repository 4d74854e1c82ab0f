// The studio with the real training thread: the demo project, ten labels by key, a background round that
// lands in the learning curve and the status bar, and closing the window while a round runs.
#include "store/ProjectStore.h"
#include "ui/DemoProject.h"
#include "ui/LabelingView.h"
#include "ui/LearningCurvePlot.h"
#include "ui/MainWindow.h"
#include "ui/TrainingModelClient.h"

#include <QLabel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

class TestStudioTraining : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundRunsInBackgroundAndCloseStopsIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.marginalia"));
        QVERIFY(createDemoProject(path));
        QHash<qint64, QString> given;
        {
            MainWindow window(TrainingModelClient::factory());
            window.show();
            QVERIFY(window.openProject(path));
            window.findChild<QSpinBox *>(QStringLiteral("intervalBox"))->setValue(10);
            auto *view = window.findChild<LabelingView *>(QStringLiteral("labelingView"));
            QSignalSpy finished(window.model(), &ModelClient::roundFinished);
            QSignalSpy failed(window.model(), &ModelClient::roundFailed);
            for (int i = 0; i < 10; ++i) {
                const qint64 id = view->currentSampleId();
                QTest::keyClick(view, char('1' + i % 4));
                given.insert(id, window.store()->currentAnnotation(id).value()->labels.value(0));
            }
            QVERIFY2(finished.wait(180000), failed.isEmpty() ? "no round finished" : qPrintable(failed.first().first().toString()));
            const auto summary = finished.first().first().value<ml::RoundSummary>();
            QCOMPARE(summary.trainLabels, 24 + int(std::count_if(given.keyBegin(), given.keyEnd(), [&](qint64 id) {
                         return window.store()->sample(id)->split == Split::Pool;
                     })));
            auto *curve = window.findChild<LearningCurvePlot *>(QStringLiteral("learningCurve"));
            QTRY_COMPARE(curve->pointCount(), 1);
            QVERIFY(window.findChild<QLabel *>(QStringLiteral("lastRunLabel"))->text().contains(QStringLiteral("macro-F1")));
            // The next pool sample comes from the new ranking.
            for (int i = 0; i < 3; ++i) {
                const qint64 id = view->currentSampleId();
                QTest::keyClick(view, '2');
                given.insert(id, QStringLiteral("technical"));
            }
            // Start another round and close at once: the worker stops, nothing already labeled is lost.
            QSignalSpy state(window.model(), &ModelClient::stateChanged);
            window.trainNow();
            QVERIFY(state.wait(20000));
            window.close();
        }
        auto store = ProjectStore::open(path);
        QVERIFY(store);
        for (auto it = given.cbegin(); it != given.cend(); ++it)
            QCOMPARE((*store)->currentAnnotation(it.key()).value()->labels.value(0), it.value());
        const auto runs = (*store)->runs().value();
        QVERIFY(!runs.isEmpty());
        QCOMPARE(runs.first().status, QStringLiteral("done"));
    }
};

QTEST_MAIN(TestStudioTraining)
#include "tst_studio_training.moc"
