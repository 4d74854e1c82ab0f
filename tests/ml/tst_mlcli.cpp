// marginalia train / rank / predict / simulate, run as a user would.
#include "SchemaRewind.h"
#include "MlTestData.h"
#include "store/EngineHeartbeat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

class TestMlCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run cli(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(MARGINALIA_BINARY), args);
        if (!p.waitForFinished(120000))
            return {};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }

private Q_SLOTS:
    void trainRankPredict()
    {
        const QString project = m_dir.filePath(QStringLiteral("cli.marginalia"));
        mltest::makeProject(project, 60, 20, 20);
        const Run train = cli({QStringLiteral("train"), project, QStringLiteral("--json")});
        QCOMPARE(train.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(train.out.toUtf8()).object();
        QVERIFY2(report.contains(QStringLiteral("macro avg")), qPrintable(train.out));
        QVERIFY(report.value(QStringLiteral("topic0")).toObject().value(QStringLiteral("f1-score")).toDouble() > 0.8);
        const Run text = cli({QStringLiteral("train"), project});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains(QStringLiteral("weighted avg")));

        const Run rank = cli({QStringLiteral("rank"), project, QStringLiteral("--top"), QStringLiteral("3"),
                              QStringLiteral("--json")});
        QCOMPARE(rank.code, 0);
        const QStringList lines = rank.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(QJsonDocument::fromJson(lines[0].toUtf8()).object().value(QStringLiteral("rank")).toInt(), 1);
        const Run other = cli({QStringLiteral("rank"), project, QStringLiteral("--strategy"), QStringLiteral("entropy"),
                               QStringLiteral("--top"), QStringLiteral("4")});
        QCOMPARE(other.code, 0);
        QCOMPARE(other.out.trimmed().split(QLatin1Char('\n')).size(), 4);

        const QString input = writeFile(QStringLiteral("new.jsonl"),
                                        "{\"text\": \"the striker scored a goal in the match\"}\n"
                                        "simmer the garlic in butter\n");
        const Run predict = cli({QStringLiteral("predict"), project, input, QStringLiteral("--json")});
        QCOMPARE(predict.code, 0);
        const QStringList predictions = predict.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(predictions.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(predictions[0].toUtf8()).object().value(QStringLiteral("label")).toString(),
                 QStringLiteral("topic0"));
        QCOMPARE(QJsonDocument::fromJson(predictions[1].toUtf8()).object().value(QStringLiteral("label")).toString(),
                 QStringLiteral("topic1"));
    }

    // audit: with the real text model, a sample whose label was changed to the wrong topic comes out on top.
    void auditFindsAWrongLabel()
    {
        using namespace marginalia;
        const QString project = m_dir.filePath(QStringLiteral("audit.marginalia"));
        mltest::makeProject(project, 60, 20, 20);
        qint64 wrong = 0;
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            SampleFilter labeled;
            labeled.labelState = SampleFilter::LabelState::Labeled;
            labeled.split = Split::Pool;
            const auto samples = (*store)->annotatedSamples(labeled);
            QVERIFY(samples && !samples->isEmpty());
            const AnnotatedSample &victim = samples->first();
            const QString given = victim.annotation->labels.first();
            const auto labels = (*store)->labels();
            QString other;
            for (const Label &l : *labels)
                if (l.name != given)
                    other = l.name;
            AnnotationInput input;
            input.labels = {other};
            QVERIFY((*store)->annotate(victim.sample.id, input));
            wrong = victim.sample.id;
        }
        const Run audit = cli({QStringLiteral("audit"), project, QStringLiteral("--top"), QStringLiteral("3"),
                               QStringLiteral("--json")});
        QVERIFY2(audit.code == 0, qPrintable(audit.err));
        const QStringList lines = audit.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(lines[0].toUtf8()).object();
        QCOMPARE(first.value(QStringLiteral("id")).toInteger(), wrong);
        QVERIFY(first.value(QStringLiteral("flagged")).toBool());
        QVERIFY(cli({QStringLiteral("audit"), project, QStringLiteral("--folds"), QStringLiteral("1")}).code != 0);
    }

    // A project whose models an older version saved with torch::save: the open that upgrades it drops them and
    // says so once on stderr; predict finds no model, train trains a new one from scratch, and predict uses it.
    void olderModelsAreDroppedWithANotice()
    {
        const QString project = m_dir.filePath(QStringLiteral("older.marginalia"));
        mltest::makeProject(project, 60, 20, 20);
        QCOMPARE(cli({QStringLiteral("train"), project}).code, 0);
        {
            auto store = marginalia::ProjectStore::open(project);
            QVERIFY(store);
            QSqlQuery q((*store)->database());
            // What torch::save wrote began like any zip; the rest of the bytes do not matter to the upgrade.
            QVERIFY(q.exec(QStringLiteral("UPDATE run_checkpoint_parts SET data = x'504B0304' || substr(data, 5)"
                                          " WHERE part = 0")));
            QVERIFY(marginalia::testing::rewindToVersion6(q));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 5")));
        }
        const QString input = writeFile(QStringLiteral("older.jsonl"), "{\"text\": \"the striker scored a goal\"}\n");
        const Run predict = cli({QStringLiteral("predict"), project, input});
        QCOMPARE(predict.code, 2);
        QVERIFY2(predict.err.contains(QLatin1String("older version of Marginalia were removed")), qPrintable(predict.err));
        QVERIFY2(predict.err.contains(QLatin1String("no stored model")), qPrintable(predict.err));
        const Run train = cli({QStringLiteral("train"), project});
        QCOMPARE(train.code, 0);
        QVERIFY2(!train.err.contains(QLatin1String("were removed")), qPrintable(train.err)); // said once
        QVERIFY(train.out.contains(QStringLiteral("weighted avg")));
        const Run again = cli({QStringLiteral("predict"), project, input, QStringLiteral("--json")});
        QCOMPARE(again.code, 0);
        QCOMPARE(QJsonDocument::fromJson(again.out.toUtf8()).object().value(QStringLiteral("label")).toString(),
                 QStringLiteral("topic0"));
    }

    // What `config` sets is what `train` uses, and `train --json` says so.
    // engine: a round at once (nothing trained yet), the next when enough new labels arrived from elsewhere, a
    // heartbeat while it runs, and a clean stop on SIGTERM that clears it.
    void engineRetrainsAsLabelsArrive()
    {
        const QString project = m_dir.filePath(QStringLiteral("engine.marginalia"));
        auto store = mltest::makeProject(project, 60, 20, 20); // pool samples 21..60 are unlabeled
        QProcess engine;
        engine.start(QStringLiteral(MARGINALIA_BINARY),
                     {QStringLiteral("engine"), project, QStringLiteral("--every"), QStringLiteral("5"),
                      QStringLiteral("--poll"), QStringLiteral("100")});
        QVERIFY(engine.waitForStarted(10000));
        QByteArray out;
        const auto runsPrinted = [&](int n, int ms) {
            QElapsedTimer t;
            t.start();
            while (out.count("run #") < n && t.elapsed() < ms && engine.state() == QProcess::Running) {
                engine.waitForReadyRead(100);
                out += engine.readAllStandardOutput();
            }
            return out.count("run #") >= n;
        };
        QVERIFY2(runsPrinted(1, 120000), engine.readAllStandardError().constData());
        QVERIFY(marginalia::activeEngine(*store)->has_value());
        const auto label = [&](qint64 id) {
            marginalia::AnnotationInput in;
            in.labels = {QStringLiteral("topic%1").arg((id - 1) % 2)};
            in.annotator = QStringLiteral("studio");
            QVERIFY(store->annotate(id, in));
        };
        for (qint64 id = 21; id <= 24; ++id)
            label(id);
        QVERIFY(!runsPrinted(2, 1000)); // four new labels: not yet
        label(25);
        QVERIFY2(runsPrinted(2, 120000), engine.readAllStandardError().constData());
        QCOMPARE(store->runs()->size(), 2);
        QCOMPARE(store->runs()->last().trainLabels, 25);

        engine.terminate();
        QVERIFY(engine.waitForFinished(60000));
        QCOMPARE(engine.exitStatus(), QProcess::NormalExit);
        QCOMPARE(engine.exitCode(), 0);
        QVERIFY(!marginalia::activeEngine(*store)->has_value());
        QVERIFY(store->setting(QLatin1String(marginalia::kEngineHeartbeatKey))->isEmpty());
        QVERIFY(!store->latestRun(false).value()->status.contains(QLatin1String("running")));
    }

    void trainUsesTheSettingsConfigSets()
    {
        const QString project = m_dir.filePath(QStringLiteral("configured.marginalia"));
        mltest::makeProject(project, 60, 20, 20);
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.strategy"), QStringLiteral("entropy")}).code, 0);
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.epochs"), QStringLiteral("3")}).code, 0);
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.batch_size"), QStringLiteral("4")}).code, 0);
        const Run train = cli({QStringLiteral("train"), project, QStringLiteral("--json")});
        QCOMPARE(train.code, 0);
        const QJsonObject options =
            QJsonDocument::fromJson(train.out.toUtf8()).object().value(QStringLiteral("options")).toObject();
        QCOMPARE(options.value(QStringLiteral("strategy")).toString(), QStringLiteral("entropy"));
        QCOMPARE(options.value(QStringLiteral("epochs")).toInt(), 3);
        QCOMPARE(options.value(QStringLiteral("batch_size")).toInt(), 4);
        // A flag changes this round only.
        const Run flagged = cli({QStringLiteral("train"), project, QStringLiteral("--json"), QStringLiteral("--strategy"),
                                 QStringLiteral("margin")});
        QCOMPARE(QJsonDocument::fromJson(flagged.out.toUtf8()).object().value(QStringLiteral("options")).toObject()
                     .value(QStringLiteral("strategy")).toString(),
                 QStringLiteral("margin"));
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.strategy")}).out.trimmed(),
                 QStringLiteral("entropy"));
    }

    void nothingToTrainIsADataError()
    {
        const QString project = m_dir.filePath(QStringLiteral("empty.marginalia"));
        mltest::makeProject(project, 10, 0, 0);
        QCOMPARE(cli({QStringLiteral("train"), project}).code, 2);
        QCOMPARE(cli({QStringLiteral("predict"), project, project}).code, 2);
        QCOMPARE(cli({QStringLiteral("train"), project, QStringLiteral("--strategy"), QStringLiteral("nope")}).code, 1);
    }

    void simulateJson()
    {
        QByteArray jsonl;
        for (const auto &row : mltest::labeledRows(200, 2, 5))
            jsonl += QJsonDocument(QJsonObject{{QStringLiteral("text"), row.text},
                                               {QStringLiteral("label"), row.labels.first()}})
                         .toJson(QJsonDocument::Compact)
                     + '\n';
        const QString pool = writeFile(QStringLiteral("pool.jsonl"), jsonl);
        const Run run = cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("margin"),
                             QStringLiteral("--seed-size"), QStringLiteral("4"), QStringLiteral("--batch"),
                             QStringLiteral("8"), QStringLiteral("--budget"), QStringLiteral("20"), QStringLiteral("--json")});
        QCOMPARE(run.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("strategy")).toString(), QStringLiteral("margin"));
        QVERIFY(o.value(QStringLiteral("full_data")).toObject().value(QStringLiteral("macro_f1")).toDouble() > 0.9);
        const QJsonArray curve = o.value(QStringLiteral("curve")).toArray();
        QCOMPARE(curve.size(), 3); // 4, 12, 20 labels
        QCOMPARE(curve.last().toObject().value(QStringLiteral("labels")).toInt(), 20);
        QCOMPARE(cli({QStringLiteral("simulate"), pool}).code, 1); // --strategy is required

        // --pretrain learns from the pool's text first and says what it learned.
        const Run pretrained = cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("random"),
                                    QStringLiteral("--seed-size"), QStringLiteral("4"), QStringLiteral("--batch"),
                                    QStringLiteral("8"), QStringLiteral("--budget"), QStringLiteral("12"),
                                    QStringLiteral("--pretrain"), QStringLiteral("--pretrain-method"), QStringLiteral("svd"),
                                    QStringLiteral("--json")});
        QCOMPARE(pretrained.code, 0);
        QVERIFY2(!pretrained.err.contains(QLatin1Char('\r')), qPrintable(pretrained.err)); // not a terminal: no progress
        const QJsonObject p = QJsonDocument::fromJson(pretrained.out.toUtf8()).object();
        QVERIFY(p.value(QStringLiteral("pretrain")).toObject().value(QStringLiteral("words")).toInt() > 10);
        QCOMPARE(p.value(QStringLiteral("pretrain")).toObject().value(QStringLiteral("method")).toString(), QStringLiteral("svd"));
        QCOMPARE(p.value(QStringLiteral("curve")).toArray().size(), 2);
        // A method needs --pretrain, and a name it knows.
        QCOMPARE(cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("random"),
                      QStringLiteral("--pretrain-method"), QStringLiteral("svd")})
                     .code,
                 1);
        QCOMPARE(cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("random"),
                      QStringLiteral("--pretrain"), QStringLiteral("--pretrain-method"), QStringLiteral("glove")})
                     .code,
                 1);
        QCOMPARE(cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("random"),
                      QStringLiteral("--pretrain"), QStringLiteral("--vectors"), pool})
                     .code,
                 1);
    }

    void pretrainStoresVectorsForTheNextRound()
    {
        const QString project = m_dir.filePath(QStringLiteral("pretrain.marginalia"));
        mltest::makeProject(project, 200, 20, 20);
        // The project's setting picks the method; --method overrides it for one run.
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.pretrain_method"), QStringLiteral("svd")}).code, 0);
        const Run run = cli({QStringLiteral("pretrain"), project, QStringLiteral("--json")});
        QCOMPARE(run.code, 0);
        QVERIFY2(!run.err.contains(QLatin1Char('\r')), qPrintable(run.err)); // not a terminal: no progress
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("samples")).toInt(), 200);
        QVERIFY(o.value(QStringLiteral("words")).toInt() > 10);
        // The classifier's embedding size, or fewer: the test vocabulary spans fewer directions.
        const int dim = o.value(QStringLiteral("dim")).toInt();
        QVERIFY2(dim > 1 && dim <= 64, qPrintable(QString::number(dim)));
        QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("svd"));
        QCOMPARE(o.value(QStringLiteral("used_by_rounds")).toBool(), true);
        const Run train = cli({QStringLiteral("train"), project, QStringLiteral("--json")});
        QCOMPARE(train.code, 0);
        {
            // The round read a document vector from the stored vectors.
            const auto opened = marginalia::ProjectStore::open(project);
            QVERIFY(opened);
            const auto run = (*opened)->latestRun(true);
            QVERIFY(run && *run);
            const QJsonObject config = QJsonDocument::fromJson((*run)->configJson.toUtf8()).object();
            QCOMPARE(config.value(QStringLiteral("model")).toObject().value(QStringLiteral("document_dim")).toInt(), dim);
            QCOMPARE(config.value(QStringLiteral("word_classes")).toArray().size(), 1);
        }
        // Rank loads that run with the vectors its word classes came from.
        const Run ranked = cli({QStringLiteral("rank"), project, QStringLiteral("--top"), QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY2(ranked.code == 0, qPrintable(ranked.err));
        const Run skipGram = cli({QStringLiteral("pretrain"), project, QStringLiteral("--method"), QStringLiteral("skipgram"),
                                  QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--json")});
        QCOMPARE(skipGram.code, 0);
        const QJsonObject sg = QJsonDocument::fromJson(skipGram.out.toUtf8()).object();
        QCOMPARE(sg.value(QStringLiteral("method")).toString(), QStringLiteral("skipgram"));
        QCOMPARE(sg.value(QStringLiteral("epochs")).toInt(), 2);
        // A named word vector file is what rounds read: the pool's vectors are kept, but not used, and it says so.
        const QString vec = m_dir.filePath(QStringLiteral("named.vec"));
        {
            QFile file(vec);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("2 4\ngoal 1 0 0 0\noven 0 1 0 0\n");
        }
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.pretrained_vectors"), vec}).code, 0);
        const Run named = cli({QStringLiteral("pretrain"), project, QStringLiteral("--method"), QStringLiteral("svd"), QStringLiteral("--json")});
        QCOMPARE(named.code, 0);
        QCOMPARE(QJsonDocument::fromJson(named.out.toUtf8()).object().value(QStringLiteral("used_by_rounds")).toBool(), false);
        const Run namedText = cli({QStringLiteral("pretrain"), project, QStringLiteral("--method"), QStringLiteral("svd")});
        QCOMPARE(namedText.code, 0);
        QVERIFY2(namedText.out.contains(QLatin1String("model.pretrained_vectors")), qPrintable(namedText.out));
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.pretrained_vectors"), QString()}).code, 0);
        QCOMPARE(cli({QStringLiteral("pretrain"), project, QStringLiteral("--epochs"), QStringLiteral("0")}).code, 1);
        QCOMPARE(cli({QStringLiteral("pretrain"), project, QStringLiteral("--method"), QStringLiteral("glove")}).code, 1);

        // A project without text to learn from, and one of images, are data errors.
        const QString spans = m_dir.filePath(QStringLiteral("spans.marginalia"));
        {
            auto created = marginalia::ProjectStore::create(spans, marginalia::TaskType::Ner, {QStringLiteral("PER")});
            QVERIFY(created);
            const Run empty = cli({QStringLiteral("pretrain"), spans});
            QCOMPARE(empty.code, 2);
            QVERIFY2(empty.err.contains(QLatin1String("no text")), qPrintable(empty.err));
            for (int i = 0; i < 40; ++i) {
                marginalia::Sample s;
                s.text = QStringLiteral("Alice met Bob at the stadium on day %1 and the striker scored").arg(i);
                const auto id = (*created)->addSample(s);
                QVERIFY(id && *id);
                if (i < 30) {
                    marginalia::AnnotationInput in;
                    in.spans = {marginalia::Span{0, 5, QStringLiteral("PER")}};
                    QVERIFY((*created)->annotate(**id, in));
                }
            }
        }
        // A span project learns them too; its rounds read word classes from them, and rank and predict load such
        // a run with the same vectors.
        const Run learnedSpans = cli({QStringLiteral("pretrain"), spans, QStringLiteral("--json")});
        QCOMPARE(learnedSpans.code, 0);
        QCOMPARE(QJsonDocument::fromJson(learnedSpans.out.toUtf8()).object().value(QStringLiteral("used_by_rounds")).toBool(),
                 true);
        const Run spanRound = cli({QStringLiteral("train"), spans, QStringLiteral("--json")});
        QVERIFY2(spanRound.code == 0, qPrintable(spanRound.err));
        const Run spanRank = cli({QStringLiteral("rank"), spans, QStringLiteral("--top"), QStringLiteral("3"),
                                  QStringLiteral("--json")});
        QVERIFY2(spanRank.code == 0, qPrintable(spanRank.err));
        QCOMPARE(spanRank.out.trimmed().split(QLatin1Char('\n')).size(), 3);
        // Switched off, the command says how to switch them on.
        QCOMPARE(cli({QStringLiteral("config"), spans, QStringLiteral("model.pool_vectors"), QStringLiteral("false")}).code, 0);
        const Run unused = cli({QStringLiteral("pretrain"), spans, QStringLiteral("--method"), QStringLiteral("svd")});
        QCOMPARE(unused.code, 0);
        QVERIFY2(unused.out.contains(QLatin1String("model.pool_vectors true")), qPrintable(unused.out));
        const QString images = m_dir.filePath(QStringLiteral("images.marginalia"));
        QVERIFY(marginalia::ProjectStore::create(images, marginalia::TaskType::Image, {QStringLiteral("cat")}));
        const Run refused = cli({QStringLiteral("pretrain"), images});
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains(QLatin1String("images")), qPrintable(refused.err));
    }
};

QTEST_GUILESS_MAIN(TestMlCli)
#include "tst_mlcli.moc"
