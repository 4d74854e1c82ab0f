#pragma once
// Importing a file into a project on a server (ProjectStore::isServer): the same importer reads the file into a
// scratch project file (every format, check and option), and what it stored is then sent to the server in one
// transaction: the new samples with every label version and rejection, and, with addToExisting, the file's labels of
// samples the server already has. A sample the server has (same id, else same text) is a duplicate, as in a file.
#include "io/Importer.h"

namespace marginalia {

Result<ImportSummary> importIntoServer(ProjectStore &server, const QString &path, const ImportOptions &options,
                                       const std::atomic_bool *cancel, const ImportProgressFn &progress);

} // namespace marginalia
