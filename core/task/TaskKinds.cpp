// Small definitions of the task interface: which model output a task ranks by, an evaluation from a report.
#include "task/TaskModel.h"

namespace marginalia::task {

al::ScoreKind scoreKindOf(TaskType task)
{
    return task == TaskType::Ner ? al::ScoreKind::TokenMarginals : al::ScoreKind::ClassProbabilities;
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
