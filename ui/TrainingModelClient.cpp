#include "ui/TrainingModelClient.h"
#include "ml/TrainingController.h"

namespace marginalia::ui {

ModelClientFactory TrainingModelClient::factory()
{
    return ml::TrainingController::factory();
}

} // namespace marginalia::ui
