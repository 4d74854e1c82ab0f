#pragma once
#include "ml/TrainingTypes.h"

#include <QObject>
#include <QString>
#include <memory>

namespace marginalia::ml {

class TrainingWorker;

// Lives on the GUI thread and owns the training thread. The UI talks to the model only through this
// object's slots and signals; every call returns at once. Requests that arrive while a round runs are
// merged into one follow-up round.
class TrainingController : public QObject
{
    Q_OBJECT
public:
    explicit TrainingController(const QString &projectPath, QObject *parent = nullptr);
    ~TrainingController() override; // cancels a running round and joins the thread

    TrainingOptions options() const;
    WorkerState state() const;
    QString deviceName() const; // "CPU" or "CUDA (...)"

public Q_SLOTS:
    void setOptions(const marginalia::ml::TrainingOptions &options);
    void requestRound(); // train + rescore now (or right after the running round)
    void cancel();       // stop the running round; its run is stored as cancelled

Q_SIGNALS:
    void stateChanged(marginalia::ml::WorkerState state, int round);
    void progress(int done, int total, const QString &what);
    void roundFinished(const marginalia::ml::RoundSummary &summary);
    void roundFailed(const QString &message);
    void deviceDetected(const QString &deviceName);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace marginalia::ml
