#include "io/LabelStudioTask.h"
#include "io/StringViews.h"
#include "io/ExportRowFormatter.h"
#include "io/JsonlSpanFields.h"

#include <QCoreApplication>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

using Type = simdjson::dom::element_type;
using simdjson::dom::element;
using simdjson::dom::object;


// An id or a user as text: a string as it is, anything else as its JSON.
QByteArray idText(element value)
{
    if (value.type() == Type::STRING)
        return io::bytesOf(value.get_string().value_unsafe());
    return QByteArray::fromStdString(simdjson::minify(value));
}

bool number(object o, const char *key, double &out)
{
    element value;
    if (o[key].get(value))
        return false;
    if (value.type() == Type::DOUBLE || value.type() == Type::INT64 || value.type() == Type::UINT64) {
        out = value.get_double().value_unsafe();
        return true;
    }
    return false;
}

bool wholeNumber(object o, const char *key, qint64 &out)
{
    element value;
    if (o[key].get(value) || value.type() != Type::INT64)
        return false;
    out = value.get_int64().value_unsafe();
    return true;
}

// A list of label names (value.choices, value.labels, ...); a problem, or empty.
QString nameList(element value, const QString &what, QStringList &out)
{
    simdjson::dom::array list;
    if (value.get_array().get(list))
        return Tr::tr("%1 is %2, not a list").arg(what, jsonTypeName(value.type()));
    for (const element item : list) {
        if (item.type() != Type::STRING)
            return Tr::tr("a name in %1 is %2, not a string").arg(what, jsonTypeName(item.type()));
        const QString name = io::fromView(item.get_string().value_unsafe()).trimmed();
        if (!name.isEmpty() && !out.contains(name))
            out << name;
    }
    return {};
}

// The value of one result: its labels and, by type, offsets or a rectangle.
QString readValue(object value, LabelStudioResult &result)
{
    for (const char *key : {"choices", "labels", "rectanglelabels"}) {
        element names;
        if (value[key].get(names) || names.type() == Type::NULL_VALUE)
            continue;
        if (QString problem = nameList(names, QStringLiteral("value.%1").arg(QLatin1String(key)), result.labels);
            !problem.isEmpty())
            return problem;
    }
    if (result.type == QLatin1String("labels")) {
        if (!wholeNumber(value, "start", result.start) || !wholeNumber(value, "end", result.end))
            return Tr::tr("a \"labels\" result needs whole-number \"start\" and \"end\" offsets");
        element text;
        if (!value["text"].get(text) && text.type() == Type::STRING) {
            result.text = io::fromView(text.get_string().value_unsafe());
            result.hasText = true;
        }
    }
    if (result.type == QLatin1String("rectanglelabels")) {
        number(value, "x", result.x);
        number(value, "y", result.y);
        number(value, "width", result.width);
        number(value, "height", result.height);
        number(value, "rotation", result.rotation);
    }
    return {};
}

QString readResults(element list, LabelStudioAnnotation &annotation)
{
    simdjson::dom::array items;
    if (list.type() == Type::NULL_VALUE)
        return {};
    if (list.get_array().get(items))
        return Tr::tr("\"result\" is %1, not a list").arg(jsonTypeName(list.type()));
    int index = 0;
    for (const element item : items) {
        ++index;
        object o;
        if (item.get_object().get(o))
            return Tr::tr("result %1 is %2, not an object").arg(index).arg(jsonTypeName(item.type()));
        LabelStudioResult result;
        element field;
        if (!o["type"].get(field) && field.type() == Type::STRING)
            result.type = io::fromView(field.get_string().value_unsafe());
        if (!o["from_name"].get(field) && field.type() == Type::STRING)
            result.fromName = io::fromView(field.get_string().value_unsafe());
        object value;
        if (!o["value"].get(field) && !field.get_object().get(value)) {
            if (QString problem = readValue(value, result); !problem.isEmpty())
                return Tr::tr("result %1: %2").arg(index).arg(problem);
        }
        annotation.results.append(result);
    }
    return {};
}

QString readAnnotations(element list, LabelStudioTask &task)
{
    simdjson::dom::array items;
    if (list.type() == Type::NULL_VALUE)
        return {};
    if (list.get_array().get(items))
        return Tr::tr("\"annotations\" is %1, not a list").arg(jsonTypeName(list.type()));
    int index = 0;
    for (const element item : items) {
        ++index;
        object o;
        if (item.get_object().get(o))
            return Tr::tr("annotation %1 is %2, not an object").arg(index).arg(jsonTypeName(item.type()));
        LabelStudioAnnotation annotation;
        element field;
        if (!o["was_cancelled"].get(field) && field.type() == Type::BOOL)
            annotation.cancelled = field.get_bool().value_unsafe();
        if (!o["completed_by"].get(field) && field.type() != Type::NULL_VALUE) {
            // A user id, or (older exports) the user as an object: its e-mail, else its id.
            object user;
            element part;
            if (field.get_object().get(user))
                annotation.annotator = QString::fromUtf8(idText(field));
            else if (!user["email"].get(part) && part.type() == Type::STRING)
                annotation.annotator = io::fromView(part.get_string().value_unsafe());
            else if (!user["id"].get(part))
                annotation.annotator = QString::fromUtf8(idText(part));
        }
        if (!o["result"].get(field)) {
            if (QString problem = readResults(field, annotation); !problem.isEmpty())
                return Tr::tr("annotation %1: %2").arg(index).arg(problem);
        }
        task.annotations.append(annotation);
    }
    return {};
}

// Appends "key":value to a compact JSON object being built in `out` ("{" when empty).
void appendMember(QByteArray &out, std::string_view key, element value)
{
    if (out.size() > 1)
        out.append(',');
    ExportRowFormatter::appendJsonString(out, io::bytesOf(key));
    out.append(':').append(QByteArray::fromStdString(simdjson::minify(value)));
}

QString readData(object data, const QString &textField, LabelStudioTask &task)
{
    const std::string textKey = textField.toStdString();
    QByteArray other = "{";
    for (const auto field : data) {
        task.dataKeys << io::fromView(field.key);
        if (field.key == textKey) {
            if (field.value.type() != Type::STRING)
                return Tr::tr("data.%1 is %2, not a string").arg(textField, jsonTypeName(field.value.type()));
            task.text = io::bytesOf(field.value.get_string().value_unsafe());
            task.hasText = true;
            continue;
        }
        // Label Studio numbers tasks itself; an id of the samples' own travels in data (as Marginalia exports it).
        if (field.key == "external_id" && field.value.type() != Type::NULL_VALUE && field.value.type() != Type::OBJECT
            && field.value.type() != Type::ARRAY) {
            task.externalId = idText(field.value);
            continue;
        }
        if (field.key == "image" && field.value.type() == Type::STRING)
            task.image = io::fromView(field.value.get_string().value_unsafe());
        appendMember(other, field.key, field.value);
    }
    if (other.size() > 1)
        task.otherData = other + '}';
    return {};
}

// JSON-MIN keys that are no result: the task's and the annotation's bookkeeping.
bool isMinimalBookkeeping(std::string_view key)
{
    for (const char *k : {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "meta"})
        if (key == k)
            return true;
    return false;
}

// A JSON-MIN value that is a list of spans ({start, end, text, labels}) or of rectangles: its results.
bool readMinimalRegions(std::string_view key, element value, LabelStudioAnnotation &annotation, QString &problem)
{
    simdjson::dom::array list;
    if (value.get_array().get(list) || list.size() == 0)
        return false;
    for (const element item : list) {
        object o;
        if (item.get_object().get(o) || (o["labels"].error() && o["rectanglelabels"].error()))
            return false;
    }
    for (const element item : list) {
        const object o = item.get_object().value_unsafe();
        LabelStudioResult result;
        result.fromName = io::fromView(key);
        result.type = o["labels"].error() ? QStringLiteral("rectanglelabels") : QStringLiteral("labels");
        problem = readValue(o, result);
        if (!problem.isEmpty())
            return true;
        annotation.results.append(result);
    }
    return true;
}

QString parseMinimal(object o, const QString &textField, const QString &labelField, LabelStudioTask &task)
{
    task.minimal = true;
    const std::string textKey = textField.toStdString();
    const std::string labelKey = labelField.toStdString();
    LabelStudioAnnotation annotation;
    bool annotated = false;
    QByteArray other = "{";
    for (const auto field : o) {
        const std::string_view key = field.key;
        if (key == "annotator") {
            annotated = true;
            if (field.value.type() != Type::NULL_VALUE)
                annotation.annotator = QString::fromUtf8(idText(field.value));
            continue;
        }
        if (key == "annotation_id") {
            annotated = true;
            continue;
        }
        if (key == "meta" && field.value.type() == Type::OBJECT) {
            task.meta = QByteArray::fromStdString(simdjson::minify(field.value));
            continue;
        }
        if (isMinimalBookkeeping(key))
            continue;
        if (key == textKey) {
            task.dataKeys << io::fromView(key);
            if (field.value.type() != Type::STRING)
                return Tr::tr("\"%1\" is %2, not a string").arg(textField, jsonTypeName(field.value.type()));
            task.text = io::bytesOf(field.value.get_string().value_unsafe());
            task.hasText = true;
            continue;
        }
        // Results sit under their control's name: {"choices": [...]} for several choices, a list of regions
        // for spans, a plain string for one choice (only under the label field's name: any data field is one).
        QString problem;
        object choices;
        element names;
        if (!field.value.get_object().get(choices) && !choices["choices"].get(names)) {
            LabelStudioResult result;
            result.type = QStringLiteral("choices");
            result.fromName = io::fromView(key);
            if (problem = nameList(names, QStringLiteral("%1.choices").arg(io::fromView(key)), result.labels);
                !problem.isEmpty())
                return problem;
            annotation.results.append(result);
            annotated = true;
            continue;
        }
        if (readMinimalRegions(key, field.value, annotation, problem)) {
            if (!problem.isEmpty())
                return Tr::tr("\"%1\": %2").arg(io::fromView(key), problem);
            annotated = true;
            continue;
        }
        const bool labelKeyHere = labelKey.empty() ? (key == "label" || key == "sentiment" || key == "choice")
                                                   : key == labelKey;
        if (labelKeyHere && (field.value.type() == Type::STRING || field.value.type() == Type::ARRAY)) {
            LabelStudioResult result;
            result.type = QStringLiteral("choices");
            result.fromName = io::fromView(key);
            if (field.value.type() == Type::STRING) {
                const QString name = io::fromView(field.value.get_string().value_unsafe()).trimmed();
                if (!name.isEmpty())
                    result.labels << name;
            } else if (problem = nameList(field.value, io::fromView(key), result.labels); !problem.isEmpty()) {
                return problem;
            }
            annotation.results.append(result);
            annotated = true;
            continue;
        }
        task.dataKeys << io::fromView(key);
        if (key == "image" && field.value.type() == Type::STRING)
            task.image = io::fromView(field.value.get_string().value_unsafe());
        appendMember(other, key, field.value);
    }
    if (other.size() > 1)
        task.otherData = other + '}';
    if (annotated)
        task.annotations.append(annotation);
    return {};
}
} // namespace

QString parseLabelStudioTask(element root, const QString &textField, const QString &labelField, LabelStudioTask &task)
{
    object o;
    if (root.get_object().get(o))
        return Tr::tr("the task is %1, not an object").arg(jsonTypeName(root.type()));
    element field;
    if (!o["id"].get(field) && field.type() != Type::NULL_VALUE)
        task.externalId = idText(field);
    object data;
    if (!o["data"].get(field)) {
        if (field.get_object().get(data))
            return Tr::tr("\"data\" is %1, not an object").arg(jsonTypeName(field.type()));
        if (QString problem = readData(data, textField, task); !problem.isEmpty())
            return problem;
        if (!o["meta"].get(field) && field.type() == Type::OBJECT)
            task.meta = QByteArray::fromStdString(simdjson::minify(field));
        if (!o["predictions"].get(field) && field.type() == Type::ARRAY && field.get_array().value_unsafe().size() > 0)
            task.predictions = QByteArray::fromStdString(simdjson::minify(field));
        // Exports before Label Studio 1.0 called annotations "completions".
        if (!o["annotations"].get(field) || !o["completions"].get(field))
            return readAnnotations(field, task);
        return {};
    }
    return parseMinimal(o, textField, labelField, task);
}

} // namespace marginalia
