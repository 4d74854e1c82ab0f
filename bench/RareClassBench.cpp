// Rare labels: the model's full-data macro-F1 next to TF-IDF + logistic regression (plain and class-balanced) on
// the same split, and margin against random picks from the first rounds on. Usage:
//   marginalia_rare_class_bench [--budget N] [--repeats R] [--pretrain] [--splits K] DATA [...]
// (default: sotu_party from the datasets script, 8 parties of which 4 have fewer than 300 passages).
// --splits K: full data only, on K splits (seeds 50, 51, ...), each with its own pretraining: one split's
// figure moves by a point or more with the split and the vectors learned.
#include "TfidfRegression.h"
#include "CurveFigures.h"
#include "ml/Device.h"
#include "ml/PoolPretraining.h"
#include "ml/Simulation.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QTextStream>
#include <cstdio>

using namespace marginalia;

using bench::meanMacroF1;
using bench::out;

namespace {
const std::atomic_bool kNoCancel{false};

// Vectors learned from the pool as the studio learns them for a text classification project; null on failure.
std::shared_ptr<const ml::WordVectorTable> poolVectors(const QVector<ml::LabeledText> &pool)
{
    const ml::TextSource texts = [&](const std::function<bool(const QString &)> &emit) -> Status {
        for (const ml::LabeledText &row : pool)
            if (!emit(row.text))
                break;
        return {};
    };
    ml::PretrainOptions pretraining;
    pretraining.window = ml::skipGramWindow(false);
    auto learned = ml::pretrainWordVectors(texts, pretraining, kNoCancel);
    if (!learned) {
        std::fprintf(stderr, "pretraining failed: %s\n", qPrintable(learned.error()));
        return nullptr;
    }
    auto vectors = std::make_shared<ml::WordVectorTable>(std::move(learned->table));
    vectors->stamp = 1;
    return vectors;
}

// Full-data macro-F1 of the model and of both regressions on `splits` splits, then their means.
bool fullDataOnSplits(const QVector<ml::LabeledText> &rows, ml::SimulationOptions options, int splits, bool pretrain)
{
    options.budget = options.seedSize; // one curve point: the full-data model is what is read
    options.repeats = 1;
    options.training.strategy = QStringLiteral("random");
    bench::TfidfRegressionOptions balancedOptions;
    balancedOptions.balanced = true;
    out() << "  split  model   TF-IDF LR  balanced  model / best baseline\n";
    double model = 0, plain = 0, balanced = 0;
    for (int k = 0; k < splits; ++k) {
        const std::uint64_t seed = 50 + std::uint64_t(k);
        QVector<ml::LabeledText> pool, eval;
        task::splitForSimulation(rows, 0.2, seed, pool, eval);
        options.training.seed = seed;
        options.training.poolVectors = pretrain ? poolVectors(pool) : nullptr;
        if (pretrain && !options.training.poolVectors)
            return false;
        const double p = bench::tfidfRegression(pool, eval).macro.f1;
        const double b = bench::tfidfRegression(pool, eval, balancedOptions).macro.f1;
        const auto result = ml::simulate(pool, eval, options, kNoCancel);
        if (!result) {
            std::fprintf(stderr, "simulation failed: %s\n", qPrintable(result.error()));
            return false;
        }
        model += result->fullMacroF1;
        plain += p;
        balanced += b;
        out() << QStringLiteral("  %1  %2  %3     %4    %5\n")
                     .arg(seed, 5).arg(result->fullMacroF1, 0, 'f', 4).arg(p, 0, 'f', 4).arg(b, 0, 'f', 4)
                     .arg(result->fullMacroF1 / std::max({p, b, 1e-9}), 0, 'f', 3);
        out().flush();
    }
    model /= splits;
    plain /= splits;
    balanced /= splits;
    out() << QStringLiteral("  mean   %1  %2     %3    %4\n\n")
                 .arg(model, 0, 'f', 4).arg(plain, 0, 'f', 4).arg(balanced, 0, 'f', 4)
                 .arg(model / std::max({plain, balanced, 1e-9}), 0, 'f', 3);
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList paths;
    int budget = 600, repeats = 1, splits = 0;
    bool pretrain = false;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--budget") && i + 1 < args.size())
            budget = args[++i].toInt();
        else if (args[i] == QLatin1String("--repeats") && i + 1 < args.size())
            repeats = args[++i].toInt();
        else if (args[i] == QLatin1String("--splits") && i + 1 < args.size())
            splits = args[++i].toInt();
        else if (args[i] == QLatin1String("--pretrain"))
            pretrain = true;
        else
            paths << args[i];
    }
    if (paths.isEmpty())
        paths << QDir::homePath() + QStringLiteral("/.cache/marginalia-datasets/sotu_party.jsonl");
    ml::configureTorchThreads(1);
    const std::atomic_bool cancel{false};
    for (const QString &path : std::as_const(paths)) {
        const auto rows = bench::readDataSet(path);
        if (!rows)
            return 2;
        ml::SimulationOptions options = bench::curveOptions(budget, repeats);
        QVector<ml::LabeledText> pool, eval;
        task::splitForSimulation(*rows, 0.2, options.training.seed, pool, eval);
        QMap<QString, int> counts;
        for (const auto &row : std::as_const(pool))
            if (!row.labels.isEmpty())
                ++counts[row.labels.first()];
        out() << "data: " << path << "\n  " << pool.size() << " pool / " << eval.size() << " eval samples; labels:";
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            out() << ' ' << it.key() << ' ' << it.value();
        out() << "\n";
        out().flush();

        if (splits > 0) {
            if (!fullDataOnSplits(*rows, options, splits, pretrain))
                return 1;
            continue;
        }
        if (pretrain) {
            options.training.poolVectors = poolVectors(pool);
            if (!options.training.poolVectors)
                return 1;
        }

        QElapsedTimer clock;
        clock.start();
        const auto plain = bench::tfidfRegression(pool, eval);
        const double plainSeconds = clock.restart() / 1000.0;
        bench::TfidfRegressionOptions balancedOptions;
        balancedOptions.balanced = true;
        const auto balanced = bench::tfidfRegression(pool, eval, balancedOptions);
        const double balancedSeconds = clock.restart() / 1000.0;

        options.training.strategy = QStringLiteral("random");
        const auto random = ml::simulate(pool, eval, options, cancel);
        options.training.strategy = QStringLiteral("margin");
        const auto margin = ml::simulate(pool, eval, options, cancel);
        if (!random || !margin) {
            std::fprintf(stderr, "simulation failed: %s\n", qPrintable(!random ? random.error() : margin.error()));
            return 1;
        }
        out() << "  full data                        macro-F1  accuracy  seconds\n";
        out() << QStringLiteral("  TF-IDF + logistic regression     %1    %2    %3\n")
                     .arg(plain.macro.f1, 0, 'f', 4).arg(plain.accuracy, 0, 'f', 4).arg(plainSeconds, 0, 'f', 1);
        out() << QStringLiteral("  the same, balanced label weights %1    %2    %3\n")
                     .arg(balanced.macro.f1, 0, 'f', 4).arg(balanced.accuracy, 0, 'f', 4).arg(balancedSeconds, 0, 'f', 1);
        out() << QStringLiteral("  Marginalia's model               %1    %2    %3\n")
                     .arg(margin->fullMacroF1, 0, 'f', 4).arg(margin->fullAccuracy, 0, 'f', 4)
                     .arg(margin->fullSeconds, 0, 'f', 1);
        const double best = std::max(plain.macro.f1, balanced.macro.f1);
        out() << QStringLiteral("  model / best baseline: %1\n").arg(best > 0 ? margin->fullMacroF1 / best : 0.0, 0, 'f', 3);
        out() << "  labels  margin-F1  random-F1  difference\n";
        for (int i = 0; i < std::min(margin->curve.size(), random->curve.size()); ++i)
            out() << QStringLiteral("  %1  %2  %3  %4\n")
                         .arg(margin->curve[i].labels, 6)
                         .arg(margin->curve[i].macroF1, 9, 'f', 4)
                         .arg(random->curve[i].macroF1, 9, 'f', 4)
                         .arg(margin->curve[i].macroF1 - random->curve[i].macroF1, 10, 'f', 4);
        out() << QStringLiteral("  mean macro-F1 over the curve: margin %1, random %2 (ratio %3)\n\n")
                     .arg(meanMacroF1(*margin), 0, 'f', 4).arg(meanMacroF1(*random), 0, 'f', 4)
                     .arg(meanMacroF1(*random) > 0 ? meanMacroF1(*margin) / meanMacroF1(*random) : 0.0, 0, 'f', 3);
        out().flush();
    }
    return 0;
}
