#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace marginalia {

enum class TaskType { TextCat, MultiLabel, Ner, Image };
enum class Split { Pool, Eval };
enum class AnnotationSource { Human, Imported, ModelAccepted };

QString taskTypeName(TaskType task);            // "textcat", "multilabel", "ner", "image"
// Whether a task labels each sample with exactly one label (text classification and images).
inline bool isSingleLabel(TaskType task) { return task == TaskType::TextCat || task == TaskType::Image; }
std::optional<TaskType> taskTypeFromName(const QString &name);
QString splitName(Split split);                 // "pool", "eval"
std::optional<Split> splitFromName(const QString &name);
QString sourceName(AnnotationSource source);    // "human", "imported", "model-accepted"
std::optional<AnnotationSource> sourceFromName(const QString &name);

struct Label
{
    qint64 id = 0;
    QString name;
    QString color;    // "#rrggbb"
    QString shortcut; // one key, e.g. "1" or "s"; empty = none
    int position = 0;
};

// Character offsets into Sample::text, end exclusive.
struct Span
{
    int start = 0;
    int end = 0;
    QString label;
    bool operator==(const Span &o) const { return start == o.start && end == o.end && label == o.label; }
};

struct Sample
{
    qint64 id = 0;
    QString externalId;
    QString text;
    QStringList tokens; // empty unless the sample was imported as tokens (span labeling)
    QString metaJson;   // the source's "meta" object, verbatim JSON; empty if none
    Split split = Split::Pool;
    // Image tasks: SHA-256 of the image's bytes, set by the importer (text holds the image's path relative to the
    // project file's folder). Empty for text: addSample hashes the text or tokens.
    QByteArray contentHash{};
};

// How a sample reached the annotator when they labeled it (or rejected a label for it), so that the queue's
// claims can be checked afterwards and strategies can weigh labeling cost. `origin` is one of the names in
// Provenance's constants; empty = unknown (labels saved before schema version 7, or a caller that does not know).
struct Provenance
{
    static constexpr const char *Ranked = "ranked";          // a model run's ranking of the pool
    static constexpr const char *Random = "random";          // no model had ranked the pool yet
    static constexpr const char *EvalRandom = "eval-random"; // a random pick of the evaluation split
    static constexpr const char *Search = "search";          // found by the annotator's search
    static constexpr const char *Browse = "browse";          // opened from the browse view
    static constexpr const char *Teach = "teach";            // a yes/no question of teach mode
    static constexpr const char *Bulk = "bulk";              // accepted with others in one step
    static constexpr const char *Import = "import";          // read from a file
    // A reviewer's final decision on a sample (the review view, `marginalia review`): training and export use it
    // over every annotator's own label (store/LabelResolution.h).
    static constexpr const char *Review = "review";

    QString origin;
    qint64 runId = 0;                   // the run whose ranking or guess surfaced the sample; 0 = none
    QString strategy;                   // that run's strategy
    std::optional<double> score;        // the strategy's score for the sample
    std::optional<int> rank;            // 1 = asked first
    std::optional<double> seconds;      // time the annotator spent on the sample before saving
    bool operator==(const Provenance &o) const
    {
        return origin == o.origin && runId == o.runId && strategy == o.strategy && score == o.score && rank == o.rank
            && seconds == o.seconds;
    }
};

// One version of a sample's annotation. The newest version is the current one; a version with
// cleared == true means the sample went back to unlabeled (e.g. undo of its first label).
struct Annotation
{
    qint64 id = 0;
    qint64 sampleId = 0;
    QStringList labels; // textcat: one; multilabel: zero or more
    QVector<Span> spans; // ner
    bool cleared = false;
    QString annotator;
    AnnotationSource source = AnnotationSource::Human;
    QDateTime createdAt;
    Provenance provenance{};
};

// What a caller wants to record for a sample.
struct AnnotationInput
{
    QStringList labels;
    QVector<Span> spans;
    bool cleared = false;
    QString annotator;
    AnnotationSource source = AnnotationSource::Human;
    Provenance provenance{};
    // A label saved on a server project carries a key made where it was made, so that sending it again (after a
    // dropped connection, from the local outbox) never adds it twice. Empty: the store makes one.
    QString clientKey{};
    qint64 createdAtMs = 0; // when it was made; 0: now (the outbox keeps the original time)
};

// "This label does not apply to this sample": a Prodigy reject, a "no" in teach mode. Never a label: a
// single-label sample stays unlabeled (the rejected class is a constraint), a multi-label sample gains a
// known negative. Kept apart from annotation versions so that every count of labeled samples stays as it is.
struct RejectionInput
{
    QString label;
    QString annotator;
    AnnotationSource source = AnnotationSource::Human;
    Provenance provenance{};
};

// Word vectors learned from the project's pool (ml/PoolPretraining.h), as the project keeps them.
struct PoolVectorsRecord
{
    QDateTime createdAt;
    qint64 samples = 0; // pool samples they were learned from
    int words = 0;
    int dim = 0;
    double seconds = 0;
    QByteArray data;    // ml/WordVectorTable.h's encoding; empty when read without it
};

// One annotator's current labels of one sample (ProjectStore::annotatorLabels).
struct AnnotatorLabels
{
    qint64 sampleId = 0;
    QString annotator;
    QStringList labels;
};

struct Rejection
{
    qint64 id = 0;
    qint64 sampleId = 0;
    QString label;
    QString annotator;
    AnnotationSource source = AnnotationSource::Human;
    QDateTime createdAt;
    Provenance provenance{};
};

} // namespace marginalia
