#pragma once
// Moves a whole project between its file and a PostgreSQL server (`marginalia push FILE URL`, `pull URL FILE`):
// samples, every annotation version, rejections, flags, leases, settings, runs with their metrics, predictions and
// model weights. The server keeps a project in a schema of its own (ServerLocation::schema), one table per table of
// the file with the same columns, and a `marginalia_project` table naming the file's schema version. A push or a pull
// is one transaction on the side it writes: it completes, or leaves that side as it was. A push followed by a pull
// gives a file with the same rows, so the same export.
#include "Result.h"
#include "store/ServerLocation.h"

#include <QSqlDatabase>
#include <atomic>
#include <functional>

namespace marginalia {

class ProjectStore;

// `done` of `total` rows copied so far.
using TransferProgress = std::function<void(qint64 done, qint64 total)>;

struct TransferSummary
{
    int tables = 0;
    qint64 rows = 0;
};

// `replace`: a project of the same name on the server is replaced; without it, one is refused.
Result<TransferSummary> pushProject(const ProjectStore &from, const ServerLocation &to, bool replace,
                                    const std::atomic_bool *cancel = nullptr, const TransferProgress &progress = {});
// Writes a new project file at `file` (which must not exist), built beside it and renamed into place at the end.
Result<TransferSummary> pullProject(const ServerLocation &from, const QString &file,
                                    const std::atomic_bool *cancel = nullptr, const TransferProgress &progress = {});

// The first schema version a push wrote; a server project of an older version cannot exist.
inline constexpr int kFirstServerVersion = 13;

// Brings a project on the server from an older schema version to this one's, inside the caller's transaction: what
// later versions added to the tables, and the layout a push of this version makes (indexes, defaults, checks,
// references, sequences, the lease functions). Needs the rights of the project's owner. ProjectStore::open runs it.
Status upgradeServerProject(QSqlDatabase &db, const QString &schema, int fromVersion);

} // namespace marginalia
