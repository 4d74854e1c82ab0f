#pragma once
#include "ml/TrainingTypes.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace marginalia::ui {

// The studio's view of the background model: the slots and signals of ml::TrainingController behind an
// interface, so the windows never depend on how (or on which thread) training happens. The application uses
// TrainingModelClient; GUI tests may drive the windows with a scripted client.
class ModelClient : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ModelClient() override = default;

    virtual ml::TrainingOptions options() const = 0;
    virtual QString deviceName() const = 0;
    virtual void setOptions(const ml::TrainingOptions &options) = 0;
    virtual void requestRound() = 0;
    virtual void cancel() = 0;

Q_SIGNALS:
    void stateChanged(marginalia::ml::WorkerState state, int round);
    void progress(int done, int total, const QString &what);
    void roundFinished(const marginalia::ml::RoundSummary &summary);
    void roundFailed(const QString &message);
    void deviceDetected(const QString &deviceName);
};

// Creates the client for one open project (the file at projectPath).
using ModelClientFactory = std::function<std::unique_ptr<ModelClient>(const QString &projectPath)>;

} // namespace marginalia::ui
