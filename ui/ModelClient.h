#pragma once
// The windows' name for the background model (task/ModelClient.h): they never depend on how, or on which
// thread, training happens.
#include "task/ModelClient.h"

namespace marginalia::ui {

using ModelClient = task::ModelClient;
using ModelClientFactory = task::ModelClientFactory;

} // namespace marginalia::ui
