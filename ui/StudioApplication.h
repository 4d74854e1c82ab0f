#pragma once
#include "ui/ModelClient.h"

namespace marginalia::ui {

// Creates the QApplication, installs translations, opens the project named on the command line (or the
// demo project with --demo, or the start screen) and runs the event loop. `modelFactory` creates the
// background model for each opened project.
int runStudio(int argc, char **argv, const ModelClientFactory &modelFactory);

} // namespace marginalia::ui
