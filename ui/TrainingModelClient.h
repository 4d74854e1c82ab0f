#pragma once
#include "ui/ModelClient.h"

namespace marginalia::ui {

// The application's model client: ml::TrainingController, which trains on its own thread. Kept apart from
// marginalia_ui so that the windows build without LibTorch.
struct TrainingModelClient
{
    static ModelClientFactory factory();
};

} // namespace marginalia::ui
