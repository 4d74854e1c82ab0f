// Small definitions of the task interface: which model output a task ranks by, the coverage share, an
// evaluation from a report.
#include "task/TaskModel.h"

namespace marginalia::task {

al::ScoreKind scoreKindOf(TaskType task)
{
    return task == TaskType::Ner ? al::ScoreKind::TokenMarginals : al::ScoreKind::ClassProbabilities;
}

std::optional<double> classifierCoverageShare(const std::vector<int> &labelCounts, int labeledSamples, bool trained)
{
    constexpr int kColdStartLabelsPerClass = 3;
    constexpr double kExplorationShare = 0.2;
    const bool rare = al::isColdStart(labelCounts);
    const bool cold = !trained || (rare && labeledSamples < kColdStartLabelsPerClass * int(labelCounts.size()));
    if (cold)
        return 1.0;
    if (rare)
        return kExplorationShare;
    return std::nullopt;
}

void Evaluation::takeReport(const metrics::ClassificationReport &report)
{
    accuracy = report.accuracy;
    macroF1 = report.macro.f1;
    microF1 = report.micro.f1;
    metrics = report.toRows();
    confusion = report.confusionCells();
}

} // namespace marginalia::task
