// Query strategies pick what their definitions say on small constructed pools.
#include "al/Strategies.h"

#include <QtTest>
#include <cmath>
#include <set>

using namespace marginalia::al;

namespace {

PoolScores poolOf(int classes, const std::vector<std::vector<float>> &rows)
{
    PoolScores s;
    s.n = int(rows.size());
    s.classes = classes;
    for (const auto &r : rows)
        s.probs.insert(s.probs.end(), r.begin(), r.end());
    return s;
}

void setEmbeddings(PoolScores &s, int dim, const std::vector<std::vector<float>> &rows)
{
    s.dim = dim;
    s.embeddings.clear();
    for (const auto &r : rows)
        s.embeddings.insert(s.embeddings.end(), r.begin(), r.end());
}

const Strategy &classStrategy(const char *name)
{
    return *findStrategy(QLatin1String(name), ScoreKind::ClassProbabilities);
}

const Strategy &tokenStrategy(const char *name)
{
    return *findStrategy(QLatin1String(name), ScoreKind::TokenMarginals);
}

std::vector<int> indices(const std::vector<Pick> &picks)
{
    std::vector<int> out;
    for (const Pick &p : picks)
        out.push_back(p.index);
    return out;
}

// Three classes: row 0 has the closest top two, row 1 is the flattest (lowest top probability), row 2 is sure.
PoolScores threeRows()
{
    return poolOf(3, {{0.45f, 0.44f, 0.11f}, {0.35f, 0.33f, 0.32f}, {0.90f, 0.05f, 0.05f}});
}

} // namespace

class TestQueryStrategies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesRoundTrip()
    {
        QCOMPARE(strategyNames(ScoreKind::ClassProbabilities),
                 (QStringList{"random", "least-confidence", "margin", "entropy", "bald", "coreset", "diverse-margin"}));
        QCOMPARE(strategyNames(ScoreKind::TokenMarginals),
                 (QStringList{"mnlp", "least-confidence", "token-entropy", "diverse-mnlp", "random"}));
        for (const Strategy &s : strategies()) {
            QCOMPARE(findStrategy(s.displayName().toUpper(), s.reads), &s);
            QVERIFY(isStrategyName(s.displayName()));
        }
        QVERIFY(!isStrategyName(QStringLiteral("most-fun")));
        QVERIFY(!findStrategy(QStringLiteral("mnlp"), ScoreKind::ClassProbabilities));
        // A name of another task's strategy means the kind's default.
        QCOMPARE(&strategyFor(QStringLiteral("margin"), ScoreKind::TokenMarginals), &tokenStrategy("mnlp"));
        QCOMPARE(&strategyFor(QStringLiteral("mnlp"), ScoreKind::ClassProbabilities), &classStrategy("margin"));
        QVERIFY(classStrategy("bald").needsMcPasses && classStrategy("coreset").needsEmbeddings && tokenStrategy("diverse-mnlp").needsEmbeddings);
    }

    void uncertaintyPicksByDefinition_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<std::vector<int>>("order");
        QTest::addColumn<double>("topScore");
        QTest::addRow("margin: closest top two") << QStringLiteral("margin") << std::vector<int>{0, 1, 2} << 1.0 - 0.01;
        QTest::addRow("least-confidence: lowest top") << QStringLiteral("least-confidence") << std::vector<int>{1, 0, 2}
                                                      << 1.0 - 0.35;
        const double flat = -(0.35 * std::log(0.35) + 0.33 * std::log(0.33) + 0.32 * std::log(0.32));
        QTest::addRow("entropy: flattest") << QStringLiteral("entropy") << std::vector<int>{1, 0, 2} << flat;
    }

    void uncertaintyPicksByDefinition()
    {
        QFETCH(QString, strategy);
        QFETCH(std::vector<int>, order);
        QFETCH(double, topScore);
        const auto picks = rankPool(classStrategy(qPrintable(strategy)), threeRows(), 1, 7);
        QCOMPARE(indices(picks), order);
        QVERIFY2(std::abs(picks[0].score - topScore) < 1e-6, qPrintable(QString::number(picks[0].score)));
        QVERIFY(picks[0].score >= picks[1].score && picks[1].score >= picks[2].score);
    }

    void marginBreaksTiesBySeed()
    {
        // Four identical rows: every order is a tie; the seed decides, the same seed decides the same way.
        auto pool = poolOf(2, {{0.6f, 0.4f}, {0.6f, 0.4f}, {0.6f, 0.4f}, {0.6f, 0.4f}, {0.99f, 0.01f}});
        const auto a = indices(rankPool(classStrategy("margin"), pool, 1, 1));
        QCOMPARE(indices(rankPool(classStrategy("margin"), pool, 1, 1)), a);
        QCOMPARE(a.back(), 4); // the sure row stays last whatever the seed
        std::set<std::vector<int>> orders;
        for (std::uint64_t seed = 0; seed < 20; ++seed)
            orders.insert(indices(rankPool(classStrategy("margin"), pool, 1, seed)));
        QVERIFY(orders.size() > 1);
    }

    void baldPrefersDisagreementOverAgreedUncertainty()
    {
        // Row 0: passes disagree confidently; row 1: every pass says 50/50. Same mean, so the same entropy.
        PoolScores s = poolOf(2, {{0.5f, 0.5f}, {0.5f, 0.5f}});
        s.mc = {{0.9f, 0.1f, 0.5f, 0.5f}, {0.1f, 0.9f, 0.5f, 0.5f}};
        const auto picks = rankPool(classStrategy("bald"), s, 1, 3);
        QCOMPARE(indices(picks), (std::vector<int>{0, 1}));
        const double h09 = -(0.9 * std::log(0.9) + 0.1 * std::log(0.1));
        QVERIFY(std::abs(picks[0].score - (std::log(2.0) - h09)) < 1e-6);
        QVERIFY(std::abs(picks[1].score) < 1e-6);
    }

    void multiLabelUsesMeanBinaryEntropy()
    {
        PoolScores s = poolOf(2, {{0.9f, 0.1f}, {0.5f, 0.5f}, {0.5f, 0.99f}});
        s.multilabel = true;
        const auto picks = rankPool(classStrategy("entropy"), s, 1, 0);
        QCOMPARE(indices(picks), (std::vector<int>{1, 2, 0}));
        QVERIFY(std::abs(picks[0].score - std::log(2.0)) < 1e-6);
        // Margin's multi-label equivalent: mean of 1 - |2p - 1|.
        const auto margin = classStrategy("margin").informativeness(s, 0);
        QVERIFY(std::abs(margin[0] - 0.2) < 1e-6);
        QVERIFY(std::abs(margin[1] - 1.0) < 1e-6);
    }

    void coresetPicksTheFarthestPoint()
    {
        PoolScores s = poolOf(1, {{0.5f}, {0.5f}, {0.5f}, {0.5f}});
        setEmbeddings(s, 2, {{1, 0}, {5, 0}, {0, 2}, {4.5f, 0}});
        s.labeledEmbeddings = {0, 0};
        const auto picks = rankPool(classStrategy("coreset"), s, 2, 11);
        QCOMPARE(picks.size(), size_t(4));
        QCOMPARE(picks[0].index, 1); // 5 from the labeled origin
        QVERIFY(std::abs(picks[0].score - 5.0) < 1e-6);
        // (4.5, 0) is now 0.5 from a chosen centre; (0, 2) is 2 away from everything.
        QCOMPARE(picks[1].index, 2);
        QVERIFY(std::abs(picks[1].score - 2.0) < 1e-6);
        QCOMPARE(picks[2].index, 0); // the rest by remaining distance: 1 from the origin, then 0.5
        QCOMPARE(picks[3].index, 3);
    }

    void diverseMarginSkipsDuplicates()
    {
        // Rows 0 and 1 are the most uncertain but identical; row 2 is a little less uncertain and elsewhere.
        PoolScores s = poolOf(2, {{0.5f, 0.5f}, {0.5f, 0.5f}, {0.6f, 0.4f}, {0.95f, 0.05f}});
        setEmbeddings(s, 2, {{1, 1}, {1, 1}, {-3, 2}, {1, 1.1f}});
        for (std::uint64_t seed = 0; seed < 10; ++seed) {
            const auto picks = rankPool(classStrategy("diverse-margin"), s, 2, seed);
            QCOMPARE(picks.size(), size_t(4));
            const std::set<int> batch{picks[0].index, picks[1].index};
            QVERIFY2(!(batch.count(0) && batch.count(1)), "picked two identical points");
            QVERIFY(batch.count(0) || batch.count(1));
            QVERIFY(std::abs(picks[0].score - 1.0) < 1e-6); // the score shown is the margin score
        }
    }

    void randomIsSeededAndComplete()
    {
        PoolScores s = threeRows();
        s.n = 3;
        const auto a = indices(rankPool(classStrategy("random"), s, 1, 42));
        QCOMPARE(indices(rankPool(classStrategy("random"), s, 1, 42)), a);
        std::set<std::vector<int>> orders;
        for (std::uint64_t seed = 0; seed < 30; ++seed)
            orders.insert(indices(rankPool(classStrategy("random"), s, 1, seed)));
        QVERIFY(orders.size() >= 4);
    }

    void everyStrategyRanksEveryRowOnce_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name : strategyNames(ScoreKind::ClassProbabilities))
            QTest::addRow("%s", qPrintable(name)) << name;
    }

    void everyStrategyRanksEveryRowOnce()
    {
        QFETCH(QString, name);
        const int n = 200, classes = 4, dim = 3;
        PoolScores s;
        s.n = n;
        s.classes = classes;
        s.dim = dim;
        for (int i = 0; i < n; ++i) {
            float sum = 0;
            std::vector<float> row;
            for (int c = 0; c < classes; ++c)
                row.push_back(float((i * 7 + c * 13) % 11 + 1)), sum += row.back();
            for (float v : row)
                s.probs.push_back(v / sum);
            for (int d = 0; d < dim; ++d)
                s.embeddings.push_back(float((i * (d + 3)) % 17));
        }
        s.mc = {s.probs, s.probs};
        s.labeledEmbeddings = {0, 0, 0};
        const Strategy &strategy = classStrategy(qPrintable(name));
        const auto picks = rankPool(strategy, s, 10, 5);
        QCOMPARE(int(picks.size()), n);
        const auto order = indices(picks);
        QCOMPARE(int(std::set<int>(order.begin(), order.end()).size()), n);
        // A limit returns the same head without ranking the rest.
        const auto head = rankPool(strategy, s, 10, 5, 25);
        QCOMPARE(indices(head), std::vector<int>(order.begin(), order.begin() + 25));
    }

    void coldStartCoversEveryCluster()
    {
        // Three well-separated clusters of different sizes.
        PoolScores s;
        std::vector<std::vector<float>> rows;
        const float centres[3][2] = {{0, 0}, {10, 10}, {-10, 10}};
        const int sizes[3] = {40, 30, 20};
        std::vector<int> clusterOf;
        for (int c = 0; c < 3; ++c) {
            for (int i = 0; i < sizes[c]; ++i) {
                rows.push_back({centres[c][0] + float(i % 5) * 0.1f, centres[c][1] + float(i % 7) * 0.1f});
                clusterOf.push_back(c);
            }
        }
        s.n = int(rows.size());
        setEmbeddings(s, 2, rows);
        for (std::uint64_t seed = 0; seed < 8; ++seed) {
            const auto picks = coldStartPicks(s, 3, seed);
            QCOMPARE(picks.size(), size_t(3));
            std::set<int> covered;
            for (const Pick &p : picks)
                covered.insert(clusterOf[size_t(p.index)]);
            QCOMPARE(int(covered.size()), 3);
            QCOMPARE(clusterOf[size_t(picks[0].index)], 0); // the largest cluster first
            QVERIFY(std::abs(picks[0].score - 40.0 / 90.0) < 1e-9);
        }
    }

    void coldStartCoversClustersOfALargePool()
    {
        // Large enough that the clustering is fitted on a sample and then applied to the whole pool.
        PoolScores s;
        s.n = 15000;
        s.dim = 2;
        for (int i = 0; i < s.n; ++i) {
            const int c = i % 3;
            s.embeddings.push_back(float(c * 20) + float(i % 13) * 0.05f);
            s.embeddings.push_back(float(c == 1 ? 20 : 0) + float(i % 11) * 0.05f);
        }
        const auto picks = coldStartPicks(s, 3, 9);
        QCOMPARE(picks.size(), size_t(3));
        std::set<int> covered;
        double total = 0;
        for (const Pick &p : picks) {
            covered.insert(p.index % 3);
            total += p.score;
        }
        QCOMPARE(int(covered.size()), 3);
        QVERIFY(std::abs(total - 1.0) < 1e-9); // cluster fractions of the whole pool add up
    }

    void sequenceStrategiesFollowTheirDefinitions()
    {
        // Two tags. A: 2 tokens at 0.9; B: 1 token at 0.8; C: 4 tokens at 0.95; D: 10 tokens at 0.97.
        const auto sequence = [](int length, float top) {
            std::vector<float> m;
            for (int t = 0; t < length; ++t)
                m.insert(m.end(), {top, 1.0f - top});
            return m;
        };
        PoolScores s;
        s.n = 5;
        s.tags = 2;
        s.marginals = {sequence(2, 0.9f), sequence(1, 0.8f), sequence(4, 0.95f), sequence(10, 0.97f), {}};
        // Least confidence favours the long sequence (0.97^10 = 0.737); MNLP normalizes length away.
        const auto lc = rankPool(tokenStrategy("least-confidence"), s, 1, 1);
        QCOMPARE(indices(lc), (std::vector<int>{3, 1, 0, 2, 4}));
        QVERIFY(std::abs(lc[0].score - (1.0 - std::pow(0.97, 10))) < 1e-5);
        const auto mnlp = rankPool(tokenStrategy("mnlp"), s, 1, 1);
        QCOMPARE(indices(mnlp), (std::vector<int>{1, 0, 2, 3, 4}));
        QVERIFY(std::abs(mnlp[0].score + std::log(0.8)) < 1e-6);
        const auto entropy = rankPool(tokenStrategy("token-entropy"), s, 1, 1);
        QCOMPARE(indices(entropy), (std::vector<int>{1, 0, 2, 3, 4}));
        QVERIFY(std::abs(entropy[0].score + 0.8 * std::log(0.8) + 0.2 * std::log(0.2)) < 1e-6);
        QCOMPARE(entropy.back().score, 0.0); // the empty sequence

        // A CRF's own best-path score replaces the per-token product.
        s.bestLogProb = {std::log(0.1), std::log(0.8), std::log(0.95 * 0.95 * 0.95 * 0.95), 10 * std::log(0.97), 0};
        QCOMPARE(rankPool(tokenStrategy("least-confidence"), s, 1, 1, 1).front().index, 0);
    }

    void coldStartDetection()
    {
        QVERIFY(isColdStart({}));
        QVERIFY(isColdStart({5, 1}));
        QVERIFY(!isColdStart({2, 3}));
        QVERIFY(isColdStart({2, 3}, 3));
    }
};

QTEST_GUILESS_MAIN(TestQueryStrategies)
#include "tst_al.moc"
