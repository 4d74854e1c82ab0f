// Pool pretraining against the from-scratch model, in the same run on the same splits: for each data set, word
// vectors are learned from the pool's text only (ml/PoolPretraining.h, what `marginalia pretrain` does) by both
// methods, the document-term SVD and skip-gram, then learning curves (random and margin picks) are simulated
// without vectors and with each. Prints macro-F1 per curve point, the ratios to the from-scratch model, and the
// time each pretraining took.
// Usage: marginalia_pretrain_bench [--quick] [--budget N] [--repeats R] [--dim D] [--window W] [--passes P]
//        [--brown-sentences S] [--svd-only] [--random-only] [DATA ...]
// (default: sotu_period, sotu_party and Brown genre passages from the datasets script, then the fortune
// categories and fortunes-zh's sources when those Debian packages are installed, CurveFigures.h; --quick: one
// repeat up to 300 labels, else three up to 1,000)
#include "CurveFigures.h"
#include "ml/Device.h"
#include "ml/PoolPretraining.h"
#include "ml/Simulation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <algorithm>
#include <cstdio>

using namespace marginalia;

using bench::meanMacroF1;
using bench::out;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList paths = app.arguments().mid(1);
    const bool quick = paths.removeAll(QStringLiteral("--quick")) > 0;
    // --brown-sentences: sentences in a Brown genre passage (1: the genre task on short texts).
    int budget = quick ? 300 : 1000, repeats = quick ? 1 : 3, dim = 0, window = 0, passes = 0, brownSentences = 4;
    const std::pair<QString, int *> numbers[] = {{QStringLiteral("--budget"), &budget},
                                                 {QStringLiteral("--repeats"), &repeats},
                                                 {QStringLiteral("--dim"), &dim},
                                                 {QStringLiteral("--window"), &window},
                                                 {QStringLiteral("--passes"), &passes},
                                                 {QStringLiteral("--brown-sentences"), &brownSentences}};
    for (const auto &[flag, value] : numbers) {
        const qsizetype at = paths.indexOf(flag);
        if (at >= 0 && at + 1 < paths.size()) {
            *value = std::max(1, paths.at(at + 1).toInt());
            paths.remove(at, 2);
        }
    }
    // --svd-only: leave skip-gram out (it takes a minute or more a data set); --random-only: one strategy.
    const bool svdOnly = paths.removeAll(QStringLiteral("--svd-only")) > 0;
    const bool randomOnly = paths.removeAll(QStringLiteral("--random-only")) > 0;
    if (paths.isEmpty()) {
        const QString dir = QDir::homePath() + QStringLiteral("/.cache/marginalia-datasets/");
        paths = {dir + QStringLiteral("sotu_period.jsonl"), dir + QStringLiteral("sotu_party.jsonl"),
                 dir + QStringLiteral("brown_pos.jsonl")};
        // Debian's fortune cookies, when installed: short texts in 40 categories, and short Chinese ones.
        for (const QString &fortunes : {QStringLiteral("/usr/share/games/fortunes"), QStringLiteral("/usr/share/games/fortunes/chinese")}) {
            if (QFileInfo::exists(fortunes))
                paths << fortunes;
            else
                out() << "(" << fortunes << " left out: apt install fortunes fortunes-zh)\n";
        }
    }
    ml::configureTorchThreads(1);
    const std::atomic_bool cancel{false};
    for (const QString &path : std::as_const(paths)) {
        const auto rows = bench::readDataSet(path, brownSentences);
        if (!rows)
            return 2;
        ml::SimulationOptions options = bench::curveOptions(budget, repeats);
        QVector<ml::LabeledText> pool, eval;
        task::splitForSimulation(*rows, 0.2, options.training.seed, pool, eval);
        out() << "data: " << path << "\n  " << pool.size() << " pool / " << eval.size() << " eval samples\n";
        out().flush();

        const ml::TextSource texts = [&](const std::function<bool(const QString &)> &emit) -> Status {
            for (const ml::LabeledText &row : std::as_const(pool))
                if (!emit(row.text))
                    break;
            return {};
        };
        std::shared_ptr<const ml::WordVectorTable> vectors[2];
        const ml::PretrainMethod methods[2] = {ml::PretrainMethod::DocumentTerms, ml::PretrainMethod::SkipGram};
        const char *names[2] = {"document-term SVD", "skip-gram"};
        for (int m = 0; m < (svdOnly ? 1 : 2); ++m) {
            ml::PretrainOptions pretrain;
            pretrain.method = methods[m];
            pretrain.dim = dim > 0 ? dim : options.training.embeddingDim;
            pretrain.window = window > 0 ? window : ml::skipGramWindow(false); // a text classification project's
            pretrain.epochs = passes; // 0: as many as the pool's size calls for
            auto learned = ml::pretrainWordVectors(texts, pretrain, cancel);
            if (!learned) {
                std::fprintf(stderr, "pretraining failed: %s\n", qPrintable(learned.error()));
                return 1;
            }
            out() << "  pretraining, " << names[m] << ": " << learned->table.words.size() << " words, "
                  << learned->tokens << " tokens, " << (m == 1 ? QString::number(learned->epochs) + " passes, " : QString())
                  << QString::number(learned->seconds, 'f', 1) << " s\n";
            learned->table.stamp = m + 1;
            vectors[m] = std::make_shared<ml::WordVectorTable>(std::move(learned->table));
        }
        const QStringList strategies = randomOnly ? QStringList{QStringLiteral("random")}
                                                  : QStringList{QStringLiteral("random"), QStringLiteral("margin")};
        for (const QString &strategy : strategies) {
            options.training.strategy = strategy;
            options.training.poolVectors.reset();
            const auto scratch = ml::simulate(pool, eval, options, cancel);
            options.training.poolVectors = vectors[0];
            const auto terms = ml::simulate(pool, eval, options, cancel);
            options.training.poolVectors = vectors[svdOnly ? 0 : 1];
            const auto skipGram = svdOnly ? terms : ml::simulate(pool, eval, options, cancel);
            for (const auto *r : {&scratch, &terms, &skipGram})
                if (!*r) {
                    std::fprintf(stderr, "simulation failed: %s\n", qPrintable(r->error()));
                    return 1;
                }
            out() << "  " << strategy
                  << QStringLiteral(": full-data macro-F1 from scratch %1, document-term %2, skip-gram %3\n")
                         .arg(scratch->fullMacroF1, 0, 'f', 4)
                         .arg(terms->fullMacroF1, 0, 'f', 4)
                         .arg(skipGram->fullMacroF1, 0, 'f', 4);
            out() << "  labels  scratch-F1  doc-term-F1  ratio  skip-gram-F1  ratio\n";
            const int points = int(std::min({scratch->curve.size(), terms->curve.size(), skipGram->curve.size()}));
            const auto ratio = [](double a, double b) { return a > 0 ? b / a : 0.0; };
            for (int i = 0; i < points; ++i) {
                const double a = scratch->curve[i].macroF1, b = terms->curve[i].macroF1, c = skipGram->curve[i].macroF1;
                out() << QStringLiteral("  %1  %2  %3  %4  %5  %6\n")
                             .arg(scratch->curve[i].labels, 6)
                             .arg(a, 10, 'f', 4)
                             .arg(b, 11, 'f', 4)
                             .arg(ratio(a, b), 5, 'f', 2)
                             .arg(c, 12, 'f', 4)
                             .arg(ratio(a, c), 5, 'f', 2);
            }
            out() << QStringLiteral("  mean over the curve: scratch %1, document-term %2 (ratio %3), skip-gram %4 "
                                    "(ratio %5)\n\n")
                         .arg(meanMacroF1(*scratch), 0, 'f', 4)
                         .arg(meanMacroF1(*terms), 0, 'f', 4)
                         .arg(ratio(meanMacroF1(*scratch), meanMacroF1(*terms)), 0, 'f', 2)
                         .arg(meanMacroF1(*skipGram), 0, 'f', 4)
                         .arg(ratio(meanMacroF1(*scratch), meanMacroF1(*skipGram)), 0, 'f', 2);
            out().flush();
        }
    }
    return 0;
}
