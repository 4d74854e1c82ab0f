#pragma once
// The linear baseline text models are measured against in the benchmarks: word unigrams and bigrams, sublinear
// TF-IDF, each document scaled to unit length, and an L2-regularized multinomial logistic regression (C = 1, as
// scikit-learn's default) fitted by L-BFGS, scikit-learn's default solver.
#include "metrics/ClassificationReport.h"
#include "ml/TextData.h"

namespace marginalia::bench {

struct TfidfRegressionOptions
{
    bool balanced = false; // weigh each label by n / (k * count), scikit-learn's class_weight="balanced"
    int iterations = 200; // L-BFGS steps at most
    double c = 1.0;
};

// Fits on `train` (single-label rows) and reports on `eval`; labels are those of `train`.
metrics::ClassificationReport tfidfRegression(const QVector<ml::LabeledText> &train, const QVector<ml::LabeledText> &eval,
                                              const TfidfRegressionOptions &options = {});

} // namespace marginalia::bench
