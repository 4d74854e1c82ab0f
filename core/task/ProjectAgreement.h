#pragma once
// Agreement between the annotators of a classification project (`marginalia agreement`), on the samples two or
// more of them labeled: overall and per label.
#include "Result.h"
#include "metrics/AnnotatorAgreement.h"

namespace marginalia {
class ProjectStore;
}

namespace marginalia::task {

struct LabelAgreement
{
    QString label;
    int units = 0; // overlap samples where someone gave the label
    std::optional<double> krippendorffAlpha;
    std::optional<double> fleissKappa;
};

struct ProjectAgreement
{
    QStringList annotators; // "" for labels recorded without a name
    metrics::AgreementFigures overall;
    QVector<LabelAgreement> perLabel; // in label order
};

// Single-label tasks (textcat, image) rate each sample with one category. Multi-label projects rate each
// (sample, label) pair as present or absent, overall and per label. Span labeling is refused for now.
Result<ProjectAgreement> projectAgreement(const ProjectStore &store);

} // namespace marginalia::task
