// What the studio shows when the project or the model fails under it, with the real training thread: a round
// that diverges, a project file deleted or replaced while labeling. Each time a message in the status bar, the
// window keeps working, and every label it showed as saved is in the file.
#include "SchemaRewind.h"
#include "store/ProjectStore.h"
#include "ui/DemoProject.h"
#include "ui/LabelingView.h"
#include "ui/MainWindow.h"
#include "ui/TrainingModelClient.h"

#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>
#include <sqlite3.h>

using namespace marginalia;
using namespace marginalia::ui;

class TestStudioFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Labels the current sample with key 1 and returns its id and the label it got.
    static QPair<qint64, QString> labelOne(MainWindow &window, LabelingView *view)
    {
        const qint64 id = view->currentSampleId();
        QTest::keyClick(view, '1');
        const auto a = window.store()->currentAnnotation(id);
        return {id, a && a->has_value() ? (*a)->labels.value(0) : QString()};
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundInterruptedEarlierIsReportedOnOpen()
    {
        // A studio killed during a round left its run "running"; the next open ends it and says why.
        const QString path = m_dir.filePath(QStringLiteral("interrupted.marginalia"));
        QVERIFY(createDemoProject(path));
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store);
            QSqlQuery q((*store)->database());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO model_runs(created_at, status, model_kind, owner)"
                                          " VALUES(1, 'running', 'embedding-bag', '%1 999999999 1')")
                               .arg(QSysInfo::machineHostName())));
        }
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(window.openProject(path));
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("did not finish"))
                     && window.statusBar()->currentMessage().contains(QLatin1String("Interrupted")),
                 qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(window.store()->latestRun(false)->value().status, QStringLiteral("failed"));
        // The status bar's figures are those of finished runs only.
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("lastRunLabel"))->text().contains(QLatin1String("No model")));
    }

    // A run without labeled evaluation samples has no score to show: the status bar says so instead of 0.000.
    void runWithoutEvaluationLabelsShowsNoScore()
    {
        const QString path = m_dir.filePath(QStringLiteral("noeval.marginalia"));
        QVERIFY(createDemoProject(path));
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store);
            const auto run = (*store)->beginRun(QStringLiteral("embedding-bag"), QStringLiteral("{}"), {}, {});
            QVERIFY(run);
            RunResult result;
            result.trainLabels = 12;
            result.metrics = {MetricRow{QStringLiteral("label"), QStringLiteral("macro avg"), true, 0, 0, 0, 0}};
            QVERIFY((*store)->finishRun(*run, result));
        }
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(window.openProject(path));
        const QString text = window.findChild<QLabel *>(QStringLiteral("lastRunLabel"))->text();
        QVERIFY2(text.contains(QLatin1String("12 labels")) && text.contains(QLatin1String("no labeled evaluation")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("0.000")), qPrintable(text));
    }

    void olderStoredModelsAreDroppedWithANotice()
    {
        // A project from a version that stored models as torch archives: the open removes them and says so once,
        // without a modal dialog in the way of labeling.
        const QString path = m_dir.filePath(QStringLiteral("older.marginalia"));
        QVERIFY(createDemoProject(path));
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store);
            const auto run = (*store)->beginRun(QStringLiteral("embedding-bag"), QStringLiteral("{}"), {}, {});
            QVERIFY(run);
            RunResult result;
            result.checkpoint = QByteArray("PK\x03\x04", 4) + QByteArray(1000, 'z');
            QVERIFY((*store)->finishRun(*run, result));
            QSqlQuery q((*store)->database());
            QVERIFY(marginalia::testing::rewindToVersion6(q));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 5")));
        }
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(window.openProject(path));
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("older version")),
                 qPrintable(window.statusBar()->currentMessage()));
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("openNoticeBox"));
        QVERIFY(box);
        QVERIFY(!box->isModal());
        QVERIFY(box->text().contains(QLatin1String("next training round")));
        QVERIFY(window.store()->checkpoint(window.store()->latestRun(true)->value().id)->isEmpty());
        box->close();
        QTRY_COMPARE(window.findChildren<QMessageBox *>(QStringLiteral("openNoticeBox")).size(), 0);
        // Opened again, nothing more to say.
        QVERIFY(window.openProject(path));
        QCOMPARE(window.findChildren<QMessageBox *>(QStringLiteral("openNoticeBox")).size(), 0);
    }

    // Opening checks and upgrades the file on a worker: while an upgrade waits for another process's write
    // lock, the window's event loop runs (here it is what releases the lock) and a busy dialog shows.
    void anUpgradeThatWaitsKeepsTheWindowResponsive()
    {
        const QString path = m_dir.filePath(QStringLiteral("busy-upgrade.marginalia"));
        QVERIFY(createDemoProject(path));
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store);
            QSqlQuery q((*store)->database());
            QVERIFY(marginalia::testing::rewindToVersion11(q));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 11")));
        }
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open_v2(QFile::encodeName(path).constData(), &other, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        MainWindow window(TrainingModelClient::factory());
        window.show();
        bool dialogShown = false;
        bool released = false;
        QTimer::singleShot(900, &window, [&] {
            const auto *busy = window.findChild<QProgressDialog *>(QStringLiteral("openProgress"));
            dialogShown = busy && busy->isVisible();
            released = sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        });
        QElapsedTimer waited;
        waited.start();
        const bool opened = window.openProject(path);
        sqlite3_close(other);
        QVERIFY(released); // the timer ran during the open: the GUI thread was not stuck in it
        QVERIFY(opened);
        QVERIFY(waited.elapsed() >= 800);
        QVERIFY(dialogShown);
        QVERIFY(window.findChildren<QProgressDialog *>(QStringLiteral("openProgress")).isEmpty());
        QSqlQuery version(window.store()->database());
        QVERIFY(version.exec(QStringLiteral("PRAGMA user_version")) && version.next());
        QVERIFY(version.value(0).toInt() >= 12);
    }

    void divergingRoundIsShownAndLabelingGoesOn()
    {
        const QString path = m_dir.filePath(QStringLiteral("nan.marginalia"));
        QVERIFY(createDemoProject(path));
        QHash<qint64, QString> given;
        {
            MainWindow window(TrainingModelClient::factory());
            window.show();
            QVERIFY(window.openProject(path));
            auto *view = window.findChild<LabelingView *>(QStringLiteral("labelingView"));
            ml::TrainingOptions options = window.model()->options();
            options.learningRate = 1e37; // accepted, and the loss overflows
            options.classWeights = false;
            options.epochs = 5;
            window.model()->setOptions(options);
            QSignalSpy failed(window.model(), &ModelClient::roundFailed);
            window.trainNow();
            QVERIFY(failed.wait(120000));
            QVERIFY2(failed.first().first().toString().contains(QLatin1String("not a number")),
                     qPrintable(failed.first().first().toString()));
            QTRY_VERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("Training failed")),
                         qPrintable(window.statusBar()->currentMessage()));
            // The annotator carries on.
            for (int i = 0; i < 3; ++i) {
                const auto [id, label] = labelOne(window, view);
                QVERIFY(!label.isEmpty());
                given.insert(id, label);
            }
            window.close();
        }
        auto store = ProjectStore::open(path);
        QVERIFY(store);
        for (auto it = given.cbegin(); it != given.cend(); ++it)
            QCOMPARE((*store)->currentAnnotation(it.key()).value()->labels.value(0), it.value());
        QCOMPARE((*store)->latestRun(false).value()->status, QStringLiteral("failed"));
    }

    void replacedProjectRefusesLabelsWithAMessage()
    {
        const QString path = m_dir.filePath(QStringLiteral("replaced.marginalia"));
        QVERIFY(createDemoProject(path));
        const QString aside = m_dir.filePath(QStringLiteral("replaced-aside.marginalia"));
        QPair<qint64, QString> saved;
        {
            MainWindow window(TrainingModelClient::factory());
            window.show();
            QVERIFY(window.openProject(path));
            auto *view = window.findChild<LabelingView *>(QStringLiteral("labelingView"));
            saved = labelOne(window, view);
            QVERIFY(!saved.second.isEmpty());
            // Another program moves the project away and puts a copy of something else in its place.
            for (const char *suffix : {"", "-wal", "-shm"})
                QVERIFY(QFile::rename(path + QLatin1String(suffix), aside + QLatin1String(suffix)));
            QVERIFY(createDemoProject(path));
            const int undoSteps = window.undoStack()->count();
            const qint64 before = view->currentSampleId();
            QTest::keyClick(view, '2');
            QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("was not saved")),
                     qPrintable(window.statusBar()->currentMessage()));
            QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("replaced")));
            // The sample stays in front of the annotator, and there is nothing to undo for a label never saved.
            QCOMPARE(view->currentSampleId(), before);
            QCOMPARE(window.undoStack()->count(), undoSteps);
            QVERIFY(window.isVisible());
            window.close();
        }
        auto store = ProjectStore::open(aside);
        QVERIFY2(store, qPrintable(store.error()));
        QCOMPARE((*store)->currentAnnotation(saved.first).value()->labels.value(0), saved.second);
    }

    void damagedFileIsNotOpenedAndTheStudioStays()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.marginalia"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("SQLite format 3\0", 16) + QByteArray(5000, '\x5a'));
        }
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(!window.openProject(path));
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("Could not open")),
                 qPrintable(window.statusBar()->currentMessage()));
        const QString good = m_dir.filePath(QStringLiteral("after.marginalia"));
        QVERIFY(createDemoProject(good));
        QVERIFY(window.openProject(good));
    }
};

QTEST_MAIN(TestStudioFaults)
#include "tst_studio_faults.moc"
