// Pool pretraining against the from-scratch model, in the same run on the same splits: for each data set, word
// vectors are learned from the pool's text only (ml/PoolPretraining.h, what `marginalia pretrain` does), then
// learning curves (random and margin picks) are simulated with and without them. Prints macro-F1 per curve point, the
// ratio, and the time pretraining took.
// Usage: marginalia_pretrain_bench [--quick] [DATA.jsonl ...]  (default: sotu_period and spam_assassin from the
// datasets script; --quick: one repeat up to 300 labels)
#include "ml/Device.h"
#include "ml/PoolPretraining.h"
#include "ml/Simulation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>
#include <cstdio>

using namespace marginalia;

namespace {
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList paths = app.arguments().mid(1);
    const bool quick = paths.removeAll(QStringLiteral("--quick")) > 0;
    if (paths.isEmpty()) {
        const QString dir = QDir::homePath() + QStringLiteral("/.cache/marginalia-datasets/");
        paths = {dir + QStringLiteral("sotu_period.jsonl"), dir + QStringLiteral("spam_assassin.jsonl")};
    }
    ml::configureTorchThreads(1);
    const std::atomic_bool cancel{false};
    for (const QString &path : std::as_const(paths)) {
        if (!QFile::exists(path)) {
            std::fprintf(stderr, "%s not found; run the datasets fetch script first.\n", qPrintable(path));
            return 2;
        }
        const auto rows = ml::readTextFile(path);
        if (!rows) {
            std::fprintf(stderr, "%s\n", qPrintable(rows.error()));
            return 2;
        }
        ml::SimulationOptions options;
        options.training.strategy = QStringLiteral("random");
        options.seedSize = 50;
        options.training.batchSize = 50;
        options.budget = quick ? 300 : 1000;
        options.repeats = quick ? 1 : 3;
        QVector<ml::LabeledText> pool, eval;
        task::splitForSimulation(*rows, 0.2, options.training.seed, pool, eval);
        out() << "data: " << path << "\n  " << pool.size() << " pool / " << eval.size() << " eval samples\n";
        out().flush();

        ml::PretrainOptions pretrain;
        pretrain.dim = options.training.embeddingDim;
        const ml::TextSource texts = [&](const std::function<bool(const QString &)> &emit) -> Status {
            for (const ml::LabeledText &row : std::as_const(pool))
                if (!emit(row.text))
                    break;
            return {};
        };
        auto learned = ml::pretrainWordVectors(texts, pretrain, cancel);
        if (!learned) {
            std::fprintf(stderr, "pretraining failed: %s\n", qPrintable(learned.error()));
            return 1;
        }
        out() << "  pretraining: " << learned->table.words.size() << " words, " << learned->tokens << " tokens, "
              << QString::number(learned->seconds, 'f', 1) << " s\n";
        const auto vectors = std::make_shared<ml::WordVectorTable>(std::move(learned->table));
        vectors->stamp = 1;
        for (const QString &strategy : {QStringLiteral("random"), QStringLiteral("margin")}) {
            options.training.strategy = strategy;
            options.training.poolVectors.reset();
            const auto scratch = ml::simulate(pool, eval, options, cancel);
            options.training.poolVectors = vectors;
            const auto pretrained = ml::simulate(pool, eval, options, cancel);
            if (!scratch || !pretrained) {
                std::fprintf(stderr, "simulation failed: %s\n", qPrintable(!scratch ? scratch.error() : pretrained.error()));
                return 1;
            }
            out() << "  " << strategy << QStringLiteral(": full data macro-F1 from scratch %1, pretrained %2\n")
                                            .arg(scratch->fullMacroF1, 0, 'f', 4).arg(pretrained->fullMacroF1, 0, 'f', 4);
            out() << "  labels  scratch-F1  pretrained-F1  ratio\n";
            double sumScratch = 0, sumPretrained = 0;
            const int points = int(std::min(scratch->curve.size(), pretrained->curve.size()));
            for (int i = 0; i < points; ++i) {
                const double a = scratch->curve[i].macroF1, b = pretrained->curve[i].macroF1;
                sumScratch += a;
                sumPretrained += b;
                out() << QStringLiteral("  %1  %2  %3  %4\n").arg(scratch->curve[i].labels, 6).arg(a, 10, 'f', 4)
                             .arg(b, 13, 'f', 4).arg(a > 0 ? b / a : 0.0, 5, 'f', 2);
            }
            out() << QStringLiteral("  mean over the curve: %1 vs %2 (ratio %3)\n\n")
                         .arg(sumScratch / std::max(points, 1), 0, 'f', 4).arg(sumPretrained / std::max(points, 1), 0, 'f', 4)
                         .arg(sumScratch > 0 ? sumPretrained / sumScratch : 0.0, 0, 'f', 2);
            out().flush();
        }
    }
    return 0;
}
