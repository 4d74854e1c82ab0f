#include "task/TaskModel.h"

namespace marginalia::task {

al::ScoreKind scoreKindOf(TaskType task)
{
    return task == TaskType::Ner ? al::ScoreKind::TokenMarginals : al::ScoreKind::ClassProbabilities;
}

} // namespace marginalia::task
