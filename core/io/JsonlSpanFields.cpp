#include "io/JsonlSpanFields.h"
#include "io/StringViews.h"
#include "io/SpanRecord.h"

#include <QCoreApplication>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

using Type = simdjson::dom::element_type;


bool wholeNumber(simdjson::dom::element value, qint64 &out)
{
    if (value.type() != Type::INT64)
        return false; // UINT64 only holds numbers past any text's length
    out = value.get_int64().value_unsafe();
    return true;
}

// One span, as an object {"start", "end", "label"} or a list [start, end, "label"].
QString readSpan(simdjson::dom::element item, int index, CodePointSpan &span)
{
    simdjson::dom::element start, end, label;
    bool found = false;
    if (item.type() == Type::OBJECT) {
        const simdjson::dom::object o = item.get_object().value_unsafe();
        // doccano's "entities" name the offsets start_offset and end_offset.
        found = (!o["start"].get(start) || !o["start_offset"].get(start)) && (!o["end"].get(end) || !o["end_offset"].get(end))
                && !o["label"].get(label);
    } else if (item.type() == Type::ARRAY) {
        const simdjson::dom::array a = item.get_array().value_unsafe();
        found = a.size() == 3 && !a.at(0).get(start) && !a.at(1).get(end) && !a.at(2).get(label);
    } else {
        return Tr::tr("span %1 is %2, not an object or a list").arg(index + 1).arg(jsonTypeName(item.type()));
    }
    if (!found)
        return Tr::tr("span %1 needs a start, an end and a label").arg(index + 1);
    if (!wholeNumber(start, span.start) || !wholeNumber(end, span.end))
        return Tr::tr("span %1: start and end must be whole numbers").arg(index + 1);
    if (label.type() != Type::STRING)
        return Tr::tr("span %1: the label is %2, not a string").arg(index + 1).arg(jsonTypeName(label.type()));
    span.label = io::fromView(label.get_string().value_unsafe());
    return {};
}

void readTags(simdjson::dom::array list, const QString &key, const ReaderOptions &options, ImportRecord &record)
{
    if (!record.hasTokens) {
        record.error = Tr::tr("the field \"%1\" needs a \"%2\" list").arg(key, options.tokensField);
        return;
    }
    int index = 0;
    for (const auto tag : list) {
        ++index;
        if (tag.type() != Type::STRING) {
            record.error = Tr::tr("tag %1 in \"%2\" is %3, not a string (tag ids need their names)")
                               .arg(index)
                               .arg(key, jsonTypeName(tag.type()));
            return;
        }
        record.tags << io::fromView(tag.get_string().value_unsafe());
    }
    setTaggedTokens(record, options);
}

void readSpans(simdjson::dom::array list, ImportRecord &record)
{
    QVector<CodePointSpan> spans;
    spans.reserve(int(list.size()));
    for (const auto item : list) {
        CodePointSpan span;
        if (QString problem = readSpan(item, int(spans.size()), span); !problem.isEmpty()) {
            record.error = problem;
            return;
        }
        spans.append(span);
    }
    const QString text = record.text.isEmpty() ? record.tokens.join(QLatin1Char(' ')) : storedText(record.text);
    setCodePointSpans(record, text, spans);
}
} // namespace

QString jsonTypeName(simdjson::dom::element_type type)
{
    switch (type) {
    case Type::ARRAY: return Tr::tr("a list");
    case Type::OBJECT: return Tr::tr("an object");
    case Type::STRING: return Tr::tr("a string");
    case Type::INT64:
    case Type::UINT64:
    case Type::DOUBLE: return Tr::tr("a number");
    case Type::BOOL: return Tr::tr("true/false");
    case Type::NULL_VALUE: return Tr::tr("null");
    }
    return {};
}

bool readSpanFields(simdjson::dom::object object, const ReaderOptions &options, ImportRecord &record)
{
    simdjson::dom::element value;
    QString key;
    const QStringList keys = !options.labelField.isEmpty() ? QStringList{options.labelField}
                             : options.doccano ? QStringList{QStringLiteral("label"), QStringLiteral("entities")}
                                               : QStringList{QStringLiteral("tags"), QStringLiteral("ner_tags"),
                                                             QStringLiteral("spans"), QStringLiteral("label")};
    for (const QString &candidate : keys) {
        if (!object[candidate.toStdString()].get(value) && value.type() != Type::NULL_VALUE) {
            // doccano writes an empty list for a text nobody labeled.
            if (options.doccano && value.type() == Type::ARRAY && value.get_array().value_unsafe().size() == 0)
                continue;
            key = candidate;
            break;
        }
    }
    if (key.isEmpty())
        return false; // unlabeled
    simdjson::dom::array list;
    if (value.get_array().get(list)) {
        // "label" (or the user's field) may hold a classification label; the caller reads it as one.
        if (key == QLatin1String("label") || key == options.labelField)
            return false;
        record.error = Tr::tr("the field \"%1\" is %2, not a list of tags or spans").arg(key, jsonTypeName(value.type()));
        return true;
    }
    // "tags" and "ner_tags" hold one tag per token, "spans" and "label" spans; a field named by the user holds
    // whichever its items are (spans are objects or lists).
    bool tags = !options.doccano && (key == QLatin1String("tags") || key == QLatin1String("ner_tags"));
    if (!options.labelField.isEmpty()) {
        const Type first = list.size() > 0 ? list.at(0).value_unsafe().type() : Type::NULL_VALUE;
        tags = list.size() > 0 ? first != Type::OBJECT && first != Type::ARRAY : record.hasTokens;
    }
    if (tags)
        readTags(list, key, options, record);
    else
        readSpans(list, record);
    return true;
}

} // namespace marginalia
