// Other labeling tools' formats of ExportRowFormatter: Label Studio's JSON (tasks it imports back with their
// annotations), Prodigy's JSONL answers and doccano's JSONL. Span offsets count code points, as all three do.
#include "io/ExportRowFormatter.h"
#include "io/SpanRecord.h"
#include "store/ProjectStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia {

namespace {
QByteArray compact(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // A scalar: QJsonDocument writes only objects and arrays, so take it out of a one-element array.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// The sample's meta object, split into what a tool keeps at the top of its row (`keys`) and the rest.
struct SplitMeta
{
    QJsonObject taken;
    QJsonObject rest;
};

SplitMeta splitMeta(const QString &metaJson, std::initializer_list<const char *> keys)
{
    SplitMeta split;
    if (metaJson.isEmpty())
        return split;
    split.rest = QJsonDocument::fromJson(metaJson.toUtf8()).object();
    for (const char *key : keys) {
        const QString name = QLatin1String(key);
        if (split.rest.contains(name)) {
            split.taken.insert(name, split.rest.value(name));
            split.rest.remove(name);
        }
    }
    return split;
}

// An external id that is a whole number is written as one, as the tools write their ids.
void appendId(QByteArray &out, const QString &id)
{
    bool number = false;
    id.toLongLong(&number);
    if (number && !id.startsWith(QLatin1Char('0')) && !id.startsWith(QLatin1Char('+')) && !id.startsWith(QLatin1Char('-')))
        out.append(id.toUtf8());
    else
        ExportRowFormatter::appendJsonString(out, id.toUtf8());
}
} // namespace

QByteArray ExportRowFormatter::labelStudioRow(const AnnotatedSample &item) const
{
    const Sample &sample = item.sample;
    // Data fields and predictions that came from Label Studio go back where they were.
    const SplitMeta meta = splitMeta(sample.metaJson, {"data", "predictions"});
    // No task "id": Label Studio numbers the tasks it imports (its ids are whole numbers). The sample's own id
    // goes into data as "external_id", which survives a trip through Label Studio and comes back here.
    QByteArray out = "{\"data\":{\"text\":";
    appendJsonString(out, sample.text.toUtf8());
    if (!sample.externalId.isEmpty()) {
        out.append(",\"external_id\":");
        appendId(out, sample.externalId);
    }
    const QJsonObject data = meta.taken.value(QLatin1String("data")).toObject();
    for (auto it = data.begin(); it != data.end(); ++it) {
        if (it.key() == QLatin1String("text") || it.key() == QLatin1String("external_id"))
            continue;
        out.append(',');
        appendJsonString(out, it.key().toUtf8());
        out.append(':').append(compact(it.value()));
    }
    out.append("},\"annotations\":[");
    if (item.isLabeled()) {
        const Annotation &a = *item.annotation;
        // One control named "label" over the text named "text": <Choices name="label" toName="text"> or
        // <Labels name="label" toName="text"> in the project's labeling config.
        out.append("{\"was_cancelled\":false,\"result\":[");
        if (m_task == TaskType::Ner) {
            for (int i = 0; i < a.spans.size(); ++i) {
                const Span &span = a.spans[i];
                if (i)
                    out.append(',');
                out.append("{\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\",\"value\":{\"start\":");
                out.append(QByteArray::number(codePointOffset(sample.text, span.start)));
                out.append(",\"end\":").append(QByteArray::number(codePointOffset(sample.text, span.end)));
                out.append(",\"text\":");
                appendJsonString(out, sample.text.mid(span.start, span.end - span.start).toUtf8());
                out.append(",\"labels\":");
                appendJsonList(out, {span.label});
                out.append("}}");
            }
        } else if (!a.labels.isEmpty()) {
            out.append("{\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":");
            appendJsonList(out, a.labels);
            out.append("}}");
        }
        out.append("]}");
    }
    out.append(']');
    if (meta.taken.contains(QLatin1String("predictions")))
        out.append(",\"predictions\":").append(compact(meta.taken.value(QLatin1String("predictions"))));
    if (m_withMeta && !meta.rest.isEmpty())
        out.append(",\"meta\":").append(compact(meta.rest));
    out.append('}');
    return out;
}

QByteArray ExportRowFormatter::prodigyRows(const AnnotatedSample &item, const QStringList &rejected) const
{
    const Sample &sample = item.sample;
    const SplitMeta meta = splitMeta(sample.metaJson, {"_input_hash", "_task_hash"});
    // The text, the hashes and the meta each answer to this sample repeats: the reader joins consecutive
    // answers to one input back into one sample.
    QByteArray head = "{\"text\":";
    appendJsonString(head, sample.text.toUtf8());
    for (auto it = meta.taken.begin(); it != meta.taken.end(); ++it) {
        head.append(",\"").append(it.key().toUtf8()).append("\":").append(compact(it.value()));
    }
    if (m_withMeta && !meta.rest.isEmpty())
        head.append(",\"meta\":").append(compact(meta.rest));
    QByteArray out;
    if (item.isLabeled()) {
        const Annotation &a = *item.annotation;
        out.append(head);
        if (m_task == TaskType::Ner) {
            out.append(",\"spans\":[");
            for (int i = 0; i < a.spans.size(); ++i) {
                if (i)
                    out.append(',');
                out.append("{\"start\":").append(QByteArray::number(codePointOffset(sample.text, a.spans[i].start)));
                out.append(",\"end\":").append(QByteArray::number(codePointOffset(sample.text, a.spans[i].end)));
                out.append(",\"label\":");
                appendJsonString(out, a.spans[i].label.toUtf8());
                out.append('}');
            }
            out.append(']');
        } else if (m_task == TaskType::MultiLabel) {
            // The choice interface: every label an option, the sample's labels accepted.
            out.append(",\"options\":[");
            for (int i = 0; i < m_labels.size(); ++i) {
                if (i)
                    out.append(',');
                out.append("{\"id\":");
                appendJsonString(out, m_labels[i].toUtf8());
                out.append(",\"text\":");
                appendJsonString(out, m_labels[i].toUtf8());
                out.append('}');
            }
            out.append("],\"accept\":");
            appendJsonList(out, a.labels);
        } else if (!a.labels.isEmpty()) {
            out.append(",\"label\":");
            appendJsonString(out, a.labels.first().toUtf8());
        }
        out.append(",\"answer\":\"accept\"");
        if (!a.annotator.isEmpty()) {
            out.append(",\"_annotator_id\":");
            appendJsonString(out, a.annotator.toUtf8());
        }
        out.append("}\n");
    }
    for (const QString &label : rejected) {
        out.append(head).append(",\"label\":");
        appendJsonString(out, label.toUtf8());
        out.append(",\"answer\":\"reject\"}\n");
    }
    if (out.isEmpty()) // unlabeled: a task nobody answered
        out.append(head).append("}\n");
    return out;
}

QByteArray ExportRowFormatter::doccanoRow(const AnnotatedSample &item) const
{
    const Sample &sample = item.sample;
    QByteArray out = "{";
    if (!sample.externalId.isEmpty()) {
        out.append("\"id\":");
        appendId(out, sample.externalId);
        out.append(',');
    }
    out.append("\"text\":");
    appendJsonString(out, sample.text.toUtf8());
    out.append(",\"label\":[");
    if (item.isLabeled()) {
        const Annotation &a = *item.annotation;
        if (m_task == TaskType::Ner) {
            // Sequence labeling: [start, end, "LABEL"] in code points.
            for (int i = 0; i < a.spans.size(); ++i) {
                if (i)
                    out.append(',');
                out.append('[').append(QByteArray::number(codePointOffset(sample.text, a.spans[i].start)));
                out.append(',').append(QByteArray::number(codePointOffset(sample.text, a.spans[i].end))).append(',');
                appendJsonString(out, a.spans[i].label.toUtf8());
                out.append(']');
            }
        } else {
            for (int i = 0; i < a.labels.size(); ++i) {
                if (i)
                    out.append(',');
                appendJsonString(out, a.labels[i].toUtf8());
            }
        }
    }
    out.append(']');
    if (m_withMeta && !sample.metaJson.isEmpty())
        out.append(",\"meta\":").append(sample.metaJson.toUtf8());
    out.append("}\n");
    return out;
}

} // namespace marginalia
