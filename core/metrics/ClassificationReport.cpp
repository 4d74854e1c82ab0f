#include "metrics/ClassificationReport.h"

#include <QJsonArray>
#include <algorithm>

namespace marginalia::metrics {

namespace {

// zero_division=0: an undefined ratio counts as 0, as scikit-learn does when asked to.
double ratio(double num, double den)
{
    return den > 0 ? num / den : 0.0;
}

ClassMetrics fromCounts(const QString &name, double tp, double fp, double fn, qint64 support)
{
    ClassMetrics m;
    m.name = name;
    m.precision = ratio(tp, tp + fp);
    m.recall = ratio(tp, tp + fn);
    m.f1 = ratio(2 * tp, 2 * tp + fp + fn);
    m.support = support;
    return m;
}

// Fills per-label metrics and the micro, macro and weighted averages from per-label counts.
void fillAverages(ClassificationReport &report, const std::vector<qint64> &tp, const std::vector<qint64> &fp,
                  const std::vector<qint64> &fn)
{
    const int k = int(report.labels.size());
    qint64 sumTp = 0, sumFp = 0, sumFn = 0, total = 0;
    double macroP = 0, macroR = 0, macroF = 0, weightP = 0, weightR = 0, weightF = 0;
    for (int c = 0; c < k; ++c) {
        const qint64 support = tp[c] + fn[c];
        ClassMetrics m = fromCounts(report.labels[c], double(tp[c]), double(fp[c]), double(fn[c]), support);
        report.perLabel.append(m);
        sumTp += tp[c];
        sumFp += fp[c];
        sumFn += fn[c];
        total += support;
        macroP += m.precision;
        macroR += m.recall;
        macroF += m.f1;
        weightP += m.precision * double(support);
        weightR += m.recall * double(support);
        weightF += m.f1 * double(support);
    }
    report.micro = fromCounts(QStringLiteral("micro avg"), double(sumTp), double(sumFp), double(sumFn), total);
    report.macro.name = QStringLiteral("macro avg");
    report.macro.precision = ratio(macroP, k);
    report.macro.recall = ratio(macroR, k);
    report.macro.f1 = ratio(macroF, k);
    report.macro.support = total;
    report.weighted.name = QStringLiteral("weighted avg");
    report.weighted.precision = ratio(weightP, double(total));
    report.weighted.recall = ratio(weightR, double(total));
    report.weighted.f1 = ratio(weightF, double(total));
    report.weighted.support = total;
}

MetricRow toRow(const ClassMetrics &m, const QString &level, bool isAverage)
{
    MetricRow row;
    row.level = level;
    row.name = m.name;
    row.isAverage = isAverage;
    row.precision = m.precision;
    row.recall = m.recall;
    row.f1 = m.f1;
    row.support = m.support;
    return row;
}

QJsonObject toJsonObject(const ClassMetrics &m)
{
    return QJsonObject{{QStringLiteral("precision"), m.precision},
                       {QStringLiteral("recall"), m.recall},
                       {QStringLiteral("f1-score"), m.f1},
                       {QStringLiteral("support"), double(m.support)}};
}

// Python's len(): code points, which is how scikit-learn measures the label column.
int displayWidth(const QString &s)
{
    return int(s.toUcs4().size());
}

QString padLeft(const QString &s, int width)
{
    const int pad = width - displayWidth(s);
    return pad > 0 ? QString(pad, QLatin1Char(' ')) + s : s;
}

} // namespace

ClassificationReport singleLabelReport(const QStringList &labels, const std::vector<int> &gold,
                                       const std::vector<int> &predicted)
{
    ClassificationReport report;
    report.labels = labels;
    const int k = int(labels.size());
    const size_t n = std::min(gold.size(), predicted.size());
    report.confusion = QVector<QVector<qint64>>(k, QVector<qint64>(k, 0));
    qint64 correct = 0, counted = 0;
    for (size_t i = 0; i < n; ++i) {
        const int g = gold[i], p = predicted[i];
        if (g < 0 || g >= k || p < 0 || p >= k)
            continue; // out-of-range indices are not a label of this report
        ++report.confusion[g][p];
        correct += g == p;
        ++counted;
    }
    std::vector<qint64> tp(size_t(k), 0), fp(size_t(k), 0), fn(size_t(k), 0);
    for (int g = 0; g < k; ++g) {
        for (int p = 0; p < k; ++p) {
            const qint64 c = report.confusion[g][p];
            if (g == p) {
                tp[size_t(g)] += c;
            } else {
                fn[size_t(g)] += c;
                fp[size_t(p)] += c;
            }
        }
    }
    fillAverages(report, tp, fp, fn);
    report.accuracy = ratio(double(correct), double(counted));
    return report;
}

ClassificationReport multiLabelReport(const QStringList &labels, const std::vector<std::vector<std::uint8_t>> &gold,
                                      const std::vector<std::vector<std::uint8_t>> &predicted)
{
    ClassificationReport report;
    report.labels = labels;
    report.multilabel = true;
    const int k = int(labels.size());
    const size_t n = std::min(gold.size(), predicted.size());
    std::vector<qint64> tp(size_t(k), 0), fp(size_t(k), 0), fn(size_t(k), 0);
    qint64 exact = 0;
    double sampleP = 0, sampleR = 0, sampleF = 0;
    for (size_t i = 0; i < n; ++i) {
        qint64 sTp = 0, sGold = 0, sPred = 0;
        bool same = true;
        for (int c = 0; c < k; ++c) {
            const bool g = size_t(c) < gold[i].size() && gold[i][size_t(c)] != 0;
            const bool p = size_t(c) < predicted[i].size() && predicted[i][size_t(c)] != 0;
            tp[size_t(c)] += g && p;
            fp[size_t(c)] += !g && p;
            fn[size_t(c)] += g && !p;
            sTp += g && p;
            sGold += g;
            sPred += p;
            same = same && g == p;
        }
        exact += same;
        sampleP += ratio(double(sTp), double(sPred));
        sampleR += ratio(double(sTp), double(sGold));
        sampleF += ratio(2.0 * double(sTp), double(sGold + sPred));
    }
    fillAverages(report, tp, fp, fn);
    report.samples.name = QStringLiteral("samples avg");
    report.samples.precision = ratio(sampleP, double(n));
    report.samples.recall = ratio(sampleR, double(n));
    report.samples.f1 = ratio(sampleF, double(n));
    report.samples.support = report.micro.support;
    report.accuracy = ratio(double(exact), double(n));
    return report;
}

ClassificationReport countsReport(const QStringList &labels, const std::vector<qint64> &truePositives,
                                  const std::vector<qint64> &falsePositives, const std::vector<qint64> &falseNegatives)
{
    ClassificationReport report;
    report.labels = labels;
    const size_t k = size_t(labels.size());
    if (truePositives.size() < k || falsePositives.size() < k || falseNegatives.size() < k)
        return report;
    fillAverages(report, truePositives, falsePositives, falseNegatives);
    return report;
}

QVector<MetricRow> ClassificationReport::toRows(const QString &level) const
{
    QVector<MetricRow> rows;
    for (const ClassMetrics &m : perLabel)
        rows.append(toRow(m, level, false));
    rows.append(toRow(micro, level, true));
    rows.append(toRow(macro, level, true));
    rows.append(toRow(weighted, level, true));
    if (multilabel)
        rows.append(toRow(samples, level, true));
    return rows;
}

QVector<ConfusionCell> ClassificationReport::confusionCells() const
{
    QVector<ConfusionCell> cells;
    for (int g = 0; g < confusion.size(); ++g) {
        for (int p = 0; p < confusion[g].size(); ++p) {
            if (confusion[g][p] > 0)
                cells.append(ConfusionCell{labels.value(g), labels.value(p), confusion[g][p]});
        }
    }
    return cells;
}

QString ClassificationReport::toText(int digits) const
{
    // scikit-learn's layout: the label column is as wide as the longest name (at least "weighted avg"), then
    // four right-aligned columns of width 9, each after a space.
    int width = std::max(displayWidth(QStringLiteral("weighted avg")), digits);
    for (const QString &name : labels)
        width = std::max(width, displayWidth(name));
    const auto number = [digits](double v) { return QStringLiteral(" %1").arg(v, 9, 'f', digits); };
    const auto count = [](qint64 v) { return QStringLiteral(" %1").arg(v, 9); };
    const auto row = [&](const ClassMetrics &m) {
        return padLeft(m.name, width) + QLatin1Char(' ') + number(m.precision) + number(m.recall) + number(m.f1)
               + count(m.support) + QLatin1Char('\n');
    };

    QString text = padLeft(QString(), width) + QLatin1Char(' ');
    for (const char *header : {"precision", "recall", "f1-score", "support"})
        text += QStringLiteral(" %1").arg(QLatin1String(header), 9);
    text += QStringLiteral("\n\n");
    for (const ClassMetrics &m : perLabel)
        text += row(m);
    text += QLatin1Char('\n');

    // Like scikit-learn: single-label reports show accuracy in place of the micro average when every label
    // occurs in gold or predictions (then the two are equal); otherwise the micro average is shown.
    bool everyLabelSeen = !multilabel && !entityLevel && !perLabel.isEmpty();
    for (int c = 0; c < perLabel.size() && everyLabelSeen; ++c) {
        qint64 predictedCount = 0;
        for (int g = 0; g < confusion.size(); ++g)
            predictedCount += confusion[g].value(c);
        everyLabelSeen = perLabel[c].support > 0 || predictedCount > 0;
    }
    if (everyLabelSeen) {
        text += padLeft(QStringLiteral("accuracy"), width) + QLatin1Char(' ') + QString(20, QLatin1Char(' '))
                + number(accuracy) + count(micro.support) + QLatin1Char('\n');
    } else {
        text += row(micro);
    }
    text += row(macro);
    text += row(weighted);
    if (multilabel)
        text += row(samples);
    return text;
}

QJsonObject ClassificationReport::toJson() const
{
    QJsonObject json;
    for (const ClassMetrics &m : perLabel)
        json.insert(m.name, toJsonObject(m));
    json.insert(micro.name, toJsonObject(micro));
    json.insert(macro.name, toJsonObject(macro));
    json.insert(weighted.name, toJsonObject(weighted));
    if (multilabel)
        json.insert(samples.name, toJsonObject(samples));
    json.insert(QStringLiteral("accuracy"), accuracy);
    json.insert(QStringLiteral("multilabel"), multilabel);
    QJsonArray matrix;
    for (const auto &goldRow : confusion) {
        QJsonArray cells;
        for (qint64 c : goldRow)
            cells.append(double(c));
        matrix.append(cells);
    }
    json.insert(QStringLiteral("confusion"), matrix);
    return json;
}

} // namespace marginalia::metrics
