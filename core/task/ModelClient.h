#pragma once
// What the studio sees of the background model. The six signals are declared here once: the training worker
// emits them on its thread, the training controller forwards them to the GUI thread, and the windows (or a
// scripted client in GUI tests) only ever see a ModelClient.
#include "ml/TrainingTypes.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace marginalia::task {

// A labeled sample the label audit (task/LabelAudit.h) suspects of a wrong label, as the studio lists it.
struct SuspectedLabel
{
    qint64 sampleId = 0;
    QString given;
    QString suggested;         // the label the model prefers
    double selfConfidence = 0; // out-of-fold probability of the given label
};

class ModelEvents : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void stateChanged(marginalia::ml::WorkerState state, int round);
    void progress(int done, int total, const QString &what);
    void roundFinished(const marginalia::ml::RoundSummary &summary);
    void roundFailed(const QString &message);
    void deviceDetected(const QString &deviceName);
    // Learning word vectors from the pool (requestPretraining) ended: ok, or not with the reason.
    void pretrainingEnded(bool ok, const QString &message);
    // Looking for wrong labels (requestAudit) ended: the samples confident learning flagged, most suspect first.
    void auditEnded(bool ok, const QString &message, const QVector<marginalia::task::SuspectedLabel> &suspects);
};

// The requests the studio makes; every call returns at once (the application's client is
// ml::TrainingController, which trains on its own thread).
class ModelClient : public ModelEvents
{
    Q_OBJECT
public:
    using ModelEvents::ModelEvents;

    virtual ml::TrainingOptions options() const = 0;
    virtual QString deviceName() const = 0;
    virtual void setOptions(const ml::TrainingOptions &options) = 0;
    virtual void requestRound() = 0; // train + rescore now (or right after the running round)
    virtual void cancel() = 0;       // stop the running round (its run is stored as cancelled) or pretraining
    // Learn word vectors from the project's pool text (ml/PoolPretraining.h) on the model's thread, after the
    // running round; ends with pretrainingEnded. A client without a model engine says it cannot.
    virtual void requestPretraining();
    // Score every labeled sample by a model trained without it (k folds) and flag the labels the model
    // confidently contradicts, on the model's thread after the running round; ends with auditEnded.
    virtual void requestAudit();
};

// Creates the client for one open project (the file at projectPath).
using ModelClientFactory = std::function<std::unique_ptr<ModelClient>(const QString &projectPath)>;

} // namespace marginalia::task

Q_DECLARE_METATYPE(marginalia::task::SuspectedLabel)
