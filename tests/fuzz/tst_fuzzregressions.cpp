// Replays every seed and every input that once broke a fuzz target (regressions/TARGET/) through the same code
// the fuzzers run, in the normal build: a fixed crash stays fixed without a fuzzing build.
#include "FuzzTargets.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QtTest>

using namespace marginalia;

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

    static void addInputs(const QString &folder)
    {
        const QDir root(QStringLiteral(MARGINALIA_FUZZ_DATA "/") + folder);
        for (const QString &target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            QDirIterator it(root.filePath(target), QDir::Files);
            while (it.hasNext()) {
                const QString file = it.next();
                QTest::addRow("%s/%s/%s", qPrintable(folder), qPrintable(target),
                              qPrintable(QFileInfo(file).fileName()))
                    << target << file;
            }
        }
    }

private Q_SLOTS:
    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        addInputs(QStringLiteral("corpus"));
        addInputs(QStringLiteral("regressions"));
    }

    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray input = f.readAll();
        if (target == QLatin1String("checkpoint"))
            fuzz::runCheckpointTarget(input);
        else
            QVERIFY2(fuzz::runCoreTarget(target, input), qPrintable(QStringLiteral("no fuzz target %1").arg(target)));
    }

    // Every target has seeds, so that a new reader format cannot be added to the fuzz list without them.
    void everyTargetHasSeeds()
    {
        const QDir corpus(QStringLiteral(MARGINALIA_FUZZ_DATA "/corpus"));
        const QStringList targets = corpus.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const char *name : {"jsonl", "csv", "tsv", "txt", "conll", "detect", "project", "checkpoint"}) {
            QVERIFY2(targets.contains(QLatin1String(name)), name);
            QVERIFY2(!QDir(corpus.filePath(QLatin1String(name))).isEmpty(QDir::Files), name);
        }
    }

    // The checkpoint seed is what the current code saves; a fresh save loads and scores through the target.
    void freshCheckpointLoads()
    {
        const QByteArray bytes = fuzz::sampleCheckpoint();
        QVERIFY(bytes.size() > 100);
        fuzz::runCheckpointTarget(bytes);
        // A truncated one is refused (the target aborts if it is taken or crashes).
        fuzz::runCheckpointTarget(bytes.left(bytes.size() / 2));
        if (const QByteArray out = qgetenv("MARGINALIA_WRITE_CHECKPOINT_SEED"); !out.isEmpty()) {
            QFile f(QString::fromLocal8Bit(out));
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
        }
    }

    // An unknown name is refused rather than passing silently.
    void unknownTargetIsRefused() { QVERIFY(!fuzz::runCoreTarget(QStringLiteral("no-such-format"), "x")); }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
