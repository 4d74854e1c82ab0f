// Format readers on their own: what each makes of well-formed and malformed input, fed from memory.
#include "io/FormatDetector.h"
#include "io/LineSource.h"
#include "io/RecordReader.h"

#include <QBuffer>
#include <QtTest>

using namespace marginalia;

namespace {
struct Read
{
    QVector<ImportRecord> records;
    QStringList fields;
    QString fatal;
};

Read readAll(const QString &format, const QByteArray &bytes, ReaderOptions options = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    LineSource source(buffer);
    const auto reader = RecordReader::create(format, source, options);
    Read out;
    ImportRecord record;
    while (reader->next(record))
        out.records.push_back(record);
    out.fields = reader->fields();
    out.fatal = reader->fatalError();
    return out;
}
} // namespace

class TestReaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineSourceSplitsLinesAcrossChunks()
    {
        // Lines longer than the first buffer, a BOM, CRLF and a last line without newline.
        const QByteArray longLine(3 * 1024 * 1024, 'x');
        QByteArray bytes = "\xEF\xBB\xBF" "first\r\n" + longLine + "\n\nlast";
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        LineSource source(buffer);
        std::string_view line;
        QVERIFY(source.next(line));
        QCOMPARE(QByteArray(line.data(), qsizetype(line.size())), QByteArray("first\r"));
        QVERIFY(source.next(line));
        QCOMPARE(qsizetype(line.size()), longLine.size());
        QVERIFY(source.next(line));
        QVERIFY(line.empty());
        QVERIFY(source.next(line));
        QCOMPARE(QByteArray(line.data(), qsizetype(line.size())), QByteArray("last"));
        QCOMPARE(source.lineNumber(), 4);
        QVERIFY(!source.next(line));
        QCOMPARE(source.bytesRead(), bytes.size());
    }

    void jsonlReadsFields()
    {
        const QByteArray bytes = "\xEF\xBB\xBF{\"id\": 7, \"text\": \"你好 \\\"world\\\" 😀\", \"label\": \"pos\","
                                 " \"meta\": {\"src\": \"web\", \"n\": [1, 2]}}\r\n"
                                 "\n"
                                 "{\"text\": \"multi\", \"labels\": [\"a\", \"b\", \"a\"], \"id\": \"x-1\"}\n"
                                 "{\"text\": \"numeric\", \"label\": 1}\n"
                                 "{\"text\": \"none\", \"label\": null}";
        const Read r = readAll(QStringLiteral("jsonl"), bytes);
        QCOMPARE(r.records.size(), 4);
        const ImportRecord &first = r.records[0];
        QVERIFY(first.error.isEmpty());
        QCOMPARE(first.line, 1);
        QCOMPARE(QString::fromUtf8(first.text), QStringLiteral("你好 \"world\" 😀"));
        QCOMPARE(first.labels, QStringList{QStringLiteral("pos")});
        QCOMPARE(first.externalId, QByteArray("7"));
        QCOMPARE(first.metaJson, QByteArray(R"({"src":"web","n":[1,2]})"));
        QCOMPARE(r.records[1].line, 3);
        QCOMPARE(r.records[1].labels, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(r.records[1].externalId, QByteArray("x-1"));
        QCOMPARE(r.records[2].labels, QStringList{QStringLiteral("1")});
        QVERIFY(!r.records[3].hasLabels);
        QVERIFY(r.records[3].error.isEmpty());
    }

    void jsonlCustomFieldsAndTokens()
    {
        ReaderOptions options;
        options.textField = QStringLiteral("body");
        options.labelField = QStringLiteral("y");
        options.idField = QStringLiteral("key");
        options.readTokens = true;
        const QByteArray bytes = "{\"body\": \"b\", \"y\": \"c\", \"key\": \"k\", \"label\": \"ignored\"}\n"
                                 "{\"tokens\": [\"New\", \"York\"], \"tags\": [\"B-LOC\", \"I-LOC\"]}\n";
        const Read r = readAll(QStringLiteral("jsonl"), bytes, options);
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.records[0].text, QByteArray("b"));
        QCOMPARE(r.records[0].labels, QStringList{QStringLiteral("c")});
        QCOMPARE(r.records[0].externalId, QByteArray("k"));
        QVERIFY(r.records[1].error.isEmpty());
        QVERIFY(r.records[1].hasTokens);
        QCOMPARE(r.records[1].tokens, (QStringList{QStringLiteral("New"), QStringLiteral("York")}));
    }

    void badRecords_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("reason");
        QTest::addRow("jsonl invalid json") << "jsonl" << QByteArray("{\"text\": \"a\",}\n")
            << qint64(1) << "invalid JSON";
        QTest::addRow("jsonl truncated") << "jsonl" << QByteArray("\n{\"text\": \"a\"\n")
            << qint64(2) << "invalid JSON";
        QTest::addRow("jsonl not object") << "jsonl" << QByteArray("[\"text\"]\n") << qint64(1) << "not a JSON object";
        QTest::addRow("jsonl missing text") << "jsonl" << QByteArray("{\"txt\": \"a\"}\n")
            << qint64(1) << "no \"text\" field";
        QTest::addRow("jsonl text wrong type") << "jsonl" << QByteArray("{\"text\": 5}\n")
            << qint64(1) << "not a string";
        QTest::addRow("jsonl label wrong type") << "jsonl" << QByteArray("{\"text\": \"a\", \"label\": {}}\n")
            << qint64(1)
                                                << "not a label name";
        QTest::addRow("jsonl labels item wrong type")
            << "jsonl" << QByteArray("{\"text\": \"a\", \"labels\": [[1]]}\n") << qint64(1) << "not a string";
        QTest::addRow("jsonl meta wrong type") << "jsonl" << QByteArray("{\"text\": \"a\", \"meta\": 3}\n") << qint64(1)
                                               << "not an object";
        QTest::addRow("jsonl invalid utf8") << "jsonl" << QByteArray("{\"text\": \"caf\xe9\"}\n")
            << qint64(1) << "invalid UTF-8";
        QTest::addRow("csv invalid utf8") << "csv" << QByteArray("text\nok\ncaf\xe9\n") << qint64(3) << "invalid UTF-8";
        QTest::addRow("csv field count") << "csv" << QByteArray("text,label\na,b,c\n") << qint64(2) << "3 fields";
        QTest::addRow("csv unclosed quote") << "csv" << QByteArray("text\n\"abc\nmore\n")
            << qint64(2) << "never closed";
        QTest::addRow("csv text after quote") << "csv" << QByteArray("text\n\"ab\"c\n") << qint64(2) << "closing quote";
        QTest::addRow("csv meta not json") << "csv" << QByteArray("text,meta\na,{oops\n")
            << qint64(2) << "not a JSON object";
        QTest::addRow("txt invalid utf8") << "txt" << QByteArray("fine\n\xc3\x28\n") << qint64(2) << "invalid UTF-8";
    }

    void badRecords()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, line);
        QFETCH(QString, reason);
        const Read r = readAll(format, bytes);
        QVERIFY(r.fatal.isEmpty());
        const auto bad = std::find_if(r.records.begin(), r.records.end(),
                                      [](const ImportRecord &rec) { return !rec.error.isEmpty(); });
        QVERIFY2(bad != r.records.end(), "no bad record reported");
        QCOMPARE(bad->line, line);
        QVERIFY2(bad->error.contains(reason), qPrintable(bad->error));
    }

    void csvQuotingAndNewlines()
    {
        const QByteArray bytes = "\xEF\xBB\xBFid,text,label\r\n"
                                 "1,\"a, \"\"quoted\"\" value\",pos\r\n"
                                 "2,\"two\r\nlines\nand\ttab\",neg\r\n"
                                 "3,plain 中文,\r\n"
                                 "\r\n"
                                 "4,\"\",pos";
        const Read r = readAll(QStringLiteral("csv"), bytes);
        QCOMPARE(r.fields, (QStringList{QStringLiteral("id"), QStringLiteral("text"), QStringLiteral("label")}));
        QCOMPARE(r.records.size(), 4);
        QCOMPARE(r.records[0].text, QByteArray("a, \"quoted\" value"));
        QCOMPARE(r.records[0].externalId, QByteArray("1"));
        QCOMPARE(r.records[1].line, 3);
        QCOMPARE(r.records[1].text, QByteArray("two\r\nlines\nand\ttab"));
        QCOMPARE(r.records[1].labels, QStringList{QStringLiteral("neg")});
        QCOMPARE(r.records[2].line, 6);
        QCOMPARE(QString::fromUtf8(r.records[2].text), QStringLiteral("plain 中文"));
        QVERIFY(!r.records[2].hasLabels);
        QCOMPARE(r.records[3].line, 8);
        QVERIFY(r.records[3].text.isEmpty()); // empty text is the writer's call
    }

    void tsvAndMultiLabelCells()
    {
        ReaderOptions options;
        options.labelSeparator = QLatin1Char('|');
        const Read r = readAll(QStringLiteral("tsv"), "text\tlabels\nhas, comma\ta|b | c\nx\t\n", options);
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.records[0].text, QByteArray("has, comma"));
        QCOMPARE(r.records[0].labels, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QVERIFY(!r.records[1].hasLabels);
    }

    void csvWithoutTextColumnIsFatal()
    {
        const Read r = readAll(QStringLiteral("csv"), "body,label\na,b\n");
        QVERIFY(r.records.isEmpty());
        QVERIFY(r.fatal.contains(QStringLiteral("\"text\"")));
        QVERIFY(readAll(QStringLiteral("csv"), QByteArray()).fatal.contains(QStringLiteral("empty")));
    }

    void textLines()
    {
        const Read r = readAll(QStringLiteral("txt"), "\xEF\xBB\xBFone\r\ntwo, with comma\n\nlast 🙂");
        QCOMPARE(r.records.size(), 4);
        QCOMPARE(r.records[0].text, QByteArray("one"));
        QCOMPARE(r.records[1].text, QByteArray("two, with comma"));
        QVERIFY(r.records[2].text.isEmpty());
        QCOMPARE(r.records[3].line, 4);
        QCOMPARE(QString::fromUtf8(r.records[3].text), QStringLiteral("last 🙂"));
    }

    void detectsFormat_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::addRow("jsonl ext") << "a.jsonl" << QByteArray("whatever") << "jsonl";
        QTest::addRow("ndjson ext") << "a.NDJSON" << QByteArray("") << "jsonl";
        QTest::addRow("csv ext") << "a.csv" << QByteArray("{") << "csv";
        QTest::addRow("tsv ext") << "a.tsv" << QByteArray("") << "tsv";
        QTest::addRow("txt ext") << "a.txt" << QByteArray("{") << "txt";
        QTest::addRow("sniff json") << "data" << QByteArray("\xEF\xBB\xBF  {\"text\": 1}") << "jsonl";
        QTest::addRow("sniff tsv") << "data" << QByteArray("text\tlabel\na\tb") << "tsv";
        QTest::addRow("sniff csv") << "data" << QByteArray("text,label\na,b") << "csv";
        QTest::addRow("sniff txt") << "data" << QByteArray("just some words\nmore") << "txt";
    }

    void detectsFormat()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        QCOMPARE(FormatDetector::detect(path, head), format);
    }

    void rejectsOtherEncodings_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("expected");
        QTest::addRow("utf16le bom") << QByteArray("\xFF\xFEt\0e\0", 6) << "UTF-16";
        QTest::addRow("utf16be bom") << QByteArray("\xFE\xFF\0t\0e", 6) << "UTF-16";
        QTest::addRow("utf32le bom") << QByteArray("\xFF\xFE\0\0t\0\0\0", 8) << "UTF-32";
        QTest::addRow("nul bytes") << QByteArray("ok\nt\0e\0", 7) << "Line 2";
    }

    void rejectsOtherEncodings()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, expected);
        const Status s = FormatDetector::checkEncoding(head);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(expected), qPrintable(s.error()));
        QVERIFY(FormatDetector::checkEncoding("\xEF\xBB\xBF{\"text\": \"中文\"}\n"));
    }
};

QTEST_GUILESS_MAIN(TestReaders)
#include "tst_readers.moc"
