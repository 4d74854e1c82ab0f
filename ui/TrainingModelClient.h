#pragma once
#include "ui/ModelClient.h"

namespace marginalia::ml {
class TrainingController;
}

namespace marginalia::ui {

// ModelClient backed by the real training thread (ml::TrainingController).
class TrainingModelClient : public ModelClient
{
    Q_OBJECT
public:
    explicit TrainingModelClient(const QString &projectPath, QObject *parent = nullptr);
    ~TrainingModelClient() override;

    ml::TrainingOptions options() const override;
    QString deviceName() const override;
    void setOptions(const ml::TrainingOptions &options) override;
    void requestRound() override;
    void cancel() override;

    static ModelClientFactory factory();

private:
    ml::TrainingController *m_controller = nullptr; // child; its destructor joins the training thread
};

} // namespace marginalia::ui
