#pragma once
#include "Result.h"

#include <QString>

namespace marginalia::ui {

// The demo project: created on first use under the application data folder from the bilingual support-ticket
// set compiled into the binary (a quarter held out for evaluation, a few samples pre-labeled). Returns its path.
Result<QString> ensureDemoProject();
// Builds the demo project at `path` (which must not exist yet).
Status createDemoProject(const QString &path);

} // namespace marginalia::ui
