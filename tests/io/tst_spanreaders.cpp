// Span-labeling input on its own: tag schemes, the CoNLL reader, JSONL tags and character spans (code point
// offsets), and format detection, fed from memory.
#include "io/FormatDetector.h"
#include "io/LineSource.h"
#include "io/RecordReader.h"
#include "io/TagScheme.h"

#include <QBuffer>
#include <QtTest>

using namespace marginalia;

namespace {
QVector<ImportRecord> readAll(const QString &format, const QByteArray &bytes, ReaderOptions options = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    LineSource source(buffer);
    options.readTokens = true;
    const auto reader = RecordReader::create(format, source, options);
    QVector<ImportRecord> out;
    ImportRecord record;
    while (reader->next(record))
        out.push_back(record);
    return out;
}

QStringList split(const char *tags) { return QString::fromUtf8(tags).split(QLatin1Char(' '), Qt::SkipEmptyParts); }

// Code points before UTF-16 offset `at`: what a JSONL file writes.
int points(const QString &text, qsizetype at) { return int(text.left(at).toUcs4().size()); }

Span spanOf(const QString &text, const QString &part, const QString &label)
{
    const int at = int(text.indexOf(part));
    return Span{at, at + int(part.size()), label};
}
} // namespace

class TestSpanReaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizesTagSchemes_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("tags");
        QTest::addColumn<QString>("expected"); // BIO tags, or "!" + a part of the error
        QTest::addRow("bio") << "auto" << "B-PER I-PER O B-LOC B-LOC" << "B-PER I-PER O B-LOC B-LOC";
        QTest::addRow("bio explicit") << "bio" << "O B-PER I-PER" << "O B-PER I-PER";
        QTest::addRow("I without B") << "auto" << "O I-PER"
                                     << "!I-PER without B-PER at token 2; if the file is IOB1, import with "
                                        "--tag-scheme iob1";
        QTest::addRow("I of another type") << "bio" << "B-PER I-LOC" << "!I-LOC without B-LOC at token 2";
        QTest::addRow("iob1") << "iob1" << "I-PER I-PER B-PER O I-LOC I-PER" << "B-PER I-PER B-PER O B-LOC B-PER";
        QTest::addRow("bioes") << "auto" << "S-PER B-LOC I-LOC E-LOC O B-ORG E-ORG"
                               << "B-PER B-LOC I-LOC I-LOC O B-ORG I-ORG";
        QTest::addRow("bilou") << "bioes" << "U-PER B-LOC L-LOC" << "B-PER B-LOC I-LOC";
        QTest::addRow("bioes unclosed") << "auto" << "S-PER B-LOC O"
                                        << "!the LOC chunk that starts at token 2 is not closed by E-LOC";
        QTest::addRow("bioes unclosed at end") << "bioes" << "B-LOC I-LOC"
                                               << "!the LOC chunk that starts at token 1 is not closed by E-LOC";
        QTest::addRow("E without B") << "auto" << "O E-PER" << "!E-PER without B-PER at token 2";
        QTest::addRow("bioes tag in bio") << "bio" << "B-PER E-PER" << "!E-PER at token 2 is a BIOES tag";
        QTest::addRow("bioes tag in iob1") << "iob1" << "S-PER" << "!S-PER at token 1 is a BIOES tag";
        QTest::addRow("pos tags stay") << "auto" << "at nn nn-tl vbd ." << "at nn nn-tl vbd .";
        QTest::addRow("no type") << "auto" << "O B-" << "!the tag B- at token 2 has no type";
        QTest::addRow("lowercase prefix") << "auto" << "b-per i-per" << "B-per I-per";
    }

    void normalizesTagSchemes()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, tags);
        QFETCH(QString, expected);
        QStringList list = split(tags.toUtf8().constData());
        const QString problem = normalizeTags(list, *tagSchemeFromName(scheme));
        if (expected.startsWith(QLatin1Char('!'))) {
            QVERIFY2(problem.contains(expected.mid(1)), qPrintable(problem));
        } else {
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QCOMPARE(list.join(QLatin1Char(' ')), expected);
        }
    }

    void tagProblemsNameTheLine()
    {
        QStringList tags = split("O I-X");
        QVERIFY(normalizeTags(tags, TagScheme::Auto, {5, 6}).contains(QStringLiteral("token 2 (line 6)")));
        QStringList empty{QStringLiteral("O"), QString()};
        QVERIFY(normalizeTags(empty, TagScheme::Auto).contains(QStringLiteral("empty")));
        QVERIFY(!tagSchemeFromName(QStringLiteral("bilbo")));
        QCOMPARE(chunkTags(split("at B-PER I-PER O nn")), split("B-at B-PER I-PER O B-nn"));
    }

    void conllSentences()
    {
        const QByteArray bytes = "-DOCSTART- -X- O O\n"                 // 1
                                 "\n"                                   // 2
                                 "EU\tNNP B-NP B-ORG\n"                 // 3
                                 "rejects VBZ B-VP O\n"                 // 4
                                 "German\tJJ\tB-NP\tB-MISC\n"           // 5
                                 "\n"                                   // 6
                                 "中\tB-LOC\r\n"                        // 7
                                 "文  I-LOC\r\n"                        // 8
                                 "😀\tO\r\n"                            // 9
                                 "\"quoted\"\tO\r\n"                    // 10
                                 "\r\n"                                 // 11
                                 "\n"                                   // 12
                                 "   \t\n"                              // 13
                                 "only\n"                               // 14
                                 "tokens\n"                             // 15
                                 "\n"                                   // 16
                                 "bad\tO\n"                             // 17
                                 "tag\tI-PER\n"                         // 18
                                 "\n"                                   // 19
                                 "x\tO\n"                               // 20
                                 "y\n"                                  // 21
                                 "\n"                                   // 22
                                 "bad\xff\tO\n"                         // 23
                                 "more\tO\n"                            // 24
                                 "\n"                                   // 25
                                 "none\tO\n"                            // 26
                                 "at\tO\n";                             // 27 (no blank line at the end)
        const QVector<ImportRecord> records = readAll(QStringLiteral("conll"), bytes);
        QCOMPARE(records.size(), 7);

        const ImportRecord &eu = records[0];
        QVERIFY2(eu.error.isEmpty(), qPrintable(eu.error));
        QCOMPARE(eu.line, 3);
        QCOMPARE(eu.tokens, split("EU rejects German"));
        QCOMPARE(eu.tags, split("B-ORG O B-MISC"));
        QVERIFY(eu.hasSpans);
        QCOMPARE(eu.spans, (QVector<Span>{{0, 2, QStringLiteral("ORG")}, {11, 17, QStringLiteral("MISC")}}));

        const ImportRecord &cjk = records[1];
        QVERIFY2(cjk.error.isEmpty(), qPrintable(cjk.error));
        QCOMPARE(cjk.line, 7);
        QCOMPARE(cjk.tokens, split("中 文 😀 \"quoted\""));
        QCOMPARE(cjk.spans, (QVector<Span>{{0, 3, QStringLiteral("LOC")}}));

        const ImportRecord &unlabeled = records[2];
        QVERIFY(unlabeled.error.isEmpty());
        QCOMPARE(unlabeled.line, 14);
        QVERIFY(unlabeled.hasTokens);
        QVERIFY(!unlabeled.hasSpans);
        QCOMPARE(unlabeled.tokens, split("only tokens"));

        QCOMPARE(records[3].line, 17);
        QVERIFY2(records[3].error.contains(QStringLiteral("I-PER without B-PER at token 2 (line 18)")),
                 qPrintable(records[3].error));
        QCOMPARE(records[4].line, 20);
        QVERIFY2(records[4].error.contains(QStringLiteral("line 21 has a token but no tag")), qPrintable(records[4].error));
        QCOMPARE(records[5].line, 23);
        QVERIFY2(records[5].error.contains(QStringLiteral("line 23: invalid UTF-8")), qPrintable(records[5].error));
        QCOMPARE(records[6].line, 26);
        QVERIFY(records[6].hasSpans);
        QVERIFY(records[6].spans.isEmpty()); // all O: labeled, no entities
    }

    void conllSchemeOption()
    {
        ReaderOptions iob1;
        iob1.tagScheme = TagScheme::Iob1;
        const QByteArray bytes = "Ann I-PER\nBob I-PER\nmet O\nin O\nParis I-LOC\n";
        const auto asIob1 = readAll(QStringLiteral("conll"), bytes, iob1);
        QVERIFY2(asIob1[0].error.isEmpty(), qPrintable(asIob1[0].error));
        QCOMPARE(asIob1[0].tags, split("B-PER I-PER O O B-LOC"));
        QCOMPARE(asIob1[0].spans, (QVector<Span>{{0, 7, QStringLiteral("PER")}, {15, 20, QStringLiteral("LOC")}}));
        const auto asBio = readAll(QStringLiteral("conll"), bytes);
        QVERIFY(asBio[0].error.contains(QStringLiteral("--tag-scheme iob1")));
        // Tags without a prefix: one span per token, tags kept as they are.
        const auto pos = readAll(QStringLiteral("conll"), "The at\nold jj\nman nn\n");
        QCOMPARE(pos[0].tags, split("at jj nn"));
        QCOMPARE(pos[0].spans.size(), 3);
        QCOMPARE(pos[0].spans[2], (Span{8, 11, QStringLiteral("nn")}));
    }

    void jsonlTokensAndTags()
    {
        const QByteArray bytes =
            "{\"tokens\": [\"John\", \"lives\", \"in\", \"New\", \"York\"], \"tags\": [\"B-PER\", \"O\", \"O\", \"B-LOC\", "
            "\"I-LOC\"]}\n"
            "{\"tokens\": [\"北\", \"京\"], \"ner_tags\": [\"B-LOC\", \"I-LOC\"]}\n"
            "{\"tokens\": [\"a\", \"b\"], \"tags\": [\"O\", \"O\", \"O\"]}\n"
            "{\"tokens\": [\"a\", \"b\"], \"ner_tags\": [3, 0]}\n"
            "{\"text\": \"a b\", \"tags\": [\"O\", \"O\"]}\n"
            "{\"tokens\": [\"a\", \"b\"], \"tags\": [\"O\", \"I-X\"]}\n"
            "{\"tokens\": [\"a\", \"\"], \"tags\": [\"O\", \"O\"]}\n"
            "{\"tokens\": [\"a\", \"b\"], \"tags\": []}\n"
            "{\"tokens\": [\"a\", \"b\"]}\n";
        const auto records = readAll(QStringLiteral("jsonl"), bytes);
        QCOMPARE(records.size(), 9);
        QVERIFY2(records[0].error.isEmpty(), qPrintable(records[0].error));
        QCOMPARE(records[0].spans, (QVector<Span>{{0, 4, QStringLiteral("PER")}, {14, 22, QStringLiteral("LOC")}}));
        QCOMPARE(records[1].spans, (QVector<Span>{{0, 3, QStringLiteral("LOC")}}));
        QVERIFY2(records[2].error.contains(QStringLiteral("2 tokens but 3 tags")), qPrintable(records[2].error));
        QVERIFY2(records[3].error.contains(QStringLiteral("tag 1 in \"ner_tags\" is a number")), qPrintable(records[3].error));
        QVERIFY2(records[4].error.contains(QStringLiteral("needs a \"tokens\" list")), qPrintable(records[4].error));
        QVERIFY2(records[5].error.contains(QStringLiteral("I-X without B-X at token 2")), qPrintable(records[5].error));
        QVERIFY2(records[6].error.contains(QStringLiteral("token 2 is empty")), qPrintable(records[6].error));
        QVERIFY2(records[7].error.contains(QStringLiteral("2 tokens but 0 tags")), qPrintable(records[7].error));
        QVERIFY(records[8].error.isEmpty());
        QVERIFY(!records[8].hasSpans);

        // --label-field names the tag field.
        ReaderOptions custom;
        custom.labelField = QStringLiteral("pos");
        const auto pos = readAll(QStringLiteral("jsonl"),
                                 "{\"tokens\": [\"a\", \"b\"], \"pos\": [\"dt\", \"nn\"], \"tags\": [\"O\", \"I-X\"]}\n",
                                 custom);
        QVERIFY2(pos[0].error.isEmpty(), qPrintable(pos[0].error));
        QCOMPARE(pos[0].tags, split("dt nn"));
    }

    void jsonlCharacterSpansCountCodePoints()
    {
        // Emoji and a supplementary-plane CJK character before the spans: code points and UTF-16 units differ.
        const QString text = QStringLiteral("😀 Ann met 👍🏽 Bob in 東京, \"𠀋\" said\tshe.");
        const auto at = [&](const QString &part) { return points(text, text.indexOf(part)); };
        const auto end = [&](const QString &part) { return points(text, text.indexOf(part) + part.size()); };
        const QByteArray json = QByteArray("\"") + text.toUtf8().replace("\"", "\\\"").replace("\t", "\\t") + "\"";
        const QByteArray spans = "[{\"start\": " + QByteArray::number(at(QStringLiteral("Ann"))) + ", \"end\": "
                                 + QByteArray::number(end(QStringLiteral("Ann")))
                                 + ", \"label\": \"PER\"}, {\"start\": " + QByteArray::number(at(QStringLiteral("Bob")))
                                 + ", \"end\": " + QByteArray::number(end(QStringLiteral("Bob")))
                                 + ", \"label\": \"PER\"}, {\"start\": " + QByteArray::number(at(QStringLiteral("東京")))
                                 + ", \"end\": " + QByteArray::number(end(QStringLiteral("東京")))
                                 + ", \"label\": \"LOC\"}, {\"start\": " + QByteArray::number(at(QStringLiteral("𠀋")))
                                 + ", \"end\": " + QByteArray::number(end(QStringLiteral("𠀋"))) + ", \"label\": \"X\"}]";
        const QByteArray doccano = "[[" + QByteArray::number(at(QStringLiteral("東京"))) + ", "
                                   + QByteArray::number(end(QStringLiteral("東京"))) + ", \"LOC\"], ["
                                   + QByteArray::number(at(QStringLiteral("Bob"))) + ", "
                                   + QByteArray::number(end(QStringLiteral("Bob"))) + ", \"PER\"]]";
        const auto records = readAll(QStringLiteral("jsonl"), "{\"text\": " + json + ", \"spans\": " + spans + "}\n"
                                                                  + "{\"text\": " + json + ", \"label\": " + doccano + "}\n"
                                                                  + "{\"text\": " + json + ", \"spans\": []}\n");
        QCOMPARE(records.size(), 3);
        QVERIFY2(records[0].error.isEmpty(), qPrintable(records[0].error));
        const QVector<Span> expected{spanOf(text, QStringLiteral("Ann"), QStringLiteral("PER")),
                                     spanOf(text, QStringLiteral("Bob"), QStringLiteral("PER")),
                                     spanOf(text, QStringLiteral("東京"), QStringLiteral("LOC")),
                                     spanOf(text, QStringLiteral("𠀋"), QStringLiteral("X"))};
        QCOMPARE(records[0].spans, expected);
        QVERIFY(expected[1].start != at(QStringLiteral("Bob"))); // the test text really shifts offsets
        QVERIFY2(records[1].error.isEmpty(), qPrintable(records[1].error));
        QCOMPARE(records[1].spans, (QVector<Span>{expected[1], expected[2]})); // stored in text order
        QVERIFY(records[2].hasSpans);
        QVERIFY(records[2].spans.isEmpty());
    }

    void badCharacterSpans_data()
    {
        QTest::addColumn<QByteArray>("spans");
        QTest::addColumn<QString>("reason");
        // Text: "Ann met Bob" (11 code points).
        QTest::addRow("out of range") << QByteArray("[[8, 12, \"PER\"]]")
                                      << "span 1 (8–12, PER) is out of range: the text has 11 characters";
        QTest::addRow("negative") << QByteArray("[[-1, 3, \"PER\"]]") << "out of range";
        QTest::addRow("empty") << QByteArray("[[0, 3, \"PER\"], [4, 4, \"X\"]]") << "span 2 (4–4, X) is empty";
        QTest::addRow("reversed") << QByteArray("[[3, 0, \"PER\"]]") << "is empty";
        QTest::addRow("overlap") << QByteArray("[[4, 11, \"EVT\"], [0, 3, \"PER\"], [8, 11, \"PER\"]]")
                                 << "span 1 (4–11, EVT) and span 3 (8–11, PER) overlap";
        QTest::addRow("inside a token") << QByteArray("[[1, 3, \"PER\"]]")
                                        << "span 1 (1–3 \"nn\", PER) does not start where a token starts";
        QTest::addRow("ends inside") << QByteArray("[[0, 2, \"PER\"]]") << "does not end where a token ends";
        QTest::addRow("takes the space") << QByteArray("[[0, 4, \"PER\"]]") << "does not end where a token ends";
        QTest::addRow("no label") << QByteArray("[[0, 3, \"\"]]") << "span 1 (0–3, ) has no label";
        QTest::addRow("float offset") << QByteArray("[[0.5, 3, \"PER\"]]") << "whole numbers";
        QTest::addRow("string offset") << QByteArray("[{\"start\": \"0\", \"end\": 3, \"label\": \"PER\"}]")
                                       << "whole numbers";
        QTest::addRow("short list") << QByteArray("[[0, 3]]") << "needs a start, an end and a label";
        QTest::addRow("label as number") << QByteArray("[[0, 3, 7]]") << "the label is a number";
        QTest::addRow("not a span") << QByteArray("[[0, 3, \"PER\"], 5]") << "span 2 is a number";
    }

    void badCharacterSpans()
    {
        QFETCH(QByteArray, spans);
        QFETCH(QString, reason);
        const auto records = readAll(QStringLiteral("jsonl"), "{\"text\": \"Ann met Bob\", \"label\": " + spans + "}\n");
        QCOMPARE(records.size(), 1);
        QVERIFY2(records[0].error.contains(reason), qPrintable(records[0].error));
    }

    void nonListLabelFields()
    {
        // "label" may be a classification label: read as one (the importer refuses it for span labeling);
        // "tags" and "spans" can only be lists.
        const auto records = readAll(QStringLiteral("jsonl"), "{\"text\": \"Ann\", \"label\": \"PER\"}\n"
                                                              "{\"text\": \"Ann\", \"spans\": \"PER\"}\n"
                                                              "{\"tokens\": [\"Ann\"], \"tags\": {\"0\": \"O\"}}\n");
        QVERIFY(records[0].error.isEmpty());
        QCOMPARE(records[0].labels, QStringList{QStringLiteral("PER")});
        QVERIFY(!records[0].hasSpans);
        QVERIFY2(records[1].error.contains(QStringLiteral("the field \"spans\" is a string, not a list of tags or spans")),
                 qPrintable(records[1].error));
        QVERIFY2(records[2].error.contains(QStringLiteral("the field \"tags\" is an object")), qPrintable(records[2].error));
    }

    void spansOverTokensMapToTheStoredText()
    {
        // The file's text separates tokens with a tab and two spaces; the stored text joins them with one space.
        const auto records = readAll(QStringLiteral("jsonl"),
                                     "{\"text\": \"New\\tYork  is\", \"tokens\": [\"New\", \"York\", \"is\"], "
                                     "\"spans\": [{\"start\": 0, \"end\": 8, \"label\": \"LOC\"}]}\n"
                                     "{\"text\": \"New York\", \"tokens\": [\"Old\"], \"spans\": []}\n"
                                     "{\"tokens\": [\"a\", \"b\"], \"spans\": [[2, 3, \"X\"]]}\n");
        QVERIFY2(records[0].error.isEmpty(), qPrintable(records[0].error));
        QCOMPARE(records[0].spans, (QVector<Span>{{0, 8, QStringLiteral("LOC")}}));
        QVERIFY2(records[1].error.contains(QStringLiteral("token 1 (\"Old\") is not in the text")),
                 qPrintable(records[1].error));
        QVERIFY2(records[2].error.isEmpty(), qPrintable(records[2].error)); // offsets into "a b"
        QCOMPARE(records[2].spans, (QVector<Span>{{2, 3, QStringLiteral("X")}}));
    }

    void detectsConll_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        for (const char *suffix : {"conll", "bio", "iob", "bioes", "CONLL"})
            QTest::addRow("%s", suffix) << QStringLiteral("x.") + QLatin1String(suffix) << QByteArray("a\n") << "conll";
        QTest::addRow("docstart") << "x.dat" << QByteArray("-DOCSTART- -X- O O\n\nEU B-ORG\n") << "conll";
        QTest::addRow("pos columns") << "x.dat" << QByteArray("The\tat\nFulton\tnp\n\nIt\tpps\nis\tbez\n") << "conll";
        QTest::addRow("four columns") << "x.dat" << QByteArray("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n") << "conll";
        QTest::addRow("tsv of texts") << "x.dat" << QByteArray("text\tlabel\nhello world\tpos\nbye\tneg\n") << "tsv";
        QTest::addRow("tsv without blank lines") << "x.dat" << QByteArray("a\tb\nc\td\n") << "tsv";
        QTest::addRow("jsonl") << "x.dat" << QByteArray("{\"tokens\": []}\n") << "jsonl";
    }

    void detectsConll()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        QCOMPARE(FormatDetector::detect(file, head), format);
        QVERIFY(FormatDetector::isKnownFormat(QStringLiteral("conll")));
    }
};

QTEST_GUILESS_MAIN(TestSpanReaders)
#include "tst_spanreaders.moc"
