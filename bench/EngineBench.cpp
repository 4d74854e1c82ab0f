// Model engine benchmark on SpamAssassin (from the datasets script), side by side with fastText's CLI:
//   full-data macro-F1 vs `fasttext supervised -wordNgrams 2` on the same 80/20 split and the same tokens,
//   active-learning curves (margin vs random), one retrain + rescore of a 100 k pool, pool scoring rate and
//   training tokens/s. Usage: marginalia_engine_bench [spam_assassin.jsonl] [--quick] [--throughput]
#include "al/Strategies.h"
#include "metrics/ClassificationReport.h"
#include "ml/Device.h"
#include "ml/Simulation.h"
#include "ml/TextClassifier.h"
#include "text/FeatureHasher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstdio>
#include <ctime>

using namespace marginalia;

namespace {
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QString tokensLine(const QString &text)
{
    QStringList words;
    for (const text::Token &t : text::tokenize(text))
        words << t.text;
    return words.join(QLatin1Char(' '));
}

struct FastTextResult
{
    double macroF1 = 0;
    double accuracy = 0;
    double seconds = 0;
    double wordsPerSecond = 0;
    QString error;
};

// Trains and evaluates the fastText CLI on the same split and the same tokens as our model.
FastTextResult runFastText(const QVector<ml::LabeledText> &pool, const QVector<ml::LabeledText> &eval,
                           const QStringList &labels)
{
    FastTextResult r;
    QTemporaryDir dir;
    const auto write = [&](const QString &name, const QVector<ml::LabeledText> &rows) {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        QTextStream s(&f);
        for (const ml::LabeledText &row : rows)
            s << "__label__" << row.labels.first() << ' ' << tokensLine(row.text) << '\n';
    };
    write(QStringLiteral("train.txt"), pool);
    write(QStringLiteral("test.txt"), eval);
    QProcess train;
    QElapsedTimer timer;
    timer.start();
    train.start(QStringLiteral("fasttext"), {QStringLiteral("supervised"), QStringLiteral("-input"), dir.filePath(QStringLiteral("train.txt")),
                                             QStringLiteral("-output"), dir.filePath(QStringLiteral("model")),
                                             QStringLiteral("-wordNgrams"), QStringLiteral("2"), QStringLiteral("-thread"),
                                             QStringLiteral("2"), QStringLiteral("-verbose"), QStringLiteral("2")});
    if (!train.waitForFinished(600000) || train.exitCode() != 0) {
        r.error = QStringLiteral("fasttext supervised failed: ") + QString::fromUtf8(train.readAllStandardError()).right(300);
        return r;
    }
    r.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const QString log = QString::fromUtf8(train.readAllStandardError() + train.readAllStandardOutput());
    const auto matches = QRegularExpression(QStringLiteral("words/sec/thread:\\s*(\\d+)")).globalMatch(log);
    auto it = matches;
    while (it.hasNext())
        r.wordsPerSecond = it.next().captured(1).toDouble() * 2; // two threads
    QProcess predict;
    predict.start(QStringLiteral("fasttext"), {QStringLiteral("predict"), dir.filePath(QStringLiteral("model.bin")),
                                               dir.filePath(QStringLiteral("test.txt"))});
    predict.waitForFinished(600000);
    const QStringList lines = QString::fromUtf8(predict.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() != eval.size()) {
        r.error = QStringLiteral("fasttext predict returned %1 lines for %2 samples").arg(lines.size()).arg(eval.size());
        return r;
    }
    std::vector<int> gold, predicted;
    for (int i = 0; i < eval.size(); ++i) {
        gold.push_back(static_cast<int>(labels.indexOf(eval[i].labels.first())));
        predicted.push_back(static_cast<int>(labels.indexOf(lines[i].mid(9).trimmed())));
    }
    const auto report = metrics::singleLabelReport(labels, gold, predicted);
    r.macroF1 = report.macro.f1;
    r.accuracy = report.accuracy;
    return r;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).section(QLatin1Char(' '), 0, 0) : QString();
}

QString loadedBlas()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    QStringList libs;
    if (maps.open(QIODevice::ReadOnly))
        for (const QByteArray &line : maps.readAll().split('\n'))
            if (line.contains("blas") || line.contains("mkl")) {
                const QString path = QString::fromUtf8(line.mid(line.indexOf('/')));
                if (!libs.contains(path))
                    libs << path;
            }
    return libs.join(QStringLiteral(", "));
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const bool quick = args.removeAll(QStringLiteral("--quick")) > 0;
    const bool throughputOnly = args.removeAll(QStringLiteral("--throughput")) > 0; // skip the quality part
    const QString path = args.value(0, QDir::homePath() + QStringLiteral("/.cache/marginalia-datasets/spam_assassin.jsonl"));
    if (!QFile::exists(path)) {
        std::fprintf(stderr, "%s not found; run the datasets fetch script first.\n", qPrintable(path));
        return 2;
    }
    ml::configureTorchThreads(1); // as the app does: torch single-threaded, scoring on 2 plain threads
    const auto rows = ml::readTextFile(path);
    if (!rows) {
        std::fprintf(stderr, "%s\n", qPrintable(rows.error()));
        return 2;
    }
    QVector<ml::LabeledText> pool, eval;
    task::splitForSimulation(*rows, 0.2, 42, pool, eval);
    QStringList labels;
    for (const ml::LabeledText &r : *rows)
        if (!labels.contains(r.labels.value(0)))
            labels << r.labels.value(0);
    labels.sort();
    out() << "data: " << path << "\n  " << pool.size() << " pool / " << eval.size() << " eval samples, torch threads 1, scoring threads 2, BLAS loaded: " << loadedBlas() << "\n\n";
    out().flush();

    const std::atomic_bool cancel{false};
    if (!throughputOnly) {
    const FastTextResult ft = runFastText(pool, eval, labels);
    ml::SimulationOptions options;
    options.seedSize = 25;
    options.training.batchSize = 25;
    options.budget = quick ? 150 : 600;
    options.repeats = quick ? 1 : 3;
    QVector<ml::SimulationResult> results;
    for (const QString &strategy : {QStringLiteral("margin"), QStringLiteral("random"), QStringLiteral("diverse-margin")}) {
        options.training.strategy = strategy;
        QElapsedTimer timer;
        timer.start();
        const auto result = ml::simulate(pool, eval, options, cancel);
        if (!result) {
            std::fprintf(stderr, "simulation failed: %s\n", qPrintable(result.error()));
            return 1;
        }
        results.push_back(*result);
        out() << "simulation " << strategy << ": " << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s\n";
        out().flush();
    }
    const ml::SimulationResult &margin = results[0];
    const ml::SimulationResult &random = results[1];
    const ml::SimulationResult &diverse = results[2];

    out() << "\nfull-data reference            macro-F1  accuracy  train s  train tokens/s\n";
    out() << QStringLiteral("  marginalia (EmbeddingBag)    %1  %2  %3  %4\n")
                 .arg(margin.fullMacroF1, 8, 'f', 4).arg(margin.fullAccuracy, 8, 'f', 4)
                 .arg(margin.fullSeconds, 7, 'f', 2).arg(margin.fullTokensPerSecond, 14, 'f', 0);
    if (ft.error.isEmpty())
        out() << QStringLiteral("  fasttext -wordNgrams 2       %1  %2  %3  %4\n")
                     .arg(ft.macroF1, 8, 'f', 4).arg(ft.accuracy, 8, 'f', 4)
                     .arg(ft.seconds, 7, 'f', 2).arg(ft.wordsPerSecond, 14, 'f', 0);
    else
        out() << "  fasttext: " << ft.error << '\n';
    out() << "\nlearning curve (mean of " << options.repeats << " repeats)\nlabels  margin-F1  random-F1  diverse-margin-F1\n";
    for (int i = 0; i < std::min({margin.curve.size(), random.curve.size(), diverse.curve.size()}); ++i)
        out() << QStringLiteral("%1  %2  %3  %4\n").arg(margin.curve[i].labels, 6)
                     .arg(margin.curve[i].macroF1, 9, 'f', 4).arg(random.curve[i].macroF1, 9, 'f', 4)
                     .arg(diverse.curve[i].macroF1, 17, 'f', 4);
    const auto show = [](const std::optional<int> &n) { return n ? QString::number(*n) : QStringLiteral("not reached"); };
    out() << "labels to 95% of full-data macro-F1: margin " << show(margin.labelsTo95) << ", random "
          << show(random.labelsTo95) << ", diverse-margin " << show(diverse.labelsTo95) << "\n\n";
    out().flush();
    }

    // A 100 k pool built by cycling the real pool's features; 1,000 labeled samples; one warm retrain + rescore.
    const text::FeatureHasher hasher;
    std::vector<std::vector<std::int64_t>> features;
    std::vector<int> gold;
    QElapsedTimer hashing;
    hashing.start();
    for (const ml::LabeledText &r : pool) {
        features.push_back(hasher.features(r.text));
        gold.push_back(static_cast<int>(labels.indexOf(r.labels.first())));
    }
    const double hashSeconds = static_cast<double>(hashing.nsecsElapsed()) / 1e9;
    std::size_t featureCount = 0;
    std::vector<std::vector<std::int64_t>> big;
    for (int i = 0; i < 100000; ++i) {
        big.push_back(features[static_cast<std::size_t>(i) % features.size()]);
        featureCount += big.back().size();
    }
    std::vector<ml::Example> labeled;
    for (std::size_t i = 0; i < 1000; ++i)
        labeled.push_back(ml::Example{features[i], {gold[i]}, {}});
    ml::ModelShape shape;
    shape.classes = static_cast<int>(labels.size());
    auto model = ml::TextClassifier::create(shape, 1);
    (*model)->setScoringThreads(2);
    ml::TrainingOptions training;
    (void)(*model)->train(labeled, training, cancel); // the previous round; the timed one warm-starts from it
    labeled.push_back(ml::Example{features[1000], {gold[1000]}, {}});
    QElapsedTimer timer;
    timer.start();
    std::clock_t cpu = std::clock();
    const auto epochs = (*model)->train(labeled, training, cancel);
    const double trainSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double trainCpu = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
    timer.restart();
    cpu = std::clock();
    const auto scored = (*model)->predict(big);
    const double scoreSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double scoreCpu = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
    timer.restart();
    cpu = std::clock();
    (void)(*model)->predict(big, true); // the unprojected path (full rows), as coreset/diverse-margin need
    const double fullRowsCpu = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
    timer.restart();
    al::PoolScores scores;
    scores.n = scored->n;
    scores.classes = scored->classes;
    scores.probs = scored->probs;
    const auto ranked = al::rankPool(*al::findStrategy(QStringLiteral("margin"), al::ScoreKind::ClassProbabilities), scores, 25, 1);
    const double rankSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    out() << "100 k pool (" << QString::number(featureCount / 100000.0, 'f', 0) << " features per sample), 1,001 labels, "
          << "2 threads\n";
    out() << QStringLiteral("  retrain (%1 epochs)   %2 s\n  rescore 100 k          %3 s  (%4 samples/s)\n"
                            "  rank (margin)          %5 s\n  total                  %6 s  (target <= 1 s)\n")
                 .arg(epochs ? epochs->size() : 0)
                 .arg(trainSeconds, 0, 'f', 3)
                 .arg(scoreSeconds, 0, 'f', 3)
                 .arg(100000 / scoreSeconds, 0, 'f', 0)
                 .arg(rankSeconds, 0, 'f', 3)
                 .arg(trainSeconds + scoreSeconds + rankSeconds, 0, 'f', 3);
    out() << QStringLiteral("  CPU time (all threads): retrain %1 s, rescore %2 s (with full rows %4 s); load average %3\n")
                 .arg(trainCpu, 0, 'f', 3)
                 .arg(scoreCpu, 0, 'f', 3)
                 .arg(loadAverage())
                 .arg(fullRowsCpu, 0, 'f', 3);
    out() << QStringLiteral("  feature hashing        %1 samples/s (tokenize + n-gram hashing, once per sample)\n")
                 .arg(pool.size() / hashSeconds, 0, 'f', 0);
    return 0;
}
