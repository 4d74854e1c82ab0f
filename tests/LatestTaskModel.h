#pragma once
// The latest run's model of a project, loaded as `predict` and `rank` load it.
#include "task/LatestModel.h"

namespace tasktest {

inline marginalia::Result<std::unique_ptr<marginalia::task::TaskModel>> latestModel(const marginalia::ProjectStore &store)
{
    auto model = marginalia::task::makeProjectModel(store, {});
    if (const auto run = marginalia::task::loadLatestModel(store, *model); !run)
        return marginalia::Error{run.error()};
    return model;
}

} // namespace tasktest
