#include "io/LabelStudioReader.h"
#include "io/JsonlSpanFields.h"
#include "io/LabelStudioTask.h"
#include "io/SpanRecord.h"

#include <QCoreApplication>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

// The members of a compact JSON object, without its braces ("" for {} or nothing).
QByteArray members(const QByteArray &object)
{
    return object.size() > 2 ? object.mid(1, object.size() - 2) : QByteArray();
}

// The sample's meta: the task's own meta, its other data fields under "data" and its predictions under
// "predictions", so that nothing of the task is lost and an export can write them back.
QByteArray sampleMeta(const LabelStudioTask &task)
{
    QByteArray out = "{";
    out.append(members(task.meta));
    const auto add = [&out](const char *key, const QByteArray &json) {
        if (json.isEmpty())
            return;
        if (out.size() > 1)
            out.append(',');
        out.append('"').append(key).append("\":").append(json);
    };
    add("data", task.otherData);
    add("predictions", task.predictions);
    return out.size() > 1 ? out + '}' : QByteArray();
}

// Label Studio counts code points now and counted UTF-16 units in older versions (emoji shifted their spans); a
// span's "text" tells which one a file used. Returns the span in code points, or a problem when neither reading
// covers that text.
QString placeSpan(const QString &text, const QVector<uint> &points, const LabelStudioResult &result, int index,
                  CodePointSpan &span)
{
    span.start = result.start;
    span.end = result.end;
    if (result.labels.size() != 1)
        return Tr::tr("span %1 has %2 labels; a span holds one").arg(index + 1).arg(result.labels.size());
    span.label = result.labels.first();
    if (!result.hasText || result.start < 0 || result.end < result.start)
        return {}; // setCodePointSpans says what is wrong with the offsets
    const auto coveredPoints = [&](qint64 start, qint64 end) {
        if (end > points.size())
            return QString();
        return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData() + start), qsizetype(end - start));
    };
    const QString wanted = result.text.trimmed();
    if (coveredPoints(result.start, result.end).trimmed() == wanted)
        return {};
    if (result.end <= text.size() && text.mid(result.start, result.end - result.start).trimmed() == wanted) {
        span.start = codePointOffset(text, int(result.start));
        span.end = codePointOffset(text, int(result.end));
        return {};
    }
    return Tr::tr("span %1 (%2–%3, %4) does not cover its text \"%5\" in the task's text")
        .arg(index + 1)
        .arg(result.start)
        .arg(result.end)
        .arg(span.label, result.text.left(40));
}
} // namespace

struct LabelStudioReader::Parser
{
    simdjson::dom::parser parser;
};

struct LabelStudioReader::Parsed
{
    LabelStudioTask task;
    QString problem;
    qint64 line = 0;
    qint64 index = 0;
};

LabelStudioReader::LabelStudioReader(LineSource &source, const ReaderOptions &options)
    : m_source(source), m_options(options), m_elements(source), m_parser(std::make_unique<Parser>())
{
}

LabelStudioReader::~LabelStudioReader() = default;

bool LabelStudioReader::readTask(Parsed &parsed)
{
    std::string_view element;
    if (!m_elements.next(element))
        return false;
    parsed.line = m_elements.line();
    parsed.index = m_elements.index();
    simdjson::dom::element doc;
    const auto error = m_parser->parser.parse(element.data(), element.size(), false).get(doc);
    if (error == simdjson::UTF8_ERROR)
        parsed.problem = Tr::tr("invalid UTF-8 (is the file in another encoding? save it as UTF-8)");
    else if (error)
        parsed.problem = Tr::tr("invalid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(error)));
    else
        parsed.problem = parseLabelStudioTask(doc, m_options.textField, m_options.labelField, parsed.task);
    for (const QString &key : std::as_const(parsed.task.dataKeys))
        if (m_options.keepFields && !m_fields.contains(key))
            m_fields << key;
    return true;
}

bool LabelStudioReader::next(ImportRecord &record)
{
    Parsed current;
    if (m_pending) {
        current = std::move(*m_pending);
        m_pending.reset();
    } else if (!readTask(current)) {
        return false;
    }
    // JSON-MIN writes a row per annotation; the rows of one task follow each other.
    while (current.problem.isEmpty() && current.task.minimal && !current.task.externalId.isEmpty()) {
        auto ahead = std::make_unique<Parsed>();
        if (!readTask(*ahead))
            break;
        if (ahead->problem.isEmpty() && ahead->task.minimal && ahead->task.externalId == current.task.externalId
            && ahead->task.text == current.task.text) {
            current.task.annotations += ahead->task.annotations;
            continue;
        }
        m_pending = std::move(ahead);
        break;
    }
    record.clear();
    toRecord(current, record);
    return true;
}

void LabelStudioReader::toRecord(Parsed &parsed, ImportRecord &record)
{
    LabelStudioTask &task = parsed.task;
    record.line = parsed.line;
    record.task = m_elements.isArray() ? parsed.index : 0;
    const auto fail = [&](const QString &problem) {
        record.error = record.task > 0 ? Tr::tr("task %1: %2").arg(record.task).arg(problem) : problem;
    };
    if (!parsed.problem.isEmpty())
        return fail(parsed.problem);
    if (!task.hasText) {
        if (!task.image.isEmpty())
            return fail(Tr::tr("an image task (\"image\": \"%1\"); images cannot be labeled yet, and this project "
                               "holds text")
                            .arg(task.image.left(80)));
        return fail(Tr::tr("no \"%1\" in the task's data (it has: %2); name the text field with --text-field")
                        .arg(m_options.textField, task.dataKeys.join(QStringLiteral(", "))));
    }
    record.text = task.text;
    record.externalId = task.externalId;
    record.metaJson = sampleMeta(task);
    if (m_options.keepFields) {
        record.fields.insert(QStringLiteral("id"), QString::fromUtf8(task.externalId));
        record.fields.insert(m_options.textField, QString::fromUtf8(task.text));
    }

    const bool spanProject = m_options.readTokens;
    const QString text = storedText(task.text);
    QVector<uint> points; // the text's code points, once a span needs them
    QVector<ImportAnnotation> versions;
    for (int a = 0; a < task.annotations.size(); ++a) {
        const LabelStudioAnnotation &annotation = task.annotations[a];
        if (annotation.cancelled)
            continue; // skipped by its annotator: no label
        ImportAnnotation version;
        version.annotator = annotation.annotator;
        QVector<CodePointSpan> spans;
        for (const LabelStudioResult &result : annotation.results) {
            const bool choices = result.type == QLatin1String("choices");
            const bool labels = result.type == QLatin1String("labels");
            QString unused;
            if (choices && spanProject)
                unused = Tr::tr("\"choices\" results (a span-labeling project takes \"labels\")");
            else if (labels && !spanProject)
                unused = Tr::tr("\"labels\" results (spans, in a classification project)");
            else if (!choices && !labels)
                unused = Tr::tr("result type \"%1\"").arg(result.type.isEmpty() ? QStringLiteral("?") : result.type);
            if (!unused.isEmpty()) {
                if (!record.unused.contains(unused))
                    record.unused << unused;
                continue;
            }
            if (choices) {
                for (const QString &label : result.labels)
                    if (!version.labels.contains(label))
                        version.labels << label;
                version.hasLabels = version.hasLabels || !result.labels.isEmpty();
                continue;
            }
            CodePointSpan span;
            if (points.isEmpty())
                points = text.toUcs4();
            if (QString problem = placeSpan(text, points, result, int(spans.size()), span); !problem.isEmpty())
                return fail(Tr::tr("annotation %1: %2").arg(a + 1).arg(problem));
            spans.append(span);
        }
        if (!spans.isEmpty()) {
            ImportRecord placed;
            placed.text = record.text;
            setCodePointSpans(placed, text, spans);
            if (!placed.error.isEmpty())
                return fail(Tr::tr("annotation %1: %2").arg(a + 1).arg(placed.error));
            version.spans = placed.spans;
            version.hasSpans = true;
        }
        if (version.hasLabels || version.hasSpans) // an empty result is no label
            versions.append(version);
    }
    if (versions.isEmpty())
        return;
    const ImportAnnotation &current = versions.constLast();
    record.labels = current.labels;
    record.hasLabels = current.hasLabels;
    record.spans = current.spans;
    record.hasSpans = current.hasSpans;
    record.annotator = current.annotator;
    versions.removeLast();
    record.earlier = versions;
    if (m_options.keepFields)
        record.fields.insert(QStringLiteral("labels"), record.labels.join(QStringLiteral(", ")));
}

} // namespace marginalia
