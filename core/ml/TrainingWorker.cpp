#include "ml/TrainingWorker.h"
#include "ml/Device.h"
#include "ml/PoolPretraining.h"
#include "ml/TrainingRound.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "task/LabelAudit.h"

#include <QCoreApplication>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

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

void TrainingWorker::configureThread()
{
    if (m_configured)
        return;
    // Torch's pool is set before the first op, on the thread that runs them all. One thread: the dense layers
    // are tiny, and idle OpenMP workers would spin on the cores the GUI needs; scoring splits large pools
    // across options.threads plain threads instead.
    configureTorchThreads(1);
    lowerThreadPriority();
    m_configured = true;
}

bool TrainingWorker::openStore()
{
    if (m_store)
        return true;
    auto store = ProjectStore::open(m_path);
    if (!store) {
        m_openError = store.error();
        return false;
    }
    m_store = std::move(*store);
    // Both models run on CUDA when there is one.
    Q_EMIT deviceDetected(selectedDevice().name);
    return true;
}

void TrainingWorker::runRound(const TrainingOptions &options)
{
    configureThread();
    if (!openStore()) {
        Q_EMIT roundFailed(m_openError);
        return;
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

void TrainingWorker::runPretraining(const TrainingOptions &options)
{
    configureThread();
    if (!openStore()) {
        Q_EMIT pretrainingEnded(false, m_openError);
        return;
    }
    PretrainOptions pretrain = projectPretrainOptions(*m_store);
    pretrain.threads = options.threads;
    pretrain.seed = options.seed;
    Q_EMIT stateChanged(WorkerState::Pretraining, m_round);
    const auto result = pretrainProject(*m_store, pretrain, *m_cancel, [this](int done, int total, const QString &what) {
        Q_EMIT progress(done, total, what);
    });
    Q_EMIT stateChanged(WorkerState::Idle, m_round);
    if (!result) {
        Q_EMIT pretrainingEnded(false, result.error());
        return;
    }
    // Span labeling leaves them unused unless switched on (settings/ProjectSettings.cpp): say so.
    const QString message =
        settings::value(*m_store, settings::kUsePoolVectors).toBool()
            ? Tr::tr("Learned word vectors for %n word(s) from %1 samples in %2 s; the next round starts from them.",
                     nullptr, int(result->table.words.size()))
            : Tr::tr("Learned word vectors for %n word(s) from %1 samples in %2 s; rounds start from them once "
                     "\"Start from the pool's vectors\" is on in Model > Settings.",
                     nullptr, int(result->table.words.size()));
    Q_EMIT pretrainingEnded(true, message.arg(result->documents).arg(result->seconds, 0, 'f', 1));
}

void TrainingWorker::runAudit(const TrainingOptions &options)
{
    configureThread();
    if (!openStore()) {
        Q_EMIT auditEnded(false, m_openError, {});
        return;
    }
    Q_EMIT stateChanged(WorkerState::Auditing, m_round);
    const auto makeModel = [&] { return task::makeProjectModel(*m_store, options, &m_features); };
    const auto audit = task::auditLabels(*m_store, makeModel, {}, *m_cancel, [this](int done, int total, const QString &what) {
        Q_EMIT progress(done, total, what);
    });
    Q_EMIT stateChanged(WorkerState::Idle, m_round);
    if (!audit) {
        Q_EMIT auditEnded(false, audit.error(), {});
        return;
    }
    QVector<task::SuspectedLabel> suspects;
    for (const task::Suspect &s : audit->ranked) {
        if (!s.flagged)
            break; // flagged ones come first
        suspects.push_back({s.sampleId, s.given, s.suggested, s.selfConfidence});
    }
    Q_EMIT auditEnded(true,
                      Tr::tr("%n label(s) look wrong, of %1 checked by a model trained without them.", nullptr,
                             int(suspects.size()))
                          .arg(audit->ranked.size()),
                      suspects);
}

} // namespace marginalia::ml
