#pragma once
// The contract between the marginalia executable and its model engine module (see EngineLoader.h).
#include "ui/ModelClient.h"

namespace marginalia::app {

inline constexpr char kEngineModuleName[] = "marginalia_engine.so";
inline constexpr char kEngineFactorySymbol[] = "marginalia_engine_model_client_factory";
using EngineFactoryEntry = const ui::ModelClientFactory *(*)();

} // namespace marginalia::app
