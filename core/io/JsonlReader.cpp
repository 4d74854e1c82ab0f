#include "io/JsonlReader.h"
#include "io/StringViews.h"
#include "io/JsonlSpanFields.h"
#include "io/LineSource.h"

#include <QCoreApplication>
#include <simdjson.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};


bool isBlank(std::string_view line)
{
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

// A label may be written as a string or, as many datasets do, as a whole number or boolean.
bool labelText(simdjson::dom::element value, QString &out)
{
    using T = simdjson::dom::element_type;
    switch (value.type()) {
    case T::STRING: out = io::fromView(value.get_string().value_unsafe()).trimmed(); return true;
    case T::INT64:
    case T::UINT64:
    case T::BOOL: out = QString::fromStdString(simdjson::minify(value)); return true;
    default: return false;
    }
}
} // namespace

struct JsonlReader::Parser
{
    simdjson::dom::parser parser;
};

JsonlReader::JsonlReader(LineSource &source, const ReaderOptions &options)
    : m_source(source), m_options(options), m_parser(std::make_unique<Parser>())
{
    m_textKey = options.textField.toStdString();
    m_labelKey = options.labelField.toStdString();
    m_idKey = options.idField.toStdString();
    m_metaKey = options.metaField.toStdString();
    m_tokensKey = options.tokensField.toStdString();
}

JsonlReader::~JsonlReader() = default;

bool JsonlReader::next(ImportRecord &record)
{
    std::string_view line;
    do {
        if (!m_source.next(line))
            return false;
    } while (isBlank(line));
    record.clear();
    record.line = m_source.lineNumber();

    simdjson::dom::element doc;
    // LineSource guarantees the padding simdjson needs after the line, so it parses in place.
    const auto parsed = m_parser->parser.parse(line.data(), line.size(), false).get(doc);
    if (parsed == simdjson::UTF8_ERROR) {
        record.error = Tr::tr("invalid UTF-8 (is the file in another encoding? save it as UTF-8)");
        return true;
    }
    if (parsed) {
        record.error = Tr::tr("invalid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(parsed)));
        return true;
    }
    simdjson::dom::object object;
    if (doc.get_object().get(object)) {
        record.error = Tr::tr("the line is %1, not a JSON object").arg(jsonTypeName(doc.type()));
        return true;
    }
    if (m_options.keepFields) {
        for (const auto field : object) {
            const QString key = io::fromView(field.key);
            if (!m_fields.contains(key))
                m_fields << key;
            record.fields.insert(key, field.value.type() == simdjson::dom::element_type::STRING
                                          ? io::fromView(field.value.get_string().value_unsafe())
                                          : QString::fromStdString(simdjson::minify(field.value)));
        }
    }

    simdjson::dom::element value;
    // A Prodigy answer read as plain JSONL would turn "reject" into the label it rejects: refuse it instead.
    if (!m_options.doccano && !object["answer"].get(value) && value.type() == simdjson::dom::element_type::STRING) {
        const std::string_view answer = value.get_string().value_unsafe();
        if (answer == "reject" || answer == "ignore") {
            record.error = Tr::tr("a Prodigy answer (\"answer\": \"%1\"); import the file with --format prodigy")
                               .arg(io::fromView(answer));
            return true;
        }
    }
    if (!object[m_textKey].get(value)) {
        if (value.type() != simdjson::dom::element_type::STRING) {
            record.error = Tr::tr("the field \"%1\" is %2, not a string").arg(m_options.textField, jsonTypeName(value.type()));
            return true;
        }
        const std::string_view text = value.get_string().value_unsafe();
        record.text = QByteArray(text.data(), qsizetype(text.size()));
    } else if (!m_options.readTokens || object[m_tokensKey].error()) {
        record.error = Tr::tr("no \"%1\" field").arg(m_options.textField);
        return true;
    }

    if (m_options.readTokens && !object[m_tokensKey].get(value)) {
        simdjson::dom::array tokens;
        if (value.get_array().get(tokens)) {
            record.error = Tr::tr("the field \"%1\" is %2, not a list").arg(m_options.tokensField, jsonTypeName(value.type()));
            return true;
        }
        record.hasTokens = true;
        for (const auto token : tokens) {
            if (token.type() != simdjson::dom::element_type::STRING) {
                record.error = Tr::tr("a token in \"%1\" is %2, not a string")
                                   .arg(m_options.tokensField, jsonTypeName(token.type()));
                return true;
            }
            record.tokens << io::fromView(token.get_string().value_unsafe());
        }
    }

    // Labels: the named field, else "label", else "labels"; a string, or a list for multi-label. Span
    // labeling reads tags or spans instead.
    const bool spanFields = m_options.readTokens && readSpanFields(object, m_options, record);
    if (!record.error.isEmpty())
        return true;
    simdjson::dom::element labels;
    QString labelKey = m_options.labelField;
    bool found = false;
    if (spanFields)
        found = false;
    else if (!m_labelKey.empty())
        found = !object[m_labelKey].get(labels);
    else if (!object["label"].get(labels))
        found = true, labelKey = QStringLiteral("label");
    else if (!object["labels"].get(labels))
        found = true, labelKey = QStringLiteral("labels");
    if (found && labels.type() == simdjson::dom::element_type::ARRAY) {
        // doccano writes "label": [] for a text nobody labeled.
        record.hasLabels = !m_options.doccano || labels.get_array().value_unsafe().size() > 0;
        simdjson::dom::array list;
        if (labels.get_array().get(list))
            return true; // cannot happen: the type was checked
        for (const auto item : list) {
            QString name;
            if (!labelText(item, name)) {
                record.error = Tr::tr("a label in \"%1\" is %2, not a string").arg(labelKey, jsonTypeName(item.type()));
                return true;
            }
            if (!name.isEmpty() && !record.labels.contains(name))
                record.labels << name;
        }
    } else if (found && labels.type() != simdjson::dom::element_type::NULL_VALUE) {
        QString name;
        if (!labelText(labels, name)) {
            record.error = Tr::tr("the field \"%1\" is %2, not a label name").arg(labelKey, jsonTypeName(labels.type()));
            return true;
        }
        if (!name.isEmpty()) {
            record.hasLabels = true;
            record.labels << name;
        }
    }

    if (!object[m_idKey].get(value) && value.type() != simdjson::dom::element_type::NULL_VALUE) {
        if (value.type() == simdjson::dom::element_type::STRING) {
            const std::string_view id = value.get_string().value_unsafe();
            record.externalId = QByteArray(id.data(), qsizetype(id.size()));
        } else {
            record.externalId = QByteArray::fromStdString(simdjson::minify(value));
        }
    }
    if (!object[m_metaKey].get(value) && value.type() != simdjson::dom::element_type::NULL_VALUE) {
        if (value.type() != simdjson::dom::element_type::OBJECT) {
            record.error = Tr::tr("the field \"%1\" is %2, not an object").arg(m_options.metaField, jsonTypeName(value.type()));
            return true;
        }
        record.metaJson = QByteArray::fromStdString(simdjson::minify(value));
    }
    return true;
}

} // namespace marginalia
