#pragma once
// Every project setting, declared once: its key, type, default, valid values and who may change it. The studio,
// the CLI (`marginalia config`, `train`) and the engine read and write settings only through here, so a value
// set in one is the value the others use.
#include "Result.h"
#include "store/ProjectTypes.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVector>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::settings {

// The keys, spelled once.
inline constexpr char kTask[] = "task";
inline constexpr char kCreatedAt[] = "created_at";
inline constexpr char kProjectName[] = "project.name";
inline constexpr char kStrategy[] = "model.strategy";
inline constexpr char kBatchSize[] = "model.batch_size";
inline constexpr char kEpochs[] = "model.epochs";
inline constexpr char kEmbeddingDim[] = "model.embedding_dim";
inline constexpr char kHiddenDim[] = "model.hidden_dim";
inline constexpr char kDropout[] = "model.dropout";
inline constexpr char kLearningRate[] = "model.learning_rate";
inline constexpr char kAugment[] = "model.augment";
inline constexpr char kClassWeights[] = "model.class_weights";
inline constexpr char kMcPasses[] = "model.mc_passes";
inline constexpr char kSeed[] = "model.seed";
inline constexpr char kPretrainedVectors[] = "model.pretrained_vectors";
inline constexpr char kImageBackbone[] = "model.image_backbone";
inline constexpr char kImageFinetune[] = "model.image_finetune";
inline constexpr char kTextEncoder[] = "model.text_encoder";
inline constexpr char kTextEncoderVocab[] = "model.text_encoder_vocab";
inline constexpr char kEncoderFinetune[] = "model.encoder_finetune";
inline constexpr char kUsePoolVectors[] = "model.pool_vectors";
inline constexpr char kPretrainMethod[] = "model.pretrain_method";
inline constexpr char kRetrainInterval[] = "studio.retrain_interval";
inline constexpr char kEvalFraction[] = "import.eval_fraction";
inline constexpr char kOverlapShare[] = "team.overlap";
inline constexpr char kOverlapAnnotators[] = "team.overlap_annotators";
inline constexpr char kLeaseMinutes[] = "team.lease_minutes";

enum class Type { Integer, Real, Boolean, Text, Choice };

// Who may change a setting; a setting neither may change is fixed when the project is created.
enum Editor : unsigned { Nobody = 0, Studio = 1, Cli = 2, Everyone = Studio | Cli };

struct Definition
{
    const char *key;
    const char *title; // a short name for the studio's form, translated in context "Settings"
    Type type;
    QVariant defaultValue;
    QVariant spanDefault; // the default in span-labeling projects, when it differs
    double minimum = 0;   // Integer and Real: the valid range, inclusive
    double maximum = 0;
    unsigned editableBy = Everyone;
    const char *description; // translated in context "Settings"

    QVariant defaultFor(TaskType task) const
    {
        return task == TaskType::Ner && spanDefault.isValid() ? spanDefault : defaultValue;
    }
    QString name() const;     // translated title
    QString describe() const; // translated description
};

const QVector<Definition> &definitions();
const Definition *find(const QString &key);
// The values a Choice setting accepts in a project of `task` (for the query strategy, those of its model).
QStringList choices(const Definition &definition, TaskType task);
// Whether a setting means anything for a project of `task`: the image backbone only for images, the text
// classifier's vector sizes, learning rate, epochs and word vectors not for images (the image model has its own).
bool appliesTo(const Definition &definition, TaskType task);
// Settings that name a file the user chooses.
bool namesFile(const Definition &definition);

// Checks `text` against the definition and returns the typed value (int, double, bool or string).
Result<QVariant> parse(const Definition &definition, const QString &text, TaskType task);
// As stored text: the canonical spelling `parse` accepts back.
QString format(const Definition &definition, const QVariant &value);

// The value in effect: the stored one, or the default when none is stored. A stored value that is not valid
// (an older or hand-edited file) yields the default too, and `ignored` (when given) says why.
QVariant value(const ProjectStore &store, const char *key, QString *ignored = nullptr);
// Validates and stores; refused with a message when `who` may not change the setting or the value is invalid.
Status setValue(ProjectStore &store, const QString &key, const QString &text, Editor who);
// Whether the project's rounds read the vectors learned from its pool: the setting is on, and neither a word
// vector file nor a text encoder, which replace them, is named (ml/TrainingRound.cpp, ml/TaskModels.cpp).
bool roundsReadPoolVectors(const ProjectStore &store);

} // namespace marginalia::settings
