// Image classification: reading image folders within limits, the CNN task model (training, probabilities, MC
// passes, embeddings, checkpoints, augmentation) and `marginalia simulate --task image`, on bars drawn here.
#include "ml/ImageClassificationModel.h"
#include "ml/ImageClassifier.h"
#include "io/ImageReader.h"
#include "ml/ImageBackbone.h"
#include "ml/TensorBundle.h"
#include "store/ProjectStore.h"
#include "TinyBackbone.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <random>

using namespace marginalia;

namespace {

constexpr int kSide = 12; // drawn at 16 x 16 (ImageReader's choice for small images)

// A bright bar across a dark, noisy square: a row for "horizontal", a column for "vertical".
QImage barImage(bool horizontal, std::mt19937 &rng)
{
    QImage image(kSide, kSide, QImage::Format_Grayscale8);
    std::uniform_int_distribution<int> noise(0, 60), at(2, kSide - 3);
    const int line = at(rng);
    for (int y = 0; y < kSide; ++y) {
        uchar *row = image.scanLine(y);
        for (int x = 0; x < kSide; ++x) {
            const bool on = horizontal ? (y == line || y == line + 1) : (x == line || x == line + 1);
            row[x] = static_cast<uchar>(on ? 255 - noise(rng) : noise(rng));
        }
    }
    return image;
}

QByteArray pngBytes(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Writes `perClass` bars of each orientation under dir/horizontal and dir/vertical.
void writeBars(const QString &dir, int perClass, unsigned seed)
{
    std::mt19937 rng(seed);
    for (const bool horizontal : {true, false}) {
        const QString sub = dir + (horizontal ? QStringLiteral("/horizontal") : QStringLiteral("/vertical"));
        QDir().mkpath(sub);
        for (int i = 0; i < perClass; ++i)
            QVERIFY(barImage(horizontal, rng).save(sub + QStringLiteral("/%1.png").arg(i, 3, 10, QLatin1Char('0'))));
    }
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

quint32 crc32(const QByteArray &bytes)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char c : bytes) {
        crc ^= static_cast<quint8>(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A PNG whose header declares width x height pixels and whose data is a few bytes: a decoder trusting it would
// allocate the declared size.
QByteArray pngDeclaring(quint32 width, quint32 height)
{
    QByteArray ihdr("IHDR");
    const auto be32 = [](quint32 v) {
        QByteArray b(4, 0);
        qToBigEndian(v, b.data());
        return b;
    };
    ihdr += be32(width) + be32(height) + QByteArray("\x08\x00\x00\x00\x00", 5); // 8-bit grey
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    png += be32(13) + ihdr + be32(crc32(ihdr));
    const QByteArray idat = QByteArray("IDAT") + QByteArray("\x78\x9c\x01\x00\x00\xff\xff", 7);
    png += be32(7) + idat + be32(crc32(idat));
    return png;
}

// Horizontal bars vary along y (their row means differ), vertical ones along x.
bool looksHorizontal(const float *image, int side)
{
    double rows = 0, cols = 0;
    std::vector<double> rowMean(static_cast<std::size_t>(side), 0), colMean(static_cast<std::size_t>(side), 0);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            rowMean[static_cast<std::size_t>(y)] += image[y * side + x] / side;
            colMean[static_cast<std::size_t>(x)] += image[y * side + x] / side;
        }
    const auto variance = [](const std::vector<double> &v) {
        double mean = 0, sum = 0;
        for (double x : v)
            mean += x / static_cast<double>(v.size());
        for (double x : v)
            sum += (x - mean) * (x - mean);
        return sum;
    };
    rows = variance(rowMean);
    cols = variance(colMean);
    return rows > cols;
}

AnnotatedSample sampleOf(const LabeledImage &image, qint64 id, bool labeled)
{
    AnnotatedSample a;
    a.sample.id = id;
    a.sample.text = image.path;
    if (labeled) {
        a.annotation = Annotation{};
        a.annotation->labels = QStringList{image.label};
    }
    return a;
}

} // namespace

class TestImageModel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_train, m_eval;
    ImageFolder m_pool, m_test;

    struct Trained
    {
        std::unique_ptr<task::TaskModel> model;
        std::vector<int> train, eval;
    };

    // A model over the pool (all labeled) and the eval images, trained on the pool.
    Trained trainedModel(bool train = true)
    {
        Trained t;
        ml::TrainingOptions options;
        options.threads = 2;
        options.mcPasses = 5;
        ml::ImageModelOptions images;
        images.input = m_pool.input;
        t.model = ml::makeImageClassificationModel(options, images);
        const auto s = t.model->setLabels({QStringLiteral("horizontal"), QStringLiteral("vertical")}, {});
        if (!s)
            qWarning("%s", qPrintable(s.error()));
        qint64 id = 1;
        for (const LabeledImage &image : std::as_const(m_pool.images)) {
            t.train.push_back(t.model->sampleCount());
            t.model->addSample(sampleOf(image, id++, true));
        }
        for (const LabeledImage &image : std::as_const(m_test.images)) {
            t.eval.push_back(t.model->sampleCount());
            t.model->addSample(sampleOf(image, id++, true));
        }
        if (train) {
            const std::atomic_bool cancel{false};
            const auto epochs = t.model->train(t.train, cancel, {});
            if (!epochs)
                qWarning("%s", qPrintable(epochs.error()));
        }
        return t;
    }

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
        // A guard against a hang, not a speed check: on two busy cores a simulation can take minutes.
        if (!p.waitForFinished(600000))
            return {};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_train = m_dir.filePath(QStringLiteral("train"));
        m_eval = m_dir.filePath(QStringLiteral("eval"));
        writeBars(m_train, 24, 1);
        writeBars(m_eval, 12, 2);
        auto pool = readImageFolder(m_train);
        QVERIFY2(pool, qPrintable(pool.error()));
        m_pool = *pool;
        auto test = readImageFolder(m_eval, &m_pool.input);
        QVERIFY2(test, qPrintable(test.error()));
        m_test = *test;
    }

    void folderChoosesInputAndLabels()
    {
        QCOMPARE(m_pool.images.size(), 48);
        QVERIFY(m_pool.skipped.isEmpty());
        QCOMPARE(m_pool.input.side, 16);
        QCOMPARE(m_pool.input.channels, 1);
        QCOMPARE(m_pool.images.first().label, QStringLiteral("horizontal"));
        QCOMPARE(m_pool.images.last().label, QStringLiteral("vertical"));
        for (const LabeledImage &image : std::as_const(m_pool.images))
            QCOMPARE(image.pixels.size(), std::size_t(16 * 16));
        // The decoded bar keeps its orientation and its range.
        QVERIFY(looksHorizontal(m_pool.images.first().pixels.data(), 16));
        QVERIFY(!looksHorizontal(m_pool.images.last().pixels.data(), 16));
        const auto [lo, hi] = std::minmax_element(m_pool.images.first().pixels.begin(), m_pool.images.first().pixels.end());
        QVERIFY(*lo >= 0.0f && *hi <= 1.0f && *hi > 0.7f);

        QCOMPARE(chooseImageInput({8, 8}, true), (ImageInput{16, 1}));
        QCOMPARE(chooseImageInput({8, 640}, false), (ImageInput{32, 3}));

        // A colour image makes the folder RGB.
        const QString colour = m_dir.filePath(QStringLiteral("colour"));
        QDir().mkpath(colour + QStringLiteral("/red"));
        QImage red(20, 20, QImage::Format_RGB32);
        red.fill(qRgb(200, 10, 10));
        QVERIFY(red.save(colour + QStringLiteral("/red/a.png")));
        const auto folder = readImageFolder(colour);
        QVERIFY2(folder, qPrintable(folder.error()));
        QCOMPARE(folder->input, (ImageInput{32, 3}));
        const std::vector<float> &p = folder->images.first().pixels;
        QCOMPARE(p.size(), std::size_t(3 * 32 * 32));
        QVERIFY(p[0] > 0.7f && p[32 * 32] < 0.1f); // red plane, then green
    }

    void badFilesAreReportedAndSkipped()
    {
        const QString dir = m_dir.filePath(QStringLiteral("bad"));
        QDir().mkpath(dir + QStringLiteral("/a"));
        QDir().mkpath(dir + QStringLiteral("/b"));
        std::mt19937 rng(3);
        QVERIFY(barImage(true, rng).save(dir + QStringLiteral("/a/good.png")));
        QVERIFY(barImage(false, rng).save(dir + QStringLiteral("/b/good.png")));
        QByteArray garbage(300, 0);
        for (int i = 0; i < garbage.size(); ++i)
            garbage[i] = static_cast<char>(rng());
        const QString corrupt = dir + QStringLiteral("/a/corrupt.png");
        const QString text = dir + QStringLiteral("/a/notes.txt");
        const QString truncated = dir + QStringLiteral("/b/truncated.png");
        const QString huge = dir + QStringLiteral("/b/huge.png");
        writeFile(corrupt, QByteArray("\x89PNG\r\n\x1a\n", 8) + garbage);
        writeFile(text, "not an image at all\n");
        const QByteArray png = pngBytes(barImage(true, rng).scaled(64, 64));
        writeFile(truncated, png.left(png.size() / 2));
        writeFile(huge, pngDeclaring(100000, 100000));

        const auto folder = readImageFolder(dir);
        QVERIFY2(folder, qPrintable(folder.error()));
        QCOMPARE(folder->images.size(), 2);
        QCOMPARE(folder->skipped.size(), 4);
        for (const QString &path : {corrupt, text, truncated, huge})
            QVERIFY2(folder->skipped.filter(path).size() == 1, qPrintable(folder->skipped.join(QLatin1Char('\n'))));
        QVERIFY(folder->skipped.filter(huge).first().contains(QStringLiteral("100000")));

        // One file, with tighter limits: refused before decoding, naming the file.
        ImageLimits small;
        small.maxFileBytes = 10;
        const auto tooBig = readImage(dir + QStringLiteral("/a/good.png"), ImageInput{16, 1}, small);
        QVERIFY(!tooBig);
        QVERIFY(tooBig.error().contains(QStringLiteral("good.png")));
        QVERIFY(!readImage(dir + QStringLiteral("/missing.png"), ImageInput{16, 1}));

        // A folder without images, and no folder at all, are errors.
        QDir().mkpath(m_dir.filePath(QStringLiteral("empty/a")));
        QVERIFY(!readImageFolder(m_dir.filePath(QStringLiteral("empty"))));
        QVERIFY(!readImageFolder(m_dir.filePath(QStringLiteral("nowhere"))));

        // The model reads an unreadable sample as never labeled (once it has read the images: it reads them when it
        // first needs pixels), and still predicts it.
        ml::ImageModelOptions images;
        images.input = ImageInput{16, 1};
        auto model = ml::makeImageClassificationModel(ml::TrainingOptions{}, images);
        QVERIFY(model->setLabels({QStringLiteral("a"), QStringLiteral("b")}, {}));
        LabeledImage broken{corrupt, QStringLiteral("a"), {}};
        model->addSample(sampleOf(broken, 1, true));
        const auto p = model->predict({0}, nullptr, {}, 1);
        QVERIFY2(p, qPrintable(p.error()));
        QCOMPARE(p->rows.size(), 1);
        QVERIFY(!model->isLabeled(0));
    }

    void augmentationKeepsSizesAndLabels()
    {
        ml::ImageShape shape;
        shape.side = 16;
        shape.channels = 1;
        shape.labels = QStringList{QStringLiteral("horizontal"), QStringLiteral("vertical")};
        std::vector<float> images;
        std::vector<bool> horizontal;
        for (const LabeledImage &image : std::as_const(m_pool.images)) {
            images.insert(images.end(), image.pixels.begin(), image.pixels.end());
            horizontal.push_back(image.label == QStringLiteral("horizontal"));
        }
        const int n = static_cast<int>(m_pool.images.size());
        ml::ImageAugmentation a;
        a.flips = true;
        const auto out = ml::augmentImages(images, n, shape, a, 7);
        QVERIFY2(out, qPrintable(out.error()));
        QCOMPARE(out->size(), images.size());
        QVERIFY(*out != images); // something moved
        int kept = 0;
        for (int i = 0; i < n; ++i) {
            const float *p = out->data() + i * 256;
            kept += looksHorizontal(p, 16) == horizontal[static_cast<std::size_t>(i)] ? 1 : 0;
            QVERIFY(*std::min_element(p, p + 256) >= 0.0f && *std::max_element(p, p + 256) <= 1.0f);
        }
        QCOMPARE(kept, n);
        QVERIFY(!ml::augmentImages(images, n + 1, shape, a, 7)); // sizes that do not match are refused
    }

    void trainsPredictsAndRoundTrips()
    {
        Trained t = trainedModel();
        task::TaskModel &model = *t.model;
        QCOMPARE(model.kind(), QStringLiteral("image-cnn"));
        const auto e = model.evaluate(t.eval);
        QVERIFY2(e, qPrintable(e.error()));
        QCOMPARE(e->labeled, 24);
        QVERIFY2(e->accuracy >= 0.9, qPrintable(QString::number(e->accuracy)));
        for (const PredictionRow &row : e->rows) {
            const float *p = reinterpret_cast<const float *>(row.probabilities.constData());
            QCOMPARE(row.probabilities.size(), int(2 * sizeof(float)));
            QVERIFY(std::abs(p[0] + p[1] - 1.0f) < 1e-4f);
        }

        // BALD gets its MC passes; coreset the embeddings of the pool and of the labeled images.
        const std::vector<int> some(t.eval.begin(), t.eval.begin() + 10);
        const std::vector<int> labeled(t.train.begin(), t.train.begin() + 4);
        const auto bald = model.predict(some, al::findStrategy(QStringLiteral("bald"), model.scoreKind()), labeled, 5);
        QVERIFY2(bald, qPrintable(bald.error()));
        QCOMPARE(bald->scores.n, 10);
        QCOMPARE(bald->scores.classes, 2);
        QCOMPARE(bald->scores.mc.size(), std::size_t(5));
        for (const std::vector<float> &pass : bald->scores.mc)
            QCOMPARE(pass.size(), std::size_t(20));
        QVERIFY(bald->scores.mc[0] != bald->scores.mc[1]); // dropout is on in the passes
        const auto coreset = model.predict(some, al::findStrategy(QStringLiteral("coreset"), model.scoreKind()), labeled, 5);
        QVERIFY2(coreset, qPrintable(coreset.error()));
        QCOMPARE(coreset->scores.dim, 64);
        QCOMPARE(coreset->scores.embeddings.size(), std::size_t(10 * 64));
        QCOMPARE(coreset->scores.labeledEmbeddings.size(), std::size_t(4 * 64));
        QVERIFY(!model.predict(some, al::findStrategy(QStringLiteral("margin"), model.scoreKind()), {}, 5)->scores.mc.size());

        // Trained and balanced: the strategy chooses, no coverage picks.
        QVERIFY(!model.coverage(t.eval, t.train));

        // A checkpoint loads into a fresh model with the same predictions.
        const auto bytes = model.checkpoint();
        QVERIFY2(bytes, qPrintable(bytes.error()));
        Trained fresh = trainedModel(false);
        QVERIFY(fresh.model->coverage(fresh.eval, {})); // untrained: picks spread over the pool
        QVERIFY(fresh.model->fits(ModelRunRecord{}, *bytes));
        QVERIFY2(fresh.model->load(*bytes), "load");
        const auto again = fresh.model->evaluate(fresh.eval);
        QVERIFY(again);
        for (int i = 0; i < e->rows.size(); ++i)
            QCOMPARE(again->rows[i].probabilities, e->rows[i].probabilities);

        // A damaged checkpoint is refused and leaves a working model.
        QByteArray damaged = *bytes;
        damaged.truncate(damaged.size() / 2);
        QVERIFY(!fresh.model->fits(ModelRunRecord{}, damaged));
        QVERIFY(!fresh.model->load(damaged));
        QVERIFY(fresh.model->evaluate(fresh.eval));

        // One of other labels does not fit.
        ml::ImageModelOptions images;
        images.input = m_pool.input;
        auto other = ml::makeImageClassificationModel(ml::TrainingOptions{}, images);
        QVERIFY(other->setLabels({QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z")}, {}));
        QVERIFY(!other->fits(ModelRunRecord{}, *bytes));
        QVERIFY(!other->load(*bytes));
        QVERIFY(!other->setLabels({QStringLiteral("only")}, {}));
    }

    void simulateCommand()
    {
        const Run run = cli({QStringLiteral("simulate"), m_train, QStringLiteral("--task"), QStringLiteral("image"),
                             QStringLiteral("--eval"), m_eval, QStringLiteral("--strategy"), QStringLiteral("margin"),
                             QStringLiteral("--seed-size"), QStringLiteral("6"), QStringLiteral("--batch"),
                             QStringLiteral("6"), QStringLiteral("--budget"), QStringLiteral("12"), QStringLiteral("--json")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("strategy")).toString(), QStringLiteral("margin"));
        const QJsonArray curve = o.value(QStringLiteral("curve")).toArray();
        QCOMPARE(curve.size(), 2);
        QCOMPARE(curve[0].toObject().value(QStringLiteral("labels")).toInt(), 6);
        QCOMPARE(curve[1].toObject().value(QStringLiteral("labels")).toInt(), 12);
        for (const QJsonValue &v : curve)
            for (const char *key : {"macro_f1", "micro_f1", "accuracy"})
                QVERIFY(v.toObject().value(QLatin1String(key)).isDouble());
        QVERIFY(o.value(QStringLiteral("full_data")).toObject().value(QStringLiteral("accuracy")).toDouble() >= 0.9);

        // Without --eval a share of the folder is held out; a damaged file is named on stderr and skipped.
        const QString mixed = m_dir.filePath(QStringLiteral("mixed"));
        writeBars(mixed, 10, 4);
        writeFile(mixed + QStringLiteral("/vertical/broken.png"), QByteArray("\x89PNG\r\n\x1a\nbroken"));
        const Run split = cli({QStringLiteral("simulate"), mixed, QStringLiteral("--task"), QStringLiteral("image"),
                               QStringLiteral("--eval-fraction"), QStringLiteral("0.3"), QStringLiteral("--strategy"),
                               QStringLiteral("random"), QStringLiteral("--seed-size"), QStringLiteral("8"),
                               QStringLiteral("--budget"), QStringLiteral("8"), QStringLiteral("--json")});
        QVERIFY2(split.code == 0, qPrintable(split.err));
        QVERIFY2(split.err.contains(QStringLiteral("broken.png")), qPrintable(split.err));
        QCOMPARE(QJsonDocument::fromJson(split.out.toUtf8()).object().value(QStringLiteral("curve")).toArray().size(), 1);

        // Bad input: a missing folder, a strategy of another task, --flip without images.
        const Run missing = cli({QStringLiteral("simulate"), m_dir.filePath(QStringLiteral("nowhere")), QStringLiteral("--task"),
                                 QStringLiteral("image"), QStringLiteral("--strategy"), QStringLiteral("margin")});
        QVERIFY(missing.code != 0);
        QVERIFY(missing.err.contains(QStringLiteral("nowhere")));
        QVERIFY(cli({QStringLiteral("simulate"), m_train, QStringLiteral("--task"), QStringLiteral("image"),
                     QStringLiteral("--strategy"), QStringLiteral("mnlp")})
                    .code != 0);
        QVERIFY(cli({QStringLiteral("simulate"), m_train, QStringLiteral("--flip"), QStringLiteral("--strategy"),
                     QStringLiteral("margin")})
                    .code != 0);
    }

    // An image project end to end through the CLI: new, import (labeled folders and unlabeled images), train
    // (twice: the second round warm-starts), rank and predict; an image deleted after import is named and left out.
    void projectRoundsOnImportedImages()
    {
        const QString images = m_dir.filePath(QStringLiteral("project-images"));
        writeBars(images, 16, 11);
        std::mt19937 rng(5);
        const QString loose = m_dir.filePath(QStringLiteral("unlabeled")); // images directly in a folder: unlabeled
        QDir().mkpath(loose);
        for (int i = 0; i < 6; ++i)
            QVERIFY(barImage(i % 2 == 0, rng).save(loose + QStringLiteral("/u%1.png").arg(i)));
        const QString project = m_dir.filePath(QStringLiteral("bars.marginalia"));
        QCOMPARE(cli({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("image")}).code, 0);
        const Run imported = cli({QStringLiteral("import"), project, images, QStringLiteral("--eval-fraction"),
                                  QStringLiteral("0.25"), QStringLiteral("--quiet")});
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
        QVERIFY2(imported.out.contains(QStringLiteral("imported 32")), qPrintable(imported.out));
        const Run unlabeled = cli({QStringLiteral("import"), project, loose, QStringLiteral("--quiet")});
        QVERIFY2(unlabeled.out.contains(QStringLiteral("imported 6")), qPrintable(unlabeled.out));
        QVERIFY(QFile::remove(images + QStringLiteral("/vertical/000.png")));

        const Run first = cli({QStringLiteral("train"), project});
        QVERIFY2(first.code == 0, qPrintable(first.err + first.out));
        QVERIFY2((first.err + first.out).contains(QStringLiteral("vertical/000.png")), qPrintable(first.err + first.out));
        const Run second = cli({QStringLiteral("train"), project});
        QVERIFY2(second.code == 0, qPrintable(second.err + second.out));
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            const auto runs = (*store)->runs();
            QCOMPARE(runs->size(), 2);
            const ModelRunRecord &last = runs->last();
            QCOMPARE(last.modelKind, QStringLiteral("image-cnn"));
            const QJsonObject config = QJsonDocument::fromJson(last.configJson.toUtf8()).object();
            QCOMPARE(config.value(QStringLiteral("task")).toString(), QStringLiteral("image"));
            QCOMPARE(config.value(QStringLiteral("warm_start_run")).toInteger(), runs->first().id);
            QVERIFY(last.accuracy.has_value());
            QVERIFY2(*last.accuracy >= 0.75, qPrintable(QString::number(*last.accuracy)));
            const auto ranked = (*store)->rankedPredictions(last.id, -1);
            QCOMPARE(ranked->size(), 6); // the unlabeled images, ranked
        }
        const Run rank = cli({QStringLiteral("rank"), project, QStringLiteral("--top"), QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY2(rank.code == 0, qPrintable(rank.err));
        QCOMPARE(rank.out.trimmed().split(QLatin1Char('\n')).size(), 3);
        QVERIFY(rank.out.contains(QStringLiteral("unlabeled/u")));

        // predict labels new images from their files: a folder, or one image.
        const Run predicted = cli({QStringLiteral("predict"), project, loose});
        QVERIFY2(predicted.code == 0, qPrintable(predicted.err));
        const QStringList lines = predicted.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 6);
        int right = 0;
        for (int i = 0; i < 6; ++i) // u0, u2, u4 are horizontal bars
            right += lines[i].contains(i % 2 == 0 ? QStringLiteral("\thorizontal\t") : QStringLiteral("\tvertical\t")) ? 1 : 0;
        QVERIFY2(right >= 5, qPrintable(predicted.out));
        const Run one = cli({QStringLiteral("predict"), project, loose + QStringLiteral("/u1.png"), QStringLiteral("--json")});
        QVERIFY2(one.code == 0, qPrintable(one.err));
        QCOMPARE(QJsonDocument::fromJson(one.out.toUtf8()).object().value(QStringLiteral("path")).toString(),
                 loose + QStringLiteral("/u1.png"));
    }

    // Transfer: a TorchScript backbone (built here) gives the features, a head is trained on them; the stored
    // head needs the same backbone file, and a file that is not a backbone is refused with its name.
    void backboneTransfer()
    {
        const QString file = m_dir.filePath(QStringLiteral("tiny.pt"));
        QVERIFY(writeTinyBackbone(file, 16, 1));
        const auto backbone = ml::ImageBackbone::load(file);
        QVERIFY2(backbone, qPrintable(backbone ? QString() : backbone.error()));
        QCOMPARE((*backbone)->input().side, 16);
        QCOMPARE((*backbone)->input().channels, 1);
        QCOMPARE((*backbone)->dim(), 2);
        QCOMPARE((*backbone)->fingerprint().size(), 64);
        const std::vector<float> blank(16 * 16, 0.0f);
        const auto features = (*backbone)->features({&blank, &blank});
        QVERIFY(features);
        QCOMPARE(features->size(), std::size_t(4));

        const QString images = m_dir.filePath(QStringLiteral("transfer-images"));
        writeBars(images, 16, 21);
        const QString project = m_dir.filePath(QStringLiteral("transfer.marginalia"));
        QCOMPARE(cli({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("image")}).code, 0);
        QCOMPARE(cli({QStringLiteral("import"), project, images, QStringLiteral("--eval-fraction"), QStringLiteral("0.25"),
                      QStringLiteral("--quiet")})
                     .code,
                 0);
        // Named relative to the project file.
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.image_backbone"), QStringLiteral("tiny.pt")}).code, 0);
        const Run first = cli({QStringLiteral("train"), project});
        QVERIFY2(first.code == 0, qPrintable(first.err + first.out));
        const Run second = cli({QStringLiteral("train"), project});
        QVERIFY2(second.code == 0, qPrintable(second.err + second.out));
        qint64 firstRun = 0;
        {
            auto store = ProjectStore::open(project);
            const auto runs = (*store)->runs();
            QCOMPARE(runs->size(), 2);
            firstRun = runs->first().id;
            QCOMPARE(runs->last().modelKind, QStringLiteral("image-transfer"));
            const QJsonObject config = QJsonDocument::fromJson(runs->last().configJson.toUtf8()).object();
            QCOMPARE(config.value(QStringLiteral("warm_start_run")).toInteger(), firstRun);
            QVERIFY(runs->last().accuracy.has_value());
            QVERIFY2(*runs->last().accuracy >= 0.9, qPrintable(QString::number(*runs->last().accuracy)));
        }
        const Run predicted = cli({QStringLiteral("predict"), project, images + QStringLiteral("/vertical/003.png")});
        QVERIFY2(predicted.code == 0 && predicted.out.contains(QStringLiteral("\tvertical\t")), qPrintable(predicted.out + predicted.err));
        // The features were kept in the project, for the backbone that made them.
        const QString firstPrint = (*backbone)->fingerprint();
        {
            auto store = ProjectStore::open(project);
            QCOMPARE((*store)->encoderFeatures(firstPrint)->size(), 32);
            QCOMPARE((*store)->encoderFeatures(firstPrint)->begin()->size(), qsizetype(2 * sizeof(float)));
        }

        // Another backbone file: the stored head does not fit it, so the next round starts a fresh head.
        QVERIFY(writeTinyBackbone(file, 16, 1, 2.0));
        const Run fresh = cli({QStringLiteral("train"), project});
        QVERIFY2(fresh.code == 0, qPrintable(fresh.err + fresh.out));
        {
            auto store = ProjectStore::open(project);
            const QJsonObject config = QJsonDocument::fromJson((*store)->runs()->last().configJson.toUtf8()).object();
            QVERIFY(config.value(QStringLiteral("warm_start_run")).isNull());
            const auto changed = ml::ImageBackbone::load(file);
            QVERIFY(changed);
            QVERIFY((*changed)->fingerprint() != firstPrint);
            QCOMPARE((*store)->encoderFeatures((*changed)->fingerprint())->size(), 32); // replaced the old ones
            QCOMPARE((*store)->encoderFeatures(firstPrint)->size(), 0);
        }
        // Not a TorchScript file: the round fails with the file's name, and no run is left running.
        writeFile(file, QByteArray("not a model"));
        const Run broken = cli({QStringLiteral("train"), project});
        QVERIFY(broken.code != 0);
        QVERIFY2((broken.err + broken.out).contains(QStringLiteral("tiny.pt")), qPrintable(broken.err + broken.out));
        auto store = ProjectStore::open(project);
        QVERIFY(!(*store)->latestRun(false)->has_value() || (*(*store)->latestRun(false))->status != QStringLiteral("running"));
    }

    // Fine-tuning: the backbone's own weights are trained with the head and kept in the checkpoint; the file
    // itself is never written; the next round and predict start from the tuned weights.
    void backboneFineTuning()
    {
        const QString file = m_dir.filePath(QStringLiteral("tune.pt"));
        QVERIFY(writeTinyBackbone(file, 16, 1));
        QFile original(file);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        original.close();
        const QString images = m_dir.filePath(QStringLiteral("tune-images"));
        writeBars(images, 12, 31);
        const QString project = m_dir.filePath(QStringLiteral("tune.marginalia"));
        QCOMPARE(cli({QStringLiteral("new"), project, QStringLiteral("--task"), QStringLiteral("image")}).code, 0);
        QCOMPARE(cli({QStringLiteral("import"), project, images, QStringLiteral("--eval-fraction"), QStringLiteral("0.25"),
                      QStringLiteral("--quiet")})
                     .code,
                 0);
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.image_backbone"), file}).code, 0);
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.image_finetune"), QStringLiteral("true")}).code, 0);
        for (int round = 0; round < 2; ++round) {
            const Run train = cli({QStringLiteral("train"), project});
            QVERIFY2(train.code == 0, qPrintable(train.err + train.out));
        }
        auto store = ProjectStore::open(project);
        const auto runs = (*store)->runs();
        QCOMPARE(runs->size(), 2);
        QCOMPARE(QJsonDocument::fromJson(runs->last().configJson.toUtf8()).object().value(QStringLiteral("warm_start_run")).toInteger(),
                 runs->first().id);
        const auto checkpoint = (*store)->checkpoint(runs->last().id);
        QVERIFY(checkpoint && !checkpoint->isEmpty());
        const auto shape = ml::ImageClassifier::checkpointShape(*checkpoint);
        QVERIFY(shape);
        QVERIFY(shape->finetune);
        QCOMPARE(shape->features, 2);
        const auto bundle = ml::readTensorBundle(*checkpoint);
        QVERIFY(bundle);
        const ml::TensorView *scale = bundle->find(QStringLiteral("backbone.scale"));
        QVERIFY(scale && scale->elements() == 1);
        float tuned = 0;
        std::memcpy(&tuned, scale->data, sizeof tuned);
        QVERIFY2(tuned != 1.0f, "the backbone's weight was not trained"); // it was written with 1
        QFile after(file);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
        const Run predicted = cli({QStringLiteral("predict"), project, images + QStringLiteral("/horizontal/002.png")});
        QVERIFY2(predicted.code == 0 && predicted.out.contains(QStringLiteral("\thorizontal\t")), qPrintable(predicted.out + predicted.err));
    }
};

QTEST_GUILESS_MAIN(TestImageModel)
#include "tst_imagemodel.moc"
