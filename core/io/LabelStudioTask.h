#pragma once
// A Label Studio task as its JSON export (or JSON-MIN) writes it, parsed into plain values before anything is
// decided about the project: the text reader takes "choices" and "labels" from it, and image labeling can
// take "rectanglelabels" and data.image from the same parse. Internal to the readers: it brings simdjson.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>
#include <simdjson.h>

namespace marginalia {

// One item of an annotation's (or a prediction's) "result".
struct LabelStudioResult
{
    QString type;           // "choices", "labels", "rectanglelabels", "textarea", ...
    QString fromName;
    QStringList labels;     // value.choices, value.labels or value.rectanglelabels
    // "labels": code point offsets into the text (Label Studio counts code points; older versions'
    // exports counted UTF-16 units, which the reader tells apart with `text`), and the text they cover.
    qint64 start = -1, end = -1;
    QString text;
    bool hasText = false;
    // "rectanglelabels": position and size in percent of the image, rotation in degrees.
    double x = 0, y = 0, width = 0, height = 0, rotation = 0;
};

struct LabelStudioAnnotation
{
    QString annotator;      // completed_by (an e-mail, or a user id as text); JSON-MIN: "annotator"
    bool cancelled = false; // was_cancelled: skipped by the annotator, no label
    QVector<LabelStudioResult> results;
};

struct LabelStudioTask
{
    QByteArray externalId;  // data.external_id, else the task's "id", as text
    QByteArray text;        // data[textField], UTF-8
    bool hasText = false;
    QString image;          // data.image (an URL or path)
    QStringList dataKeys;   // every key of data, for messages
    QByteArray otherData;   // data's other fields, a compact JSON object (empty if none)
    QByteArray meta;        // the task's "meta" object, compact (empty if none)
    QByteArray predictions; // the "predictions" list, compact (empty if none): suggestions, never labels
    QVector<LabelStudioAnnotation> annotations;
    bool minimal = false;   // a JSON-MIN row: one annotation, its results under their from_name keys
};

// Parses one task. `textField` names the data key of the text; `labelField` (may be empty) the JSON-MIN key of
// the labels. Returns a problem a user can read, or an empty string.
QString parseLabelStudioTask(simdjson::dom::element element, const QString &textField, const QString &labelField,
                             LabelStudioTask &task);

} // namespace marginalia
