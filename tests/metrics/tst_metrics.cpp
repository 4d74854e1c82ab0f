// Classification and sequence-labeling metrics against scikit-learn fixtures, Cohen's kappa, the stopping rule.
//
// Every expected number below was computed once with scikit-learn 1.2.1 (Debian 12's python3-sklearn):
// classification_report(..., zero_division=0, output_dict=True / digits=...), confusion_matrix(...) and
// cohen_kappa_score(...), on exactly the inputs written next to them, and pasted here as literals.
#include "metrics/Agreement.h"
#include "metrics/AnnotatorAgreement.h"
#include "metrics/ClassificationReport.h"
#include "metrics/SequenceReport.h"

#include <QtTest>
#include <cmath>

using namespace marginalia::metrics;

namespace {

struct Expected
{
    const char *name;
    double precision, recall, f1;
    qint64 support;
};

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

void compareMetrics(const ClassMetrics &actual, const Expected &expected)
{
    QCOMPARE(actual.name, QString::fromUtf8(expected.name));
    QVERIFY2(near(actual.precision, expected.precision), qPrintable(actual.name + QStringLiteral(" precision")));
    QVERIFY2(near(actual.recall, expected.recall), qPrintable(actual.name + QStringLiteral(" recall")));
    QVERIFY2(near(actual.f1, expected.f1), qPrintable(actual.name + QStringLiteral(" f1")));
    QCOMPARE(actual.support, expected.support);
}

const QStringList kSingleLabels{"ham", "spam", "eggs", "unused"};
// "eggs" is never predicted; "unused" has zero support and zero predictions.
const std::vector<int> kGold{0, 0, 1, 1, 1, 2, 2, 0, 1, 0};
const std::vector<int> kPredicted{0, 1, 1, 1, 0, 0, 1, 0, 1, 0};

const QStringList kMultiLabels{"a", "b", "c", "d"};
// Indicator matrices; sample 3 has no gold label, sample 5 neither gold nor predicted; "d" never occurs.
const std::vector<std::vector<std::uint8_t>> kMultiGold{{1, 0, 1, 0}, {0, 1, 0, 0}, {1, 1, 0, 0},
                                                        {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}};
const std::vector<std::vector<std::uint8_t>> kMultiPredicted{{1, 0, 0, 0}, {0, 1, 1, 0}, {1, 0, 0, 0},
                                                             {0, 0, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void singleLabelMatchesScikitLearn()
    {
        const auto report = singleLabelReport(kSingleLabels, kGold, kPredicted);
        QCOMPARE(report.perLabel.size(), 4);
        compareMetrics(report.perLabel[0], {"ham", 0.6, 0.75, 0.6666666666666665, 4});
        compareMetrics(report.perLabel[1], {"spam", 0.6, 0.75, 0.6666666666666665, 4});
        compareMetrics(report.perLabel[2], {"eggs", 0.0, 0.0, 0.0, 2});
        compareMetrics(report.perLabel[3], {"unused", 0.0, 0.0, 0.0, 0});
        compareMetrics(report.micro, {"micro avg", 0.6, 0.6, 0.6, 10});
        compareMetrics(report.macro, {"macro avg", 0.3, 0.375, 0.33333333333333326, 10});
        compareMetrics(report.weighted, {"weighted avg", 0.48, 0.6, 0.5333333333333332, 10});
        QVERIFY(near(report.accuracy, 0.6));
        QVERIFY(!report.multilabel);
    }

    void confusionMatrixMatchesScikitLearn()
    {
        const auto report = singleLabelReport(kSingleLabels, kGold, kPredicted);
        const QVector<QVector<qint64>> expected{{3, 1, 0, 0}, {1, 3, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0}};
        QCOMPARE(report.confusion, expected);
        const auto cells = report.confusionCells();
        QCOMPARE(cells.size(), 6); // non-zero cells only
        qint64 total = 0;
        for (const auto &cell : cells)
            total += cell.count;
        QCOMPARE(total, qint64(10));
        QCOMPARE(cells[0].gold, QStringLiteral("ham"));
        QCOMPARE(cells[0].predicted, QStringLiteral("ham"));
        QCOMPARE(cells[0].count, qint64(3));
    }

    void multiLabelMatchesScikitLearn()
    {
        const auto report = multiLabelReport(kMultiLabels, kMultiGold, kMultiPredicted);
        QVERIFY(report.multilabel);
        compareMetrics(report.perLabel[0], {"a", 1.0, 0.6666666666666666, 0.8, 3});
        compareMetrics(report.perLabel[1], {"b", 1.0, 0.5, 0.6666666666666666, 2});
        compareMetrics(report.perLabel[2], {"c", 0.0, 0.0, 0.0, 1});
        compareMetrics(report.perLabel[3], {"d", 0.0, 0.0, 0.0, 0});
        compareMetrics(report.micro, {"micro avg", 0.6, 0.5, 0.5454545454545454, 6});
        compareMetrics(report.macro, {"macro avg", 0.5, 0.29166666666666663, 0.3666666666666667, 6});
        compareMetrics(report.weighted, {"weighted avg", 0.8333333333333334, 0.5, 0.6222222222222222, 6});
        compareMetrics(report.samples, {"samples avg", 0.4166666666666667, 0.3333333333333333, 0.3333333333333333, 6});
        // accuracy_score on indicator input: exact-match (subset) accuracy = 1/6.
        QVERIFY(near(report.accuracy, 1.0 / 6.0));
        QVERIFY(report.confusion.isEmpty());
    }

    void textLayoutMatchesScikitLearn_data()
    {
        QTest::addColumn<QString>("actual");
        QTest::addColumn<QString>("expected");
        QTest::addRow("labels without support show the micro average")
            << singleLabelReport(kSingleLabels, kGold, kPredicted).toText(4)
            << QStringLiteral("              precision    recall  f1-score   support\n\n"
                              "         ham     0.6000    0.7500    0.6667         4\n"
                              "        spam     0.6000    0.7500    0.6667         4\n"
                              "        eggs     0.0000    0.0000    0.0000         2\n"
                              "      unused     0.0000    0.0000    0.0000         0\n\n"
                              "   micro avg     0.6000    0.6000    0.6000        10\n"
                              "   macro avg     0.3000    0.3750    0.3333        10\n"
                              "weighted avg     0.4800    0.6000    0.5333        10\n");
        QTest::addRow("two digits, accuracy row")
            << singleLabelReport({"negative", "positive"}, {0, 1, 1, 0, 1}, {0, 1, 0, 0, 1}).toText(2)
            << QStringLiteral("              precision    recall  f1-score   support\n\n"
                              "    negative       0.67      1.00      0.80         2\n"
                              "    positive       1.00      0.67      0.80         3\n\n"
                              "    accuracy                           0.80         5\n"
                              "   macro avg       0.83      0.83      0.80         5\n"
                              "weighted avg       0.87      0.80      0.80         5\n");
        QTest::addRow("wide and Chinese names")
            << singleLabelReport({QStringLiteral("短"), "a-very-long-label-name", "c"}, {0, 1, 2, 0}, {0, 1, 1, 0})
                   .toText(4)
            << QStringLiteral("                        precision    recall  f1-score   support\n\n"
                              "                     短     1.0000    1.0000    1.0000         2\n"
                              "a-very-long-label-name     0.5000    1.0000    0.6667         1\n"
                              "                     c     0.0000    0.0000    0.0000         1\n\n"
                              "              accuracy                         0.7500         4\n"
                              "             macro avg     0.5000    0.6667    0.5556         4\n"
                              "          weighted avg     0.6250    0.7500    0.6667         4\n");
        QTest::addRow("multi-label")
            << multiLabelReport(kMultiLabels, kMultiGold, kMultiPredicted).toText(4)
            << QStringLiteral("              precision    recall  f1-score   support\n\n"
                              "           a     1.0000    0.6667    0.8000         3\n"
                              "           b     1.0000    0.5000    0.6667         2\n"
                              "           c     0.0000    0.0000    0.0000         1\n"
                              "           d     0.0000    0.0000    0.0000         0\n\n"
                              "   micro avg     0.6000    0.5000    0.5455         6\n"
                              "   macro avg     0.5000    0.2917    0.3667         6\n"
                              "weighted avg     0.8333    0.5000    0.6222         6\n"
                              " samples avg     0.4167    0.3333    0.3333         6\n");
    }

    void textLayoutMatchesScikitLearn()
    {
        QFETCH(QString, actual);
        QFETCH(QString, expected);
        QCOMPARE(actual, expected);
    }

    void rowsAndJsonCarryAverages()
    {
        const auto report = multiLabelReport(kMultiLabels, kMultiGold, kMultiPredicted);
        const auto rows = report.toRows(QStringLiteral("label"));
        QCOMPARE(rows.size(), 4 + 4);
        QVERIFY(!rows[3].isAverage);
        QCOMPARE(rows[4].name, QStringLiteral("micro avg"));
        QVERIFY(rows[4].isAverage);
        QCOMPARE(rows.last().name, QStringLiteral("samples avg"));
        const auto json = report.toJson();
        QVERIFY(near(json.value(QStringLiteral("macro avg")).toObject().value(QStringLiteral("recall")).toDouble(),
                     0.29166666666666663));
        QCOMPARE(singleLabelReport(kSingleLabels, kGold, kPredicted).toRows().size(), 4 + 3);
    }

    void emptyInputGivesZeros()
    {
        const auto report = singleLabelReport({"x", "y"}, {}, {});
        QCOMPARE(report.accuracy, 0.0);
        QCOMPARE(report.weighted.f1, 0.0);
        QCOMPARE(report.micro.support, qint64(0));
    }

    void kappaMatchesScikitLearn_data()
    {
        QTest::addColumn<std::vector<int>>("a");
        QTest::addColumn<std::vector<int>>("b");
        QTest::addColumn<int>("classes");
        QTest::addColumn<double>("expected");
        QTest::addRow("report fixture") << kGold << kPredicted << 4 << 0.33333333333333337;
        QTest::addRow("three classes") << std::vector<int>{0, 1, 2, 2, 1, 0, 0, 1}
                                       << std::vector<int>{0, 1, 2, 1, 1, 0, 2, 1} << 3 << 0.6190476190476191;
        QTest::addRow("identical") << std::vector<int>{0, 1, 1, 0} << std::vector<int>{0, 1, 1, 0} << 2 << 1.0;
        // scikit-learn returns nan here (0/0); two equal constant sequences agree fully.
        QTest::addRow("constant and equal") << std::vector<int>{1, 1, 1} << std::vector<int>{1, 1, 1} << 2 << 1.0;
        QTest::addRow("empty") << std::vector<int>{} << std::vector<int>{} << 2 << 0.0;
    }

    void kappaMatchesScikitLearn()
    {
        QFETCH(std::vector<int>, a);
        QFETCH(std::vector<int>, b);
        QFETCH(int, classes);
        QFETCH(double, expected);
        QVERIFY2(near(cohensKappa(a, b, classes), expected), qPrintable(QString::number(cohensKappa(a, b, classes))));
    }

    void extractsEntities_data()
    {
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QStringList>("entities"); // "type start end"
        QTest::addRow("BIO") << QStringList{"B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"}
                             << QStringList{"PER 0 2", "LOC 3 4", "LOC 4 6"};
        QTest::addRow("IOB1") << QStringList{"I-PER", "I-PER", "B-PER", "O", "I-LOC"}
                              << QStringList{"PER 0 2", "PER 2 3", "LOC 4 5"};
        QTest::addRow("BIOES") << QStringList{"B-PER", "E-PER", "S-LOC", "O", "B-ORG", "I-ORG", "E-ORG"}
                               << QStringList{"PER 0 2", "LOC 2 3", "ORG 4 7"};
        QTest::addRow("BILOU") << QStringList{"U-PER", "B-LOC", "L-LOC"} << QStringList{"PER 0 1", "LOC 1 3"};
        QTest::addRow("type change inside") << QStringList{"B-PER", "I-LOC", "I-LOC"}
                                            << QStringList{"PER 0 1", "LOC 1 3"};
        QTest::addRow("E after E") << QStringList{"E-PER", "E-PER"} << QStringList{"PER 0 1", "PER 1 2"};
        QTest::addRow("no prefix") << QStringList{"PER", "PER", "O"} << QStringList{"PER 0 2"};
        QTest::addRow("all outside") << QStringList{"O", "O"} << QStringList{};
    }

    void extractsEntities()
    {
        QFETCH(QStringList, tags);
        QFETCH(QStringList, entities);
        QStringList actual;
        for (const Entity &e : extractEntities({tags}))
            actual << QStringLiteral("%1 %2 %3").arg(e.type).arg(e.start).arg(e.end);
        QCOMPARE(actual, entities);
    }

    void sequenceReportMatchesFixtures()
    {
        const QVector<QStringList> gold{{"B-PER", "I-PER", "O", "B-LOC", "O"},
                                        {"B-ORG", "I-ORG", "I-ORG", "O", "B-PER"},
                                        {"O", "O", "B-LOC", "I-LOC"}};
        const QVector<QStringList> predicted{{"B-PER", "I-PER", "O", "B-ORG", "O"},
                                             {"B-ORG", "I-ORG", "O", "O", "B-PER"},
                                             {"O", "O", "I-LOC", "I-LOC"}}; // I- after O opens a chunk
        const auto report = sequenceReport(gold, predicted);
        // Entity level, worked out by hand with conlleval's chunk rules: gold PER x2, LOC x2, ORG x1;
        // predicted PER x2 (both right), ORG x2 (wrong type, wrong span), LOC x1 (right).
        const auto &e = report.entities;
        QCOMPARE(e.labels, (QStringList{"LOC", "ORG", "PER"}));
        compareMetrics(e.perLabel[0], {"LOC", 1.0, 0.5, 2.0 / 3.0, 2});
        compareMetrics(e.perLabel[1], {"ORG", 0.0, 0.0, 0.0, 1});
        compareMetrics(e.perLabel[2], {"PER", 1.0, 1.0, 1.0, 2});
        compareMetrics(e.micro, {"micro avg", 0.6, 0.6, 0.6, 5});
        compareMetrics(e.macro, {"macro avg", 2.0 / 3.0, 0.5, 0.5555555555555555, 5});
        compareMetrics(e.weighted, {"weighted avg", 0.8, 0.6, 0.6666666666666666, 5});
        QVERIFY(e.toText(4).contains(QStringLiteral("   micro avg     0.6000    0.6000    0.6000         5\n")));
        QVERIFY(!e.toText(4).contains(QStringLiteral("accuracy")));

        // Token level: scikit-learn's classification_report over the flattened tags (digits=4).
        const auto &t = report.tokens;
        QCOMPARE(t.labels, (QStringList{"B-LOC", "B-ORG", "B-PER", "I-LOC", "I-ORG", "I-PER", "O"}));
        compareMetrics(t.perLabel[1], {"B-ORG", 0.5, 1.0, 0.6666666666666666, 1});
        compareMetrics(t.perLabel[6], {"O", 0.8333333333333334, 1.0, 0.9090909090909091, 5});
        compareMetrics(t.macro, {"macro avg", 0.6904761904761905, 0.7857142857142857, 0.7012987012987012, 14});
        compareMetrics(t.weighted, {"weighted avg", 0.7261904761904763, 0.7857142857142857, 0.7294372294372293, 14});
        QVERIFY(near(t.accuracy, 0.7857142857142857));
        QCOMPARE(t.toText(4), QStringLiteral("              precision    recall  f1-score   support\n\n"
                                             "       B-LOC     0.0000    0.0000    0.0000         2\n"
                                             "       B-ORG     0.5000    1.0000    0.6667         1\n"
                                             "       B-PER     1.0000    1.0000    1.0000         2\n"
                                             "       I-LOC     0.5000    1.0000    0.6667         1\n"
                                             "       I-ORG     1.0000    0.5000    0.6667         2\n"
                                             "       I-PER     1.0000    1.0000    1.0000         1\n"
                                             "           O     0.8333    1.0000    0.9091         5\n\n"
                                             "    accuracy                         0.7857        14\n"
                                             "   macro avg     0.6905    0.7857    0.7013        14\n"
                                             "weighted avg     0.7262    0.7857    0.7294        14\n"));
        const auto rows = report.toRows();
        QCOMPARE(rows.size(), (3 + 3) + (7 + 3));
        QCOMPARE(rows.first().level, QStringLiteral("entity"));
        QCOMPARE(rows.last().level, QStringLiteral("token"));
    }

    void stopsWhenRecentKappasAgree()
    {
        QVERIFY(!suggestStop({}));
        QVERIFY(!suggestStop({1.0, 1.0})); // fewer runs than the window
        QVERIFY(suggestStop({0.5, 0.99, 0.99, 0.995}));
        QVERIFY(!suggestStop({0.99, 0.99, 1.0, 0.96}));
        QVERIFY(suggestStop({0.9, 0.95}, 2, 0.92));
    }

    // Krippendorff's own example (Computing Krippendorff's Alpha-Reliability, 2011): 4 observers, 12 units, values
    // 1-5 with missing ones; nominal alpha 0.743 (0.7434 by an independent pairwise computation).
    void krippendorffAlphaMatchesTheReferenceExample()
    {
        const int _ = -1;
        const int a[] = {1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _};
        const int b[] = {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3};
        const int c[] = {_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _};
        const int d[] = {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _};
        Ratings units;
        for (int u = 0; u < 12; ++u) // values 1..5 as categories 0..4
            units.push_back({a[u] < 0 ? -1 : a[u] - 1, b[u] < 0 ? -1 : b[u] - 1, c[u] < 0 ? -1 : c[u] - 1,
                             d[u] < 0 ? -1 : d[u] - 1});
        const auto alpha = krippendorffAlpha(units, 5);
        QVERIFY(alpha);
        QVERIFY2(std::abs(*alpha - 0.7434) < 5e-4, qPrintable(QString::number(*alpha)));
        // Units with one value only carry nothing; full agreement is 1; no variation at all is undefined.
        QVERIFY(!krippendorffAlpha({{0, -1}, {1, -1}}, 2));
        QCOMPARE(*krippendorffAlpha({{0, 0}, {1, 1}, {1, 1, -1}}, 2), 1.0);
        QVERIFY(!krippendorffAlpha({{1, 1}, {1, 1}}, 2));
    }

    // Fleiss (1971) as Wikipedia works it: 10 subjects, 14 raters, 5 categories; kappa 0.210.
    void fleissKappaMatchesTheReferenceExample()
    {
        const int counts[10][5] = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                                   {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        Ratings units;
        for (const auto &row : counts) {
            std::vector<int> unit;
            for (int category = 0; category < 5; ++category)
                unit.insert(unit.end(), static_cast<std::size_t>(row[category]), category);
            units.push_back(unit);
        }
        int used = 0;
        const auto kappa = fleissKappa(units, 5, &used);
        QVERIFY(kappa);
        QCOMPARE(used, 10);
        QVERIFY2(std::abs(*kappa - 0.2099) < 5e-4, qPrintable(QString::number(*kappa)));
        // A unit someone left out is not used.
        units[0][3] = -1;
        QVERIFY(fleissKappa(units, 5, &used));
        QCOMPARE(used, 9);
    }

    // Pairs get Cohen's kappa on the units both rated: Wikipedia's example (20 yes/yes, 5 yes/no, 10 no/yes, 15
    // no/no) gives 0.4, as scikit-learn's cohen_kappa_score does; a third rater who overlaps on nothing with the
    // second has no pair with them.
    void agreementPairsRatersOnTheirCommonUnits()
    {
        Ratings units;
        const auto add = [&](int count, int a, int b) {
            for (int i = 0; i < count; ++i)
                units.push_back({a, b, -1});
        };
        add(20, 1, 1);
        add(5, 1, 0);
        add(10, 0, 1);
        add(15, 0, 0);
        units.push_back({1, -1, 1});
        units.push_back({0, -1, 1});
        units.push_back({1, -1, -1}); // rated once: not in the overlap
        const AgreementFigures f = agreementOf(units, {QStringLiteral("ann"), QStringLiteral("bob"), QStringLiteral("cy")}, 2);
        QCOMPARE(f.units, 52);
        QCOMPARE(f.pairs.size(), 2);
        QCOMPARE(f.pairs[0].a, QStringLiteral("ann"));
        QCOMPARE(f.pairs[0].b, QStringLiteral("bob"));
        QCOMPARE(f.pairs[0].items, 50);
        QVERIFY(std::abs(f.pairs[0].cohenKappa - 0.4) < 1e-9);
        QCOMPARE(f.pairs[1].b, QStringLiteral("cy"));
        QCOMPARE(f.pairs[1].items, 2);
        QCOMPARE(f.fleissUnits, 0); // nobody rated a unit all three did
        QVERIFY(!f.fleissKappa);
        QVERIFY(f.krippendorffAlpha);
        // Per label: "has label 1" as a binary rating.
        const Ratings binary = binaryFor({{1, 2, -1}, {0, 1, 1}}, 1);
        QCOMPARE(binary, (Ratings{{1, 0, -1}, {0, 1, 1}}));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
