// Image classification benchmark on the digits images (8 x 8 grey, one folder per class, from the datasets
// script), 80/20 seeded split: the CNN's full-data accuracy and macro-F1 next to a softmax regression on the raw
// pixels measured in the same run, margin vs random learning curves side by side, and the seconds of one round
// (training on the labels, then scoring the pool) on ~10 k images made from the digits at 32 x 32. Usage:
//   marginalia_image_bench [digits_dir] [--budget N] [--batch N] [--big N] [--big-labels N] [--threads N]
#include "al/Strategies.h"
#include "metrics/ClassificationReport.h"
#include "ml/Device.h"
#include "ml/ImageClassificationModel.h"
#include "ml/Simulation.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTransform>
#include <cmath>
#include <random>

using namespace marginalia;

namespace {
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// Multinomial logistic regression on standardised pixels, full-batch gradient descent with momentum and a little
// L2: the linear baseline the CNN has to beat. Returns the eval report.
metrics::ClassificationReport pixelRegression(const QVector<LabeledImage> &pool, const QVector<LabeledImage> &eval,
                                              const QStringList &labels)
{
    const int d = static_cast<int>(pool.first().pixels.size()), k = static_cast<int>(labels.size());
    std::vector<double> mean(d, 0), scale(d, 0);
    for (const auto &im : pool)
        for (int j = 0; j < d; ++j)
            mean[j] += im.pixels[j] / pool.size();
    for (const auto &im : pool)
        for (int j = 0; j < d; ++j)
            scale[j] += (im.pixels[j] - mean[j]) * (im.pixels[j] - mean[j]) / pool.size();
    for (double &s : scale)
        s = 1.0 / std::sqrt(s + 1e-6);
    const auto features = [&](const LabeledImage &im) {
        std::vector<double> x(d + 1, 1.0); // the last is the bias
        for (int j = 0; j < d; ++j)
            x[j] = (im.pixels[j] - mean[j]) * scale[j];
        return x;
    };
    std::vector<std::vector<double>> xs;
    std::vector<int> ys;
    for (const auto &im : pool) {
        xs.push_back(features(im));
        ys.push_back(static_cast<int>(labels.indexOf(im.label)));
    }
    std::vector<double> w(static_cast<std::size_t>(k) * (d + 1), 0), velocity(w.size(), 0), grad(w.size());
    const double rate = 0.5, l2 = 1e-3;
    std::vector<double> logits(k);
    for (int iteration = 0; iteration < 400; ++iteration) {
        std::fill(grad.begin(), grad.end(), 0.0);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            double top = -1e300;
            for (int c = 0; c < k; ++c) {
                double z = 0;
                for (int j = 0; j <= d; ++j)
                    z += w[static_cast<std::size_t>(c) * (d + 1) + j] * xs[i][j];
                logits[c] = z;
                top = std::max(top, z);
            }
            double sum = 0;
            for (double &z : logits)
                sum += (z = std::exp(z - top));
            for (int c = 0; c < k; ++c) {
                const double g = logits[c] / sum - (c == ys[i] ? 1.0 : 0.0);
                for (int j = 0; j <= d; ++j)
                    grad[static_cast<std::size_t>(c) * (d + 1) + j] += g * xs[i][j] / xs.size();
            }
        }
        for (std::size_t p = 0; p < w.size(); ++p) {
            velocity[p] = 0.9 * velocity[p] - rate * (grad[p] + l2 * w[p]);
            w[p] += velocity[p];
        }
    }
    std::vector<int> gold, guessed;
    for (const auto &im : eval) {
        const std::vector<double> x = features(im);
        int best = 0;
        double bestZ = -1e300;
        for (int c = 0; c < k; ++c) {
            double z = 0;
            for (int j = 0; j <= d; ++j)
                z += w[static_cast<std::size_t>(c) * (d + 1) + j] * x[j];
            if (z > bestZ) {
                bestZ = z;
                best = c;
            }
        }
        gold.push_back(static_cast<int>(labels.indexOf(im.label)));
        guessed.push_back(best);
    }
    return metrics::singleLabelReport(labels, gold, guessed);
}

// `count` images made from the digits: each drawn at 32 x 32 after a random rotation and scale, into dir/<label>/.
void writeLargeSet(const QString &sourceDir, const QString &dir, int count)
{
    QVector<QPair<QString, QString>> sources; // path, label
    const QDir root(sourceDir);
    for (const QString &label : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QDir().mkpath(dir + QLatin1Char('/') + label);
        for (const QString &name : QDir(root.filePath(label)).entryList(QDir::Files, QDir::Name))
            sources.push_back({root.filePath(label) + QLatin1Char('/') + name, label});
    }
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> angle(-15, 15), zoom(0.85, 1.15);
    for (int i = 0; i < count; ++i) {
        const auto &[path, label] = sources[i % sources.size()];
        QImage image(path);
        image = image.convertToFormat(QImage::Format_Grayscale8).scaled(32, 32, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        QTransform t;
        t.rotate(angle(rng));
        t.scale(zoom(rng), zoom(rng));
        image = image.transformed(t, Qt::SmoothTransformation).scaled(32, 32, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        image.save(QStringLiteral("%1/%2/%3.png").arg(dir, label).arg(i, 5, 10, QLatin1Char('0')));
    }
}

// One round as the studio runs it: train on `labeled` of the images, then score the rest for margin.
void timeRound(const ImageFolder &folder, int labeled, int threads)
{
    ml::TrainingOptions options;
    options.threads = threads;
    ml::ImageModelOptions images;
    images.input = folder.input;
    auto decoded = std::make_shared<DecodedImages>();
    for (const auto &im : folder.images)
        decoded->insert(im.path, im.pixels);
    images.decoded = decoded;
    auto model = ml::makeImageClassificationModel(options, images);
    QStringList labels;
    for (const auto &im : folder.images)
        if (!labels.contains(im.label))
            labels << im.label;
    if (auto s = model->setLabels(labels, {}); !s) {
        out() << s.error() << '\n';
        return;
    }
    std::vector<int> order(static_cast<std::size_t>(folder.images.size()));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(42);
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<char> isLabeled(order.size(), 0);
    for (int i = 0; i < labeled && i < static_cast<int>(order.size()); ++i)
        isLabeled[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = 1;
    std::vector<int> train, pool;
    for (int i = 0; i < folder.images.size(); ++i) {
        AnnotatedSample a;
        a.sample.id = i + 1;
        a.sample.text = folder.images[i].path;
        if (isLabeled[static_cast<std::size_t>(i)]) {
            a.annotation = Annotation{};
            a.annotation->labels = QStringList{folder.images[i].label};
            train.push_back(i);
        } else {
            pool.push_back(i);
        }
        model->addSample(a);
    }
    const std::atomic_bool cancel{false};
    QElapsedTimer timer;
    timer.start();
    const auto epochs = model->train(train, cancel, {});
    const double trainSeconds = timer.nsecsElapsed() / 1e9;
    timer.restart();
    const auto scored = model->predict(pool, al::findStrategy(QStringLiteral("margin"), model->scoreKind()), train, 1);
    const double scoreSeconds = timer.nsecsElapsed() / 1e9;
    if (!epochs || !scored) {
        out() << (epochs ? scored.error() : epochs.error()) << '\n';
        return;
    }
    out() << QStringLiteral("one round on %1 images (%2x%2, %3 labeled, %4 epochs): training %5 s, scoring %6 images %7 s, "
                            "total %8 s on %9 (%10 threads)\n")
                 .arg(folder.images.size())
                 .arg(folder.input.side)
                 .arg(train.size())
                 .arg(epochs->size())
                 .arg(trainSeconds, 0, 'f', 1)
                 .arg(pool.size())
                 .arg(scoreSeconds, 0, 'f', 1)
                 .arg(trainSeconds + scoreSeconds, 0, 'f', 1)
                 .arg(model->deviceName())
                 .arg(threads);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QDir::homePath() + QStringLiteral("/.cache/marginalia-datasets/digits");
    int budget = 300, batch = 25, big = 10000, bigLabels = 1000, threads = 2;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const auto next = [&](int &v) {
            if (i + 1 < args.size())
                v = args[++i].toInt();
        };
        if (args[i] == QLatin1String("--budget"))
            next(budget);
        else if (args[i] == QLatin1String("--batch"))
            next(batch);
        else if (args[i] == QLatin1String("--big"))
            next(big);
        else if (args[i] == QLatin1String("--big-labels"))
            next(bigLabels);
        else if (args[i] == QLatin1String("--threads"))
            next(threads);
        else
            dir = args[i];
    }
    ml::configureTorchThreads(threads);
    const auto folder = readImageFolder(dir);
    if (!folder) {
        out() << folder.error() << '\n';
        return 1;
    }
    QVector<LabeledImage> pool, eval;
    task::splitForSimulation(folder->images, 0.2, 42, pool, eval);
    out() << QStringLiteral("%1 images (%2 skipped) drawn at %3x%3x%4; pool %5, eval %6; %7\n")
                 .arg(folder->images.size())
                 .arg(folder->skipped.size())
                 .arg(folder->input.side)
                 .arg(folder->input.channels)
                 .arg(pool.size())
                 .arg(eval.size())
                 .arg(ml::selectedDevice().name);
    out().flush();

    QStringList labels;
    for (const auto &im : folder->images)
        if (!labels.contains(im.label))
            labels << im.label;
    QElapsedTimer timer;
    timer.start();
    const metrics::ClassificationReport linear = pixelRegression(pool, eval, labels);
    const double linearSeconds = timer.nsecsElapsed() / 1e9;

    const std::atomic_bool cancel{false};
    ml::SimulationOptions options;
    options.training.threads = threads;
    options.training.batchSize = batch;
    options.seedSize = batch;
    options.budget = budget;
    QVector<ml::SimulationResult> results;
    for (const QString &strategy : {QStringLiteral("margin"), QStringLiteral("random")}) {
        options.training.strategy = strategy;
        timer.restart();
        auto r = ml::simulateImages(pool, eval, folder->input, false, options, cancel);
        if (!r) {
            out() << r.error() << '\n';
            return 1;
        }
        out() << QStringLiteral("%1: %2 s\n").arg(strategy).arg(timer.nsecsElapsed() / 1e9, 0, 'f', 1);
        out().flush();
        results.push_back(*r);
    }
    const ml::SimulationResult &margin = results[0], &random = results[1];
    out() << QStringLiteral("\nfull data (%1 labels)      accuracy  macro-F1  seconds\n").arg(pool.size());
    out() << QStringLiteral("CNN                         %1    %2    %3\n")
                 .arg(margin.fullAccuracy, 0, 'f', 4)
                 .arg(margin.fullMacroF1, 0, 'f', 4)
                 .arg(margin.fullSeconds, 0, 'f', 1);
    out() << QStringLiteral("pixel logistic regression   %1    %2    %3\n")
                 .arg(linear.accuracy, 0, 'f', 4)
                 .arg(linear.macro.f1, 0, 'f', 4)
                 .arg(linearSeconds, 0, 'f', 1);
    out() << QStringLiteral("\nlabels  margin acc  random acc  margin F1  random F1\n");
    for (int i = 0; i < std::min(margin.curve.size(), random.curve.size()); ++i)
        out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                     .arg(margin.curve[i].labels, 6)
                     .arg(margin.curve[i].accuracy, 10, 'f', 4)
                     .arg(random.curve[i].accuracy, 10, 'f', 4)
                     .arg(margin.curve[i].macroF1, 9, 'f', 4)
                     .arg(random.curve[i].macroF1, 9, 'f', 4);
    const auto reached = [](const ml::SimulationResult &r) {
        return r.labelsTo95 ? QString::number(*r.labelsTo95) : QStringLiteral("not reached");
    };
    out() << QStringLiteral("labels to 95% of full-data macro-F1: margin %1, random %2\n").arg(reached(margin), reached(random));
    // The whole curve in one figure each (the area under it, per point): what "margin above random" means here.
    const auto meanF1 = [](const ml::SimulationResult &r) {
        double sum = 0;
        for (const auto &point : r.curve)
            sum += point.macroF1;
        return r.curve.isEmpty() ? 0.0 : sum / r.curve.size();
    };
    out() << QStringLiteral("mean macro-F1 over the curve: margin %1, random %2 (ratio %3)\n")
                 .arg(meanF1(margin), 0, 'f', 4)
                 .arg(meanF1(random), 0, 'f', 4)
                 .arg(meanF1(random) > 0 ? meanF1(margin) / meanF1(random) : 0.0, 0, 'f', 3);
    out().flush();

    if (big > 0) {
        QTemporaryDir temp;
        timer.restart();
        writeLargeSet(dir, temp.path(), big);
        const double writeSeconds = timer.nsecsElapsed() / 1e9;
        timer.restart();
        const auto large = readImageFolder(temp.path());
        if (!large) {
            out() << large.error() << '\n';
            return 1;
        }
        out() << QStringLiteral("\n%1 images written in %2 s, read in %3 s\n")
                     .arg(large->images.size())
                     .arg(writeSeconds, 0, 'f', 1)
                     .arg(timer.nsecsElapsed() / 1e9, 0, 'f', 1);
        timeRound(*large, bigLabels, threads);
    }
    return 0;
}
