// The model engine module: LibTorch, the training thread and the commands that train or score (train, rank,
// predict, simulate; they register themselves with the executable's command list when the module loads).
#include "engine/EngineModule.h"
#include "ui/TrainingModelClient.h"

extern "C" Q_DECL_EXPORT const marginalia::ui::ModelClientFactory *marginalia_engine_model_client_factory()
{
    static const marginalia::ui::ModelClientFactory factory = marginalia::ui::TrainingModelClient::factory();
    return &factory;
}
