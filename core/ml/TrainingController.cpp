#include "ml/TrainingController.h"
#include "ml/Device.h"
#include "ml/TrainingWorker.h"

#include <QMetaObject>
#include <QThread>
#include <atomic>
#include <mutex>

namespace marginalia::ml {

namespace {
// Quits the thread's event loop and joins it; the worker is deleted on its own thread when the loop ends.
struct ThreadStopper
{
    void operator()(QThread *thread) const
    {
        thread->quit();
        thread->wait();
        delete thread;
    }
};

void registerMetaTypes()
{
    static std::once_flag once;
    std::call_once(once, [] {
        qRegisterMetaType<marginalia::ml::RoundSummary>("marginalia::ml::RoundSummary");
        qRegisterMetaType<marginalia::ml::WorkerState>("marginalia::ml::WorkerState");
        qRegisterMetaType<QVector<marginalia::task::SuspectedLabel>>("QVector<marginalia::task::SuspectedLabel>");
    });
}
} // namespace

struct TrainingController::Private
{
    TrainingOptions options;
    WorkerState state = WorkerState::Idle;
    QString device = QStringLiteral("CPU");
    bool running = false;   // a round or pretraining
    bool pending = false;   // a round was asked for meanwhile
    bool pendingPretraining = false;
    bool pendingAudit = false;
    std::shared_ptr<std::atomic_bool> cancel = std::make_shared<std::atomic_bool>(false);
    TrainingWorker *worker = nullptr; // owned by the thread (deleteLater on finish)
    std::unique_ptr<QThread, ThreadStopper> thread;
};

TrainingController::TrainingController(const QString &projectPath, QObject *parent)
    : task::ModelClient(parent), d(std::make_unique<Private>())
{
    registerMetaTypes();
    d->device = selectedDevice().name;
    d->thread.reset(new QThread);
    d->thread->setObjectName(QStringLiteral("marginalia-training"));
    d->worker = new TrainingWorker(projectPath, d->cancel);
    d->worker->moveToThread(d->thread.get());
    connect(d->thread.get(), &QThread::finished, d->worker, &QObject::deleteLater);
    connect(d->worker, &ModelEvents::progress, this, &ModelEvents::progress);
    connect(d->worker, &ModelEvents::deviceDetected, this, [this](const QString &name) {
        d->device = name;
        Q_EMIT deviceDetected(name);
    });
    connect(d->worker, &ModelEvents::stateChanged, this, [this](WorkerState state, int round) {
        d->state = state;
        Q_EMIT stateChanged(state, round);
    });
    const auto roundEnded = [this] {
        d->running = false;
        if (d->pendingPretraining) {
            d->pendingPretraining = false;
            requestPretraining();
        } else if (d->pendingAudit) {
            d->pendingAudit = false;
            requestAudit();
        } else if (d->pending) {
            d->pending = false;
            requestRound();
        }
    };
    connect(d->worker, &ModelEvents::roundFinished, this, [this, roundEnded](const RoundSummary &summary) {
        Q_EMIT roundFinished(summary);
        roundEnded();
    });
    connect(d->worker, &ModelEvents::roundFailed, this, [this, roundEnded](const QString &message) {
        Q_EMIT roundFailed(message);
        roundEnded();
    });
    connect(d->worker, &ModelEvents::pretrainingEnded, this, [this, roundEnded](bool ok, const QString &message) {
        Q_EMIT pretrainingEnded(ok, message);
        roundEnded();
    });
    connect(d->worker, &ModelEvents::auditEnded, this,
            [this, roundEnded](bool ok, const QString &message, const QVector<task::SuspectedLabel> &suspects) {
                Q_EMIT auditEnded(ok, message, suspects);
                roundEnded();
            });
    d->thread->start();
}

TrainingController::~TrainingController()
{
    d->cancel->store(true);
    d->thread.reset();
}

TrainingOptions TrainingController::options() const { return d->options; }
WorkerState TrainingController::state() const { return d->state; }
QString TrainingController::deviceName() const { return d->device; }

void TrainingController::setOptions(const TrainingOptions &options) { d->options = options; }

void TrainingController::requestRound()
{
    if (d->running) {
        d->pending = true; // however many requests arrive meanwhile, one follow-up round covers them
        return;
    }
    d->running = true;
    d->cancel->store(false);
    // Queued onto the training thread; a lambda, so that a renamed slot is a compile error, not a silent no-op.
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, options = d->options] { worker->runRound(options); }, Qt::QueuedConnection);
}

void TrainingController::requestPretraining()
{
    if (d->running) {
        d->pendingPretraining = true;
        return;
    }
    d->running = true;
    d->cancel->store(false);
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, options = d->options] { worker->runPretraining(options); }, Qt::QueuedConnection);
}

void TrainingController::requestAudit()
{
    if (d->running) {
        d->pendingAudit = true;
        return;
    }
    d->running = true;
    d->cancel->store(false);
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, options = d->options] { worker->runAudit(options); }, Qt::QueuedConnection);
}

void TrainingController::cancel()
{
    d->pending = false;
    if (d->pendingAudit) {
        d->pendingAudit = false;
        Q_EMIT auditEnded(false, tr("Looking for wrong labels was cancelled."), {});
    }
    if (d->pendingPretraining) {
        d->pendingPretraining = false;
        Q_EMIT pretrainingEnded(false, tr("Learning from unlabeled text was cancelled."));
    }
    if (d->running)
        d->cancel->store(true);
}

task::ModelClientFactory TrainingController::factory()
{
    return [](const QString &path) -> std::unique_ptr<task::ModelClient> {
        return std::make_unique<TrainingController>(path);
    };
}

} // namespace marginalia::ml
