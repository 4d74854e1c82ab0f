#include "ml/TrainingWorker.h"
#include "ml/Device.h"
#include "ml/TrainingRound.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace marginalia::ml {

namespace {
// On a machine with few cores the round's threads and the GUI thread compete for the same core, and a label
// press waits behind a feature-hashing time slice. A nicer training thread (its scoring threads inherit it)
// leaves the GUI thread first in line and still gets every idle cycle. QThread priorities change nothing
// under Linux's default scheduler, so this sets the thread's nice value directly.
void lowerThreadPriority()
{
#ifdef Q_OS_LINUX
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
}
} // namespace

TrainingWorker::TrainingWorker(QString projectPath, std::shared_ptr<std::atomic_bool> cancel)
    : m_path(std::move(projectPath)), m_cancel(std::move(cancel))
{
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::runRound(const TrainingOptions &options)
{
    if (!m_configured) {
        // Torch's pool is set before the first op, on the thread that runs them all. One thread: the dense layers
        // are tiny, and idle OpenMP workers would spin on the cores the GUI needs; scoring splits large pools
        // across options.threads plain threads instead.
        configureTorchThreads(1);
        lowerThreadPriority();
        m_configured = true;
    }
    if (!m_store) {
        auto store = ProjectStore::open(m_path);
        if (!store) {
            Q_EMIT roundFailed(store.error());
            return;
        }
        m_store = std::move(*store);
        // Both models run on CUDA when there is one.
        Q_EMIT deviceDetected(selectedDevice().name);
    }
    ++m_round;
    Q_EMIT stateChanged(WorkerState::Training, m_round);
    const auto result = runTrainingRound(
        *m_store, options, *m_cancel, [this](int done, int total, const QString &what) { Q_EMIT progress(done, total, what); },
        &m_features);
    Q_EMIT stateChanged(WorkerState::Idle, m_round);
    if (result)
        Q_EMIT roundFinished(*result);
    else
        Q_EMIT roundFailed(result.error());
}

} // namespace marginalia::ml
