#pragma once
#include "task/ModelClient.h"

namespace marginalia::ml {

class TrainingWorker;

// The studio's model client: lives on the GUI thread and owns the training thread, where a TrainingWorker runs
// the rounds and pretraining. Requests that arrive while either runs wait for it: round requests merge into one
// follow-up round, and pretraining goes first.
class TrainingController : public task::ModelClient
{
    Q_OBJECT
public:
    explicit TrainingController(const QString &projectPath, QObject *parent = nullptr);
    ~TrainingController() override; // cancels a running round and joins the thread

    TrainingOptions options() const override;
    WorkerState state() const;
    QString deviceName() const override; // "CPU" or "CUDA (...)"
    void setOptions(const TrainingOptions &options) override;
    void requestRound() override;
    void cancel() override;
    void requestPretraining() override;
    void requestAudit() override;

    static task::ModelClientFactory factory();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace marginalia::ml
