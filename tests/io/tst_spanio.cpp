// Span-labeling data in and out of a project: CoNLL and JSONL imports with their spans, strict mode and the
// bulk path, the conll / jsonl / jsonl-tokens exports, byte-identical round trips, TaggedFile and the CLI.
#include "io/Exporter.h"
#include "io/Importer.h"
#include "io/TaggedFile.h"
#include "store/ProjectStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;

namespace {
// Sentences with what a writer can get wrong: Chinese by character, emoji, quotes, a backslash, tabs as
// column separators, IOB-style entity runs, an all-O sentence and -DOCSTART-.
const QByteArray kConll = "-DOCSTART- -X- O O\n"
                          "\n"
                          "John\tNNP\tB-PER\n"
                          "met\tVBD\tO\n"
                          "\"Mary\"\tNNP\tB-PER\n"
                          "Smith\tNNP\tI-PER\n"
                          "in\tIN\tO\n"
                          "New\tNNP\tB-LOC\n"
                          "York\tNNP\tI-LOC\n"
                          "😀\tSYM\tO\n"
                          "\n"
                          "我 B-PER\n"
                          "在 O\n"
                          "北 B-LOC\n"
                          "京 I-LOC\n"
                          "𠀋 B-MISC\n"
                          "\n"
                          "nothing\tO\n"
                          "here\\there\tO\n"
                          "\n";

// Raw texts with code-point spans: emoji before the entities, a supplementary-plane character, a tab, quotes.
struct RawSample
{
    QString text;
    QStringList entities; // "part=LABEL"
};
const QVector<RawSample> kRaw = {
    {QStringLiteral("😀 Ann met 👍🏽 Bob in 東京."), {QStringLiteral("Ann=PER"), QStringLiteral("Bob=PER"), QStringLiteral("東京=LOC")}},
    {QStringLiteral("\"Quoted\"\tand\ttabbed 𠀋 text"), {QStringLiteral("Quoted=MISC"), QStringLiteral("𠀋=X")}},
    {QStringLiteral("No entities at all 🙂"), {}},
};

QByteArray jsonString(const QString &s)
{
    QByteArray out = s.toUtf8();
    out.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\n", "\\n");
    return "\"" + out + "\"";
}

int points(const QString &text, qsizetype at) { return int(text.left(at).toUcs4().size()); }

// The raw samples as JSONL in the spans layout (or doccano's "label" layout), offsets in code points.
QByteArray rawJsonl(bool doccano)
{
    QByteArray out;
    for (const RawSample &sample : kRaw) {
        out += "{\"text\": " + jsonString(sample.text) + (doccano ? ", \"label\": [" : ", \"spans\": [");
        for (int i = 0; i < sample.entities.size(); ++i) {
            const QStringList parts = sample.entities[i].split(QLatin1Char('='));
            const qsizetype at = sample.text.indexOf(parts[0]);
            const QByteArray start = QByteArray::number(points(sample.text, at));
            const QByteArray end = QByteArray::number(points(sample.text, at + parts[0].size()));
            out += i ? ", " : "";
            out += doccano ? "[" + start + ", " + end + ", " + jsonString(parts[1]) + "]"
                           : "{\"start\": " + start + ", \"end\": " + end + ", \"label\": " + jsonString(parts[1]) + "}";
        }
        out += "]}\n";
    }
    return out;
}
} // namespace

class TestSpanIo : public QObject
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

    std::unique_ptr<ProjectStore> newProject(TaskType task = TaskType::Ner, const QStringList &labels = {})
    {
        auto store = ProjectStore::create(newPath(QStringLiteral(".marginalia")), task, labels);
        return store ? std::move(*store) : nullptr;
    }

    static QByteArray readFile(const QString &p)
    {
        QFile f(p);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

    static QString dump(ProjectStore &store)
    {
        QString out;
        QSqlQuery q(store.database());
        for (const char *sql : {"SELECT id, external_id, text, tokens, meta, hex(content_hash), split FROM samples"
                                " ORDER BY id",
                                "SELECT id, sample_id, cleared, annotator, source FROM annotations ORDER BY id",
                                "SELECT annotation_id, start, end, label_id FROM annotation_spans ORDER BY 1, 2",
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

    static QStringList spanTexts(const AnnotatedSample &item)
    {
        QStringList out;
        for (const Span &span : item.annotation->spans)
            out << item.sample.text.mid(span.start, span.end - span.start) + QLatin1Char('=') + span.label;
        return out;
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

    void importsConllSpans()
    {
        auto store = newProject(TaskType::Ner, {QStringLiteral("PER"), QStringLiteral("LOC")});
        const QByteArray bad = "Ann\tI-PER\nleft\tO\n\nsolo\n\n";
        ImportOptions options;
        options.annotator = QStringLiteral("conll");
        const auto summary = importFile(*store, writeFile(kConll + bad, QStringLiteral(".conll")), options);
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 4);
        QCOMPARE(summary->labeled, 3);
        QCOMPARE(summary->skippedBad, 1);
        QCOMPARE(summary->problems.value(0).line, 21);
        QVERIFY2(summary->problems.value(0).reason.contains(QStringLiteral("I-PER without B-PER at token 1 (line 21)")),
                 qPrintable(summary->problems.value(0).reason));
        QCOMPARE(summary->addedLabels, QStringList{QStringLiteral("MISC")}); // unknown types join, with a notice

        const auto samples = store->annotatedSamples();
        QVERIFY(samples);
        QCOMPARE(samples->size(), 4);
        const AnnotatedSample &first = samples->at(0);
        QCOMPARE(first.sample.text, QStringLiteral("John met \"Mary\" Smith in New York 😀"));
        QCOMPARE(first.sample.tokens.size(), 8);
        QVERIFY(first.isLabeled());
        QCOMPARE(first.annotation->source, AnnotationSource::Imported);
        QCOMPARE(first.annotation->annotator, QStringLiteral("conll"));
        QCOMPARE(spanTexts(first), (QStringList{QStringLiteral("John=PER"), QStringLiteral("\"Mary\" Smith=PER"),
                                                QStringLiteral("New York=LOC")}));
        QCOMPARE(spanTexts(samples->at(1)), (QStringList{QStringLiteral("我=PER"), QStringLiteral("北 京=LOC"),
                                                         QStringLiteral("𠀋=MISC")}));
        // All O: labeled, with no entities.
        QVERIFY(samples->at(2).isLabeled());
        QVERIFY(samples->at(2).annotation->spans.isEmpty());
        // Token lines only: unlabeled.
        QCOMPARE(samples->at(3).sample.tokens, QStringList{QStringLiteral("solo")});
        QVERIFY(!samples->at(3).annotation);

        // Again: every sentence is a duplicate, hashed as the store hashes token samples.
        const auto again = importFile(*store, writeFile(kConll, QStringLiteral(".bio")), options);
        QVERIFY(again);
        QCOMPARE(again->imported, 0);
        QCOMPARE(again->duplicates, 3);
        Sample same = first.sample;
        QVERIFY(!store->addSample(same)->has_value());
    }

    void iob1AndBioesBecomeBio()
    {
        const QByteArray iob1 = "Ann I-PER\nBob I-PER\nB B-PER\nin O\nParis I-LOC\n\n";
        const QByteArray bioes = "Ann B-PER\nBob E-PER\nB S-PER\nin O\nParis S-LOC\n\n";
        const QByteArray bio = "Ann\tB-PER\nBob\tI-PER\nB\tB-PER\nin\tO\nParis\tB-LOC\n\n";
        ImportOptions asIob1;
        asIob1.tagScheme = TagScheme::Iob1;
        for (const auto &[input, options] : {std::pair{iob1, asIob1}, std::pair{bioes, ImportOptions{}}}) {
            auto store = newProject();
            const auto summary = importFile(*store, writeFile(input, QStringLiteral(".conll")), options);
            QVERIFY2(summary && summary->skippedBad == 0, qPrintable(summary ? summary->problems.value(0).reason
                                                                             : summary.error()));
            ExportOptions out;
            out.format = QStringLiteral("conll");
            const QString exported = newPath(QStringLiteral(".conll"));
            QVERIFY(exportProject(*store, exported, out));
            QCOMPARE(readFile(exported), bio);
        }
        // Without the option the IOB1 file is refused, with the hint.
        auto store = newProject();
        ImportOptions strict;
        strict.strict = true;
        const auto refused = importFile(*store, writeFile(iob1, QStringLiteral(".conll")), strict);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("Line 1: I-PER without B-PER at token 1 (line 1); if the "
                                                         "file is IOB1, import with --tag-scheme iob1")),
                 qPrintable(refused.error()));
    }

    void importsCharacterSpansOverRawText()
    {
        for (const bool doccano : {false, true}) {
            auto store = newProject();
            const auto summary = importFile(*store, writeFile(rawJsonl(doccano), QStringLiteral(".jsonl")), ImportOptions{});
            QVERIFY2(summary, qPrintable(summary.error()));
            QCOMPARE(summary->imported, qint64(kRaw.size()));
            QCOMPARE(summary->labeled, qint64(kRaw.size()));
            const auto samples = store->annotatedSamples();
            for (int i = 0; i < kRaw.size(); ++i) {
                QCOMPARE(samples->at(i).sample.text, kRaw[i].text);
                QVERIFY(samples->at(i).sample.tokens.isEmpty());
                QStringList expected = kRaw[i].entities;
                QCOMPARE(spanTexts(samples->at(i)), expected);
            }
        }
        // A classification-style label would import unlabeled without a word: it is a bad line.
        auto store = newProject();
        const auto summary = importFile(*store, writeFile("{\"text\": \"Ann\", \"label\": \"PER\"}\n"
                                                          "{\"tokens\": [\"Ann\"], \"labels\": [\"PER\"]}\n",
                                                          QStringLiteral(".jsonl")),
                                        ImportOptions{});
        QVERIFY(summary);
        QCOMPARE(summary->skippedBad, 2);
        QVERIFY2(summary->problems.value(0).reason.contains(QStringLiteral("\"PER\" is a label name, not tags or spans")),
                 qPrintable(summary->problems.value(0).reason));
        QCOMPARE(summary->problems.value(1).line, 2);
    }

    void strictLeavesTheProjectUnchanged()
    {
        auto store = newProject(TaskType::Ner, {QStringLiteral("PER")});
        QVERIFY(importFile(*store, writeFile("Ann B-PER\n\n", QStringLiteral(".conll")), ImportOptions{}));
        const QString before = dump(*store);
        ImportOptions strict;
        strict.strict = true;
        // Good sentences with new types first, then an overlapping span.
        const QByteArray bytes = rawJsonl(false) + "{\"text\": \"Ann met Bob\", \"spans\": [[0, 7, \"EVT\"], [4, 7, \"X\"]]}\n";
        const auto failed = importFile(*store, writeFile(bytes, QStringLiteral(".jsonl")), strict);
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QStringLiteral("Line 4: span 1 (0–7, EVT) and span 2 (4–7, X) overlap")),
                 qPrintable(failed.error()));
        QCOMPARE(dump(*store), before);
        // Without --strict the good rows go in and the bad one is reported.
        const auto lenient = importFile(*store, writeFile(bytes, QStringLiteral(".jsonl")), ImportOptions{});
        QVERIFY(lenient);
        QCOMPARE(lenient->imported, qint64(kRaw.size()));
        QCOMPARE(lenient->problems.value(0).line, 4);
    }

    void conllNeedsANerProject()
    {
        auto store = newProject(TaskType::TextCat);
        const auto r = importFile(*store, writeFile(kConll, QStringLiteral(".conll")), ImportOptions{});
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QStringLiteral("ner")), qPrintable(r.error()));
        QCOMPARE(*store->countSamples(), 0);
        ExportOptions out;
        out.format = QStringLiteral("conll");
        QVERIFY(!exportProject(*store, newPath(QStringLiteral(".conll")), out));
    }

    void bulkAndBatchedPathsStoreTheSameSpans()
    {
        QByteArray bytes;
        for (int i = 0; i < 1500; ++i) {
            bytes += "w" + QByteArray::number(i % 1000) + "\tB-T" + QByteArray::number(i % 3) + "\nsaid\tO\n";
            bytes += i % 5 ? "Paris\tB-LOC\n\n" : "\n";
        }
        ImportOptions bulk;
        bulk.bulkMinRows = 1;
        bulk.evalFraction = 0.2;
        ImportOptions batched = bulk;
        batched.bulkMinRows = 0;
        batched.batchRows = 97;
        QString dumps[2];
        for (int run = 0; run < 2; ++run) {
            auto store = newProject();
            const auto summary = importFile(*store, writeFile(bytes, QStringLiteral(".conll")), run ? batched : bulk);
            QVERIFY2(summary, qPrintable(summary.error()));
            QCOMPARE(summary->bulk, run == 0);
            QCOMPARE(summary->imported, 1000);
            QCOMPARE(summary->duplicates, 500);
            QCOMPARE(summary->labeled, 1000);
            QVERIFY(summary->evalSamples > 150 && summary->evalSamples < 250);
            QSqlQuery q(store->database());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM annotation_spans")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1000 + 800);
            dumps[run] = dump(*store);
        }
        QCOMPARE(dumps[0], dumps[1]);
    }

    void roundTripIsByteIdentical_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("format");
        QByteArray tokens;
        tokens += "{\"id\": \"t1\", \"tokens\": [\"Ann\", \"\\\"quoted\\\"\", \"😀\", \"北\", \"京\"], "
                  "\"tags\": [\"B-PER\", \"O\", \"O\", \"B-LOC\", \"I-LOC\"], \"meta\": {\"k\": 1}}\n";
        tokens += "{\"tokens\": [\"back\\\\slash\", \"tab\\there\"], \"tags\": [\"O\", \"B-X\"]}\n";
        tokens += "{\"tokens\": [\"no\", \"tags\"]}\n";
        QTest::addRow("conll") << kConll + "only\ntokens\n\n" << ".conll"
                               << "conll";
        QTest::addRow("jsonl spans") << rawJsonl(false) + "{\"id\": 7, \"text\": \"unlabeled\\ttext\"}\n" << ".jsonl"
                                     << "jsonl";
        QTest::addRow("jsonl doccano") << rawJsonl(true) << ".jsonl"
                                       << "jsonl";
        QTest::addRow("jsonl tokens") << tokens << ".jsonl"
                                      << "jsonl-tokens";
        QTest::addRow("jsonl spans over tokens") << tokens << ".jsonl"
                                                 << "jsonl";
        QTest::addRow("raw text as tokens") << rawJsonl(false) << ".jsonl"
                                            << "jsonl-tokens";
        QTest::addRow("raw text as conll") << rawJsonl(false) << ".jsonl"
                                           << "conll";
    }

    void roundTripIsByteIdentical()
    {
        QFETCH(QByteArray, source);
        QFETCH(QString, suffix);
        QFETCH(QString, format);
        ExportOptions out;
        out.format = format;
        out.includeUnlabeled = true;
        out.withMeta = true;
        const QString exportSuffix = format == QLatin1String("conll") ? QStringLiteral(".conll") : QStringLiteral(".jsonl");

        auto first = newProject();
        const auto imported = importFile(*first, writeFile(source, suffix), ImportOptions{});
        QVERIFY2(imported && imported->skippedBad == 0,
                 qPrintable(imported ? imported->problems.value(0).reason : imported.error()));
        const QString export1 = newPath(exportSuffix);
        const auto written = exportProject(*first, export1, out);
        QVERIFY2(written, qPrintable(written.error()));
        QCOMPARE(written->written, imported->imported);

        auto second = newProject();
        const auto reimported = importFile(*second, export1, ImportOptions{});
        QVERIFY2(reimported, qPrintable(reimported.error()));
        QCOMPARE(reimported->skippedBad, 0);
        QCOMPARE(reimported->imported, imported->imported);
        QCOMPARE(reimported->labeled, imported->labeled);
        const QString export2 = newPath(exportSuffix);
        QVERIFY(exportProject(*second, export2, out));
        QCOMPARE(readFile(export2), readFile(export1));

        // The entities themselves survived, not just a stable mangling of them.
        const auto a = first->annotatedSamples(), b = second->annotatedSamples();
        for (int i = 0; i < a->size(); ++i) {
            QCOMPARE(b->at(i).isLabeled(), a->at(i).isLabeled());
            if (a->at(i).isLabeled())
                QCOMPARE(spanTexts(b->at(i)).join(QLatin1Char('|')).remove(QLatin1Char(' ')),
                         spanTexts(a->at(i)).join(QLatin1Char('|')).remove(QLatin1Char(' ')));
        }
    }

    void exportFormats()
    {
        auto store = newProject();
        QVERIFY(importFile(*store, writeFile(rawJsonl(false) + "{\"text\": \"!!! ???\", \"spans\": []}\n",
                                             QStringLiteral(".jsonl")),
                           ImportOptions{}));
        ExportOptions out;
        const QString jsonl = newPath(QStringLiteral(".jsonl"));
        QVERIFY(exportProject(*store, jsonl, out));
        const QList<QByteArray> lines = readFile(jsonl).split('\n');
        // "😀 Ann met 👍🏽 Bob in 東京.": Bob starts at code point 13 (UTF-16 offset 16).
        QCOMPARE(lines[0], QByteArray("{\"text\":\"😀 Ann met 👍🏽 Bob in 東京.\",\"spans\":[{\"start\":2,\"end\":5,"
                                      "\"label\":\"PER\"},{\"start\":13,\"end\":16,\"label\":\"PER\"},{\"start\":20,"
                                      "\"end\":22,\"label\":\"LOC\"}]}"));
        QCOMPARE(lines[2], QByteArray("{\"text\":\"No entities at all 🙂\",\"spans\":[]}"));

        out.format = QStringLiteral("jsonl-tokens");
        const QString tokens = newPath(QStringLiteral(".jsonl"));
        const auto t = exportProject(*store, tokens, out);
        QVERIFY(t);
        QCOMPARE(t->written, 3);
        QCOMPARE(t->skipped, 1); // "!!! ???" has no token
        // The engine's tokens: emoji are tokens, Chinese goes by character, punctuation is left out.
        QVERIFY(readFile(tokens).startsWith("{\"tokens\":[\"😀\",\"Ann\",\"met\",\"👍\",\"Bob\",\"in\",\"東\",\"京\"],"
                                            "\"tags\":[\"O\",\"B-PER\",\"O\",\"O\",\"B-PER\",\"O\",\"B-LOC\",\"I-LOC\"]}\n"));

        out.format = QStringLiteral("conll");
        out.splitFiles = true;
        out.devFraction = 0;
        const QString folder = newPath(QString());
        const auto split = exportProject(*store, folder, out);
        QVERIFY2(split, qPrintable(split.error()));
        QCOMPARE(split->files.size(), 3);
        QVERIFY(split->files[0].endsWith(QLatin1String("train.conll")));
        QVERIFY(readFile(folder + QStringLiteral("/train.conll"))
                    .startsWith("😀\tO\nAnn\tB-PER\nmet\tO\n👍\tO\nBob\tB-PER\nin\tO\n東\tB-LOC\n京\tI-LOC\n\n"
                                "Quoted\tB-MISC\nand\tO\n"));
        QCOMPARE(readFile(folder + QStringLiteral("/test.conll")), QByteArray());

        // A token CoNLL cannot hold stops the export and leaves no file.
        auto spaced = newProject();
        QVERIFY(importFile(*spaced, writeFile("{\"tokens\": [\"New York\", \"x\"], \"tags\": [\"B-LOC\", \"O\"]}\n",
                                              QStringLiteral(".jsonl")),
                           ImportOptions{}));
        out.splitFiles = false;
        const QString refused = newPath(QStringLiteral(".conll"));
        const auto r = exportProject(*spaced, refused, out);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QStringLiteral("\"New York\" holds whitespace")), qPrintable(r.error()));
        QVERIFY(!QFile::exists(refused));
    }

    void spansAfterEmojiSaveAndExportAsCodePoints()
    {
        auto store = newProject(TaskType::Ner, {QStringLiteral("PER")});
        Sample sample;
        sample.text = QStringLiteral("👍🏽😀 Bob");
        const auto id = store->addSample(sample);
        QVERIFY(id && id->has_value());
        AnnotationInput input;
        input.spans = {Span{7, 10, QStringLiteral("PER")}}; // "Bob": UTF-16 7-10, code points 4-7
        const auto saved = store->annotate(**id, input);
        QVERIFY2(saved, qPrintable(saved.error()));
        input.spans = {Span{7, 11, QStringLiteral("PER")}};
        QVERIFY(!store->annotate(**id, input));
        const QString out = newPath(QStringLiteral(".jsonl"));
        QVERIFY(exportProject(*store, out, ExportOptions{}));
        QCOMPARE(readFile(out), QByteArray("{\"text\":\"👍🏽😀 Bob\",\"spans\":[{\"start\":4,\"end\":7,\"label\":\"PER\"}]}\n"));
    }

    void taggedFile()
    {
        const QString pos = writeFile("The\tat\nold\tjj\nman\tnn\n\n-DOCSTART-\n\nIt\tpps\n", QStringLiteral(".conll"));
        const auto sentences = io::readTaggedFile(pos);
        QVERIFY2(sentences, qPrintable(sentences.error()));
        QCOMPARE(sentences->size(), 2);
        QCOMPARE(sentences->at(0).tags, (QStringList{QStringLiteral("at"), QStringLiteral("jj"), QStringLiteral("nn")}));
        QCOMPARE(sentences->at(1).line, 7);
        QCOMPARE(sentences->at(1).tokens, QStringList{QStringLiteral("It")});

        const QString bioes = writeFile("Ann S-PER\nin O\nNew B-LOC\nYork E-LOC\n", QStringLiteral(".data"));
        const auto normalized = io::readTaggedFile(bioes, QStringLiteral("conll"));
        QVERIFY(normalized);
        QCOMPARE(normalized->at(0).tags, (QStringList{QStringLiteral("B-PER"), QStringLiteral("O"),
                                                      QStringLiteral("B-LOC"), QStringLiteral("I-LOC")}));

        const QString jsonl = writeFile("{\"tokens\": [\"a\", \"b\"], \"tags\": [\"dt\", \"nn\"]}\n"
                                        "{\"text\": \"Ann met 👍 Bob\", \"spans\": [[10, 13, \"PER\"]]}\n",
                                        QStringLiteral(".jsonl"));
        const auto rows = io::readTaggedFile(jsonl);
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->at(0).tags, (QStringList{QStringLiteral("dt"), QStringLiteral("nn")}));
        QCOMPARE(rows->at(1).tokens, (QStringList{QStringLiteral("Ann"), QStringLiteral("met"), QStringLiteral("👍"),
                                                  QStringLiteral("Bob")}));
        QCOMPARE(rows->at(1).tags, (QStringList{QStringLiteral("O"), QStringLiteral("O"), QStringLiteral("O"),
                                                QStringLiteral("B-PER")}));

        const auto bad = io::readTaggedFile(writeFile("a O\n\nb O\nc I-X\n", QStringLiteral(".conll")));
        QVERIFY(!bad);
        QVERIFY2(bad.error().startsWith(QStringLiteral("Line 3: I-X without B-X at token 2 (line 4)")), qPrintable(bad.error()));
        const auto untagged = io::readTaggedFile(writeFile("{\"tokens\": [\"a\"]}\n", QStringLiteral(".jsonl")));
        QVERIFY(!untagged);
        QVERIFY(untagged.error().contains(QStringLiteral("Line 1")));
        QVERIFY(!io::readTaggedFile(newPath(QStringLiteral(".conll"))));
        QVERIFY(!io::readTaggedFile(writeFile("a,b\n", QStringLiteral(".csv"))));
    }

    void commandLine()
    {
        const QString project = newPath(QStringLiteral(".marginalia"));
        QCOMPARE(cli({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("ner"),
                      QStringLiteral("--labels"), QStringLiteral("PER,LOC")})
                     .code,
                 0);
        const QString iob1 = writeFile("Ann I-PER\nBob I-PER\nin O\nParis I-LOC\n\nx I-ORG\n\n", QStringLiteral(".iob"));
        const QString scheme = QStringLiteral("--tag-scheme");
        const Run refused = cli({QStringLiteral("import"), project, iob1, QStringLiteral("--strict")});
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains("--tag-scheme iob1"), refused.err.constData());
        QCOMPARE(cli({QStringLiteral("import"), project, iob1, scheme, QStringLiteral("iob2000")}).code, 1);
        const Run imported = cli({QStringLiteral("import"), project, iob1, scheme, QStringLiteral("iob1"),
                                  QStringLiteral("--quiet")});
        QCOMPARE(imported.code, 0);
        QCOMPARE(imported.out, QByteArray("imported 2, skipped 0 bad, 0 duplicates (2 labeled, 0 in the evaluation split)\n"));
        QVERIFY(imported.err.contains("added 1 new label(s) to the label set: ORG"));
        const QString spans = writeFile(rawJsonl(false) + "{\"text\": \"Ann\", \"spans\": [[0, 2, \"PER\"]]}\n",
                                        QStringLiteral(".jsonl"));
        const Run withBad = cli({QStringLiteral("import"), project, spans});
        QCOMPARE(withBad.code, 0);
        QVERIFY2(withBad.err.contains("line 4: span 1 (0–2 \"An\", PER) does not end where a token ends"),
                 withBad.err.constData());

        const QString folder = newPath(QString());
        const Run exported = cli({QStringLiteral("export"), project, folder, QStringLiteral("--split-files"),
                                  QStringLiteral("--format"), QStringLiteral("conll")});
        QCOMPARE(exported.code, 0);
        QVERIFY(exported.out.startsWith("exported 5 samples"));
        QVERIFY(readFile(folder + QStringLiteral("/train.conll")).startsWith("Ann\tB-PER\nBob\tI-PER\nin\tO\n"));
        const QString tokens = newPath(QStringLiteral(".jsonl"));
        QCOMPARE(cli({QStringLiteral("export"), project, tokens, QStringLiteral("--format"),
                      QStringLiteral("jsonl-tokens")})
                     .code,
                 0);
        QVERIFY(readFile(tokens).contains("{\"tokens\":[\"x\"],\"tags\":[\"B-ORG\"]}\n"));
        QCOMPARE(cli({QStringLiteral("export"), project, tokens, QStringLiteral("--format"), QStringLiteral("iob")}).code, 1);

        const Run importHelp = cli({QStringLiteral("import"), QStringLiteral("--help")});
        for (const char *word : {"--tag-scheme", "conll", "iob1", "bioes", "ner_tags", "code points"})
            QVERIFY2(importHelp.out.contains(word), word);
        const Run exportHelp = cli({QStringLiteral("export"), QStringLiteral("--help")});
        for (const char *word : {"conll", "jsonl-tokens", "code points"})
            QVERIFY2(exportHelp.out.contains(word), word);
    }
};

QTEST_GUILESS_MAIN(TestSpanIo)
#include "tst_spanio.moc"
