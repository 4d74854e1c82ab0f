#include "task/LatestModel.h"

#include <QCoreApplication>

namespace marginalia::task {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};
} // namespace

Result<qint64> loadLatestModel(const ProjectStore &store, TaskModel &model)
{
    const auto latest = store.latestRun(true);
    if (!latest)
        return Error{latest.error()};
    if (!*latest)
        return fail(Tr::tr("The project has no trained model yet; run a training round first."));
    const ModelRunRecord &run = **latest;
    const auto bytes = store.checkpoint(run.id);
    if (!bytes)
        return Error{bytes.error()};
    if (bytes->isEmpty())
        return fail(Tr::tr("Run %1 has no stored model.").arg(run.id));
    if (auto s = model.loadRun(run, *bytes); !s)
        return fail(Tr::tr("The model of run %1 cannot be loaded (%2). Train a new round to replace it.")
                        .arg(run.id)
                        .arg(s.error()));
    return run.id;
}

} // namespace marginalia::task
