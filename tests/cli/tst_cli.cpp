// The command line as a user runs it: exit statuses, help, and results on stdout only.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(MARGINALIA_BINARY), args);
        p.waitForFinished(120000);
        return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    QTemporaryDir m_dir;

private Q_SLOTS:
    void helpAndVersion()
    {
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("new"));
        QVERIFY(help.out.contains("stats"));
        const Run version = run({QStringLiteral("--version")});
        QCOMPARE(version.code, 0);
        QVERIFY(version.out.startsWith("marginalia "));
        const Run newHelp = run({QStringLiteral("new"), QStringLiteral("--help")});
        QCOMPARE(newHelp.code, 0);
        QVERIFY(newHelp.out.contains("--task"));
    }

    void usageErrorsExitOne()
    {
        QCOMPARE(run({QStringLiteral("frobnicate")}).code, 1);
        QCOMPARE(run({QStringLiteral("new")}).code, 1);
        QCOMPARE(run({QStringLiteral("new"), m_dir.filePath(QStringLiteral("x")), QStringLiteral("--task"),
                      QStringLiteral("poetry")})
                     .code,
                 1);
        QCOMPARE(run({QStringLiteral("stats"), QStringLiteral("--bogus")}).code, 1);
    }

    void newThenStats()
    {
        const QString project = m_dir.filePath(QStringLiteral("p.marginalia"));
        const Run created = run({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat"),
                                 QStringLiteral("--labels"), QStringLiteral("ham,spam,垃圾")});
        QCOMPARE(created.code, 0);
        QVERIFY(created.out.isEmpty());
        QCOMPARE(run({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat")}).code, 2);
        const Run stats = run({QStringLiteral("stats"), project, QStringLiteral("--json")});
        QCOMPARE(stats.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(stats.out).object();
        QCOMPARE(o.value(QStringLiteral("samples")).toInt(), 0);
        QCOMPARE(o.value(QStringLiteral("labels")).toObject().keys().size(), 3);
        QVERIFY(o.value(QStringLiteral("labels")).toObject().contains(QStringLiteral("垃圾")));
        QCOMPARE(run({QStringLiteral("stats"), m_dir.filePath(QStringLiteral("missing"))}).code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
