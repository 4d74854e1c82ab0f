// Other labeling tools' files: Label Studio (JSON, JSON-MIN, JSONL), Prodigy and doccano. Golden files in
// tests/data/toolformats follow each tool's documented examples; every one is imported, checked label by
// label, exported in its format and imported again to the same labels. The CLI runs the issue's two files.
#include "io/Exporter.h"
#include "io/FormatDetector.h"
#include "io/Importer.h"
#include "io/LineSource.h"
#include "io/RecordReader.h"
#include "store/ProjectStore.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

using namespace marginalia;

namespace {
QString golden(const char *name) { return QStringLiteral(MARGINALIA_TEST_DATA "/toolformats/") + QLatin1String(name); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QVector<ImportRecord> readAll(const QString &format, const QByteArray &bytes, ReaderOptions options = {},
                              QString *fatal = nullptr)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    LineSource source(buffer, 7); // a few bytes at a time: tasks span reads
    const auto reader = RecordReader::create(format, source, options);
    QVector<ImportRecord> out;
    ImportRecord record;
    while (reader && reader->next(record))
        out.push_back(record);
    if (fatal)
        *fatal = reader ? reader->fatalError() : QStringLiteral("no reader");
    return out;
}

// The UTF-16 span of `part` in `text`, as the store keeps spans.
Span spanOf(const QString &text, const QString &part, const QString &label)
{
    const int at = int(text.indexOf(part));
    return Span{at, at + int(part.size()), label};
}

// Everything a sample's labels are, as text: its current labels or spans and its rejected labels. Samples
// in text order, so that two projects compare whatever their ids.
QStringList labelsByText(const ProjectStore &store)
{
    QStringList out;
    const auto samples = store.annotatedSamples();
    if (!samples)
        return {QStringLiteral("error: ") + samples.error()};
    for (const AnnotatedSample &item : *samples) {
        QStringList parts{item.sample.text};
        if (item.isLabeled()) {
            QStringList labels = item.annotation->labels;
            labels.sort();
            parts << QStringLiteral("labels=") + labels.join(QLatin1Char(','));
            QStringList spans;
            for (const Span &s : item.annotation->spans)
                spans << QStringLiteral("%1-%2:%3").arg(s.start).arg(s.end).arg(s.label);
            parts << QStringLiteral("spans=") + spans.join(QLatin1Char(','));
        } else {
            parts << QStringLiteral("unlabeled");
        }
        const auto rejected = store.rejectedLabels(item.sample.id);
        parts << QStringLiteral("rejected=") + (rejected ? rejected->join(QLatin1Char(',')) : rejected.error());
        out << parts.join(QLatin1Char('|'));
    }
    out.sort();
    return out;
}

// Every row of the tables an import writes, for "nothing changed" checks.
QString dump(const ProjectStore &store)
{
    QString out;
    QSqlDatabase db = store.database();
    for (const char *table : {"labels", "samples", "annotations", "annotation_labels", "annotation_spans",
                              "label_rejections"}) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(QLatin1String(table)));
        while (q.next())
            for (int i = 0; i < q.record().count(); ++i)
                out += q.value(i).toString() + QLatin1Char(i + 1 < q.record().count() ? '|' : '\n');
    }
    return out;
}

const AnnotatedSample *byText(const QVector<AnnotatedSample> &samples, const QString &text)
{
    for (const AnnotatedSample &s : samples)
        if (s.sample.text == text)
            return &s;
    return nullptr;
}
} // namespace

class TestToolFormats : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    QString newPath(const QString &suffix) { return m_dir.filePath(QStringLiteral("f%1%2").arg(++m_counter).arg(suffix)); }

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

    static ImportOptions withFormat(const char *format, const char *textField = "text")
    {
        ImportOptions options;
        options.format = QLatin1String(format);
        options.textField = QLatin1String(textField);
        return options;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Label Studio's JSON export: two annotators of one task stay two versions, each with its annotator; a
    // cancelled annotation and a prediction are no labels; an image task and a textarea result are reported.
    void labelStudioExportKeepsAnnotators()
    {
        auto store = newProject(TaskType::TextCat);
        const auto summary = importFile(*store, golden("label-studio-sentiment.json"), ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 4);
        QCOMPARE(summary->labeled, 2);
        QCOMPARE(summary->skippedBad, 1);
        QCOMPARE(summary->problems.size(), 1);
        QVERIFY2(summary->problems[0].reason.startsWith(QLatin1String("task 5: an image task")),
                 qPrintable(summary->problems[0].reason));
        QCOMPARE(summary->problems[0].line, 62);
        QCOMPARE(summary->unused.size(), 1);
        QCOMPARE(summary->unused[0].what, QStringLiteral("result type \"textarea\""));
        QCOMPARE(summary->unused[0].count, 1);
        QCOMPARE(summary->unused[0].where, QVector<qint64>{3});
        QVERIFY(summary->unused[0].tasks);

        const auto samples = store->annotatedSamples();
        QVERIFY(samples);
        const AnnotatedSample *twice = byText(*samples, QStringLiteral("The delivery came a day early and the box was intact."));
        QVERIFY(twice && twice->isLabeled());
        QCOMPARE(twice->annotation->labels, QStringList{QStringLiteral("Neutral")});
        QCOMPARE(twice->sample.externalId, QStringLiteral("1"));
        const auto history = store->annotationHistory(twice->sample.id);
        QVERIFY(history);
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(0).annotator, QStringLiteral("1"));
        QCOMPARE(history->at(0).labels, QStringList{QStringLiteral("Positive")});
        QCOMPARE(history->at(1).annotator, QStringLiteral("reviewer@example.com"));
        QCOMPARE(history->at(1).source, AnnotationSource::Imported);
        // The other data field and the model's suggestion are kept, not labeled.
        const QJsonObject meta = QJsonDocument::fromJson(twice->sample.metaJson.toUtf8()).object();
        QCOMPARE(meta.value(QLatin1String("data")).toObject().value(QLatin1String("channel")).toString(),
                 QStringLiteral("email"));
        QCOMPARE(meta.value(QLatin1String("predictions")).toArray().size(), 1);

        const AnnotatedSample *cancelled = byText(*samples, QStringLiteral("Nobody picked up the phone."));
        QVERIFY(cancelled && !cancelled->isLabeled());
        const AnnotatedSample *predicted = byText(*samples, QStringLiteral("Only a model has seen this one."));
        QVERIFY(predicted && !predicted->isLabeled());
        QVERIFY(predicted->sample.metaJson.contains(QLatin1String("\"predictions\"")));
        const AnnotatedSample *withTextarea = byText(*samples, QStringLiteral("Refund took three weeks."));
        QVERIFY(withTextarea && withTextarea->isLabeled());
        QCOMPARE(withTextarea->annotation->labels, QStringList{QStringLiteral("Negative")});
        // The prediction's "Negative" of task 1 never became a label anywhere.
        const auto history1 = store->annotationHistory(twice->sample.id);
        for (const Annotation &a : *history1)
            QVERIFY(!a.labels.contains(QStringLiteral("Negative")));
    }

    // Spans in code points, and (exports of older Label Studio versions) in UTF-16 units, told apart by the text.
    void labelStudioSpansInEitherUnit()
    {
        auto store = newProject(TaskType::Ner);
        const auto summary = importFile(*store, golden("label-studio-ner.json"), ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 2);
        QCOMPARE(summary->skippedBad, 0);
        const auto samples = store->annotatedSamples();
        QVERIFY(samples);
        const QString paris = QStringLiteral("Alice flew to Paris 🛫 on Monday.");
        const AnnotatedSample *first = byText(*samples, paris);
        QVERIFY(first && first->isLabeled());
        QCOMPARE(first->annotation->spans,
                 (QVector<Span>{spanOf(paris, QStringLiteral("Alice"), QStringLiteral("PER")),
                                spanOf(paris, QStringLiteral("Paris"), QStringLiteral("LOC")),
                                spanOf(paris, QStringLiteral("Monday"), QStringLiteral("DATE"))}));
        const QString carol = QStringLiteral("😀 Bob met 😀 Carol.");
        const AnnotatedSample *second = byText(*samples, carol);
        QVERIFY(second && second->isLabeled());
        QCOMPARE(second->annotation->spans, (QVector<Span>{spanOf(carol, QStringLiteral("Bob"), QStringLiteral("PER")),
                                                           spanOf(carol, QStringLiteral("Carol"), QStringLiteral("PER"))}));
    }

    // A text may begin with U+FEFF (a byte order mark inside the JSON string): it is a character of the stored
    // text, and the spans of every reader count it.
    void spansAfterALeadingByteOrderMark()
    {
        auto store = newProject(TaskType::Ner);
        const QString spans = writeFile(R"({"text":"﻿Ann met Bo","spans":[{"start":1,"end":4,"label":"PER"}]}
)",
                                        QStringLiteral(".jsonl"));
        const QString studio = writeFile(
            R"([{"data":{"text":"﻿Bo met Cy"},"annotations":[{"result":[{"type":"labels","value":{"start":1,"end":3,"text":"Bo","labels":["PER"]}}]}]}])",
            QStringLiteral(".json"));
        const QString prodigy = writeFile(R"({"text":"﻿Cy met Di","spans":[{"start":1,"end":3,"label":"PER"}],"answer":"accept"}
)",
                                          QStringLiteral(".jsonl"));
        for (const QString &file : {spans, studio, prodigy}) {
            const auto summary = importFile(*store, file, ImportOptions{});
            QVERIFY2(summary, qPrintable(summary.error()));
            QVERIFY2(summary->problems.isEmpty(), qPrintable(summary->problems.value(0).reason));
            QCOMPARE(summary->labeled, 1);
        }
        const QChar bom(0xfeff);
        QCOMPARE(labelsByText(*store),
                 (QStringList{bom + QStringLiteral("Ann met Bo|labels=|spans=1-4:PER|rejected="),
                              bom + QStringLiteral("Bo met Cy|labels=|spans=1-3:PER|rejected="),
                              bom + QStringLiteral("Cy met Di|labels=|spans=1-3:PER|rejected=")}));
    }

    void labelStudioSpanOffTheText()
    {
        ReaderOptions options;
        options.readTokens = true;
        const auto records = readAll(
            QStringLiteral("label-studio"),
            R"([{"data":{"text":"Ann met Bo"},"annotations":[{"result":[{"type":"labels","value":{"start":0,"end":3,"text":"Bo","labels":["PER"]}}]}]}])",
            options);
        QCOMPARE(records.size(), 1);
        QVERIFY2(records[0].error.startsWith(QStringLiteral("task 1: annotation 1: span 1 (0–3, PER) does not cover")),
                 qPrintable(records[0].error));
    }

    // JSON-MIN: a row per annotation, the rows of one task together; results under their control's name.
    void labelStudioMinJoinsRowsOfOneTask()
    {
        auto store = newProject(TaskType::TextCat);
        const auto summary = importFile(*store, golden("label-studio-min.json"), ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 3);
        QCOMPARE(summary->labeled, 2);
        const auto samples = store->annotatedSamples();
        const AnnotatedSample *battery = byText(*samples, QStringLiteral("Great battery life."));
        QVERIFY(battery);
        const auto history = store->annotationHistory(battery->sample.id);
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(0).annotator, QStringLiteral("ann@example.com"));
        QCOMPARE(history->at(1).annotator, QStringLiteral("bo@example.com"));
        QCOMPARE(battery->annotation->labels, QStringList{QStringLiteral("Neutral")});
        const AnnotatedSample *cracked = byText(*samples, QStringLiteral("Screen cracked in a week."));
        QCOMPARE(cracked->annotation->labels, QStringList{QStringLiteral("Negative")});
        const AnnotatedSample *open = byText(*samples, QStringLiteral("Not labeled yet."));
        QVERIFY(open && !open->isLabeled());
        QVERIFY(open->sample.metaJson.contains(QLatin1String("forum")));
    }

    // A JSON-MIN string under another control's name is a data field unless --label-field names it.
    void labelStudioMinLabelField()
    {
        const QByteArray row = R"([{"id": 5, "text": "Cup final tonight", "topic": "sports", "annotator": "a@x.org"}])";
        const auto plain = readAll(QStringLiteral("label-studio"), row);
        QCOMPARE(plain.size(), 1);
        QVERIFY(!plain[0].hasLabels);
        QCOMPARE(plain[0].metaJson, QByteArray(R"({"data":{"topic":"sports"}})"));
        ReaderOptions named;
        named.labelField = QStringLiteral("topic");
        const auto labeled = readAll(QStringLiteral("label-studio"), row, named);
        QCOMPARE(labeled.size(), 1);
        QCOMPARE(labeled[0].labels, QStringList{QStringLiteral("sports")});
        QCOMPARE(labeled[0].annotator, QStringLiteral("a@x.org"));
        QVERIFY(labeled[0].metaJson.isEmpty());
    }

    void labelStudioJsonlWithAnotherTextField()
    {
        auto store = newProject(TaskType::TextCat);
        const auto wrongField = importFile(*store, golden("label-studio-tasks.jsonl"), ImportOptions{});
        QVERIFY(wrongField);
        QCOMPARE(wrongField->imported, 0);
        QVERIFY2(wrongField->problems.value(0).reason.contains(QLatin1String("(it has: review)")),
                 qPrintable(wrongField->problems.value(0).reason));
        const auto summary = importFile(*store, golden("label-studio-tasks.jsonl"), withFormat("label-studio", "review"));
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->labeled, 2);
        QCOMPARE(labelsByText(*store),
                 (QStringList{QStringLiteral("Arrived broken.|labels=Negative|spans=|rejected="),
                              QStringLiteral("Five stars, would buy again.|labels=Positive|spans=|rejected=")}));
    }

    // The array is split without parsing it whole: one line or many, the same tasks; a broken array says where.
    void labelStudioArrayLayouts()
    {
        const QByteArray pretty = readFile(golden("label-studio-sentiment.json"));
        QJsonDocument doc = QJsonDocument::fromJson(pretty);
        QVERIFY(doc.isArray());
        const QByteArray oneLine = doc.toJson(QJsonDocument::Compact);
        const auto a = readAll(QStringLiteral("label-studio"), pretty);
        const auto b = readAll(QStringLiteral("label-studio"), oneLine);
        QCOMPARE(a.size(), 5);
        QCOMPARE(b.size(), 5);
        for (int i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].task, qint64(i + 1));
            QCOMPARE(b[i].task, qint64(i + 1));
            QCOMPARE(b[i].line, qint64(1));
            QCOMPARE(a[i].text, b[i].text);
            QCOMPARE(a[i].labels, b[i].labels);
            QCOMPARE(a[i].earlier.size(), b[i].earlier.size());
        }
        QCOMPARE(a[0].line, qint64(2));

        QString fatal;
        auto cut = readAll(QStringLiteral("label-studio"), oneLine.left(oneLine.size() - 1), {}, &fatal);
        QCOMPARE(cut.size(), 5);
        QVERIFY2(fatal.contains(QLatin1String("not closed")), qPrintable(fatal));
        cut = readAll(QStringLiteral("label-studio"), oneLine.left(oneLine.size() / 2), {}, &fatal);
        QVERIFY2(fatal.contains(QLatin1String("ends inside element")), qPrintable(fatal));
        const auto junk = readAll(QStringLiteral("label-studio"),
                                  R"([{"data":{"text":"a"}} {"data":{"text":"b"}}])", {}, &fatal);
        QCOMPARE(junk.size(), 1);
        QVERIFY2(fatal.contains(QLatin1String("expected \",\" or \"]\" after element 1")), qPrintable(fatal));
        const auto trailing = readAll(QStringLiteral("label-studio"), R"([{"data":{"text":"a"}},])", {}, &fatal);
        QVERIFY2(fatal.contains(QLatin1String("comma before")), qPrintable(fatal));
        // A broken task is that task's problem; the next one reads.
        const auto broken = readAll(QStringLiteral("label-studio"),
                                    "[{\"data\":{\"text\":\"a\",}},\n\"x\",\n{\"data\":{\"text\":\"b \\\"]\\\" }\"}}]", {},
                                    &fatal);
        QVERIFY2(fatal.isEmpty(), qPrintable(fatal));
        QCOMPARE(broken.size(), 3);
        QVERIFY(broken[0].error.startsWith(QLatin1String("task 1: invalid JSON")));
        QCOMPARE(broken[1].error, QStringLiteral("task 2: the task is a string, not an object"));
        QCOMPARE(broken[2].text, QByteArray("b \"]\" }"));
        QCOMPARE(broken[2].line, qint64(3));
        QVERIFY(readAll(QStringLiteral("label-studio"), "[]").isEmpty());
        QVERIFY(readAll(QStringLiteral("label-studio"), "  \n").isEmpty());
    }

    // The issue's file: a rejected label does not apply. Single-label: the sample stays unlabeled and the
    // reject is recorded; multiple choice takes the accepted option; consecutive answers to one input join.
    void prodigyRejectIsNoLabel()
    {
        auto store = newProject(TaskType::TextCat);
        const auto summary = importFile(*store, golden("prodigy-textcat.jsonl"), ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 5);
        QCOMPARE(summary->labeled, 3);
        QCOMPARE(summary->rejections, 2);
        QCOMPARE(labelsByText(*store),
                 (QStringList{QStringLiteral("A slow start, then brilliant|labels=positive|spans=|rejected=negative"),
                              QStringLiteral("I loved every minute of it|labels=positive|spans=|rejected="),
                              QStringLiteral("It was fine, I suppose|labels=neutral|spans=|rejected="),
                              QStringLiteral("The plot made no sense at all|unlabeled|rejected=positive"),
                              QStringLiteral("Watched it twice|unlabeled|rejected=")}));
        const auto samples = store->annotatedSamples();
        const AnnotatedSample *loved = byText(*samples, QStringLiteral("I loved every minute of it"));
        QCOMPARE(loved->annotation->annotator, QStringLiteral("reviews-alex"));
        const QJsonObject meta = QJsonDocument::fromJson(loved->sample.metaJson.toUtf8()).object();
        QCOMPARE(meta.value(QLatin1String("_input_hash")).toInteger(), 1841017412);
        QCOMPARE(meta.value(QLatin1String("_task_hash")).toInteger(), -1210385426);
        QCOMPARE(meta.value(QLatin1String("source")).toString(), QStringLiteral("imdb"));
        const AnnotatedSample *plot = byText(*samples, QStringLiteral("The plot made no sense at all"));
        const auto rejections = store->rejections(plot->sample.id);
        QVERIFY(rejections);
        QCOMPARE(rejections->size(), 1);
        QCOMPARE(rejections->at(0).annotator, QStringLiteral("reviews-alex"));
        QCOMPARE(rejections->at(0).source, AnnotationSource::Imported);
    }

    // Named plain JSONL, a Prodigy file would turn each reject into its label: those lines are refused instead.
    void prodigyAnswersAsPlainJsonlAreRefused()
    {
        auto store = newProject(TaskType::TextCat);
        const auto summary = importFile(*store, golden("prodigy-textcat.jsonl"), withFormat("jsonl"));
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->skippedBad, 3);
        QCOMPARE(summary->problems.value(0).line, 2);
        QCOMPARE(summary->problems.value(0).reason,
                 QStringLiteral("a Prodigy answer (\"answer\": \"reject\"); import the file with --format prodigy"));
        for (const QString &line : labelsByText(*store))
            QVERIFY2(!line.startsWith(QLatin1String("The plot made no sense")), qPrintable(line));
    }

    // Answers to one input that are not next to each other: the later ones come with a duplicate text, which is
    // skipped, and the summary says that labels went with it.
    void prodigyScatteredAnswersAreReported()
    {
        auto store = newProject(TaskType::TextCat);
        const QString file = writeFile(R"({"text": "Fine", "label": "ok", "answer": "accept", "_annotator_id": "a"}
{"text": "Other", "answer": "ignore"}
{"text": "Fine", "label": "bad", "answer": "reject", "_annotator_id": "b"}
{"text": "Other", "answer": "ignore"}
)",
                                       QStringLiteral(".jsonl"));
        const auto summary = importFile(*store, file, ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->duplicates, 2);
        QCOMPARE(summary->unused.size(), 1);
        QCOMPARE(summary->unused[0].what, QStringLiteral("labels of a text imported before (skipped with the duplicate text)"));
        QCOMPARE(summary->unused[0].where, QVector<qint64>{3}); // the unlabeled duplicate on line 4 lost nothing
    }

    // Multi-label: a reject is a known negative beside the accepted labels.
    void prodigyRejectInMultiLabelIsANegative()
    {
        auto store = newProject(TaskType::MultiLabel);
        const QString file = writeFile(R"({"text": "Fast and cheap", "label": "fast", "answer": "accept"}
{"text": "Fast and cheap", "label": "cheap", "answer": "accept"}
{"text": "Fast and cheap", "label": "durable", "answer": "reject"}
{"text": "Fragile", "label": "durable", "answer": "reject"}
)",
                                       QStringLiteral(".jsonl"));
        const auto summary = importFile(*store, file, ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(labelsByText(*store),
                 (QStringList{QStringLiteral("Fast and cheap|labels=cheap,fast|spans=|rejected=durable"),
                              QStringLiteral("Fragile|unlabeled|rejected=durable")}));
    }

    void prodigySpans()
    {
        auto store = newProject(TaskType::Ner);
        const auto summary = importFile(*store, golden("prodigy-ner.jsonl"), ImportOptions{});
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 3);
        QCOMPARE(summary->labeled, 2);
        QCOMPARE(summary->unused.size(), 1);
        QVERIFY(summary->unused[0].what.startsWith(QLatin1String("rejected spans")));
        QCOMPARE(summary->unused[0].where, QVector<qint64>{2});
        QVERIFY(!summary->unused[0].tasks);
        const QString apple = QStringLiteral("Apple is opening an office in Berlin");
        QCOMPARE(labelsByText(*store),
                 (QStringList{QStringLiteral("%1|labels=|spans=0-5:ORG,30-36:GPE|rejected=").arg(apple),
                              QStringLiteral("Nothing to see here|labels=|spans=|rejected="),
                              QStringLiteral("Smith visited Rome|unlabeled|rejected=")}));
    }

    void prodigyBadAnswers_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error");
        QTest::addRow("unknown answer") << QByteArray(R"({"text":"a","label":"x","answer":"maybe"})")
                                        << "\"answer\" is \"maybe\"; Prodigy answers are \"accept\", \"reject\" or \"ignore\"";
        QTest::addRow("accept outside options")
            << QByteArray(R"({"text":"a","options":[{"id":"x"}],"accept":["y"],"answer":"accept"})")
            << "\"accept\" holds \"y\", which is no option's id";
        QTest::addRow("no text") << QByteArray(R"({"label":"x","answer":"accept"})") << "no \"text\" field";
        QTest::addRow("image") << QByteArray(R"({"image":"cat.jpg","label":"x","answer":"accept"})")
                               << "an image task (\"image\": \"cat.jpg\"); images cannot be labeled yet, and this "
                                  "project holds text";
    }

    void prodigyBadAnswers()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        const auto records = readAll(QStringLiteral("prodigy"), line);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].error, error);
    }

    void doccanoFiles()
    {
        auto classes = newProject(TaskType::MultiLabel);
        auto summary = importFile(*classes, golden("doccano-classification.jsonl"), withFormat("doccano"));
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(labelsByText(*classes),
                 (QStringList{QStringLiteral("Great price.|unlabeled|rejected="),
                              QStringLiteral("Really great transaction.|labels=positive|spans=|rejected="),
                              QStringLiteral("Terrible customer service.|labels=negative|spans=|rejected=")}));
        auto spans = newProject(TaskType::Ner);
        summary = importFile(*spans, golden("doccano-ner.jsonl"), withFormat("doccano"));
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->imported, 3);
        QCOMPARE(summary->labeled, 2);
        QCOMPARE(labelsByText(*spans),
                 (QStringList{QStringLiteral("EU rejects German call to boycott British lamb.|labels=|spans=0-2:ORG,"
                                             "11-17:MISC,34-41:MISC|rejected="),
                              QStringLiteral("No entities were marked.|unlabeled|rejected="),
                              QStringLiteral("Peter Blackburn|labels=|spans=0-15:PERSON|rejected=")}));
    }

    void detectsTheFormats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addRow("ls json") << "label-studio-sentiment.json" << "label-studio";
        QTest::addRow("ls json one line") << "label-studio-ner.json" << "label-studio";
        QTest::addRow("ls json-min") << "label-studio-min.json" << "label-studio";
        QTest::addRow("ls jsonl") << "label-studio-tasks.jsonl" << "label-studio";
        QTest::addRow("prodigy") << "prodigy-textcat.jsonl" << "prodigy";
        QTest::addRow("prodigy ner") << "prodigy-ner.jsonl" << "prodigy";
        QTest::addRow("doccano reads as jsonl") << "doccano-classification.jsonl" << "jsonl";
    }

    void detectsTheFormats()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        const QString path = golden(file.toUtf8().constData());
        QCOMPARE(FormatDetector::detect(path, readFile(path).left(64 * 1024)), format);
        QCOMPARE(FormatDetector::detect(QStringLiteral("noext"), readFile(path).left(64 * 1024)), format);
    }

    // --strict: anything the project cannot use, or a label outside its label set, stops the import and
    // leaves the project as it was.
    void strictStopsAtUnusableParts()
    {
        auto store = newProject(TaskType::TextCat,
                                {QStringLiteral("Positive"), QStringLiteral("Neutral"), QStringLiteral("Negative")});
        const QString before = dump(*store);
        ImportOptions strict;
        strict.strict = true;
        auto failed = importFile(*store, golden("label-studio-sentiment.json"), strict);
        QVERIFY(!failed);
        QCOMPARE(failed.error(), QStringLiteral("Line 42 (task 3): result type \"textarea\" cannot be used. Nothing was "
                                                "imported (strict mode)."));
        QCOMPARE(dump(*store), before);

        const QString image = writeFile(R"([{"data":{"text":"ok"}},{"data":{"image":"a.png"}}])", QStringLiteral(".json"));
        failed = importFile(*store, image, strict);
        QVERIFY(!failed);
        QVERIFY2(failed.error().startsWith(QLatin1String("Line 1: task 2: an image task")), qPrintable(failed.error()));
        QCOMPARE(dump(*store), before);

        const QString outside = writeFile(R"({"text":"fine","label":"Mixed","answer":"accept"}
)",
                                          QStringLiteral(".jsonl"));
        failed = importFile(*store, outside, strict);
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QLatin1String("the label \"Mixed\" is not in the project's label set")),
                 qPrintable(failed.error()));
        QCOMPARE(dump(*store), before);
        // Without --strict the label joins the set, as in every other format.
        const auto lenient = importFile(*store, outside, ImportOptions{});
        QVERIFY(lenient);
        QCOMPARE(lenient->addedLabels, QStringList{QStringLiteral("Mixed")});
    }

    // The bulk path (one transaction, ids given by the writer) stores versions and rejections as the batched
    // path does.
    void bulkPathWritesTheSame()
    {
        for (const char *file : {"prodigy-textcat.jsonl", "label-studio-sentiment.json", "label-studio-min.json"}) {
            auto batched = newProject(TaskType::TextCat);
            auto bulk = newProject(TaskType::TextCat);
            ImportOptions options;
            options.bulkMinRows = 0;
            const auto a = importFile(*batched, golden(file), options);
            options.bulkMinRows = 1;
            const auto b = importFile(*bulk, golden(file), options);
            QVERIFY(a && b);
            QVERIFY(!a->bulk);
            QVERIFY2(b->bulk, file);
            QCOMPARE(labelsByText(*bulk), labelsByText(*batched));
            QCOMPARE(b->rejections, a->rejections);
            const auto all = bulk->annotatedSamples();
            for (const AnnotatedSample &item : *all) {
                const auto history = bulk->annotationHistory(item.sample.id);
                const auto same = batched->annotatedSamples();
                const AnnotatedSample *twin = byText(*same, item.sample.text);
                QVERIFY(twin);
                const auto twinHistory = batched->annotationHistory(twin->sample.id);
                QCOMPARE(history->size(), twinHistory->size());
                for (int i = 0; i < history->size(); ++i)
                    QCOMPARE(history->at(i).annotator, twinHistory->at(i).annotator);
            }
        }
    }

    // import -> export -> import gives the same labels, spans and rejections, in every format and task.
    void roundTrips_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("importFormat");
        QTest::addColumn<int>("task");
        QTest::addColumn<QString>("format");
        const auto add = [](const char *file, const char *in, TaskType task) {
            for (const char *out : {"label-studio", "prodigy", "doccano"})
                QTest::addRow("%s as %s", file, out) << QString::fromLatin1(file) << QString::fromLatin1(in) << int(task)
                                                     << QString::fromLatin1(out);
        };
        add("label-studio-sentiment.json", "auto", TaskType::TextCat);
        add("label-studio-min.json", "auto", TaskType::TextCat);
        add("prodigy-textcat.jsonl", "auto", TaskType::TextCat);
        add("doccano-classification.jsonl", "doccano", TaskType::MultiLabel);
        add("label-studio-ner.json", "auto", TaskType::Ner);
        add("prodigy-ner.jsonl", "auto", TaskType::Ner);
        add("doccano-ner.jsonl", "doccano", TaskType::Ner);
    }

    void roundTrips()
    {
        QFETCH(QString, file);
        QFETCH(QString, importFormat);
        QFETCH(int, task);
        QFETCH(QString, format);
        auto first = newProject(TaskType(task));
        ImportOptions in;
        in.format = importFormat;
        QVERIFY(importFile(*first, golden(file.toUtf8().constData()), in));
        const QStringList expected = labelsByText(*first);
        QVERIFY(expected.size() >= 2);

        ExportOptions out;
        out.format = format;
        out.includeUnlabeled = true;
        out.withMeta = true;
        const QString exported = newPath(QStringLiteral(".out"));
        const auto written = exportProject(*first, exported, out);
        QVERIFY2(written, qPrintable(written.error()));

        auto second = newProject(TaskType(task));
        in.format = format; // doccano's JSONL looks like plain JSONL: named, as a user would
        const auto again = importFile(*second, exported, in);
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->skippedBad, 0);
        QStringList got = labelsByText(*second);
        QStringList want = expected;
        if (format != QLatin1String("prodigy")) {
            // Only Prodigy's format has rejected answers, and an accepted answer without labels ("no entities"):
            // Label Studio's empty result and doccano's empty list mean nobody labeled the text.
            for (QString &line : want) {
                line = line.left(line.lastIndexOf(QLatin1String("|rejected="))) + QStringLiteral("|rejected=");
                line.replace(QLatin1String("|labels=|spans=|"), QLatin1String("|unlabeled|"));
            }
        }
        QCOMPARE(got, want);
        // The meta each format keeps comes back too: Label Studio's other data fields, Prodigy's hashes; the
        // samples' ids in the formats that have ids.
        const auto before = first->annotatedSamples();
        const auto after = second->annotatedSamples();
        for (const AnnotatedSample &item : *before) {
            const AnnotatedSample *twin = byText(*after, item.sample.text);
            QVERIFY(twin);
            if (format != QLatin1String("prodigy"))
                QCOMPARE(twin->sample.externalId, item.sample.externalId);
            if (format == QLatin1String("prodigy") && item.sample.metaJson.contains(QLatin1String("_input_hash")))
                QVERIFY(twin->sample.metaJson.contains(QLatin1String("_input_hash")));
            if (format == QLatin1String("label-studio") && item.sample.metaJson.contains(QLatin1String("\"data\"")))
                QCOMPARE(QJsonDocument::fromJson(twin->sample.metaJson.toUtf8()).object().value(QLatin1String("data")),
                         QJsonDocument::fromJson(item.sample.metaJson.toUtf8()).object().value(QLatin1String("data")));
        }
    }

    // What each format writes, byte for byte, for a small project of each task.
    void exportGolden_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        for (const char *format : {"label-studio", "prodigy", "doccano"}) {
            QTest::addRow("textcat %s", format) << int(TaskType::TextCat) << QString::fromLatin1(format)
                                                << QStringLiteral("expected-textcat.%1").arg(QLatin1String(format));
            QTest::addRow("multilabel %s", format) << int(TaskType::MultiLabel) << QString::fromLatin1(format)
                                                   << QStringLiteral("expected-multilabel.%1").arg(QLatin1String(format));
            QTest::addRow("ner %s", format) << int(TaskType::Ner) << QString::fromLatin1(format)
                                            << QStringLiteral("expected-ner.%1").arg(QLatin1String(format));
        }
    }

    void exportGolden()
    {
        QFETCH(int, task);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        auto store = newProject(TaskType(task), {QStringLiteral("good"), QStringLiteral("bad"), QStringLiteral("ORG")});
        const QString emoji = QStringLiteral("😀 Acme \"rocks\"");
        Sample a;
        a.text = emoji;
        a.externalId = QStringLiteral("7");
        Sample b;
        b.text = QStringLiteral("second\nline");
        b.externalId = QStringLiteral("x-2");
        b.metaJson = QStringLiteral(R"({"_input_hash":5,"source":"web"})");
        Sample c;
        c.text = QStringLiteral("never labeled");
        const auto idA = store->addSample(a);
        const auto idB = store->addSample(b);
        QVERIFY(idA && *idA && idB && *idB && store->addSample(c));
        AnnotationInput label;
        label.annotator = QStringLiteral("alex");
        if (TaskType(task) == TaskType::Ner)
            label.spans = {spanOf(emoji, QStringLiteral("Acme"), QStringLiteral("ORG"))};
        else if (TaskType(task) == TaskType::MultiLabel)
            label.labels = {QStringLiteral("good"), QStringLiteral("ORG")};
        else
            label.labels = {QStringLiteral("good")};
        QVERIFY(store->annotate(**idA, label));
        RejectionInput no;
        no.label = QStringLiteral("bad");
        QVERIFY(store->rejectLabel(**idB, no));
        ExportOptions options;
        options.format = format;
        options.withMeta = true;
        options.includeUnlabeled = true;
        const QString out = newPath(QStringLiteral(".out"));
        const auto written = exportProject(*store, out, options);
        QVERIFY2(written, qPrintable(written.error()));
        const QByteArray got = readFile(out);
        const QString path = QStringLiteral(MARGINALIA_TEST_DATA "/toolformats/") + expected;
        if (qEnvironmentVariableIsSet("MARGINALIA_WRITE_GOLDEN")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(got) == got.size());
        }
        QCOMPARE(QString::fromUtf8(got), QString::fromUtf8(readFile(path)));
    }

    // The two files of the issue, as a user runs them: the Label Studio array imports, the Prodigy reject is
    // no label; --strict stops with status 2; export --format re-imports to the same labels.
    void commandLine()
    {
        const QString project = newPath(QStringLiteral(".marginalia"));
        const auto run = [](const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr) {
            QProcess p;
            p.start(QStringLiteral(MARGINALIA_BINARY), args);
            p.waitForFinished(120000);
            if (out)
                *out = p.readAllStandardOutput();
            if (err)
                *err = p.readAllStandardError();
            return p.exitCode();
        };
        QCOMPARE(run({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("textcat")}), 0);
        QByteArray out, err;
        QCOMPARE(run({QStringLiteral("import"), project, golden("label-studio-sentiment.json"), QStringLiteral("--strict")},
                     &out, &err),
                 2);
        QVERIFY2(err.contains("Line 42 (task 3): result type \"textarea\" cannot be used"), err.constData());
        QCOMPARE(run({QStringLiteral("import"), project, golden("label-studio-sentiment.json")}, &out, &err), 0);
        QVERIFY2(out.startsWith("imported 4, skipped 1 bad, 0 duplicates (2 labeled"), out.constData());
        QVERIFY2(err.contains("not used: result type \"textarea\", 1 time(s) (tasks 3)"), err.constData());
        QCOMPARE(run({QStringLiteral("import"), project, golden("prodigy-textcat.jsonl")}, &out, &err), 0);
        QVERIFY2(out.contains("2 rejected label(s) recorded"), out.constData());
        for (const char *format : {"label-studio", "prodigy", "doccano"}) {
            const QString exported = newPath(QStringLiteral(".out"));
            QCOMPARE(run({QStringLiteral("export"), project, exported, QStringLiteral("--format"), QLatin1String(format)}),
                     0);
            const QString copy = newPath(QStringLiteral(".marginalia"));
            QCOMPARE(run({QStringLiteral("new"), copy, QStringLiteral("--task"), QStringLiteral("textcat")}), 0);
            QCOMPARE(run({QStringLiteral("import"), copy, exported, QStringLiteral("--format"), QLatin1String(format)},
                         &out, &err),
                     0);
            auto original = ProjectStore::open(project);
            auto reimported = ProjectStore::open(copy);
            QVERIFY(original && reimported);
            // Only labeled samples (and, in Prodigy's format, rejected ones) are exported without
            // --include-unlabeled; compare those.
            QStringList want;
            for (const QString &line : labelsByText(**original)) {
                const bool rejected = !line.endsWith(QLatin1String("|rejected="));
                if (line.contains(QLatin1String("|unlabeled|")) && !(rejected && QLatin1String(format) == QLatin1String("prodigy")))
                    continue;
                want << (QLatin1String(format) == QLatin1String("prodigy") ? line
                         : line.left(line.lastIndexOf(QLatin1String("|rejected="))) + QStringLiteral("|rejected="));
            }
            QCOMPARE(labelsByText(**reimported), want);
        }
    }
};

QTEST_GUILESS_MAIN(TestToolFormats)
#include "tst_toolformats.moc"
