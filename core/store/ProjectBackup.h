#pragma once
#include "Result.h"

#include <QString>
#include <functional>

namespace marginalia {

struct BackupOptions
{
    bool overwrite = false; // replace an existing OUT (never the project itself)
    int pagesPerStep = 256; // copied between two progress calls: 4 MiB with the projects' 16 KiB pages
};

// Copies the project at `projectPath` into the single file `outPath` while the studio (this process or
// another) keeps it open and goes on saving labels. The copy is the project exactly as it was when the backup
// began (one read snapshot through SQLite's online backup API; writers are never blocked), checked with
// quick_check and in rollback-journal mode, so it is one self-contained file. It is written under a temporary
// name in OUT's folder, synced and renamed into place: OUT is either the whole copy or untouched.
// `progress(done, total)` counts pages and is called on the calling thread after every step; returning false
// cancels (the error then says so). An existing OUT is refused unless `options.overwrite`; OUT naming the
// project itself (or its -wal, -shm or -journal) always is.
Status backupProject(const QString &projectPath, const QString &outPath,
                     const std::function<bool(qint64 done, qint64 total)> &progress = {},
                     const BackupOptions &options = {});

} // namespace marginalia
