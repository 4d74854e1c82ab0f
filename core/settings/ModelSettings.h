#pragma once
// The model's settings as the engine takes them: one TrainingOptions built from the project's settings, the
// same for a studio round and for `marginalia train`.
#include "ml/TrainingTypes.h"

namespace marginalia {
class ProjectStore;
}

namespace marginalia::settings {

// Every model.* setting in effect (stored or default). `threads` keeps TrainingOptions' default: it belongs to
// the machine, not to the project. Messages about stored values that were not valid go to `ignored`.
ml::TrainingOptions trainingOptions(const ProjectStore &store, QStringList *ignored = nullptr);

} // namespace marginalia::settings
