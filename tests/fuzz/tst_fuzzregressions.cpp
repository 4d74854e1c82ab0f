// Replays every seed and every input that once broke a fuzz target (regressions/TARGET/) through the same code
// the fuzzers run, in the normal build: a fixed crash stays fixed without a fuzzing build.
#include "FuzzTargets.h"
#include "ml/SequenceTagger.h"
#include "ml/TextClassifier.h"
#include "ml/TrainingTypes.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QtTest>
#include <atomic>

using namespace marginalia;

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

    // A classifier of the checkpoint target's shape, trained on a few documents (or not at all).
    static QByteArray classifierCheckpoint(bool trained)
    {
        auto classifier = ml::TextClassifier::create(fuzz::checkpointTargetShape(), 1);
        if (!classifier)
            return {};
        std::vector<ml::Example> examples{{{1, 2, 3}, {0}, {}}, {{4, 5}, {1}, {}}, {{6, 60}, {2}, {}}, {{2, 7}, {0}, {}}};
        ml::TrainingOptions options;
        options.epochs = 2;
        options.embeddingDim = 4;
        options.threads = 1;
        const std::atomic_bool cancel{false};
        if (trained && !(*classifier)->train(examples, options, cancel))
            return {};
        const auto bytes = (*classifier)->saveCheckpoint();
        return bytes ? *bytes : QByteArray();
    }

    // A small trained tagger: a checkpoint the target reads and refuses as not a classifier's.
    static QByteArray taggerCheckpoint()
    {
        ml::TaggerShape shape;
        shape.buckets = 32;
        shape.embeddingDim = 2;
        shape.hiddenDim = 2;
        shape.layers = 1;
        shape.tags = QStringList{QStringLiteral("O"), QStringLiteral("B-X")};
        auto tagger = ml::SequenceTagger::create(shape, 1);
        if (!tagger)
            return {};
        ml::EncodedSentence sentence;
        sentence.ids = {1, 2, 3};
        sentence.offsets = {0, 2, 3};
        ml::TaggerTraining training;
        training.epochs = 1;
        const std::atomic_bool cancel{false};
        if (!(*tagger)->train({ml::TaggedExample{sentence, {1, 0}}}, training, cancel))
            return {};
        const auto bytes = (*tagger)->saveCheckpoint();
        return bytes ? *bytes : QByteArray();
    }

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
        if (target == QLatin1String("checkpoint")) {
            // The target accepts exactly what a real classifier of its shape loads.
            const bool accepted = fuzz::runCheckpointTarget(input);
            auto classifier = ml::TextClassifier::create(fuzz::checkpointTargetShape(), 1);
            QVERIFY(classifier);
            const Status loaded = (*classifier)->loadCheckpoint(input);
            QVERIFY2(bool(loaded) == accepted, qPrintable(loaded.error()));
        } else if (target == QLatin1String("image")) {
            // Seeds named good-* are images; the target checks every read (and aborts on a broken check).
            const bool read = fuzz::runImageTarget(input);
            if (QFileInfo(file).fileName().startsWith(QLatin1String("good-")))
                QVERIFY(read);
        } else
            QVERIFY2(fuzz::runCoreTarget(target, input), qPrintable(QStringLiteral("no fuzz target %1").arg(target)));
    }

    // Every target has seeds, so that a new reader format cannot be added to the fuzz list without them.
    void everyTargetHasSeeds()
    {
        const QDir corpus(QStringLiteral(MARGINALIA_FUZZ_DATA "/corpus"));
        const QStringList targets = corpus.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const char *name : {"jsonl", "csv", "tsv", "txt", "conll", "label-studio", "prodigy", "doccano", "detect",
                                 "project", "checkpoint", "image"}) {
            QVERIFY2(targets.contains(QLatin1String(name)), name);
            QVERIFY2(!QDir(corpus.filePath(QLatin1String(name))).isEmpty(QDir::Files), name);
        }
    }

    // What the current code saves passes the checkpoint target: its fixed layout is the classifier's. With
    // MARGINALIA_WRITE_CHECKPOINT_SEEDS=DIR the checkpoints are written there, to seed the corpus.
    void freshCheckpointsPassTheTarget()
    {
        const QByteArray trained = classifierCheckpoint(true);
        const QByteArray untrained = classifierCheckpoint(false);
        const QByteArray tagger = taggerCheckpoint();
        QVERIFY(trained.size() > 100 && untrained.size() > 100 && tagger.size() > 100);
        QVERIFY(fuzz::runCheckpointTarget(trained));
        QVERIFY(fuzz::runCheckpointTarget(untrained));
        QVERIFY(!fuzz::runCheckpointTarget(tagger));
        QVERIFY(ml::SequenceTagger::checkpointShape(tagger));
        // Cut short, it is refused (the target aborts if a check breaks or it crashes).
        QVERIFY(!fuzz::runCheckpointTarget(trained.left(trained.size() / 2)));
        if (const QByteArray out = qgetenv("MARGINALIA_WRITE_CHECKPOINT_SEEDS"); !out.isEmpty()) {
            const QDir dir(QString::fromLocal8Bit(out));
            for (const auto &[name, bytes] : {std::pair{"trained", trained}, std::pair{"untrained", untrained},
                                              std::pair{"tagger", tagger}}) {
                QFile f(dir.filePath(QLatin1String(name)));
                QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
            }
        }
    }

    // An unknown name is refused rather than passing silently.
    void unknownTargetIsRefused() { QVERIFY(!fuzz::runCoreTarget(QStringLiteral("no-such-format"), "x")); }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
