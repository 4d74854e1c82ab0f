#include "ml/TrainingWorker.h"
#include "ml/Device.h"
#include "ml/TrainingRound.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>

namespace marginalia::ml {

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
        m_configured = true;
    }
    if (!m_store) {
        auto store = ProjectStore::open(m_path);
        if (!store) {
            Q_EMIT failed(store.error());
            return;
        }
        m_store = std::move(*store);
        // The sequence tagger runs on CUDA when there is one; the bag-of-n-grams classifier stays on the CPU.
        Q_EMIT deviceDetected(m_store->task() == TaskType::Ner ? taggerDevice().name : selectedDevice().name);
    }
    ++m_round;
    Q_EMIT stateChanged(WorkerState::Training, m_round);
    const auto result = runTrainingRound(
        *m_store, options, *m_cancel, [this](int done, int total, const QString &what) { Q_EMIT progress(done, total, what); },
        &m_features);
    Q_EMIT stateChanged(WorkerState::Idle, m_round);
    if (result)
        Q_EMIT finished(*result);
    else
        Q_EMIT failed(result.error());
}

} // namespace marginalia::ml
