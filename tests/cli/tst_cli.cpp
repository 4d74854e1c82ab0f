// The command line as a user runs it: exit statuses, help, and results on stdout only.
#include "store/ProjectStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

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

    // Two people's files of the same texts: the second adds its labels to the samples the first brought, and
    // agreement compares them (here 3 of 4 agree: kappa 0.5 over the 4 samples).
    void annotatorsOfTheSameTextsAgree()
    {
        const QString project = m_dir.filePath(QStringLiteral("team.marginalia"));
        QCOMPARE(run({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat")}).code, 0);
        const auto write = [&](const QString &name, const QByteArray &body) {
            QFile f(m_dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(body);
        };
        write(QStringLiteral("alice.jsonl"), "{\"text\": \"one\", \"label\": \"a\"}\n{\"text\": \"two\", \"label\": \"a\"}\n"
                                             "{\"text\": \"three\", \"label\": \"b\"}\n{\"text\": \"four\", \"label\": \"b\"}\n");
        write(QStringLiteral("bob.jsonl"), "{\"text\": \"one\", \"label\": \"a\"}\n{\"text\": \"two\", \"label\": \"b\"}\n"
                                           "{\"text\": \"three\", \"label\": \"b\"}\n{\"text\": \"four\", \"label\": \"b\"}\n"
                                           "{\"text\": \"five\", \"label\": \"a\"}\n");
        const Run alice = run({QStringLiteral("import"), project, m_dir.filePath(QStringLiteral("alice.jsonl")),
                               QStringLiteral("--annotator"), QStringLiteral("alice"), QStringLiteral("--quiet")});
        QCOMPARE(alice.code, 0);
        const Run bob = run({QStringLiteral("import"), project, m_dir.filePath(QStringLiteral("bob.jsonl")),
                             QStringLiteral("--annotator"), QStringLiteral("bob"), QStringLiteral("--quiet")});
        QCOMPARE(bob.code, 0);
        QVERIFY2(bob.out.contains("imported 1,") && bob.out.contains("labels added to 4 sample(s)"), bob.out.constData());
        // The same file again changes nothing.
        const Run again = run({QStringLiteral("import"), project, m_dir.filePath(QStringLiteral("bob.jsonl")),
                               QStringLiteral("--annotator"), QStringLiteral("bob"), QStringLiteral("--quiet")});
        QVERIFY2(again.out.contains("5 duplicates") && !again.out.contains("labels added"), again.out.constData());

        const Run agreement = run({QStringLiteral("agreement"), project, QStringLiteral("--json")});
        QCOMPARE(agreement.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(agreement.out).object();
        QCOMPARE(o.value(QStringLiteral("items")).toInt(), 4);
        const QJsonObject pair = o.value(QStringLiteral("pairs")).toArray().first().toObject();
        QCOMPARE(pair.value(QStringLiteral("a")).toString(), QStringLiteral("alice"));
        QCOMPARE(pair.value(QStringLiteral("b")).toString(), QStringLiteral("bob"));
        QCOMPARE(pair.value(QStringLiteral("items")).toInt(), 4);
        QVERIFY(std::abs(pair.value(QStringLiteral("cohen_kappa")).toDouble() - 0.5) < 1e-9);
        QVERIFY(o.value(QStringLiteral("fleiss_kappa")).isDouble());
        QVERIFY(o.value(QStringLiteral("krippendorff_alpha")).isDouble());
        QCOMPARE(o.value(QStringLiteral("labels")).toArray().size(), 2);
        const Run text = run({QStringLiteral("agreement"), project});
        QVERIFY2(text.out.contains("Cohen's kappa alice / bob: 0.5000"), text.out.constData());

        // "two" (alice a, bob b) is a tie waiting for a review; the other three agree.
        const Run waiting = run({QStringLiteral("review"), project, QStringLiteral("--json")});
        QCOMPARE(waiting.code, 0);
        const QJsonObject w = QJsonDocument::fromJson(waiting.out).object();
        QCOMPARE(w.value(QStringLiteral("several_annotators")).toInt(), 4);
        QCOMPARE(w.value(QStringLiteral("disagreements")).toInt(), 1);
        QCOMPARE(w.value(QStringLiteral("reviewed")).toInt(), 0);
        const QJsonArray rows = w.value(QStringLiteral("samples")).toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonObject two = rows.first().toObject();
        QCOMPARE(two.value(QStringLiteral("basis")).toString(), QStringLiteral("tie"));
        QCOMPARE(two.value(QStringLiteral("labels")).toArray().first().toString(), QStringLiteral("b")); // bob's, newest
        QCOMPARE(two.value(QStringLiteral("votes")).toArray().size(), 2);
        const QString id = QString::number(two.value(QStringLiteral("id")).toInteger());
        QCOMPARE(run({QStringLiteral("review"), project, QStringLiteral("--sample"), id}).code, 1);
        QCOMPARE(run({QStringLiteral("review"), project, QStringLiteral("--sample"), id, QStringLiteral("--label"),
                      QStringLiteral("nope")})
                     .code,
                 2);
        const Run decided = run({QStringLiteral("review"), project, QStringLiteral("--sample"), id, QStringLiteral("--label"),
                                 QStringLiteral("a"), QStringLiteral("--annotator"), QStringLiteral("carol")});
        QCOMPARE(decided.code, 0);
        const QJsonObject after =
            QJsonDocument::fromJson(run({QStringLiteral("review"), project, QStringLiteral("--json"), QStringLiteral("--all")}).out)
                .object();
        QCOMPARE(after.value(QStringLiteral("reviewed")).toInt(), 1);
        QCOMPARE(after.value(QStringLiteral("samples")).toArray().size(), 4);
        bool seen = false;
        for (const QJsonValue &v : after.value(QStringLiteral("samples")).toArray()) {
            const QJsonObject row = v.toObject();
            if (QString::number(row.value(QStringLiteral("id")).toInteger()) != id)
                continue;
            seen = true;
            QCOMPARE(row.value(QStringLiteral("basis")).toString(), QStringLiteral("reviewed"));
            QCOMPARE(row.value(QStringLiteral("reviewer")).toString(), QStringLiteral("carol"));
            QCOMPARE(row.value(QStringLiteral("labels")).toArray().first().toString(), QStringLiteral("a"));
        }
        QVERIFY(seen);
        // Nothing waits any more, the reviewer is nobody's vote, and the export carries the decision.
        QCOMPARE(QJsonDocument::fromJson(run({QStringLiteral("review"), project, QStringLiteral("--json")}).out)
                     .object()
                     .value(QStringLiteral("samples"))
                     .toArray()
                     .size(),
                 0);
        const QJsonObject agreed =
            QJsonDocument::fromJson(run({QStringLiteral("agreement"), project, QStringLiteral("--json")}).out).object();
        QCOMPARE(agreed.value(QStringLiteral("annotators")).toArray().size(), 2);
        const QString exported = m_dir.filePath(QStringLiteral("team.jsonl"));
        QCOMPARE(run({QStringLiteral("export"), project, exported}).code, 0);
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString exportedLabel;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QJsonObject row = QJsonDocument::fromJson(line).object();
            if (row.value(QStringLiteral("text")).toString() == QLatin1String("two"))
                exportedLabel = row.value(QStringLiteral("label")).toString();
        }
        QCOMPARE(exportedLabel, QStringLiteral("a"));
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

    // config: every setting the CLI may change is listed, set with checking and read back; a fixed or unknown key
    // and a value out of range are refused and change nothing.
    void configRoundTripsEverySetting()
    {
        const QString project = m_dir.filePath(QStringLiteral("config.marginalia"));
        QCOMPARE(run({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat"),
                      QStringLiteral("--labels"), QStringLiteral("a,b")}).code, 0);
        const Run listed = run({QStringLiteral("config"), project, QStringLiteral("--json")});
        QCOMPARE(listed.code, 0);
        const QJsonObject defaults = QJsonDocument::fromJson(listed.out).object();
        QCOMPARE(defaults.value(QStringLiteral("task")).toString(), QStringLiteral("textcat"));
        QCOMPARE(defaults.value(QStringLiteral("model.epochs")).toInt(), 30);
        const QList<QPair<QString, QString>> changes{
            {QStringLiteral("project.name"), QStringLiteral("新闻 news")}, {QStringLiteral("model.strategy"), QStringLiteral("bald")},
            {QStringLiteral("model.batch_size"), QStringLiteral("9")},     {QStringLiteral("model.epochs"), QStringLiteral("12")},
            {QStringLiteral("model.embedding_dim"), QStringLiteral("32")}, {QStringLiteral("model.hidden_dim"), QStringLiteral("16")},
            {QStringLiteral("model.dropout"), QStringLiteral("0.35")},     {QStringLiteral("model.learning_rate"), QStringLiteral("0.002")},
            {QStringLiteral("model.augment"), QStringLiteral("true")},     {QStringLiteral("model.class_weights"), QStringLiteral("false")},
            {QStringLiteral("model.mc_passes"), QStringLiteral("4")},      {QStringLiteral("model.seed"), QStringLiteral("77")},
            {QStringLiteral("model.pretrained_vectors"), QStringLiteral("/tmp/v.vec")},
            {QStringLiteral("model.image_backbone"), QStringLiteral("/tmp/backbone.pt")},
            {QStringLiteral("model.image_finetune"), QStringLiteral("true")},
            {QStringLiteral("model.text_encoder"), QStringLiteral("/tmp/encoder.pt")},
            {QStringLiteral("model.text_encoder_vocab"), QStringLiteral("/tmp/vocab.txt")},
            {QStringLiteral("model.encoder_finetune"), QStringLiteral("true")},
            {QStringLiteral("model.pool_vectors"), QStringLiteral("false")},
            {QStringLiteral("model.pretrain_method"), QStringLiteral("svd")},
            {QStringLiteral("studio.retrain_interval"), QStringLiteral("25")}, {QStringLiteral("import.eval_fraction"), QStringLiteral("0.1")},
            {QStringLiteral("team.overlap"), QStringLiteral("0.15")},     {QStringLiteral("team.overlap_annotators"), QStringLiteral("3")},
            {QStringLiteral("team.lease_minutes"), QStringLiteral("45")}};
        QCOMPARE(changes.size(), defaults.size() - 2); // all but task and created_at
        for (const auto &[key, value] : changes) {
            const Run set = run({QStringLiteral("config"), project, key, value});
            QVERIFY2(set.code == 0, set.err.constData());
            QCOMPARE(QString::fromUtf8(run({QStringLiteral("config"), project, key}).out).trimmed(), value);
        }
        const QJsonObject after = QJsonDocument::fromJson(run({QStringLiteral("config"), project, QStringLiteral("--json")}).out).object();
        QCOMPARE(after.value(QStringLiteral("model.epochs")).toInt(), 12);
        QCOMPARE(after.value(QStringLiteral("model.augment")).toBool(), true);
        QCOMPARE(after.value(QStringLiteral("model.dropout")).toDouble(), 0.35);
        // Refused, and nothing changed.
        const Run tooMany = run({QStringLiteral("config"), project, QStringLiteral("model.epochs"), QStringLiteral("5000")});
        QCOMPARE(tooMany.code, 2);
        QVERIFY(tooMany.err.contains("between 1 and 1000"));
        QCOMPARE(run({QStringLiteral("config"), project, QStringLiteral("task"), QStringLiteral("ner")}).code, 2);
        QCOMPARE(run({QStringLiteral("config"), project, QStringLiteral("model.speed"), QStringLiteral("1")}).code, 1);
        QCOMPARE(run({QStringLiteral("config"), project, QStringLiteral("model.strategy"), QStringLiteral("mnlp")}).code, 2);
        QCOMPARE(run({QStringLiteral("config"), project, QStringLiteral("model.pretrain_method"), QStringLiteral("glove")}).code, 2);
        QCOMPARE(QJsonDocument::fromJson(run({QStringLiteral("config"), project, QStringLiteral("--json")}).out).object(), after);
    }

    // backup: exit 0 and a copy that opens with every label; an existing OUT is a data error (2) and stays
    // as it was unless --force; OUT naming the project itself is refused even with --force.
    void backupCopiesAProject()
    {
        const QString project = m_dir.filePath(QStringLiteral("b.marginalia"));
        QCOMPARE(run({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat"),
                      QStringLiteral("--labels"), QStringLiteral("ham,spam")})
                     .code,
                 0);
        const QString data = m_dir.filePath(QStringLiteral("b.jsonl"));
        {
            QFile f(data);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 30; ++i)
                f.write(i < 20 ? QStringLiteral("{\"text\": \"text %1\", \"label\": \"%2\"}\n")
                                     .arg(i)
                                     .arg(i % 2 ? QStringLiteral("spam") : QStringLiteral("ham"))
                                     .toUtf8()
                               : QStringLiteral("{\"text\": \"text %1\"}\n").arg(i).toUtf8());
        }
        QCOMPARE(run({QStringLiteral("import"), project, data, QStringLiteral("--quiet")}).code, 0);

        const QString copy = m_dir.filePath(QStringLiteral("b-copy.marginalia"));
        const Run backup = run({QStringLiteral("backup"), project, copy});
        QVERIFY2(backup.code == 0, backup.err.constData());
        QVERIFY(backup.err.isEmpty()); // stderr is not a terminal here: no progress
        QVERIFY(backup.out.contains("b-copy.marginalia"));
        {
            auto store = marginalia::ProjectStore::open(copy);
            QVERIFY2(store, qPrintable(store.error()));
            const auto stats = (*store)->stats();
            QVERIFY(stats);
            QCOMPARE(stats->samples, 30);
            QCOMPARE(stats->labeledPool + stats->labeledEval, 20);
        }

        const QString existing = m_dir.filePath(QStringLiteral("b-existing.marginalia"));
        {
            QFile f(existing);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me");
        }
        const Run refused = run({QStringLiteral("backup"), project, existing});
        QCOMPARE(refused.code, 2);
        QVERIFY(refused.err.contains("already exists"));
        {
            QFile f(existing);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("keep me"));
        }
        QCOMPARE(run({QStringLiteral("backup"), project, existing, QStringLiteral("--force")}).code, 0);
        QVERIFY(marginalia::ProjectStore::open(existing));

        QCOMPARE(run({QStringLiteral("backup"), project, project, QStringLiteral("--force")}).code, 2);
        QCOMPARE(run({QStringLiteral("backup"), project}).code, 1);
        const QString missing = m_dir.filePath(QStringLiteral("missing"));
        QCOMPARE(run({QStringLiteral("backup"), missing, copy + QStringLiteral("2")}).code, 2);
        QVERIFY(!QFile::exists(copy + QStringLiteral("2")));
        QVERIFY(run({QStringLiteral("--help")}).out.contains("backup"));
    }

    // backup from another process while this one has the project open and keeps labeling: the copy has what
    // was committed, and this process's WAL is left alone (neither checkpointed away nor deleted).
    void backupWhileTheProjectIsOpenElsewhere()
    {
        using namespace marginalia;
        const QString project = m_dir.filePath(QStringLiteral("open.marginalia"));
        auto store =
            ProjectStore::create(project, TaskType::TextCat, {QStringLiteral("ham"), QStringLiteral("spam")});
        QVERIFY2(store, qPrintable(store.error()));
        QVector<qint64> ids;
        for (int i = 0; i < 20; ++i) {
            const auto id = (*store)->addSample(Sample{0, {}, QStringLiteral("open %1").arg(i), {}, {}, Split::Pool});
            QVERIFY(id && id->has_value());
            ids.push_back(**id);
        }
        AnnotationInput input;
        input.labels = {QStringLiteral("spam")};
        for (int i = 0; i < 10; ++i)
            QVERIFY((*store)->annotate(ids.at(i), input));
        const QString wal = project + QStringLiteral("-wal");
        const QFileInfo walBefore(wal);
        QVERIFY(walBefore.exists() && walBefore.size() > 0);

        const QString copy = m_dir.filePath(QStringLiteral("open-copy.marginalia"));
        const Run backup = run({QStringLiteral("backup"), project, copy});
        QVERIFY2(backup.code == 0, backup.err.constData());
        const QFileInfo walAfter(wal);
        QVERIFY(walAfter.exists());
        QCOMPARE(walAfter.size(), walBefore.size());
        for (int i = 10; i < 15; ++i)
            QVERIFY((*store)->annotate(ids.at(i), input));
        store->reset(); // closes this process's connection
        for (const auto &[file, labeled] : {std::pair{copy, 10}, std::pair{project, 15}}) {
            auto reopened = ProjectStore::open(file);
            QVERIFY2(reopened, qPrintable(reopened.error()));
            QCOMPARE((*reopened)->countSamples(SampleFilter::labeled()).value(), labeled);
        }
    }

    // A long export shows its progress on a terminal, erased before the result is printed, and nothing of it in
    // a pipe. `script` gives the command a terminal.
    void exportShowsProgressOnATerminalOnly()
    {
        const QString project = m_dir.filePath(QStringLiteral("progress.marginalia"));
        QCOMPARE(run({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat"),
                      QStringLiteral("--labels"), QStringLiteral("a,b")})
                     .code,
                 0);
        QFile data(m_dir.filePath(QStringLiteral("progress.jsonl")));
        QVERIFY(data.open(QIODevice::WriteOnly));
        for (int i = 0; i < 3000; ++i)
            data.write(QStringLiteral("{\"text\": \"sample number %1\"}\n").arg(i).toUtf8());
        data.close();
        QCOMPARE(run({QStringLiteral("import"), project, data.fileName(), QStringLiteral("--quiet")}).code, 0);

        const Run piped = run({QStringLiteral("export"), project, m_dir.filePath(QStringLiteral("piped.jsonl")),
                               QStringLiteral("--include-unlabeled")});
        QCOMPARE(piped.code, 0);
        QVERIFY2(!piped.err.contains("exporting"), piped.err.constData());
        QVERIFY(piped.out.startsWith("exported 3000 samples"));

        const QString command = QStringLiteral("'%1' export '%2' '%3' --include-unlabeled")
                                    .arg(QStringLiteral(MARGINALIA_BINARY), project,
                                         m_dir.filePath(QStringLiteral("terminal.jsonl")));
        QProcess terminal;
        terminal.start(QStringLiteral("script"), {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
        QVERIFY(terminal.waitForFinished(120000));
        QCOMPARE(terminal.exitCode(), 0);
        const QByteArray shown = terminal.readAllStandardOutput();
        QVERIFY2(shown.contains("\rexporting: 33%") && shown.contains("\rexporting: 66%"), shown.constData());
        // The line is blanked out and the cursor back at its start before the result.
        const qsizetype result = shown.indexOf("exported 3000 samples");
        QVERIFY2(result > 0, shown.constData());
        QVERIFY2(shown.left(result).endsWith("\r"), shown.constData());
        QVERIFY(shown.left(result).contains("   \r"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
