#include "ui/TrainingModelClient.h"
#include "ml/TrainingController.h"

namespace marginalia::ui {

TrainingModelClient::TrainingModelClient(const QString &projectPath, QObject *parent)
    : ModelClient(parent), m_controller(new ml::TrainingController(projectPath, this))
{
    connect(m_controller, &ml::TrainingController::stateChanged, this, &ModelClient::stateChanged);
    connect(m_controller, &ml::TrainingController::progress, this, &ModelClient::progress);
    connect(m_controller, &ml::TrainingController::roundFinished, this, &ModelClient::roundFinished);
    connect(m_controller, &ml::TrainingController::roundFailed, this, &ModelClient::roundFailed);
    connect(m_controller, &ml::TrainingController::deviceDetected, this, &ModelClient::deviceDetected);
}

TrainingModelClient::~TrainingModelClient()
{
    // Deleting the controller cancels a running round and joins its thread before our signals go away.
    delete m_controller;
}

ml::TrainingOptions TrainingModelClient::options() const { return m_controller->options(); }
QString TrainingModelClient::deviceName() const { return m_controller->deviceName(); }
void TrainingModelClient::setOptions(const ml::TrainingOptions &options) { m_controller->setOptions(options); }
void TrainingModelClient::requestRound() { m_controller->requestRound(); }
void TrainingModelClient::cancel() { m_controller->cancel(); }

ModelClientFactory TrainingModelClient::factory()
{
    return [](const QString &path) -> std::unique_ptr<ModelClient> {
        return std::make_unique<TrainingModelClient>(path);
    };
}

} // namespace marginalia::ui
