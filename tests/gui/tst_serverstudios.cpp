// Studios on a project that lives on a PostgreSQL server (a cluster this test starts itself): two labeling views
// under different names label one project at once while every connection is cut now and then, and neither is
// served a sample the other holds, nor stores a label twice; the studio window opens the server location, labels,
// browses, refreshes when another process stores a run, and never keeps the password in its recent projects.
#include "PgCluster.h"
#include "ScriptedModelClient.h"
#include "store/ProjectStore.h"
#include "ui/BrowseView.h"
#include "ui/LabelingView.h"
#include "ui/MainWindow.h"
#include "ui/SampleTableModel.h"

#include <QSettings>
#include <QStatusBar>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

namespace {
struct Studio
{
    std::unique_ptr<ProjectStore> store;
    QUndoStack undo;
    LabelingView view;
};
} // namespace

class TestServerStudios : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    testing::PgCluster m_cluster;

    QString makeProject(const QString &name, int samples)
    {
        const QString url = m_cluster.url(name);
        auto store = ProjectStore::create(url, TaskType::TextCat, {QStringLiteral("billing"), QStringLiteral("technical")});
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        for (int i = 0; i < samples; ++i) {
            Sample s;
            s.text = i % 2 ? QStringLiteral("Invoice %1 was charged twice.").arg(i) : QStringLiteral("第%1号：无法登录").arg(i);
            if (!(*store)->addSample(s))
                qFatal("cannot add a sample");
        }
        return url;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data-home"))));
        QString why;
        QVERIFY2(m_cluster.start(&why), qPrintable(why));
    }

    void twoStudiosShareNoSampleThroughCutConnections()
    {
        const QString url = makeProject(QStringLiteral("pair"), 16);
        Studio a, b;
        a.store = std::move(ProjectStore::open(url)).value();
        b.store = std::move(ProjectStore::open(url)).value();
        a.view.setProject(a.store.get(), &a.undo, QStringLiteral("ann"));
        b.view.setProject(b.store.get(), &b.undo, QStringLiteral("bob"));
        a.view.show();
        b.view.show();
        QSet<qint64> byA, byB;
        for (int i = 0; i < 16 && (a.view.currentSampleId() || b.view.currentSampleId()); ++i) {
            if (i % 3 == 1)
                QVERIFY(m_cluster.terminateClients() >= 2);
            if (const qint64 id = a.view.currentSampleId()) {
                QVERIFY2(!byB.contains(id), "a sample served to both studios");
                QTest::keyClick(&a.view, '1');
                byA.insert(id);
            }
            if (const qint64 id = b.view.currentSampleId()) {
                QVERIFY2(!byA.contains(id), "a sample served to both studios");
                QTest::keyClick(&b.view, '2');
                byB.insert(id);
            }
        }
        QVERIFY(!byA.isEmpty() && !byB.isEmpty());
        QVERIFY(!byA.intersects(byB));
        QCOMPARE(a.store->outboxSize() + b.store->outboxSize(), 0); // the server was up: nothing waited
        for (qint64 id : byA + byB)
            QCOMPARE(a.store->annotationHistory(id)->size(), 1);
        QCOMPARE(byA.size() + byB.size(), 16);
    }

    void theStudioWindowWorksOnAServerProject()
    {
        const QString url = makeProject(QStringLiteral("window"), 12);
        const QString withPassword =
            QStringLiteral("postgresql://marginalia:sesame@/postgres?project=window&host=%1").arg(m_cluster.socketDir());
        MainWindow window([](const QString &p) { return std::make_unique<ScriptedModelClient>(p); });
        window.show();
        QVERIFY(window.openProject(withPassword));
        QVERIFY2(window.windowTitle().startsWith(QStringLiteral("window")), qPrintable(window.windowTitle()));
        const QStringList recent = QSettings().value(QStringLiteral("recentProjects")).toStringList();
        QVERIFY(!recent.isEmpty() && recent.first().contains(QStringLiteral("project=window")));
        QVERIFY(!recent.first().contains(QStringLiteral("sesame")));

        auto *labeling = window.findChild<LabelingView *>();
        QVERIFY(labeling && labeling->currentSampleId() != 0);
        const qint64 first = labeling->currentSampleId();
        QTest::keyClick(labeling, '2');
        QTRY_VERIFY(labeling->currentSampleId() != first);
        auto store = std::move(ProjectStore::open(url)).value();
        QCOMPARE((*store->currentAnnotation(first))->labels, QStringList{QStringLiteral("technical")});

        // Browse reads the server on a worker: every sample, then only the labeled one.
        auto *browse = window.findChild<BrowseView *>();
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("projectTabs"));
        QVERIFY(browse && tabs);
        tabs->setCurrentWidget(browse);
        QTRY_COMPARE(browse->model()->rowCount(), 12);

        // A run another process stores is announced, and the window shows it without waiting for its poll.
        const auto run = store->beginRun(QStringLiteral("test"), {}, QStringLiteral("CPU"), QStringLiteral("random"));
        QVERIFY(run);
        QSqlQuery owner(store->database()); // as if stored by another process (this one is the studio's)
        QVERIFY(owner.exec(QStringLiteral("UPDATE model_runs SET owner = 'elsewhere 1' WHERE id = %1").arg(*run)));
        QVERIFY(store->finishRun(*run, RunResult{}));
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(QString::number(*run)), 1500);
    }
};

QTEST_MAIN(TestServerStudios)
#include "tst_serverstudios.moc"
