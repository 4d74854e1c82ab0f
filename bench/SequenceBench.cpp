// Sequence tagger benchmark on the Brown corpus POS tags (from the datasets script), 80/20 split:
//   token accuracy of the tagger trained on the pool next to a most-frequent-tag-per-word baseline, training
//   seconds for 10 k sentences on 2 threads, and an oracle simulation of mnlp vs random side by side (sentences
//   needed to reach 95% of the full-data token accuracy). Usage:
//   marginalia_sequence_bench [brown_pos.conll] [--pool N] [--eval N] [--budget N] [--batch N] [--threads N]
#include "TaggedBenchData.h"
#include "io/TaggedFile.h"
#include "ml/Device.h"
#include "ml/Simulation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QHash>
#include <QStandardPaths>
#include <QTextStream>
#include <cstdio>
#include <limits>
#include <ctime>

using namespace marginalia;

namespace {
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// Most frequent tag of each word in the pool; unseen words get the pool's most frequent tag.
double baselineAccuracy(const QVector<io::TaggedSentence> &pool, const QVector<io::TaggedSentence> &eval)
{
    QHash<QString, QHash<QString, int>> counts;
    QHash<QString, int> overall;
    for (const io::TaggedSentence &s : pool)
        for (int t = 0; t < s.tokens.size(); ++t) {
            ++counts[s.tokens[t]][s.tags[t]];
            ++overall[s.tags[t]];
        }
    const auto argmax = [](const QHash<QString, int> &h) {
        QString best;
        int most = -1;
        for (auto it = h.constBegin(); it != h.constEnd(); ++it)
            if (it.value() > most || (it.value() == most && it.key() < best)) {
                best = it.key();
                most = it.value();
            }
        return best;
    };
    QHash<QString, QString> bestOf;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        bestOf.insert(it.key(), argmax(it.value()));
    const QString fallback = argmax(overall);
    qint64 right = 0, total = 0;
    for (const io::TaggedSentence &s : eval)
        for (int t = 0; t < s.tokens.size(); ++t) {
            right += bestOf.value(s.tokens[t], fallback) == s.tags[t] ? 1 : 0;
            ++total;
        }
    return total > 0 ? static_cast<double>(right) / static_cast<double>(total) : 0;
}

QString orNot(const std::optional<int> &v)
{
    return v ? QString::number(*v) : QStringLiteral("not reached");
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const auto take = [&](const QString &flag, int fallback) { return bench::takeIntFlag(args, flag, fallback); };
    const int poolCap = take(QStringLiteral("--pool"), 10000);
    const int evalCap = take(QStringLiteral("--eval"), 3000);
    const int budget = take(QStringLiteral("--budget"), 2000);
    const int batch = take(QStringLiteral("--batch"), 100);
    const int threads = take(QStringLiteral("--threads"), 2);
    const auto rows = bench::readBrownTagged(args.value(0));
    if (!rows)
        return 2;
    const QString path = args.value(0, QStringLiteral("brown_pos.conll"));
    QVector<io::TaggedSentence> pool, eval;
    task::splitForSimulation(*rows, 0.2, 42, pool, eval);
    qint64 poolTokens = 0;
    QSet<QString> tags;
    for (const QVector<io::TaggedSentence> *part : {&pool, &eval})
        for (const io::TaggedSentence &s : *part)
            tags.unite(QSet<QString>(s.tags.begin(), s.tags.end()));
    for (const io::TaggedSentence &s : pool)
        poolTokens += s.tokens.size();
    out() << "data: " << path << "\n  " << rows->size() << " sentences: " << pool.size() << " pool (" << poolTokens
          << " tokens) / " << eval.size() << " eval, " << tags.size() << " tags, device "
          << ml::selectedDevice().name << ", torch threads " << threads << "\n";
    // The figures below use the first --pool pool sentences and --eval eval sentences (the split is shuffled),
    // which keeps the whole bench within minutes on two cores.
    if (pool.size() > poolCap)
        pool.resize(poolCap);
    if (eval.size() > evalCap)
        eval.resize(evalCap);
    out() << "  using " << pool.size() << " pool / " << eval.size() << " eval sentences\n\n";
    out().flush();

    ml::configureTorchThreads(threads);
    const std::atomic_bool cancel{false};
    ml::SimulationOptions options;
    options.training.threads = threads;
    options.training.batchSize = batch;
    options.seedSize = batch;
    options.budget = budget;

    // Full data: the reference for the simulation, and the training time of --pool sentences.
    options.training.strategy = QStringLiteral("random");
    options.budget = 0; // the reference only
    // CPU time next to wall time: on a shared machine the wall clock also counts other processes' turns.
    const std::clock_t cpuStart = std::clock();
    const auto full = ml::simulateSequences(pool, eval, options, cancel);
    const double cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    if (!full) {
        std::fprintf(stderr, "%s\n", qPrintable(full.error()));
        return 2;
    }
    const double baseline = baselineAccuracy(pool, eval);
    out() << "token accuracy, trained on " << pool.size() << " pool sentences:\n"
          << QStringLiteral("  tagger %1   most-frequent-tag baseline %2   (error %3 vs %4, ratio %5)\n")
                 .arg(full->fullAccuracy, 0, 'f', 4)
                 .arg(baseline, 0, 'f', 4)
                 .arg(1 - full->fullAccuracy, 0, 'f', 4)
                 .arg(1 - baseline, 0, 'f', 4)
                 .arg((1 - full->fullAccuracy) / std::max(1e-9, 1 - baseline), 0, 'f', 2);
    out() << QStringLiteral("training on %1 sentences: %2 s wall (target <= 60 s), %3 tokens/s; %4 CPU s for "
                            "encoding, training and evaluating on %5 threads\n\n")
                 .arg(pool.size())
                 .arg(full->fullSeconds, 0, 'f', 1)
                 .arg(full->fullTokensPerSecond, 0, 'f', 0)
                 .arg(cpuSeconds, 0, 'f', 1)
                 .arg(threads);
    out().flush();

    options.budget = budget;
    QVector<ml::SimulationResult> results;
    // mnlp against random is the figure asked for; least-confidence and diverse-mnlp show what the choice of
    // query does (mnlp's length normalization favours short sentences, so it is also shown per token).
    const QStringList strategies{QStringLiteral("mnlp"), QStringLiteral("random"), QStringLiteral("least-confidence"),
                                 QStringLiteral("diverse-mnlp")};
    for (const QString &strategy : strategies) {
        options.training.strategy = strategy;
        QElapsedTimer timer;
        timer.start();
        const auto r = ml::simulateSequences(pool, eval, options, cancel, {}, &*full);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error()));
            return 2;
        }
        out() << strategy << ": " << QString::number(timer.nsecsElapsed() / 1e9, 'f', 1) << " s\n";
        out().flush();
        results.push_back(*r);
    }
    out() << "\nsimulation: seed " << options.seedSize << ", batch " << batch << " sentences, budget " << budget
          << "; token accuracy per round (95% of full data = "
          << QString::number(0.95 * full->fullAccuracy, 'f', 4) << ")\n";
    out() << "sentences";
    for (const QString &strategy : strategies)
        out() << QStringLiteral("  %1 (acc, tokens)").arg(strategy, 16);
    out() << '\n';
    int points = std::numeric_limits<int>::max();
    for (const ml::SimulationResult &r : results)
        points = std::min(points, static_cast<int>(r.curve.size()));
    for (int i = 0; i < points; ++i) {
        out() << QStringLiteral("%1").arg(results[0].curve[i].labels, 9);
        for (const ml::SimulationResult &r : results)
            out() << QStringLiteral("  %1 %2").arg(r.curve[i].accuracy, 19, 'f', 4).arg(r.curve[i].tokens, 8, 'f', 0);
        out() << '\n';
    }
    out() << "\nsentences to 95% of full-data token accuracy (tokens labeled by then):\n";
    for (const ml::SimulationResult &r : results) {
        double tokens = 0;
        for (const ml::CurvePoint &p : r.curve)
            if (r.labelsTo95Accuracy && p.labels == *r.labelsTo95Accuracy)
                tokens = p.tokens;
        out() << QStringLiteral("  %1 %2").arg(r.strategy, 16).arg(orNot(r.labelsTo95Accuracy), 11);
        if (r.labelsTo95Accuracy)
            out() << QStringLiteral(" (%1 tokens)").arg(tokens, 0, 'f', 0);
        out() << '\n';
    }
    const auto &m = results[0].labelsTo95Accuracy, &r = results[1].labelsTo95Accuracy;
    if (m && r)
        out() << QStringLiteral("ratio mnlp/random (sentences): %1\n").arg(static_cast<double>(*m) / *r, 0, 'f', 2);
    return 0;
}
