#pragma once

namespace marginalia::ui {

// Creates the QApplication, installs translations, opens the project named on the command line (or the
// demo project with --demo) and runs the event loop.
int runStudio(int argc, char **argv);

} // namespace marginalia::ui
