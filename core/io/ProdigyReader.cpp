#include "io/ProdigyReader.h"
#include "io/StringViews.h"
#include "io/ExportRowFormatter.h"
#include "io/JsonlSpanFields.h"
#include "io/LineSource.h"
#include "io/SpanRecord.h"

#include <QCoreApplication>
#include <simdjson.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

using Type = simdjson::dom::element_type;
using simdjson::dom::element;
using simdjson::dom::object;


bool isBlank(std::string_view line)
{
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

// An option id or a label given as a number: its JSON text.
bool nameText(element value, QString &out)
{
    if (value.type() == Type::STRING) {
        out = io::fromView(value.get_string().value_unsafe()).trimmed();
        return true;
    }
    if (value.type() == Type::INT64 || value.type() == Type::UINT64) {
        out = QString::fromStdString(simdjson::minify(value));
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
} // namespace

struct ProdigyReader::Parser
{
    simdjson::dom::parser parser;
};

struct ProdigyReader::Answer
{
    enum class Kind { None, Accept, Reject, Ignore };
    qint64 line = 0;
    QString problem;
    QByteArray text;
    QByteArray key;  // what tells inputs apart: _input_hash, else the text
    QByteArray meta; // compact JSON object, or empty
    QString annotator;
    QString image;
    Kind kind = Kind::None;
    QString label;
    bool choice = false; // "options" with an "accept" list
    QStringList accepted;
    bool hasSpans = false;
    QVector<CodePointSpan> spans;
};

ProdigyReader::ProdigyReader(LineSource &source, const ReaderOptions &options)
    : m_source(source), m_options(options), m_parser(std::make_unique<Parser>())
{
}

ProdigyReader::~ProdigyReader() = default;

namespace {
// "spans": offsets in code points, or token_start/token_end (inclusive) over "tokens" with their offsets.
QString readSpans(object o, element list, QVector<CodePointSpan> &out)
{
    simdjson::dom::array spans;
    if (list.get_array().get(spans))
        return Tr::tr("\"spans\" is %1, not a list").arg(jsonTypeName(list.type()));
    simdjson::dom::array tokens;
    element tokenList;
    const bool haveTokens = !o["tokens"].get(tokenList) && !tokenList.get_array().get(tokens);
    const auto tokenOffset = [&](qint64 index, const char *key, qint64 &at) {
        element token;
        object t;
        return haveTokens && index >= 0 && size_t(index) < tokens.size() && !tokens.at(size_t(index)).get(token)
               && !token.get_object().get(t) && wholeNumber(t, key, at);
    };
    int index = 0;
    for (const element item : spans) {
        ++index;
        object s;
        if (item.get_object().get(s))
            return Tr::tr("span %1 is %2, not an object").arg(index).arg(jsonTypeName(item.type()));
        CodePointSpan span;
        element label;
        if (s["label"].get(label) || label.type() != Type::STRING)
            return Tr::tr("span %1 has no \"label\" string").arg(index);
        span.label = io::fromView(label.get_string().value_unsafe());
        qint64 first = -1, last = -1;
        const bool offsets = wholeNumber(s, "start", span.start) && wholeNumber(s, "end", span.end);
        if (!offsets && !(wholeNumber(s, "token_start", first) && wholeNumber(s, "token_end", last)
                          && tokenOffset(first, "start", span.start) && tokenOffset(last, "end", span.end)))
            return Tr::tr("span %1 needs \"start\" and \"end\" (or \"token_start\" and \"token_end\" over "
                          "\"tokens\")")
                .arg(index);
        out.append(span);
    }
    return {};
}
} // namespace

bool ProdigyReader::readAnswer(Answer &answer)
{
    std::string_view line;
    do {
        if (!m_source.next(line))
            return false;
    } while (isBlank(line));
    answer.line = m_source.lineNumber();
    element doc;
    const auto parsed = m_parser->parser.parse(line.data(), line.size(), false).get(doc);
    if (parsed == simdjson::UTF8_ERROR) {
        answer.problem = Tr::tr("invalid UTF-8 (is the file in another encoding? save it as UTF-8)");
        return true;
    }
    if (parsed) {
        answer.problem = Tr::tr("invalid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(parsed)));
        return true;
    }
    object o;
    if (doc.get_object().get(o)) {
        answer.problem = Tr::tr("the line is %1, not a JSON object").arg(jsonTypeName(doc.type()));
        return true;
    }
    if (m_options.keepFields)
        for (const auto field : o)
            if (!m_fields.contains(io::fromView(field.key)))
                m_fields << io::fromView(field.key);
    element value;
    const bool hasText = !o[m_options.textField.toStdString()].get(value);
    if (hasText && value.type() == Type::STRING) {
        answer.text = io::bytesOf(value.get_string().value_unsafe());
    } else if (hasText && value.type() != Type::NULL_VALUE) {
        answer.problem = Tr::tr("the field \"%1\" is %2, not a string").arg(m_options.textField, jsonTypeName(value.type()));
        return true;
    } else if (!o["image"].get(value) && value.type() == Type::STRING) {
        answer.image = io::fromView(value.get_string().value_unsafe());
    } else {
        answer.problem = Tr::tr("no \"%1\" field").arg(m_options.textField);
        return true;
    }
    QByteArray meta = "{";
    const auto addMember = [&meta](std::string_view key, element member) {
        if (meta.size() > 1)
            meta.append(',');
        ExportRowFormatter::appendJsonString(meta, io::bytesOf(key));
        meta.append(':').append(QByteArray::fromStdString(simdjson::minify(member)));
    };
    object metaObject;
    if (!o["meta"].get(value) && !value.get_object().get(metaObject))
        for (const auto field : metaObject)
            addMember(field.key, field.value);
    for (const char *key : {"_input_hash", "_task_hash"})
        if (!o[key].get(value) && value.type() != Type::NULL_VALUE)
            addMember(key, value);
    if (meta.size() > 1)
        answer.meta = meta + '}';
    answer.key = !o["_input_hash"].get(value) ? QByteArray::fromStdString(simdjson::minify(value)) : answer.text;
    for (const char *key : {"_annotator_id", "_session_id"})
        if (!o[key].get(value) && nameText(value, answer.annotator) && !answer.annotator.isEmpty())
            break;

    if (!o["answer"].get(value)) {
        const std::string_view kind = value.type() == Type::STRING ? value.get_string().value_unsafe() : "";
        if (kind == "accept")
            answer.kind = Answer::Kind::Accept;
        else if (kind == "reject")
            answer.kind = Answer::Kind::Reject;
        else if (kind == "ignore")
            answer.kind = Answer::Kind::Ignore;
        else {
            answer.problem = Tr::tr("\"answer\" is %1; Prodigy answers are \"accept\", \"reject\" or \"ignore\"")
                                 .arg(value.type() == Type::STRING ? QStringLiteral("\"%1\"").arg(io::fromView(kind))
                                                                   : jsonTypeName(value.type()));
            return true;
        }
    }
    if (!o["label"].get(value) && value.type() != Type::NULL_VALUE && !nameText(value, answer.label)) {
        answer.problem = Tr::tr("the field \"label\" is %1, not a label name").arg(jsonTypeName(value.type()));
        return true;
    }
    simdjson::dom::array options;
    if (!o["options"].get(value) && !value.get_array().get(options)) {
        QStringList ids;
        for (const element option : options) {
            object opt;
            element id;
            QString name;
            if (option.get_object().get(opt) || opt["id"].get(id) || !nameText(id, name)) {
                answer.problem = Tr::tr("an option in \"options\" has no \"id\"");
                return true;
            }
            ids << name;
        }
        if (!o["accept"].get(value) && value.type() != Type::NULL_VALUE) {
            simdjson::dom::array accepted;
            if (value.get_array().get(accepted)) {
                answer.problem = Tr::tr("\"accept\" is %1, not a list of option ids").arg(jsonTypeName(value.type()));
                return true;
            }
            answer.choice = true;
            for (const element id : accepted) {
                QString name;
                if (!nameText(id, name) || !ids.contains(name)) {
                    answer.problem = Tr::tr("\"accept\" holds %1, which is no option's id")
                                         .arg(QString::fromStdString(simdjson::minify(id)));
                    return true;
                }
                if (!answer.accepted.contains(name))
                    answer.accepted << name;
            }
        }
    }
    if (!o["spans"].get(value) && value.type() != Type::NULL_VALUE) {
        answer.hasSpans = true;
        if (QString problem = readSpans(o, value, answer.spans); !problem.isEmpty())
            answer.problem = problem;
    }
    return true;
}

// What one answer says about its input, added to the record (versions per annotator, rejections, unused).
void ProdigyReader::merge(const Answer &answer, ImportRecord &record, QVector<ImportAnnotation> &versions) const
{
    using Kind = Answer::Kind;
    const bool spanProject = m_options.readTokens;
    const auto unused = [&record](const QString &what) {
        if (!record.unused.contains(what))
            record.unused << what;
    };
    const auto version = [&]() -> ImportAnnotation & {
        for (ImportAnnotation &v : versions)
            if (v.annotator == answer.annotator)
                return v;
        versions.append(ImportAnnotation{});
        versions.last().annotator = answer.annotator;
        return versions.last();
    };
    const bool labeled = !answer.label.isEmpty() || answer.choice || answer.hasSpans;
    switch (answer.kind) {
    case Kind::Ignore: return; // skipped by the annotator: the text stays, without a label
    case Kind::None:
        if (labeled)
            unused(Tr::tr("labels without an \"answer\" (suggestions, not annotations)"));
        return;
    case Kind::Reject:
        if (answer.hasSpans)
            unused(Tr::tr("rejected spans (a rejection of a span cannot be stored)"));
        else if (answer.choice)
            unused(Tr::tr("rejected multiple-choice answers"));
        else if (!answer.label.isEmpty() && spanProject)
            unused(Tr::tr("\"label\" answers (a span-labeling project takes spans)"));
        else if (!answer.label.isEmpty())
            record.rejections.append(ImportRejection{answer.label, answer.annotator});
        return;
    case Kind::Accept: break;
    }
    if (answer.hasSpans && !spanProject) {
        unused(Tr::tr("spans (in a classification project)"));
    } else if (answer.hasSpans) {
        ImportRecord placed;
        placed.text = answer.text;
        setCodePointSpans(placed, storedText(answer.text), answer.spans);
        if (!placed.error.isEmpty()) {
            record.error = Tr::tr("line %1: %2").arg(answer.line).arg(placed.error);
            return;
        }
        ImportAnnotation &v = version();
        v.spans = placed.spans; // a later answer of the same annotator replaces an earlier one
        v.hasSpans = true;
    } else if (spanProject && (answer.choice || !answer.label.isEmpty())) {
        unused(Tr::tr("\"label\" answers (a span-labeling project takes spans)"));
    } else if (answer.choice || !answer.label.isEmpty()) {
        ImportAnnotation &v = version();
        for (const QString &label : answer.choice ? answer.accepted : QStringList{answer.label})
            if (!v.labels.contains(label))
                v.labels << label;
        v.hasLabels = true;
    }
}

bool ProdigyReader::next(ImportRecord &record)
{
    Answer first;
    if (m_pending) {
        first = std::move(*m_pending);
        m_pending.reset();
    } else if (!readAnswer(first)) {
        return false;
    }
    record.clear();
    record.line = first.line;
    if (!first.problem.isEmpty()) {
        record.error = first.problem;
        return true;
    }
    if (first.text.isEmpty() && !first.image.isEmpty()) {
        record.error = Tr::tr("an image task (\"image\": \"%1\"); images cannot be labeled yet, and this project "
                              "holds text")
                           .arg(first.image.left(80));
        return true;
    }
    record.text = first.text;
    record.metaJson = first.meta;
    if (m_options.keepFields) {
        record.fields.insert(m_options.textField, QString::fromUtf8(first.text));
        record.fields.insert(QStringLiteral("answer"), first.kind == Answer::Kind::Accept   ? QStringLiteral("accept")
                                                      : first.kind == Answer::Kind::Reject ? QStringLiteral("reject")
                                                                                           : QString());
        record.fields.insert(QStringLiteral("label"), first.choice ? first.accepted.join(QStringLiteral(", "))
                                                                   : first.label);
    }
    QVector<ImportAnnotation> versions;
    merge(first, record, versions);
    // Later answers to the same input join this record.
    while (record.error.isEmpty()) {
        auto ahead = std::make_unique<Answer>();
        if (!readAnswer(*ahead))
            break;
        if (!ahead->problem.isEmpty() || ahead->key != first.key || ahead->text != first.text) {
            m_pending = std::move(ahead);
            break;
        }
        merge(*ahead, record, versions);
    }
    if (!record.error.isEmpty() || versions.isEmpty())
        return true;
    const ImportAnnotation &current = versions.constLast();
    record.labels = current.labels;
    record.hasLabels = current.hasLabels;
    record.spans = current.spans;
    record.hasSpans = current.hasSpans;
    record.annotator = current.annotator;
    versions.removeLast();
    record.earlier = versions;
    return true;
}

} // namespace marginalia
