// The studio with the real training thread: the demo project, ten labels by key, a background round that
// lands in the learning curve and the status bar, and closing the window while a round runs.
#include "TinyTextEncoder.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "ui/DemoProject.h"
#include "ui/ImportPanel.h"
#include "ui/LabelingView.h"
#include "ui/LearningCurvePlot.h"
#include "ui/MainWindow.h"
#include "ui/ModelSettingsDialog.h"
#include "ui/ReviewView.h"
#include "ui/TrainingModelClient.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QStatusBar>
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

    // JSON Lines of `count` short texts about sport or food, numbered from `from`; the file's path.
    QString writeSportAndFood(const QString &name, int from, int count)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        const QStringList sport{QStringLiteral("goal"), QStringLiteral("match"), QStringLiteral("striker")};
        const QStringList food{QStringLiteral("oven"), QStringLiteral("garlic"), QStringLiteral("butter")};
        for (int i = from; i < from + count; ++i) {
            const QStringList &w = i % 2 ? sport : food;
            f.write(QStringLiteral("{\"text\": \"the %1 and the %2 today %3\"}\n")
                        .arg(w[i % 3], w[(i / 3) % 3]).arg(i).toUtf8());
        }
        return f.fileName();
    }

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

    // A span-labeling project learns vectors too; when its rounds leave them out (the setting switched off), the
    // message says how to switch them on instead of promising the next round.
    void spanProjectLearnsVectorsAndSaysHowToUseThem()
    {
        const QString path = m_dir.filePath(QStringLiteral("spans-pretrain.marginalia"));
        {
            auto store = ProjectStore::create(path, TaskType::Ner, {QStringLiteral("PER")});
            QVERIFY(store);
            QVERIFY(settings::setValue(**store, QLatin1String(settings::kUsePoolVectors), QStringLiteral("false"),
                                       settings::Cli));
            for (int i = 0; i < 60; ++i) {
                Sample s;
                s.text = QStringLiteral("Alice met Bob at the stadium on day %1 and the striker scored").arg(i);
                QVERIFY((*store)->addSample(s));
            }
        }
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(window.openProject(path));
        auto *action = window.findChild<QAction *>(QStringLiteral("actionPretrain"));
        QVERIFY(action && action->isEnabled());
        QSignalSpy ended(window.model(), &ModelClient::pretrainingEnded);
        action->trigger();
        QVERIFY(ended.wait(60000));
        QVERIFY2(ended.first().at(0).toBool(), qPrintable(ended.first().at(1).toString()));
        const QString message = ended.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("Model > Settings")) && !message.contains(QLatin1String("next round")),
                 qPrintable(message));
        QVERIFY(window.store()->poolVectors(false).value().has_value());
    }

    // Model ▸ Learn from unlabeled text runs in the background, keeps the vectors in the project and can be
    // cancelled (nothing stored); the GUI thread stays free meanwhile.
    void learningFromUnlabeledTextRunsInBackground()
    {
        const QString path = m_dir.filePath(QStringLiteral("pretrain.marginalia"));
        QVERIFY(createDemoProject(path));
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(window.openProject(path));
        auto *action = window.findChild<QAction *>(QStringLiteral("actionPretrain"));
        QVERIFY(action && action->isEnabled());

        QSignalSpy ended(window.model(), &ModelClient::pretrainingEnded);
        action->trigger();
        window.model()->cancel();
        QVERIFY(ended.wait(60000));
        QCOMPARE(ended.first().at(0).toBool(), false);
        QVERIFY2(ended.first().at(1).toString().contains(QLatin1String("cancelled")), qPrintable(ended.first().at(1).toString()));
        QVERIFY(!window.store()->poolVectors(false).value().has_value());

        ended.clear();
        QElapsedTimer gui;
        action->trigger();
        // The event loop keeps turning while the vectors are learned, and the model's state says what it does.
        auto *state = window.findChild<QLabel *>(QStringLiteral("modelStateLabel"));
        bool saidLearning = false;
        int turns = 0;
        while (ended.isEmpty() && turns < 6000) {
            gui.start();
            QTest::qWait(10);
            QVERIFY2(gui.elapsed() < 1000, "the GUI thread was blocked");
            saidLearning = saidLearning || state->text().contains(QLatin1String("Learning word vectors"));
            ++turns;
        }
        QVERIFY(saidLearning);
        QCOMPARE(state->text(), QStringLiteral("Model idle"));
        QCOMPARE(ended.size(), 1);
        QVERIFY2(ended.first().at(0).toBool(), qPrintable(ended.first().at(1).toString()));
        const auto stored = window.store()->poolVectors(false).value();
        QVERIFY(stored);
        QVERIFY(stored->words > 50);
        QCOMPARE(stored->dim, 64);
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("next round")));

        // The next round starts from them and says so in its config.
        QSignalSpy finished(window.model(), &ModelClient::roundFinished);
        window.trainNow();
        QVERIFY(finished.wait(180000));
        const auto run = window.store()->latestRun(true).value();
        QVERIFY(run);
        QCOMPARE(QJsonDocument::fromJson(run->configJson.toUtf8()).object().value(QStringLiteral("pool_vectors")).toInteger(),
                 stored->createdAt.toMSecsSinceEpoch());
    }

    // Finding label errors from the Review tab: the k-fold audit runs on the model's thread, the window keeps
    // turning, and the suspects get their list; Stop cancels it.
    void findingLabelErrorsRunsOnTheModelThread()
    {
        const QString path = m_dir.filePath(QStringLiteral("audit.marginalia"));
        QVERIFY(createDemoProject(path));
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(window.openProject(path));
        auto *review = window.findChild<ReviewView *>(QStringLiteral("reviewView"));
        auto *find = review->findChild<QPushButton *>(QStringLiteral("findErrorsButton"));
        QVERIFY(find->isEnabled());
        QSignalSpy ended(window.model(), &ModelClient::auditEnded);
        find->click();
        find->click(); // Stop
        QVERIFY(ended.wait(60000));
        QCOMPARE(ended.first().at(0).toBool(), false);

        ended.clear();
        find->click();
        auto *state = window.findChild<QLabel *>(QStringLiteral("modelStateLabel"));
        bool saidLooking = false;
        QElapsedTimer gui;
        for (int turns = 0; ended.isEmpty() && turns < 18000; ++turns) {
            gui.start();
            QTest::qWait(10);
            QVERIFY2(gui.elapsed() < 1000, "the GUI thread was blocked");
            saidLooking = saidLooking || state->text().contains(QLatin1String("Looking for wrong labels"));
        }
        QCOMPARE(ended.size(), 1);
        QVERIFY2(ended.first().at(0).toBool(), qPrintable(ended.first().at(1).toString()));
        QVERIFY(saidLooking);
        QVERIFY2(ended.first().at(1).toString().contains(QLatin1String("checked")), qPrintable(ended.first().at(1).toString()));
        const auto suspects = ended.first().at(2).value<QVector<task::SuspectedLabel>>();
        if (review->isLoading()) {
            QSignalSpy loaded(review, &ReviewView::loaded);
            QVERIFY(loaded.wait(10000));
        }
        QCOMPARE(review->shownCount(), int(suspects.size()));
        for (const task::SuspectedLabel &s : suspects)
            QVERIFY(s.given != s.suggested && s.selfConfidence >= 0 && s.selfConfidence <= 1);
    }

    // A text encoder named in the settings: the studio's round encodes the texts on its thread, trains a head on
    // them and reports it like any other round; the features stay in the project for the next one.
    void aRoundOverATextEncoder()
    {
        const QString path = m_dir.filePath(QStringLiteral("encoder.marginalia"));
        QVERIFY(createDemoProject(path));
        QStringList words;
        {
            auto store = ProjectStore::open(path);
            QVERIFY(store);
            const QRegularExpression separators(QStringLiteral("\\W+"));
            const QVector<AnnotatedSample> samples = (*store)->annotatedSamples().value();
            for (const AnnotatedSample &a : samples)
                for (const QString &w : a.sample.text.toLower().split(separators, Qt::SkipEmptyParts))
                    if (!words.contains(w))
                        words << w;
            QVERIFY(writeTinyTextEncoder(m_dir.filePath(QStringLiteral("encoder.pt")), tinyVocabulary(words), 8, true, 1));
            QVERIFY((*store)->setSetting(QLatin1String(settings::kTextEncoder), QStringLiteral("encoder.pt")));
        }
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(window.openProject(path));
        QSignalSpy finished(window.model(), &ModelClient::roundFinished);
        QSignalSpy failed(window.model(), &ModelClient::roundFailed);
        window.trainNow();
        QVERIFY2(finished.wait(180000), failed.isEmpty() ? "no round finished" : qPrintable(failed.first().first().toString()));
        const auto run = window.store()->latestRun(true).value();
        QVERIFY(run);
        QCOMPARE(run->modelKind, QStringLiteral("text-encoder"));
        const auto summary = finished.first().first().value<ml::RoundSummary>();
        QCOMPARE(summary.runId, run->id);
        QVERIFY(summary.trainLabels > 0);
        QTRY_VERIFY(!window.findChild<QLabel *>(QStringLiteral("lastRunLabel"))->text().isEmpty()); // the window reports it
        const QString encoder = QJsonDocument::fromJson(run->configJson.toUtf8())
                                    .object()
                                    .value(QStringLiteral("model"))
                                    .toObject()
                                    .value(QStringLiteral("encoder"))
                                    .toString();
        QCOMPARE(qint64(window.store()->encoderFeatures(encoder).value().size()), window.store()->stats().value().samples);

        // Fine-tuning switched on in the settings: the next round trains a copy of the encoder with the head, and
        // its run says so.
        window.findChild<QAction *>(QStringLiteral("actionModelSettings"))->trigger();
        auto *dialog = window.findChild<ModelSettingsDialog *>(QStringLiteral("modelSettingsDialog"));
        QVERIFY(dialog);
        auto *finetune = qobject_cast<QCheckBox *>(dialog->editor(QLatin1String(settings::kEncoderFinetune)));
        QVERIFY(finetune && finetune->isEnabled());
        finetune->setChecked(true);
        dialog->accept();
        QVERIFY(window.model()->options().encoderFinetune);
        window.trainNow();
        QVERIFY2(finished.wait(180000), failed.isEmpty() ? "no round finished" : qPrintable(failed.last().first().toString()));
        const auto tuned = window.store()->latestRun(true).value();
        QVERIFY(tuned && tuned->id != run->id);
        QCOMPARE(tuned->modelKind, QStringLiteral("text-encoder"));
        QVERIFY(QJsonDocument::fromJson(tuned->configJson.toUtf8())
                    .object()
                    .value(QStringLiteral("model"))
                    .toObject()
                    .value(QStringLiteral("finetune"))
                    .toBool());
    }

    // An import into a project without vectors starts learning them; one that adds little text does not again.
    void importStartsLearningWhenThereIsNewText()
    {
        const QString path = m_dir.filePath(QStringLiteral("imported.marginalia"));
        QVERIFY(ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("sport"), QStringLiteral("food")}));
        MainWindow window(TrainingModelClient::factory());
        window.show();
        QVERIFY(window.openProject(path));
        QSignalSpy ended(window.model(), &ModelClient::pretrainingEnded);
        window.importFiles({writeSportAndFood(QStringLiteral("first.jsonl"), 0, 300)});
        QVERIFY(ended.wait(60000));
        QVERIFY2(ended.first().at(0).toBool(), qPrintable(ended.first().at(1).toString()));
        const auto first = window.store()->poolVectors(false).value();
        QVERIFY(first.has_value());
        // A tenth more text: the vectors stay as they are.
        QSignalSpy imported(window.findChild<ImportPanel *>(), &ImportPanel::finished);
        window.importFiles({writeSportAndFood(QStringLiteral("second.jsonl"), 300, 30)});
        QVERIFY(imported.wait(30000));
        QVERIFY(!ended.wait(2000)); // learning the first time took well under a second
        QCOMPARE(ended.size(), 1);
        QCOMPARE(window.store()->poolVectors(false).value()->createdAt, first->createdAt);
    }

    // With a word vector file or a text encoder named, rounds would not read vectors from the pool: an import
    // does not learn them.
    void importLearnsNothingThatANamedFileReplaces()
    {
        for (const char *key : {settings::kPretrainedVectors, settings::kTextEncoder}) {
            const QString path = m_dir.filePath(QStringLiteral("named-%1.marginalia").arg(QLatin1String(key)));
            {
                auto store = ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("sport"), QStringLiteral("food")});
                QVERIFY(store);
                QVERIFY(settings::setValue(**store, QLatin1String(key), m_dir.filePath(QStringLiteral("elsewhere.bin")),
                                           settings::Cli));
            }
            MainWindow window(TrainingModelClient::factory());
            window.show();
            QVERIFY(window.openProject(path));
            QSignalSpy ended(window.model(), &ModelClient::pretrainingEnded);
            QSignalSpy imported(window.findChild<ImportPanel *>(), &ImportPanel::finished);
            window.importFiles({writeSportAndFood(QStringLiteral("named.jsonl"), 0, 300)});
            QVERIFY(imported.wait(30000));
            QVERIFY2(!ended.wait(2000), key); // learning takes well under a second when it starts
            QVERIFY2(!window.store()->poolVectors(false).value().has_value(), key);
        }
    }
};

QTEST_MAIN(TestStudioTraining)
#include "tst_studio_training.moc"
