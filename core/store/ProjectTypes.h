#pragma once
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace marginalia {

enum class TaskType { TextCat, MultiLabel, Ner };
enum class Split { Pool, Eval };
enum class AnnotationSource { Human, Imported, ModelAccepted };

QString taskTypeName(TaskType task);            // "textcat", "multilabel", "ner"
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
};

// What a caller wants to record for a sample.
struct AnnotationInput
{
    QStringList labels;
    QVector<Span> spans;
    bool cleared = false;
    QString annotator;
    AnnotationSource source = AnnotationSource::Human;
};

} // namespace marginalia
