#pragma once
// The browse view's query (store/BrowseQuery.h) on a project on a server: the same filters and sorts, answered from
// the store's own queries (a server has neither the file's text index nor a raw connection) and the run's
// predictions read once, in memory. Fine for the tens of thousands of samples a team labels; the file's path stays
// the one tuned for a million.
#include "Result.h"
#include "store/BrowseQuery.h"

#include <atomic>

namespace marginalia {

class ProjectStore;

Result<QVector<qint64>> browseIdsOnServer(const ProjectStore &store, qint64 runId, const BrowseQuery &query,
                                          const std::atomic_bool *cancel = nullptr);

} // namespace marginalia
