// The sequence tagger with and without the pool's word vectors (their word classes, ml/WordClusters.h), side by
// side in the same run: entity F1 on Brown's proper names as spans (runs of np* tags become NAME entities) over
// the first labeled sentences, random picks, averaged over repeats. Usage:
//   marginalia_tagger_pretrain_bench [brown_pos.conll] [--sentences N] [--repeats R] [--budget N] [--batch N]
#include "TaggedBenchData.h"
#include "io/TaggedFile.h"
#include "ml/Device.h"
#include "ml/PoolPretraining.h"
#include "ml/Simulation.h"

#include <QCoreApplication>
#include <QFile>
#include <QStandardPaths>
#include <QTextStream>
#include <algorithm>
#include <cstdio>
#include <random>

using namespace marginalia;

namespace {
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// Proper-noun tags (np, nps, np$, np-tl, ...) as NAME entities in BIO tags; every other tag is outside.
io::TaggedSentence asNames(const io::TaggedSentence &pos)
{
    io::TaggedSentence s;
    s.tokens = pos.tokens;
    bool inside = false;
    for (const QString &tag : pos.tags) {
        const bool name = tag == QLatin1String("np") || tag.startsWith(QLatin1String("np$"))
                          || tag.startsWith(QLatin1String("nps")) || tag.startsWith(QLatin1String("np-"));
        s.tags << (name ? (inside ? QStringLiteral("I-NAME") : QStringLiteral("B-NAME")) : QStringLiteral("O"));
        inside = name;
    }
    return s;
}

double meanF1(const ml::SimulationResult &r)
{
    double sum = 0;
    for (const ml::CurvePoint &p : r.curve)
        sum += p.macroF1;
    return r.curve.isEmpty() ? 0 : sum / r.curve.size();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const auto take = [&](const QString &flag, int fallback) { return bench::takeIntFlag(args, flag, fallback); };
    const int sentences = take(QStringLiteral("--sentences"), 10000);
    const int repeats = take(QStringLiteral("--repeats"), 10);
    const int budget = take(QStringLiteral("--budget"), 300);
    const int batch = take(QStringLiteral("--batch"), 25);
    const auto rows = bench::readBrownTagged(args.value(0));
    if (!rows)
        return 2;
    const QString path = args.value(0, QStringLiteral("brown_pos.conll"));
    QVector<io::TaggedSentence> all;
    for (const io::TaggedSentence &s : *rows)
        all.push_back(asNames(s));
    std::mt19937_64 rng(50);
    std::shuffle(all.begin(), all.end(), rng);
    if (all.size() > sentences)
        all.resize(sentences);
    QVector<io::TaggedSentence> pool, eval;
    task::splitForSimulation(all, 0.2, 50, pool, eval);
    ml::configureTorchThreads(2);
    const std::atomic_bool cancel{false};

    // As a span-labeling project learns them: skip-gram over the pool's sentences, a 5-word window.
    const ml::TextSource texts = [&](const std::function<bool(const QString &)> &emit) -> Status {
        for (const io::TaggedSentence &s : std::as_const(pool))
            if (!emit(s.tokens.join(QLatin1Char(' '))))
                break;
        return {};
    };
    ml::PretrainOptions pretraining;
    pretraining.window = ml::skipGramWindow(true);
    auto learned = ml::pretrainWordVectors(texts, pretraining, cancel);
    if (!learned) {
        std::fprintf(stderr, "pretraining failed: %s\n", qPrintable(learned.error()));
        return 1;
    }
    out() << "data: " << path << ", " << all.size() << " sentences: " << pool.size() << " pool / " << eval.size()
          << " eval; vectors for " << learned->table.words.size() << " words (" << learned->epochs << " passes, "
          << QString::number(learned->seconds, 'f', 0) << " s)\n";
    out().flush();

    ml::SimulationOptions options;
    options.training.strategy = QStringLiteral("random");
    options.training.batchSize = batch;
    options.seedSize = batch;
    options.budget = budget;
    options.repeats = repeats;
    options.training.seed = 50;
    const auto scratch = ml::simulateSequences(pool, eval, options, cancel);
    learned->table.stamp = 1;
    options.training.poolVectors = std::make_shared<ml::WordVectorTable>(std::move(learned->table));
    const auto classes = ml::simulateSequences(pool, eval, options, cancel);
    if (!scratch || !classes) {
        std::fprintf(stderr, "simulation failed: %s\n", qPrintable(!scratch ? scratch.error() : classes.error()));
        return 1;
    }
    out() << "entity F1, random picks, batches of " << batch << " sentences, " << repeats << " repeats\n";
    out() << "  sentences  tokens  scratch  word classes  ratio\n";
    for (int i = 0; i < std::min(scratch->curve.size(), classes->curve.size()); ++i) {
        const ml::CurvePoint &a = scratch->curve[i], &b = classes->curve[i];
        out() << QStringLiteral("  %1  %2  %3  %4  %5\n")
                     .arg(a.labels, 9)
                     .arg(a.tokens, 6, 'f', 0)
                     .arg(a.macroF1, 7, 'f', 3)
                     .arg(b.macroF1, 12, 'f', 3)
                     .arg(a.macroF1 > 0 ? b.macroF1 / a.macroF1 : 0.0, 5, 'f', 2);
    }
    out() << QStringLiteral("  mean over the curve: scratch %1, word classes %2 (ratio %3)\n")
                 .arg(meanF1(*scratch), 0, 'f', 3)
                 .arg(meanF1(*classes), 0, 'f', 3)
                 .arg(meanF1(*scratch) > 0 ? meanF1(*classes) / meanF1(*scratch) : 0.0, 0, 'f', 2);
    out() << QStringLiteral("  full data: scratch %1, word classes %2\n")
                 .arg(scratch->fullMacroF1, 0, 'f', 3)
                 .arg(classes->fullMacroF1, 0, 'f', 3);
    return 0;
}
