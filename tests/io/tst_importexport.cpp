// Import writer and exporter through the public API and the CLI: labels, duplicates, strict mode, batches,
// cancellation, the stratified eval split, split files and byte-identical round trips.
#include "io/Exporter.h"
#include "io/Importer.h"
#include "io/SampleHashSet.h"
#include "ProcLocks.h"
#include "store/ProjectStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>
#include <cstring>

using namespace marginalia;

namespace {
// Text with everything a writer can get wrong: quotes, separators, newlines, tabs, Chinese, emoji.
const QStringList kTrickyTexts = {
    QStringLiteral("plain text"),
    QStringLiteral("with \"double\" quotes and a \\ backslash"),
    QStringLiteral("comma, separated; fields"),
    QStringLiteral("two\nlines"),
    QStringLiteral("windows\r\nline end"),
    QStringLiteral("tab\tinside"),
    QStringLiteral("中文文本，包含标点。"),
    QStringLiteral("emoji 😀👍🏽 mixed 混合"),
    QStringLiteral("  leading and trailing spaces  "),
    QStringLiteral("\"starts with a quote"),
    QStringLiteral("control \x01 char"),
};

QByteArray jsonString(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + QString(c);
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c; // surrogate pairs stay together in the QString
    }
    return (out + QLatin1Char('"')).toUtf8();
}
} // namespace

class TestImportExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    QString path(const QString &name) { return m_dir.filePath(name); }
    QString newPath(const QString &suffix) { return path(QStringLiteral("f%1%2").arg(++m_counter).arg(suffix)); }

    QString writeFile(const QByteArray &bytes, const QString &suffix)
    {
        const QString p = newPath(suffix);
        QFile f(p);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return {};
        return p;
    }

    std::unique_ptr<ProjectStore> newProject(TaskType task, const QStringList &labels = {})
    {
        auto store = ProjectStore::create(newPath(QStringLiteral(".marginalia")), task, labels);
        return store ? std::move(*store) : nullptr;
    }

    static QByteArray readFile(const QString &p)
    {
        QFile f(p);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

    // Every row of the tables an import touches, in a fixed order.
    static QString dump(ProjectStore &store)
    {
        QString out;
        QSqlQuery q(store.database());
        for (const char *sql : {"SELECT id, external_id, text, tokens, meta, hex(content_hash), split FROM samples"
                                " ORDER BY id",
                                "SELECT id, sample_id, cleared, annotator, source FROM annotations ORDER BY id",
                                "SELECT annotation_id, label_id FROM annotation_labels ORDER BY 1, 2",
                                "SELECT id, name, color, shortcut, position FROM labels ORDER BY id"}) {
            q.exec(QString::fromLatin1(sql));
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i)
                    out += q.value(i).toString() + QLatin1Char('|');
                out += QLatin1Char('\n');
            }
        }
        return out;
    }

    static qint64 scalar(ProjectStore &store, const QString &sql)
    {
        QSqlQuery q(store.database());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run cli(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(MARGINALIA_BINARY), args);
        p.waitForFinished(120000);
        return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void importsLabelsDuplicatesAndNewLabels()
    {
        auto store = newProject(TaskType::TextCat, {QStringLiteral("pos")});
        QVERIFY(store);
        const QString file = writeFile("{\"text\": \"a\", \"label\": \"pos\", \"id\": \"s1\", \"meta\": {\"k\": 1}}\n"
                                       "{\"text\": \"b\", \"label\": \"负面\"}\n"
                                       "{\"text\": \"a\", \"label\": \"neg\"}\n"
                                       "{\"text\": \"c\"}\n"
                                       "{\"text\": \"b\"}\n",
                                       QStringLiteral(".jsonl"));
        ImportOptions options;
        options.annotator = QStringLiteral("importer");
        const auto summary = importFile(*store, file, options);
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 3);
        QCOMPARE(summary->labeled, 2);
        QCOMPARE(summary->duplicates, 2);
        QCOMPARE(summary->skippedBad, 0);
        QCOMPARE(summary->addedLabels, QStringList{QStringLiteral("负面")});

        const auto samples = store->annotatedSamples();
        QVERIFY(samples);
        QCOMPARE(samples->size(), 3);
        QCOMPARE(samples->at(0).sample.externalId, QStringLiteral("s1"));
        QCOMPARE(samples->at(0).sample.metaJson, QStringLiteral("{\"k\":1}"));
        QVERIFY(samples->at(0).isLabeled());
        QCOMPARE(samples->at(0).annotation->labels, QStringList{QStringLiteral("pos")});
        QCOMPARE(samples->at(0).annotation->source, AnnotationSource::Imported);
        QCOMPARE(samples->at(0).annotation->annotator, QStringLiteral("importer"));
        QCOMPARE(samples->at(1).annotation->labels, QStringList{QStringLiteral("负面")});
        QVERIFY(!samples->at(2).isLabeled());
        // The bulk path's hash is the store's hash: adding the same text through the store is a duplicate.
        Sample again;
        again.text = QStringLiteral("b");
        const auto added = store->addSample(again);
        QVERIFY(added);
        QVERIFY(!added->has_value());
    }

    // The bulk path (rows held back and written many per statement, duplicates found by the reading thread)
    // must leave exactly what the batched path leaves: same ids, rows, labels, duplicates and eval picks.
    void bulkAndBatchedImportsLeaveTheSameProject()
    {
        QByteArray lines;
        for (int i = 0; i < 700; ++i) {
            // Every 7th row repeats an earlier one (some far back, some in the same batch); every 5th has
            // many labels (more than one statement's worth for the label table); some are bad.
            const int text = i % 7 == 6 ? i / 3 : i;
            lines += "{\"text\": \"row " + QByteArray::number(text) + " 文本\", \"id\": \"e" + QByteArray::number(i) + "\"";
            if (i % 5 == 0) {
                lines += ", \"labels\": [";
                for (int l = 0; l < 40; ++l)
                    lines += (l ? ", \"l" : "\"l") + QByteArray::number((i + l) % 45) + "\"";
                lines += "]";
            } else if (i % 3 == 0) {
                lines += ", \"labels\": [\"l" + QByteArray::number(i % 4) + "\"]";
            }
            lines += i % 97 == 50 ? "\n{\"text\": 5}\n" : "}\n";
        }
        const QString file = writeFile(lines, QStringLiteral(".jsonl"));
        QString dumps[2];
        ImportSummary summaries[2];
        for (int bulk = 0; bulk < 2; ++bulk) {
            auto store = newProject(TaskType::MultiLabel, {QStringLiteral("l1")});
            // Samples already there, one of which the file repeats.
            for (const char *text : {"row 3 文本", "before"}) {
                Sample sample;
                sample.text = QString::fromUtf8(text);
                QVERIFY(store->addSample(sample));
            }
            ImportOptions options;
            options.evalFraction = 0.2;
            options.bulkMinRows = bulk ? 1 : 0;
            options.batchRows = 64;
            const auto summary = importFile(*store, file, options);
            QVERIFY2(summary, qPrintable(summary.error()));
            QCOMPARE(summary->bulk, bool(bulk));
            summaries[bulk] = *summary;
            dumps[bulk] = dump(*store);
            QSqlQuery check(store->database());
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
        }
        QCOMPARE(summaries[1].imported, summaries[0].imported);
        QCOMPARE(summaries[1].duplicates, summaries[0].duplicates);
        QCOMPARE(summaries[1].skippedBad, summaries[0].skippedBad);
        QCOMPARE(summaries[1].labeled, summaries[0].labeled);
        QCOMPARE(summaries[1].evalSamples, summaries[0].evalSamples);
        QVERIFY(summaries[0].duplicates > 50);
        QVERIFY(summaries[0].skippedBad > 5);
        QCOMPARE(dumps[1], dumps[0]);
    }

    // Two different digests with the same first four bytes (the table's fingerprint) are both kept; only an
    // equal digest is a duplicate, also after the table grew.
    void bulkHashSetComparesWholeDigests()
    {
        SampleHashSet set(4);
        QByteArray a(SampleHashSet::kHashSize, 'a');
        QByteArray b = a;
        b[31] = 'b';
        QVERIFY(set.insert(a));
        QVERIFY(set.insert(b));
        QVERIFY(!set.insert(a));
        QVERIFY(!set.insert(b));
        for (int i = 0; i < 5000; ++i) {
            QByteArray h = a;
            std::memcpy(h.data() + 8, &i, sizeof i);
            QVERIFY(set.insert(h));
        }
        QVERIFY(!set.insert(b));
        QCOMPARE(set.size(), qint64(5002));
        QVERIFY(set.insert(QByteArray("short"))); // not a digest: never a duplicate, not kept
        QCOMPARE(set.size(), qint64(5002));
    }

    void badLinesAreSkippedWithReasons_data()
    {
        QTest::addColumn<QByteArray>("badLine");
        QTest::addColumn<QString>("reason");
        QTest::addRow("invalid json") << QByteArray("{\"text\": oops}") << "invalid JSON";
        QTest::addRow("missing text field") << QByteArray("{\"label\": \"pos\"}") << "no \"text\" field";
        QTest::addRow("wrong type") << QByteArray("{\"text\": [\"a\"]}") << "not a string";
        QTest::addRow("empty text") << QByteArray("{\"text\": \"\"}") << "empty";
        QTest::addRow("blank text") << QByteArray("{\"text\": \" \\t \"}") << "empty";
        QTest::addRow("invalid utf8") << QByteArray("{\"text\": \"\xc0\xaf\"}") << "invalid UTF-8";
        QTest::addRow("several labels") << QByteArray("{\"text\": \"x\", \"labels\": [\"pos\", \"neg\"]}")
                                        << "single-label";
    }

    void badLinesAreSkippedWithReasons()
    {
        QFETCH(QByteArray, badLine);
        QFETCH(QString, reason);
        auto store = newProject(TaskType::TextCat, {QStringLiteral("pos"), QStringLiteral("neg")});
        const QString file = writeFile("{\"text\": \"good one\"}\n" + badLine + "\n{\"text\": \"good two\"}\n",
                                       QStringLiteral(".jsonl"));
        const auto summary = importFile(*store, file, ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 2);
        QCOMPARE(summary->skippedBad, 1);
        QCOMPARE(summary->problems.size(), 1);
        QCOMPARE(summary->problems[0].line, 2);
        QVERIFY2(summary->problems[0].reason.contains(reason), qPrintable(summary->problems[0].reason));

        // Strict: the same file fails, naming the line, and leaves the project exactly as it was.
        auto strictStore = newProject(TaskType::TextCat, {QStringLiteral("pos")});
        const QString before = dump(*strictStore);
        ImportOptions strict;
        strict.strict = true;
        const auto failed = importFile(*strictStore, file, strict);
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QStringLiteral("Line 2")), qPrintable(failed.error()));
        QCOMPARE(dump(*strictStore), before);
    }

    void strictModeRollsBackAddedLabelsAndEarlierBatches()
    {
        auto store = newProject(TaskType::TextCat, {QStringLiteral("keep")});
        const QString goodFirst =
            writeFile("{\"text\": \"existing\", \"label\": \"keep\"}\n", QStringLiteral(".jsonl"));
        QVERIFY(importFile(*store, goodFirst, ImportOptions{}));
        const QString before = dump(*store);
        const qint64 samplesBefore = scalar(*store, QStringLiteral("SELECT count(*) FROM samples"));
        QByteArray bytes;
        for (int i = 0; i < 500; ++i)
            bytes += "{\"text\": \"row " + QByteArray::number(i) + "\", \"label\": \"new" + QByteArray::number(i % 3)
                     + "\"}\n";
        bytes += "{\"text\": 42}\n";
        ImportOptions strict;
        strict.strict = true;
        strict.batchRows = 10; // ignored in strict mode: one transaction
        QVERIFY(!importFile(*store, writeFile(bytes, QStringLiteral(".jsonl")), strict));
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM samples")), samplesBefore);
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM labels")), 1);
        QCOMPARE(dump(*store), before);
    }

    void multiLabelAndNer()
    {
        auto multi = newProject(TaskType::MultiLabel);
        const QString jsonl = writeFile("{\"text\": \"a\", \"labels\": [\"x\", \"y\"]}\n"
                                        "{\"text\": \"b\", \"label\": \"y\"}\n"
                                        "{\"text\": \"c\", \"labels\": []}\n",
                                        QStringLiteral(".jsonl"));
        auto s = importFile(*multi, jsonl, ImportOptions{});
        QVERIFY2(s, qPrintable(s.error()));
        QCOMPARE(s->labeled, 3);
        const QString csv = writeFile("text,labels\nd,x|z\ne,\n", QStringLiteral(".csv"));
        s = importFile(*multi, csv, ImportOptions{});
        QVERIFY2(s, qPrintable(s.error()));
        QCOMPARE(s->imported, 2);
        const auto samples = multi->annotatedSamples();
        QCOMPARE(samples->at(0).annotation->labels, (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
        QCOMPARE(samples->at(1).annotation->labels, QStringList{QStringLiteral("y")});
        QVERIFY(samples->at(2).isLabeled());
        QVERIFY(samples->at(2).annotation->labels.isEmpty());
        QCOMPARE(samples->at(3).annotation->labels, (QStringList{QStringLiteral("x"), QStringLiteral("z")}));
        QVERIFY(!samples->at(4).annotation);

        auto ner = newProject(TaskType::Ner, {QStringLiteral("LOC")});
        const QString tokens = writeFile("{\"tokens\": [\"I\", \"love\", \"北京\"], \"tags\": [\"O\", \"O\", \"B-LOC\"]}"
                                         "\n"
                                         "{\"text\": \"plain text sample\"}\n"
                                         "{\"tokens\": []}\n",
                                         QStringLiteral(".jsonl"));
        s = importFile(*ner, tokens, ImportOptions{});
        QVERIFY2(s, qPrintable(s.error()));
        QCOMPARE(s->imported, 2);
        QCOMPARE(s->skippedBad, 1);
        const auto first = ner->sample(1);
        QVERIFY(first);
        QCOMPARE(first->text, QStringLiteral("I love 北京"));
        QCOMPARE(first->tokens, (QStringList{QStringLiteral("I"), QStringLiteral("love"), QStringLiteral("北京")}));
        Sample same;
        same.tokens = first->tokens;
        same.text = first->text;
        QVERIFY(!ner->addSample(same)->has_value()); // hashed like the store hashes token samples
    }

    void batchesCommitAndCancelLeavesPrefix()
    {
        auto store = newProject(TaskType::TextCat);
        QByteArray bytes;
        for (int i = 0; i < 20000; ++i)
            bytes += "line number " + QByteArray::number(i) + "\n";
        const QString file = writeFile(bytes, QStringLiteral(".txt"));
        std::atomic_bool cancel{false};
        qint64 lastBytes = 0;
        ImportOptions options;
        options.batchRows = 1000;
        options.bulkMinRows = 0; // the batched path
        const auto summary = importFile(*store, file, options, &cancel, [&](qint64 read, qint64 total, qint64 rows) {
            QVERIFY(read <= total);
            QVERIFY(read >= lastBytes);
            lastBytes = read;
            if (rows >= 8000)
                cancel = true;
        });
        QVERIFY2(summary, qPrintable(summary.error()));
        QVERIFY(!summary->bulk);
        QVERIFY(summary->cancelled);
        QVERIFY(summary->imported >= 8000 && summary->imported < 20000);
        QCOMPARE(*store->countSamples(), summary->imported);

        // Cancelling a strict import keeps nothing.
        auto strictStore = newProject(TaskType::TextCat);
        std::atomic_bool cancelStrict{false};
        ImportOptions strict;
        strict.strict = true;
        const auto none = importFile(*strictStore, file, strict, &cancelStrict, [&](qint64, qint64, qint64 rows) {
            if (rows >= 4000)
                cancelStrict = true;
        });
        QVERIFY(none);
        QVERIFY(none->cancelled);
        QCOMPARE(none->imported, 0);
        QCOMPARE(*strictStore->countSamples(), 0);

        // Without cancelling, progress ends at the file's size.
        auto full = newProject(TaskType::TextCat);
        qint64 finalBytes = 0, finalRows = 0;
        const auto all = importFile(*full, file, options, nullptr, [&](qint64 read, qint64, qint64 rows) {
            finalBytes = read;
            finalRows = rows;
        });
        QVERIFY(all);
        QCOMPARE(all->imported, 20000);
        QCOMPARE(finalBytes, qint64(bytes.size()));
        QCOMPARE(finalRows, 20000);
    }

    static QString journalMode(ProjectStore &store)
    {
        QSqlQuery q(store.database());
        return q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next() ? q.value(0).toString() : QString();
    }

    static qint64 hashIndexes(ProjectStore &store)
    {
        return scalar(store, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                            " AND name = 'samples_content_hash' AND sql LIKE 'CREATE UNIQUE INDEX%'"));
    }

    // The bulk path, forced here on small files: duplicates against the project and within the file are
    // skipped and counted, hashes match the batched path, and the unique index is back afterwards.
    void bulkImportDeduplicatesAndRebuildsTheIndex()
    {
        QByteArray bytes;
        for (int i = 0; i < 3000; ++i)
            bytes += "{\"text\": \"row " + QByteArray::number(i % 2000) + " 中文\", \"label\": \"pos\"}\n";
        bytes += "{\"text\": \"existing two\"}\n{\"text\": \"\"}\n";
        const QString file = writeFile(bytes, QStringLiteral(".jsonl"));
        const QString existing = writeFile("existing one\nexisting two\n", QStringLiteral(".txt"));

        ImportOptions bulk;
        bulk.bulkMinRows = 1;
        ImportOptions batched;
        batched.bulkMinRows = 0;
        batched.batchRows = 100;
        std::unique_ptr<ProjectStore> stores[2];
        for (int path = 0; path < 2; ++path) {
            stores[path] = newProject(TaskType::TextCat);
            ProjectStore &store = *stores[path];
            const auto first = importFile(store, existing, ImportOptions{});
            QVERIFY(first);
            QVERIFY(!first->bulk); // two rows: below the default threshold
            const auto summary = importFile(store, file, path == 0 ? bulk : batched);
            QVERIFY2(summary, qPrintable(summary.error()));
            QCOMPARE(summary->bulk, path == 0);
            QCOMPARE(summary->imported, 2000);
            QCOMPARE(summary->duplicates, 1001);
            QCOMPARE(summary->skippedBad, 1);
            QCOMPARE(summary->labeled, 2000);
            QCOMPARE(*store.countSamples(), 2002);
            QCOMPARE(hashIndexes(store), 1);
            QCOMPARE(journalMode(store), QStringLiteral("wal")); // the bulk path's rollback journal is undone
            QCOMPARE(scalar(store, QStringLiteral("SELECT count(DISTINCT content_hash) FROM samples")), 2002);
            QCOMPARE(scalar(store, QStringLiteral("SELECT max(id) FROM samples")), 2002);
            // The store's own insert still finds its conflict target.
            Sample again;
            again.text = QStringLiteral("row 5 中文");
            const auto added = store.addSample(again);
            QVERIFY2(added, qPrintable(added.error()));
            QVERIFY(!added->has_value());
        }
        QCOMPARE(dump(*stores[0]), dump(*stores[1]));

        // A strict bulk import that fails leaves the project as it was, index included.
        ProjectStore &store = *stores[0];
        const QString before = dump(store);
        QByteArray more;
        for (int i = 0; i < 3000; ++i)
            more += "{\"text\": \"more " + QByteArray::number(i) + "\"}\n";
        const QString good = writeFile(more, QStringLiteral(".jsonl"));
        const QString bad = writeFile(more + "{\"text\": 42}\n", QStringLiteral(".jsonl"));
        ImportOptions strict = bulk;
        strict.strict = true;
        const auto failed = importFile(store, bad, strict);
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QStringLiteral("Line 3001")), qPrintable(failed.error()));
        QCOMPARE(dump(store), before);
        QCOMPARE(hashIndexes(store), 1);
        QCOMPARE(journalMode(store), QStringLiteral("wal"));
        // The same project and a file of the same size do take the bulk path.
        const auto passed = importFile(store, good, strict);
        QVERIFY2(passed, qPrintable(passed.error()));
        QVERIFY(passed->bulk);
        QCOMPARE(passed->imported, 3000);
        QCOMPARE(hashIndexes(store), 1);
    }

    void cancelledBulkImportKeepsWhatItReadWithTheIndex()
    {
        auto store = newProject(TaskType::TextCat);
        QByteArray bytes;
        for (int i = 0; i < 20000; ++i)
            bytes += "line number " + QByteArray::number(i) + "\n";
        const QString file = writeFile(bytes, QStringLiteral(".txt"));
        std::atomic_bool cancel{false};
        ImportOptions options; // 20,000 rows into an empty project: the default threshold picks the bulk path
        const auto summary = importFile(*store, file, options, &cancel, [&](qint64, qint64, qint64 rows) {
            if (rows >= 8000)
                cancel = true;
        });
        QVERIFY2(summary, qPrintable(summary.error()));
        QVERIFY(summary->bulk);
        QVERIFY(summary->cancelled);
        QVERIFY(summary->imported >= 8000 && summary->imported < 20000);
        QCOMPARE(*store->countSamples(), summary->imported);
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM samples"
                                               " WHERE text = 'line number ' || (id - 1)")),
                 summary->imported);
        QCOMPARE(hashIndexes(*store), 1);
        QCOMPARE(journalMode(*store), QStringLiteral("wal"));
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM pragma_integrity_check"
                                               " WHERE integrity_check = 'ok'")),
                 1);
    }

    void evalSplitIsSeededAndStratified()
    {
        // Unequal classes in an interleaved order; 20% held out should hold out 20% of each.
        QByteArray bytes;
        const int sizes[] = {600, 300, 100};
        const char *names[] = {"big", "mid", "small"};
        int emitted[] = {0, 0, 0};
        for (int i = 0; emitted[0] + emitted[1] + emitted[2] < 1000; ++i) {
            const int c = (i * 7) % 10 < 6 ? 0 : ((i * 7) % 10 < 9 ? 1 : 2);
            const int k = emitted[c] < sizes[c] ? c : (emitted[0] < sizes[0] ? 0 : (emitted[1] < sizes[1] ? 1 : 2));
            bytes += "{\"text\": \"sample " + QByteArray::number(i) + "\", \"label\": \"" + names[k] + "\"}\n";
            ++emitted[k];
        }
        for (int i = 0; i < 200; ++i)
            bytes += "{\"text\": \"unlabeled " + QByteArray::number(i) + "\"}\n";
        const QString file = writeFile(bytes, QStringLiteral(".jsonl"));

        const auto evalTexts = [&](std::uint64_t seed, ProjectStats *stats) {
            auto store = newProject(TaskType::TextCat);
            ImportOptions options;
            options.evalFraction = 0.2;
            options.seed = seed;
            const auto s = importFile(*store, file, options);
            QStringList texts;
            if (!s)
                return texts;
            SampleFilter evalOnly;
            evalOnly.split = Split::Eval;
            const auto held = store->annotatedSamples(evalOnly);
            for (const AnnotatedSample &a : *held)
                texts << a.sample.text;
            if (stats)
                *stats = *store->stats();
            return texts;
        };
        ProjectStats stats;
        const QStringList first = evalTexts(7, &stats);
        QCOMPARE(evalTexts(7, nullptr), first);
        QVERIFY(evalTexts(8, nullptr) != first);
        QCOMPARE(stats.evalSamples, qint64(first.size()));
        QVERIFY(qAbs(stats.evalSamples - 240) <= 4);
        for (const LabelCount &c : stats.perLabel) {
            const double share = double(c.eval) / double(c.eval + c.pool);
            QVERIFY2(qAbs(double(c.eval) - 0.2 * double(c.eval + c.pool)) <= 1.0,
                     qPrintable(QStringLiteral("%1: %2 of %3").arg(c.label).arg(c.eval).arg(c.eval + c.pool)));
            QVERIFY(share > 0.15 && share < 0.25);
        }
        QVERIFY(qAbs(stats.labeledEval - 200) <= 3);
    }

    void exportsSplitFilesAtomically()
    {
        auto store = newProject(TaskType::TextCat);
        QByteArray bytes;
        for (int i = 0; i < 400; ++i) {
            const QByteArray label = i % 4 ? ", \"label\": \"L" + QByteArray::number(i % 2) + "\"" : QByteArray();
            bytes += "{\"text\": \"t" + QByteArray::number(i) + "\"" + label + "}\n";
        }
        ImportOptions options;
        options.evalFraction = 0.25;
        QVERIFY(importFile(*store, writeFile(bytes, QStringLiteral(".jsonl")), options));
        const ProjectStats stats = *store->stats();

        const QString folder = path(QStringLiteral("split"));
        ExportOptions out;
        out.splitFiles = true;
        out.devFraction = 0.2;
        const auto summary = exportProject(*store, folder, out);
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->files.size(), 3);
        const auto lines = [](const QString &p) { return readFile(p).count('\n'); };
        const qint64 train = lines(folder + QStringLiteral("/train.jsonl"));
        const qint64 dev = lines(folder + QStringLiteral("/dev.jsonl"));
        const qint64 test = lines(folder + QStringLiteral("/test.jsonl"));
        QCOMPARE(test, stats.labeledEval);
        QCOMPARE(train + dev, stats.labeledPool);
        QVERIFY(dev > stats.labeledPool / 10 && dev < stats.labeledPool * 3 / 10);
        QVERIFY(!readFile(folder + QStringLiteral("/train.jsonl")).contains("\"text\":\"t0\"")); // unlabeled left out
        QCOMPARE(summary->written, stats.labeledPool + stats.labeledEval);
        // Seeded: the same export twice is the same; no temporary files are left behind.
        const QByteArray devBytes = readFile(folder + QStringLiteral("/dev.jsonl"));
        QVERIFY(exportProject(*store, folder, out));
        QCOMPARE(readFile(folder + QStringLiteral("/dev.jsonl")), devBytes);
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 3);

        out.includeUnlabeled = true;
        out.format = QStringLiteral("csv");
        const auto csv = exportProject(*store, folder, out);
        QVERIFY(csv);
        QCOMPARE(csv->written, stats.samples);
        QVERIFY(readFile(folder + QStringLiteral("/train.csv")).startsWith("id,text,label\n"));

        // A cancelled export leaves the previous file untouched.
        const QString single = path(QStringLiteral("single.jsonl"));
        QVERIFY(exportProject(*store, single, ExportOptions{}));
        const QByteArray previous = readFile(single);
        std::atomic_bool cancel{true};
        QVERIFY(!exportProject(*store, single, ExportOptions{}, &cancel));
        QCOMPARE(readFile(single), previous);
    }

    // The open project named as a file to import or preview is refused before anything opens it: closing that
    // descriptor would drop the locks SQLite holds on the project (see ProjectStore.h).
    void importOfAnOpenProjectIsRefusedAndItKeepsItsLocks()
    {
        auto store = newProject(TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY(store->addSample(Sample{0, {}, QStringLiteral("one"), {}, {}, Split::Pool}));
        const QStringList locks = testlocks::posixLocksOn(store->path());
        QVERIFY(!locks.isEmpty());
        for (const QString &input : {store->path(), store->path() + QStringLiteral("-wal")}) {
            const auto imported = importFile(*store, input, ImportOptions{});
            QVERIFY(!imported);
            QVERIFY2(imported.error().contains(QLatin1String("is open here")), qPrintable(imported.error()));
            const auto preview = previewFile(input, ImportOptions{}, 5);
            QVERIFY(!preview);
            QVERIFY2(preview.error().contains(QLatin1String("is open here")), qPrintable(preview.error()));
        }
        QCOMPARE(testlocks::posixLocksOn(store->path()), locks);
        QCOMPARE(*store->countSamples(), 1);
    }

    // An export over the open project (or its WAL), by its name, a link or a hard link, is refused: the rename
    // would replace the project under the connection, and every label saved after it would be lost.
    void exportOverTheProjectIsRefused()
    {
        auto store = newProject(TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")});
        const auto id = store->addSample(Sample{0, {}, QStringLiteral("one"), {}, {}, Split::Pool});
        QVERIFY(id && *id);
        QVERIFY(store->annotate(**id, AnnotationInput{{QStringLiteral("a")}, {}, false, {}, AnnotationSource::Human}));
        const QString project = store->path();
        const QString link = path(QStringLiteral("link.jsonl"));
        const QString hard = path(QStringLiteral("hard.jsonl"));
        QVERIFY(QFile::link(project, link));
        QVERIFY(::link(QFile::encodeName(project).constData(), QFile::encodeName(hard).constData()) == 0);
        const QString relative = QDir::current().relativeFilePath(project);
        for (const QString &target : {project, project + QStringLiteral("-wal"), link, hard, relative}) {
            const auto refused = exportProject(*store, target, ExportOptions{});
            QVERIFY2(!refused, qPrintable(target));
            QVERIFY2(refused.error().contains(QLatin1String("project itself")), qPrintable(refused.error()));
        }
        QVERIFY(QFileInfo(project).isFile());
        QVERIFY(store->annotate(**id, AnnotationInput{{QStringLiteral("b")}, {}, false, {}, AnnotationSource::Human}));
        QCOMPARE(store->currentAnnotation(**id)->value().labels, QStringList{QStringLiteral("b")});
    }

    // Export file names never come from the project: a label or an id shaped like a path ends up inside the
    // rows, and --split-files writes train, dev and test into the chosen folder and nowhere else.
    void splitFilesStayInTheChosenFolder()
    {
        const QString box = path(QStringLiteral("box"));
        QVERIFY(QDir().mkpath(box));
        const QStringList names{QStringLiteral("../escape"), QStringLiteral("../../escape-2"), QStringLiteral(".."),
                                QStringLiteral("train/../../up"), QStringLiteral("/tmp/marginalia-escape"),
                                QStringLiteral("dev\\..\\x")};
        QByteArray bytes;
        for (int i = 0; i < 120; ++i)
            bytes += "{\"id\": \"../id-" + QByteArray::number(i) + "\", \"text\": \"t" + QByteArray::number(i)
                     + "\", \"label\": \"" + names[i % names.size()].toUtf8().replace('\\', "\\\\") + "\"}\n";
        const QString projectPath = box + QStringLiteral("/p.marginalia");
        {
            auto store = ProjectStore::create(projectPath, TaskType::TextCat, {});
            QVERIFY(store);
            ImportOptions options;
            options.evalFraction = 0.25;
            const auto imported = importFile(**store, writeFile(bytes, QStringLiteral(".jsonl")), options);
            QVERIFY2(imported, qPrintable(imported.error()));
            QCOMPARE((*store)->labels()->size(), names.size());
        }
        const auto files = [](const QString &root) {
            QStringList out;
            QDirIterator it(root, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                out << QDir(root).relativeFilePath(it.next());
            out.sort();
            return out;
        };
        const QStringList aroundBefore = files(m_dir.path());
        const bool tmpHadIt = QFileInfo::exists(QStringLiteral("/tmp/marginalia-escape"));
        const QString out = box + QStringLiteral("/out");
        for (const char *format : {"jsonl", "csv"}) {
            const Run run = cli({QStringLiteral("export"), projectPath, out, QStringLiteral("--split-files"),
                                 QStringLiteral("--format"), QLatin1String(format)});
            QVERIFY2(run.code == 0, run.err.constData());
        }
        QStringList added = files(m_dir.path());
        for (const QString &f : aroundBefore)
            added.removeOne(f);
        added.removeIf([](const QString &f) { return f.startsWith(QLatin1String("box/p.marginalia")); }); // -wal, -shm
        QCOMPARE(added, (QStringList{QStringLiteral("box/out"), QStringLiteral("box/out/dev.csv"),
                                     QStringLiteral("box/out/dev.jsonl"), QStringLiteral("box/out/test.csv"),
                                     QStringLiteral("box/out/test.jsonl"), QStringLiteral("box/out/train.csv"),
                                     QStringLiteral("box/out/train.jsonl")}));
        QCOMPARE(QFileInfo::exists(QStringLiteral("/tmp/marginalia-escape")), tmpHadIt);
        // The names are kept as data, unchanged.
        const QByteArray rows = readFile(out + QStringLiteral("/train.jsonl")) + readFile(out + QStringLiteral("/dev.jsonl"))
                                + readFile(out + QStringLiteral("/test.jsonl"));
        for (const QString &name : names)
            QVERIFY2(rows.contains("\"" + name.toUtf8().replace('\\', "\\\\") + "\""), qPrintable(name));
        QVERIFY(rows.contains("\"../id-7\""));
    }

    void roundTripIsByteIdentical_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("task");
        QTest::addRow("jsonl textcat") << "jsonl" << int(TaskType::TextCat);
        QTest::addRow("csv textcat") << "csv" << int(TaskType::TextCat);
        QTest::addRow("jsonl multilabel") << "jsonl" << int(TaskType::MultiLabel);
        QTest::addRow("csv multilabel") << "csv" << int(TaskType::MultiLabel);
    }

    void roundTripIsByteIdentical()
    {
        QFETCH(QString, format);
        QFETCH(int, task);
        const auto taskType = TaskType(task);
        QByteArray source;
        for (int i = 0; i < kTrickyTexts.size(); ++i) {
            source += "{\"id\": " + (i % 2 ? QByteArray::number(i) : "\"id-" + QByteArray::number(i) + "\"");
            source += ", \"text\": " + jsonString(kTrickyTexts[i]);
            if (taskType == TaskType::MultiLabel)
                source += i % 3 ? ", \"labels\": [\"好\", \"with \\\"quote\\\"\"]" : ", \"labels\": [\"a,b\"]";
            else if (i % 4)
                source += ", \"label\": " + jsonString(i % 2 ? QStringLiteral("正面") : QStringLiteral("tab\there"));
            source += ", \"meta\": {\"n\": " + QByteArray::number(i) + ", \"s\": \"é\\n\"}}\n";
        }
        ExportOptions out;
        out.format = format;
        out.withMeta = true;
        out.includeUnlabeled = true;
        const QString suffix = QLatin1Char('.') + format;

        auto first = newProject(taskType);
        QVERIFY(importFile(*first, writeFile(source, QStringLiteral(".jsonl")), ImportOptions{}));
        const QString export1 = newPath(suffix);
        QVERIFY(exportProject(*first, export1, out));
        auto second = newProject(taskType);
        const auto reimported = importFile(*second, export1, ImportOptions{});
        QVERIFY2(reimported, qPrintable(reimported.error()));
        QCOMPARE(reimported->imported, qint64(kTrickyTexts.size()));
        QCOMPARE(reimported->skippedBad, 0);
        const QString export2 = newPath(suffix);
        QVERIFY(exportProject(*second, export2, out));
        QCOMPARE(readFile(export2), readFile(export1));
        // The texts themselves survived, not just a stable mangling of them.
        const auto samples = second->annotatedSamples();
        for (int i = 0; i < kTrickyTexts.size(); ++i)
            QCOMPARE(samples->at(i).sample.text, kTrickyTexts[i]);
    }

    void goldenFixture()
    {
        // A hand-written CSV (BOM, CRLF, quoted newlines, a duplicate, a blank text) and its expected export.
        auto store = newProject(TaskType::TextCat, {QStringLiteral("positive"), QStringLiteral("negative")});
        const auto summary = importFile(*store, QStringLiteral(MARGINALIA_TEST_DATA "/mixed.csv"), ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 4);
        QCOMPARE(summary->duplicates, 1);
        QCOMPARE(summary->skippedBad, 1);
        QCOMPARE(summary->problems.value(0).line, 7);
        QCOMPARE(summary->addedLabels, QStringList{QStringLiteral("neutral")});
        ExportOptions out;
        out.withMeta = true;
        out.includeUnlabeled = true;
        const QString exported = newPath(QStringLiteral(".jsonl"));
        QVERIFY(exportProject(*store, exported, out));
        QCOMPARE(readFile(exported), readFile(QStringLiteral(MARGINALIA_TEST_DATA "/mixed.expected.jsonl")));
    }

    void previewShowsFields()
    {
        const QString csv = writeFile("body,category\nhello,greeting\n\"multi\nline\",other\n", QStringLiteral(".csv"));
        ImportOptions options;
        const auto preview = previewFile(csv, options, 10);
        QVERIFY2(preview, qPrintable(preview.error()));
        QCOMPARE(preview->format, QStringLiteral("csv"));
        QCOMPARE(preview->fields, (QStringList{QStringLiteral("body"), QStringLiteral("category")}));
        QCOMPARE(preview->rows.size(), 2);
        QCOMPARE(preview->rows[1].value(QStringLiteral("body")), QStringLiteral("multi\nline"));
        const QString jsonl = writeFile("{\"a\": 1, \"text\": \"x\"}\n{\"b\": [1]}\n", QStringLiteral(".data"));
        const auto p2 = previewFile(jsonl, options, 10);
        QVERIFY(p2);
        QCOMPARE(p2->format, QStringLiteral("jsonl"));
        QCOMPARE(p2->fields, (QStringList{QStringLiteral("a"), QStringLiteral("text"), QStringLiteral("b")}));
        QCOMPARE(p2->rows[1].value(QStringLiteral("b")), QStringLiteral("[1]"));
    }

    void rejectsUtf16File()
    {
        auto store = newProject(TaskType::TextCat);
        const QString text = QStringLiteral("text\nhello\n");
        QByteArray utf16("\xFF\xFE", 2);
        utf16.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        const auto r = importFile(*store, writeFile(utf16, QStringLiteral(".csv")), ImportOptions{});
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QStringLiteral("UTF-16")) && r.error().contains(QStringLiteral("Line 1")),
                 qPrintable(r.error()));
        QCOMPARE(*store->countSamples(), 0);
    }

    void cliExitStatuses()
    {
        const QString project = newPath(QStringLiteral(".marginalia"));
        QCOMPARE(cli({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat")}).code, 0);
        const QString good = writeFile("{\"text\": \"one\", \"label\": \"a\"}\nbroken\n{\"text\": \"two\"}\n",
                                       QStringLiteral(".jsonl"));
        const QString allBad = writeFile("broken\n{\"text\": 1}\n", QStringLiteral(".jsonl"));

        const Run imported = cli({QStringLiteral("import"), project, good, QStringLiteral("--eval-fraction"),
                                  QStringLiteral("0.5")});
        QCOMPARE(imported.code, 0);
        QCOMPARE(imported.out,
                 QByteArray("imported 2, skipped 1 bad, 0 duplicates (1 labeled, 1 in the evaluation split)\n"));
        QVERIFY(imported.err.contains("line 2: invalid JSON"));
        QVERIFY(imported.err.contains("added 1 new label"));

        // Nothing new and a bad line: nothing imported, so a data error (the summary still says why).
        const Run again = cli({QStringLiteral("import"), project, good});
        QCOMPARE(again.code, 2);
        QVERIFY(again.out.startsWith("imported 0, skipped 1 bad, 2 duplicates"));
        QCOMPARE(cli({QStringLiteral("import"), project, allBad}).code, 2);
        const Run strict = cli({QStringLiteral("import"), project, good, QStringLiteral("--strict")});
        QCOMPARE(strict.code, 2);
        QVERIFY(strict.out.isEmpty());
        QVERIFY(strict.err.contains("Line 2"));

        QCOMPARE(cli({QStringLiteral("import"), project}).code, 1);
        const QString format = QStringLiteral("--format");
        QCOMPARE(cli({QStringLiteral("import"), project, good, format, QStringLiteral("xml")}).code, 1);
        const QString fraction = QStringLiteral("--eval-fraction");
        QCOMPARE(cli({QStringLiteral("import"), project, good, fraction, QStringLiteral("1.5")}).code, 1);
        QCOMPARE(cli({QStringLiteral("import"), newPath(QStringLiteral(".missing")), good}).code, 2);
        QCOMPARE(cli({QStringLiteral("import"), project, newPath(QStringLiteral(".jsonl"))}).code, 2);
        const Run help = cli({QStringLiteral("import"), QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        for (const char *option :
             {"--format", "--text-field", "--label-field", "--id-field", "--eval-fraction", "--strict"})
            QVERIFY2(help.out.contains(option), option);

        const QString out = newPath(QStringLiteral(".jsonl"));
        const Run exported = cli({QStringLiteral("export"), project, out, QStringLiteral("--include-unlabeled")});
        QCOMPARE(exported.code, 0);
        QVERIFY(exported.out.startsWith("exported 2 samples"));
        QCOMPARE(readFile(out), QByteArray("{\"text\":\"one\",\"label\":\"a\"}\n{\"text\":\"two\"}\n"));
        const QString folder = newPath(QString());
        QCOMPARE(cli({QStringLiteral("export"), project, folder, QStringLiteral("--split-files"), format,
                      QStringLiteral("csv")})
                     .code,
                 0);
        QVERIFY(QFile::exists(folder + QStringLiteral("/test.csv")));
        QCOMPARE(cli({QStringLiteral("export"), project}).code, 1);
        QCOMPARE(cli({QStringLiteral("export"), project, out, format, QStringLiteral("xml")}).code, 1);
        QCOMPARE(cli({QStringLiteral("export"), project, folder}).code, 2); // a folder without --split-files
        const Run exportHelp = cli({QStringLiteral("export"), QStringLiteral("--help")});
        for (const char *option : {"--format", "--split-files", "--include-unlabeled", "--with-meta"})
            QVERIFY2(exportHelp.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestImportExport)
#include "tst_importexport.moc"
