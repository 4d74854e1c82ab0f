// File > Save a Copy…: the action follows the open project, the copy runs on a pool thread while labels are
// saved in the window, a failure is shown with its reason, and a cancel leaves no file.
#include "ScriptedModelClient.h"
#include "store/ProjectStore.h"
#include "ui/MainWindow.h"
#include "ui/SaveCopyDialog.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

class TestSaveCopy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static std::unique_ptr<MainWindow> makeWindow()
    {
        auto window = std::make_unique<MainWindow>(
            [](const QString &path) { return std::make_unique<ScriptedModelClient>(path); });
        window->show();
        return window;
    }

    // A project of 200 samples, the first `labeled` labeled "ham".
    QString makeProject(const QString &name, int labeled)
    {
        auto store = ProjectStore::create(m_dir.filePath(name), TaskType::TextCat,
                                          {QStringLiteral("ham"), QStringLiteral("spam")});
        if (!store)
            return {};
        for (int i = 0; i < 200; ++i) {
            Sample sample;
            sample.text = QStringLiteral("Sample number %1 about things.").arg(i);
            const auto id = (*store)->addSample(sample);
            AnnotationInput input;
            input.labels = {QStringLiteral("ham")};
            if (!id || (i < labeled && !(*store)->annotate(**id, input)))
                return {};
        }
        return m_dir.filePath(name);
    }

    static qint64 labeledIn(const QString &path)
    {
        auto store = ProjectStore::open(path);
        return store ? (*store)->countSamples(SampleFilter::labeled()).value() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void actionNeedsAnOpenProject()
    {
        const QString path = makeProject(QStringLiteral("action.marginalia"), 0);
        auto window = makeWindow();
        auto *action = window->findChild<QAction *>(QStringLiteral("actionSaveCopy"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        QVERIFY(window->openProject(path));
        QVERIFY(action->isEnabled());
        QCOMPARE(action->text(), QStringLiteral("&Save a Copy…"));
        window->closeProject();
        QVERIFY(!action->isEnabled());
    }

    void copiesWhileLabelingGoesOn()
    {
        const QString path = makeProject(QStringLiteral("copy.marginalia"), 50);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        const QString out = m_dir.filePath(QStringLiteral("copy-saved.marginalia"));
        QPointer<SaveCopyDialog> dialog = new SaveCopyDialog(path, out, window.get());
        QSignalSpy messages(dialog.data(), &SaveCopyDialog::message);
        // The window's own connection keeps saving while the copy runs.
        AnnotationInput input;
        input.labels = {QStringLiteral("spam")};
        QVERIFY(window->store()->annotate(window->store()->sampleIds(SampleFilter::unlabeled())->first(), input));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 20000); // deletes itself when done
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().first().toString().contains(out), qPrintable(messages.first().first().toString()));
        QVERIFY(labeledIn(out) >= 50);
        QVERIFY(!window->findChild<QMessageBox *>());
    }

    void failureIsShownWithItsReason()
    {
        const QString path = makeProject(QStringLiteral("fail.marginalia"), 5);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        QPointer<SaveCopyDialog> dialog = new SaveCopyDialog(path, path, window.get()); // onto the project itself
        QSignalSpy messages(dialog.data(), &SaveCopyDialog::message);
        QTRY_VERIFY(!dialog);
        QCOMPARE(messages.size(), 0);
        auto *box = window->findChild<QMessageBox *>(QStringLiteral("saveCopyError"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("the project itself")), qPrintable(box->text()));
        box->close();
        QCOMPARE(labeledIn(path), 5);
    }

    void cancelLeavesNoFile()
    {
        const QString path = makeProject(QStringLiteral("cancel.marginalia"), 5);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        const QString out = m_dir.filePath(QStringLiteral("cancel-saved.marginalia"));
        QPointer<SaveCopyDialog> dialog = new SaveCopyDialog(path, out, window.get());
        QSignalSpy messages(dialog.data(), &SaveCopyDialog::message);
        Q_EMIT dialog->canceled(); // as the Cancel button does
        QTRY_VERIFY(!dialog);
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first().first().toString().contains(QStringLiteral("cancelled")));
        QVERIFY(!QFileInfo::exists(out));
        QVERIFY(!window->findChild<QMessageBox *>());
    }
};

QTEST_MAIN(TestSaveCopy)
#include "tst_savecopy.moc"
