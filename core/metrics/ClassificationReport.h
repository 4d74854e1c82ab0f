#pragma once
#include "store/RunTypes.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <cstdint>
#include <vector>

namespace marginalia::metrics {

struct ClassMetrics
{
    QString name;
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    qint64 support = 0;
};

// Equal, on the same predictions, to scikit-learn's classification_report / confusion_matrix
// (zero_division=0): per label, then micro, macro and weighted averages.
struct ClassificationReport
{
    QStringList labels;
    QVector<ClassMetrics> perLabel;
    ClassMetrics micro;
    ClassMetrics macro;
    ClassMetrics weighted;
    // Multi-label only: scikit-learn's "samples avg" (per-sample precision/recall/F1, averaged).
    ClassMetrics samples;
    bool multilabel = false;
    // Entity-level reports (SequenceReport) have no accuracy row: toText shows the micro average instead.
    bool entityLevel = false;
    double accuracy = 0; // single-label: fraction correct; multi-label: exact-match (subset) accuracy
    // confusion[gold][predicted]; single-label only (empty for multi-label)
    QVector<QVector<qint64>> confusion;

    // Per-label rows, then "micro avg", "macro avg", "weighted avg" (and "samples avg" for multi-label).
    QVector<MetricRow> toRows(const QString &level = QStringLiteral("label")) const;
    QVector<ConfusionCell> confusionCells() const; // non-zero cells only
    QString toText(int digits = 4) const; // laid out like scikit-learn's text report
    QJsonObject toJson() const;
};

// gold and predicted hold label indices in [0, labels.size()).
ClassificationReport singleLabelReport(const QStringList &labels, const std::vector<int> &gold,
                                       const std::vector<int> &predicted);
// Indicator matrices: gold[i][k] != 0 when sample i has label k.
ClassificationReport multiLabelReport(const QStringList &labels, const std::vector<std::vector<std::uint8_t>> &gold,
                                      const std::vector<std::vector<std::uint8_t>> &predicted);

// A report from per-label counts of true positives, false positives and false negatives (support = tp + fn);
// accuracy and confusion are left empty.
ClassificationReport countsReport(const QStringList &labels, const std::vector<qint64> &truePositives,
                                  const std::vector<qint64> &falsePositives, const std::vector<qint64> &falseNegatives);

} // namespace marginalia::metrics
