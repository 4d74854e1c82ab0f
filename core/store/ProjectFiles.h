#pragma once
#include "Result.h"

#include <QString>

namespace marginalia {

// Whether writing `candidate` would replace the project at `projectPath` or one of the files SQLite keeps beside
// it (-wal, -shm, -journal): the same name after resolving links, or the same file under another name (a hard
// link). Export and backup refuse such a target: a rename over the open project would lose every label saved
// after it, and one over its WAL would corrupt it.
bool namesProjectFile(const QString &projectPath, const QString &candidate);

// Refuses `path` as a file to read data from (an import, word vectors, a simulation pool) when it names a project
// this process has open, or one of its side files: opening it outside SQLite, even to read, would drop this
// process's locks on it (see ProjectStore.h). Called before the reader opens the file.
Status refuseOpenProject(const QString &path);

} // namespace marginalia
