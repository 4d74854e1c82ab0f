#pragma once
#include "ui/ModelClient.h"

#include <QString>

namespace marginalia::app {

// The model engine (LibTorch, the training thread and the commands that train or score) is a module loaded on
// first use: commands that only read and write project files (new, import, export, stats) then start in
// milliseconds and stay small in memory, instead of mapping LibTorch's few hundred megabytes first.
// Returns false with a message a user can read when the module is missing or broken; loading twice is free.
bool loadEngine(QString *error = nullptr);

// The studio's model client factory, from the engine; null (with `error` set) when the engine cannot load.
const ui::ModelClientFactory *engineModelClientFactory(QString *error);

} // namespace marginalia::app
