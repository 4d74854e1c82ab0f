// Image projects in and out: importing image folders and lists of image paths (within limits, bad files
// reported by path, strict mode), paths relative to the project with a hash of the bytes (a moved or changed image
// is reported, never read as the labeled one), embedding, and exports as JSONL/CSV and image-folder trees.
#include "io/Exporter.h"
#include "io/ImageImporter.h"
#include "io/Importer.h"
#include "store/ContentHash.h"
#include "store/ProjectStore.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>

using namespace marginalia;

namespace {

// A small picture that differs by `seed`, so no two are duplicates.
QImage picture(int seed, bool colour = false)
{
    QImage image(10, 10, QImage::Format_RGB32);
    for (int y = 0; y < 10; ++y)
        for (int x = 0; x < 10; ++x) {
            const int v = (x * 17 + y * 31 + seed * 53) % 256;
            image.setPixel(x, y, colour ? qRgb(v, 255 - v, (v * 7) % 256) : qRgb(v, v, v));
        }
    return image;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// dir/cat (3 images), dir/dog (2), two unlabeled images directly in dir, a text file and a truncated PNG.
void writeFolder(const QString &dir)
{
    QDir().mkpath(dir + QStringLiteral("/cat"));
    QDir().mkpath(dir + QStringLiteral("/dog"));
    int seed = 0;
    for (int i = 0; i < 3; ++i)
        QVERIFY(picture(++seed).save(dir + QStringLiteral("/cat/c%1.png").arg(i)));
    for (int i = 0; i < 2; ++i)
        QVERIFY(picture(++seed, true).save(dir + QStringLiteral("/dog/d%1.png").arg(i)));
    for (int i = 0; i < 2; ++i)
        QVERIFY(picture(++seed).save(dir + QStringLiteral("/u%1.png").arg(i)));
    writeFile(dir + QStringLiteral("/notes.txt"), "not an image\n");
    QVERIFY(picture(++seed).save(dir + QStringLiteral("/cut.png")));
    const QByteArray whole = fileBytes(dir + QStringLiteral("/cut.png"));
    writeFile(dir + QStringLiteral("/cut.png"), whole.left(whole.size() / 2));
}

std::unique_ptr<ProjectStore> newImageProject(const QString &path)
{
    auto store = ProjectStore::create(path, TaskType::Image);
    return store ? std::move(*store) : nullptr;
}

QHash<QString, QString> labelsByPath(const ProjectStore &store)
{
    QHash<QString, QString> out;
    const auto samples = store.annotatedSamples();
    for (const AnnotatedSample &a : *samples)
        out.insert(a.sample.text, a.isLabeled() ? a.annotation->labels.value(0) : QString());
    return out;
}

QHash<QByteArray, QString> labelsByContent(const ProjectStore &store)
{
    QHash<QByteArray, QString> out;
    const auto samples = store.annotatedSamples();
    for (const AnnotatedSample &a : *samples) {
        const auto bytes = store.imageBytes(a.sample.id);
        if (bytes)
            out.insert(sha256(*bytes), a.isLabeled() ? a.annotation->labels.value(0) : QString());
    }
    return out;
}

int runCli(const QStringList &args, QByteArray *output = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(MARGINALIA_BINARY), args);
    if (!p.waitForFinished(60000))
        return -1;
    if (output)
        *output = p.readAllStandardOutput() + p.readAllStandardError();
    return p.exitCode();
}

} // namespace

class TestImageIo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void folderImportKeepsRelativePathsAndHashes()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("images"));
        writeFolder(images);
        // The project lives inside the image folder: its own files must not be read as images.
        auto store = newImageProject(images + QStringLiteral("/project.marginalia"));
        QVERIFY(store);
        const auto summary = importImages(*store, images, {});
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error()));
        QCOMPARE(summary->imported, qint64(7));
        QCOMPARE(summary->labeled, qint64(5));
        QCOMPARE(summary->skippedBad, qint64(2));
        QCOMPARE(summary->addedLabels, (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
        QStringList reasons;
        for (const ImportProblem &p : summary->problems)
            reasons << p.reason;
        QVERIFY2(reasons.join(QLatin1Char('\n')).contains(QStringLiteral("notes.txt")), qPrintable(reasons.join('\n')));
        QVERIFY2(reasons.join(QLatin1Char('\n')).contains(QStringLiteral("cut.png")), qPrintable(reasons.join('\n')));

        const QHash<QString, QString> labels = labelsByPath(*store);
        QCOMPARE(labels.value(QStringLiteral("cat/c0.png")), QStringLiteral("cat"));
        QCOMPARE(labels.value(QStringLiteral("dog/d1.png")), QStringLiteral("dog"));
        QVERIFY(labels.contains(QStringLiteral("u0.png")));
        QCOMPARE(labels.value(QStringLiteral("u0.png")), QString());
        const auto ids = store->sampleIds();
        for (qint64 id : *ids) {
            const auto sample = store->sample(id);
            const auto bytes = store->imageBytes(id);
            QVERIFY2(bytes, qPrintable(bytes ? QString() : bytes.error()));
            QCOMPARE(*bytes, fileBytes(images + QLatin1Char('/') + sample->text));
        }

        // Importing the same folder again finds every image already there.
        const auto again = importImages(*store, images, {});
        QVERIFY(again);
        QCOMPARE(again->imported, qint64(0));
        QCOMPARE(again->duplicates, qint64(7));
    }

    void strictImportStopsWithTheProjectUnchanged()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("images"));
        writeFolder(images);
        const QString project = tmp.filePath(QStringLiteral("p.marginalia"));
        {
            auto store = newImageProject(project);
            ImageImportOptions strict;
            strict.strict = true;
            const auto summary = importImages(*store, images, strict);
            QVERIFY(!summary);
            QVERIFY2(summary.error().contains(QStringLiteral("cut.png")) || summary.error().contains(QStringLiteral("notes.txt")),
                     qPrintable(summary.error()));
            QCOMPARE(*store->countSamples(), qint64(0));
            QCOMPARE(store->labels()->size(), 0);
        }
        // The CLI's --strict exits with status 2 and writes nothing either.
        QByteArray output;
        QCOMPARE(runCli({QStringLiteral("import"), project, images, QStringLiteral("--strict")}, &output), 2);
        auto reopened = ProjectStore::open(project);
        QVERIFY(reopened);
        QCOMPARE(*(*reopened)->countSamples(), qint64(0));
    }

    void listsNameImagesRelativeToTheirFile()
    {
        QTemporaryDir tmp;
        QDir().mkpath(tmp.filePath(QStringLiteral("pics/sub")));
        QVERIFY(picture(1).save(tmp.filePath(QStringLiteral("pics/a.png"))));
        QVERIFY(picture(2).save(tmp.filePath(QStringLiteral("pics/sub/b.png"))));
        QVERIFY(picture(3).save(tmp.filePath(QStringLiteral("pics/c.png"))));
        writeFile(tmp.filePath(QStringLiteral("pics/list.jsonl")),
                  "{\"image\": \"a.png\", \"label\": \"yes\", \"id\": \"first\"}\n"
                  "{\"image\": \"sub/b.png\", \"label\": \"no\"}\n"
                  "{\"text\": \"no image here\"}\n"
                  "{\"image\": \"gone.png\", \"label\": \"no\"}\n"
                  "{\"image\": \"c.png\"}\n");
        writeFile(tmp.filePath(QStringLiteral("pics/list.csv")), "image,label\na.png,yes\nsub/b.png,no\n");
        QVERIFY(isImageSource(tmp.filePath(QStringLiteral("pics/list.jsonl"))));
        QVERIFY(isImageSource(tmp.filePath(QStringLiteral("pics/list.csv"))));
        QVERIFY(isImageSource(tmp.filePath(QStringLiteral("pics"))));

        auto store = newImageProject(tmp.filePath(QStringLiteral("p.marginalia")));
        const auto summary = importImages(*store, tmp.filePath(QStringLiteral("pics/list.jsonl")), {});
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error()));
        QCOMPARE(summary->imported, qint64(3));
        QCOMPARE(summary->labeled, qint64(2));
        QCOMPARE(summary->skippedBad, qint64(2));
        QCOMPARE(summary->problems.size(), 2);
        QCOMPARE(summary->problems[0].line, qint64(3));
        QCOMPARE(summary->problems[1].line, qint64(4));
        QVERIFY(summary->problems[1].reason.contains(QStringLiteral("gone.png")));
        const QHash<QString, QString> labels = labelsByPath(*store);
        QCOMPARE(labels.value(QStringLiteral("pics/a.png")), QStringLiteral("yes"));
        QCOMPARE(labels.value(QStringLiteral("pics/sub/b.png")), QStringLiteral("no"));
        const auto first = store->sampleIds();
        QCOMPARE(store->sample(first->first())->externalId, QStringLiteral("first"));

        // The CSV names the same images: nothing new.
        auto fromCsv = newImageProject(tmp.filePath(QStringLiteral("q.marginalia")));
        const auto csv = importFile(*fromCsv, tmp.filePath(QStringLiteral("pics/list.csv")), {});
        QVERIFY2(csv, qPrintable(csv ? QString() : csv.error()));
        QCOMPARE(csv->imported, qint64(2));
        QCOMPARE(labelsByPath(*fromCsv), (QHash<QString, QString>{{QStringLiteral("pics/a.png"), QStringLiteral("yes")},
                                                                  {QStringLiteral("pics/sub/b.png"), QStringLiteral("no")}}));
    }

    void movedOrChangedImagesAreReportedByName()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("images"));
        writeFolder(images);
        auto store = newImageProject(tmp.filePath(QStringLiteral("p.marginalia")));
        QVERIFY(importImages(*store, images, {}));
        QHash<QString, qint64> idOf;
        const QVector<qint64> ids = *store->sampleIds(); // kept: a range-for over the temporary Result would dangle
        for (qint64 id : ids)
            idOf.insert(store->sample(id)->text, id);
        QVERIFY(QFile::rename(images + QStringLiteral("/cat/c0.png"), images + QStringLiteral("/cat/moved.png")));
        QVERIFY(picture(99).save(images + QStringLiteral("/dog/d0.png")));
        const auto moved = store->imageBytes(idOf.value(QStringLiteral("images/cat/c0.png")));
        QVERIFY(!moved);
        QVERIFY2(moved.error().contains(QStringLiteral("images/cat/c0.png")) && moved.error().contains(QStringLiteral("missing")),
                 qPrintable(moved.error()));
        // A sample whose path names the open project file itself (a project from someone else) is refused before
        // anything opens it: closing that descriptor would drop SQLite's locks.
        Sample own;
        own.text = QStringLiteral("p.marginalia");
        own.contentHash = sha256("not the project");
        const auto ownId = store->addSample(own);
        QVERIFY(ownId && ownId->has_value());
        const auto refused = store->imageBytes(**ownId);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("open here")), qPrintable(refused.error()));
        const auto changed = store->imageBytes(idOf.value(QStringLiteral("images/dog/d0.png")));
        QVERIFY(!changed);
        QVERIFY2(changed.error().contains(QStringLiteral("images/dog/d0.png")) && changed.error().contains(QStringLiteral("changed")),
                 qPrintable(changed.error()));
        QVERIFY(store->imageBytes(idOf.value(QStringLiteral("images/cat/c1.png"))));

        // An export stops at the changed image, naming it, and leaves no folder behind.
        ExportOptions folders;
        folders.format = QStringLiteral("folders");
        const QString out = tmp.filePath(QStringLiteral("out"));
        const auto exported = exportProject(*store, out, folders);
        QVERIFY(!exported);
        QVERIFY(exported.error().contains(QStringLiteral("images/")));
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(QDir(tmp.path()).entryList({QStringLiteral("out*")}, QDir::AllEntries).size(), 0);
    }

    void embeddedImagesNeedNoFolder()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("images"));
        writeFolder(images);
        auto store = newImageProject(tmp.filePath(QStringLiteral("p.marginalia")));
        ImageImportOptions embed;
        embed.embed = true;
        QVERIFY(importImages(*store, images, embed));
        QCOMPARE(*store->embeddedImageCount(), qint64(7));
        const auto before = labelsByContent(*store);
        QVERIFY(QDir(images).removeRecursively());
        const auto after = labelsByContent(*store);
        QCOMPARE(after.size(), 7);
        QCOMPARE(after, before);
    }

    void jsonlExportImportsAgainElsewhere()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("images"));
        writeFolder(images);
        QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("projects"))));
        auto store = newImageProject(tmp.filePath(QStringLiteral("projects/p.marginalia")));
        QVERIFY(importImages(*store, images, {}));
        for (const QString &format : {QStringLiteral("jsonl"), QStringLiteral("csv")}) {
            QDir().mkpath(tmp.filePath(QStringLiteral("exports")));
            const QString out = tmp.filePath(QStringLiteral("exports/all.") + format);
            ExportOptions options;
            options.format = format;
            options.includeUnlabeled = true;
            const auto exported = exportProject(*store, out, options);
            QVERIFY2(exported, qPrintable(exported ? QString() : exported.error()));
            QCOMPARE(exported->written, qint64(7));
            QVERIFY(fileBytes(out).contains("../images/cat/c0.png"));
            auto copy = newImageProject(tmp.filePath(QStringLiteral("copy-%1.marginalia").arg(format)));
            const auto imported = importFile(*copy, out, {});
            QVERIFY2(imported, qPrintable(imported ? QString() : imported.error()));
            QCOMPARE(imported->imported, qint64(7));
            QCOMPARE(labelsByContent(*copy), labelsByContent(*store));
        }
    }

    void folderExportLinksTheImagesIntoSplits()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("images"));
        writeFolder(images);
        QDir().mkpath(images + QStringLiteral("/more/cat"));
        QVERIFY(picture(200).save(images + QStringLiteral("/more/cat/c0.png"))); // same name as cat/c0.png
        auto store = newImageProject(tmp.filePath(QStringLiteral("p.marginalia")));
        ImageImportOptions options;
        options.evalFraction = 0.3;
        QVERIFY(importImages(*store, images, options));
        QVERIFY(importImages(*store, images + QStringLiteral("/more"), {}));

        ExportOptions folders;
        folders.format = QStringLiteral("folders");
        folders.splitFiles = true;
        folders.devFraction = 0.0;
        const QString out = tmp.filePath(QStringLiteral("tree"));
        const auto exported = exportProject(*store, out, folders);
        QVERIFY2(exported, qPrintable(exported ? QString() : exported.error()));
        QCOMPARE(exported->written, qint64(6)); // labeled only
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/train/cat/c0.png")) || QFileInfo::exists(out + QStringLiteral("/test/cat/c0.png")));
        // The two c0.png of the cat folder both arrive, one renamed.
        const int cats = QDir(out + QStringLiteral("/train/cat")).entryList(QDir::Files).size()
                       + QDir(out + QStringLiteral("/test/cat")).entryList(QDir::Files).size();
        QCOMPARE(cats, 4);
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/dev")));
        // Hard links: the exported file is the same inode as the source image.
        const QString exportedCat = QFileInfo::exists(out + QStringLiteral("/train/cat/c1.png")) ? out + QStringLiteral("/train/cat/c1.png")
                                                                                                  : out + QStringLiteral("/test/cat/c1.png");
        struct stat a, b;
        QCOMPARE(::stat(QFile::encodeName(exportedCat).constData(), &a), 0);
        QCOMPARE(::stat(QFile::encodeName(images + QStringLiteral("/cat/c1.png")).constData(), &b), 0);
        QCOMPARE(a.st_ino, b.st_ino);
        // The test folder holds exactly the evaluation split's labeled images.
        SampleFilter eval;
        eval.split = Split::Eval;
        eval.labelState = SampleFilter::LabelState::Labeled;
        int inTest = 0;
        for (const QString &label : {QStringLiteral("cat"), QStringLiteral("dog")})
            inTest += QDir(out + QStringLiteral("/test/") + label).entryList(QDir::Files).size();
        QCOMPARE(qint64(inTest), *store->countSamples(eval));

        // The train tree is an image folder again: importing it gives its images their labels back.
        auto again = newImageProject(tmp.filePath(QStringLiteral("again.marginalia")));
        const auto imported = importImages(*again, out + QStringLiteral("/train"), {});
        QVERIFY(imported);
        const auto original = labelsByContent(*store);
        const auto copied = labelsByContent(*again);
        QVERIFY(!copied.isEmpty());
        for (auto it = copied.begin(); it != copied.end(); ++it)
            QCOMPARE(it.value(), original.value(it.key()));

        // A folder that holds something already is refused.
        const auto twice = exportProject(*store, out, folders);
        QVERIFY(!twice);
        QVERIFY(twice.error().contains(QStringLiteral("already exists")));
    }

    void cliMakesImportsAndExportsImageProjects()
    {
        QTemporaryDir tmp;
        const QString images = tmp.filePath(QStringLiteral("images"));
        writeFolder(images);
        const QString project = tmp.filePath(QStringLiteral("cli.marginalia"));
        QByteArray output;
        QCOMPARE(runCli({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("image")}, &output), 0);
        QCOMPARE(runCli({QStringLiteral("import"), project, images, QStringLiteral("--embed"), QStringLiteral("--quiet")}, &output), 0);
        QVERIFY2(output.contains("imported 7, skipped 2 bad, 0 duplicates"), output.constData());
        QVERIFY2(output.contains("cut.png"), output.constData());
        QCOMPARE(runCli({QStringLiteral("export"), project, tmp.filePath(QStringLiteral("tree")), QStringLiteral("--format"),
                         QStringLiteral("folders"), QStringLiteral("--include-unlabeled")},
                        &output),
                 0);
        QCOMPARE(QDir(tmp.filePath(QStringLiteral("tree/cat"))).entryList(QDir::Files).size(), 3);
        QCOMPARE(QDir(tmp.filePath(QStringLiteral("tree"))).entryList(QDir::Files).size(), 2); // unlabeled at the top
        // Embedded images are written out as copies, identical to the originals.
        QCOMPARE(fileBytes(tmp.filePath(QStringLiteral("tree/dog/d0.png"))), fileBytes(images + QStringLiteral("/dog/d0.png")));
    }
};

QTEST_GUILESS_MAIN(TestImageIo)
#include "tst_imageio.moc"
