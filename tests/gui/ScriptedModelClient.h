#pragma once
#include "store/RunTypes.h"
#include "ui/ModelClient.h"

namespace marginalia {
class ProjectStore;
}

#include <QString>

// A stand-in for the training thread in GUI tests: each requested round stores a run the way the real engine
// does (metrics on the eval split, epochs, confusion, ranked predictions), from a trivial majority-label model,
// a few event-loop turns later. Span-labeling (ner) projects get a gazetteer instead: every span text labeled
// in the pool is predicted wherever those tokens occur, with the spans in the prediction's detail JSON and
// entity-level metrics, as the sequence tagger stores them. The windows cannot tell it apart from the real
// client.
class ScriptedModelClient : public marginalia::ui::ModelClient
{
    Q_OBJECT
public:
    explicit ScriptedModelClient(const QString &projectPath, QObject *parent = nullptr);

    marginalia::ml::TrainingOptions options() const override { return m_options; }
    QString deviceName() const override { return QStringLiteral("CPU"); }
    void setOptions(const marginalia::ml::TrainingOptions &options) override { m_options = options; }
    void requestRound() override;
    void cancel() override {}
    // Suspects every labeled sample whose label is not the project's most common one (a few event-loop turns later).
    void requestAudit() override;
    int rounds() const { return m_round; }

private:
    void runRound();
    void runAudit();
    void runSpanRound(marginalia::ProjectStore &store);
    void storeRun(marginalia::ProjectStore &store, const marginalia::RunResult &result,
                  const QVector<marginalia::PredictionRow> &predictions, double macroF1, double microF1);

    QString m_path;
    marginalia::ml::TrainingOptions m_options;
    int m_round = 0;
    bool m_pending = false;
};
