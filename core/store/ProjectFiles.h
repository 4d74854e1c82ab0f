#pragma once
#include <QString>

namespace marginalia {

// Whether writing `candidate` would replace the project at `projectPath` or one of the files SQLite keeps beside
// it (-wal, -shm, -journal): the same name after resolving links, or the same file under another name (a hard
// link). Export and backup refuse such a target: a rename over the open project would lose every label saved
// after it, and one over its WAL would corrupt it.
bool namesProjectFile(const QString &projectPath, const QString &candidate);

} // namespace marginalia
