#pragma once
#include "ml/TrainingRound.h"
#include "ml/TrainingTypes.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

// Lives on the training thread. Opens its own ProjectStore on first use (one SQLite connection per thread)
// and runs one round per runRound() call; results leave through queued signals.
class TrainingWorker : public QObject
{
    Q_OBJECT
public:
    TrainingWorker(QString projectPath, std::shared_ptr<std::atomic_bool> cancel);
    ~TrainingWorker() override;

public Q_SLOTS:
    void runRound(const marginalia::ml::TrainingOptions &options);

Q_SIGNALS:
    void stateChanged(marginalia::ml::WorkerState state, int round);
    void progress(int done, int total, const QString &what);
    void finished(const marginalia::ml::RoundSummary &summary);
    void failed(const QString &message);
    void deviceDetected(const QString &deviceName);

private:
    QString m_path;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::unique_ptr<ProjectStore> m_store;
    FeatureCache m_features;
    bool m_configured = false;
    int m_round = 0;
};

} // namespace marginalia::ml
