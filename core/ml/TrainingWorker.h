#pragma once
#include "ml/TrainingRound.h"
#include "task/ModelClient.h"

#include <QString>
#include <atomic>
#include <memory>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

// Lives on the training thread. Opens its own ProjectStore on first use (one SQLite connection per thread)
// and runs one round per runRound() call (or learns word vectors per runPretraining() call); results leave through the ModelEvents signals (queued to the
// controller, which forwards them).
class TrainingWorker : public task::ModelEvents
{
    Q_OBJECT
public:
    TrainingWorker(QString projectPath, std::shared_ptr<std::atomic_bool> cancel);
    ~TrainingWorker() override;

    void runRound(const TrainingOptions &options);
    void runPretraining(const TrainingOptions &options);
    void runAudit(const TrainingOptions &options);

private:
    bool openStore(); // false: said why through `fail`
    void configureThread();

    QString m_path;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::unique_ptr<ProjectStore> m_store;
    QString m_openError;
    FeatureCache m_features;
    bool m_configured = false;
    int m_round = 0;
};

} // namespace marginalia::ml
