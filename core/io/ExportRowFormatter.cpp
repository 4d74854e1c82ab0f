#include "io/ExportRowFormatter.h"
#include "store/ProjectStore.h"

namespace marginalia {

namespace {
const char kHex[] = "0123456789abcdef";

// Multi-label cells in CSV join the labels with this separator (the importer splits on it).
constexpr char kLabelSeparator = '|';
} // namespace

ExportRowFormatter::ExportRowFormatter(const QString &format, TaskType task, bool withMeta)
    : m_csv(format == QLatin1String("csv")), m_task(task), m_withMeta(withMeta)
{
}

QString ExportRowFormatter::fileSuffix(const QString &format)
{
    return format == QLatin1String("csv") ? QStringLiteral(".csv") : QStringLiteral(".jsonl");
}

void ExportRowFormatter::appendJsonString(QByteArray &out, const QByteArray &utf8)
{
    out.append('"');
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
            if (c < 0x20) {
                out.append("\\u00");
                out.append(kHex[c >> 4]);
                out.append(kHex[c & 0xf]);
            } else {
                out.append(ch); // UTF-8 passes through unescaped
            }
        }
    }
    out.append('"');
}

void ExportRowFormatter::appendCsvField(QByteArray &out, const QByteArray &utf8)
{
    bool needsQuotes = false;
    for (const char c : utf8)
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            needsQuotes = true;
            break;
        }
    if (!needsQuotes) {
        out.append(utf8);
        return;
    }
    out.append('"');
    for (const char c : utf8) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

QByteArray ExportRowFormatter::header() const
{
    if (!m_csv)
        return {};
    return m_withMeta ? QByteArrayLiteral("id,text,label,meta\n") : QByteArrayLiteral("id,text,label\n");
}

QByteArray ExportRowFormatter::row(const AnnotatedSample &item) const
{
    return m_csv ? csvRow(item) : jsonRow(item);
}

QByteArray ExportRowFormatter::jsonRow(const AnnotatedSample &item) const
{
    QByteArray out;
    out.reserve(item.sample.text.size() * 3 + 64);
    out.append('{');
    if (!item.sample.externalId.isEmpty()) {
        out.append("\"id\":");
        appendJsonString(out, item.sample.externalId.toUtf8());
        out.append(',');
    }
    out.append("\"text\":");
    appendJsonString(out, item.sample.text.toUtf8());
    if (!item.sample.tokens.isEmpty()) {
        out.append(",\"tokens\":[");
        for (int i = 0; i < item.sample.tokens.size(); ++i) {
            if (i)
                out.append(',');
            appendJsonString(out, item.sample.tokens[i].toUtf8());
        }
        out.append(']');
    }
    if (item.isLabeled()) {
        const Annotation &a = *item.annotation;
        if (m_task == TaskType::TextCat && !a.labels.isEmpty()) {
            out.append(",\"label\":");
            appendJsonString(out, a.labels.first().toUtf8());
        } else if (m_task == TaskType::MultiLabel) {
            out.append(",\"labels\":[");
            for (int i = 0; i < a.labels.size(); ++i) {
                if (i)
                    out.append(',');
                appendJsonString(out, a.labels[i].toUtf8());
            }
            out.append(']');
        } else if (m_task == TaskType::Ner) {
            out.append(",\"spans\":[");
            for (int i = 0; i < a.spans.size(); ++i) {
                if (i)
                    out.append(',');
                out.append("{\"start\":").append(QByteArray::number(a.spans[i].start));
                out.append(",\"end\":").append(QByteArray::number(a.spans[i].end));
                out.append(",\"label\":");
                appendJsonString(out, a.spans[i].label.toUtf8());
                out.append('}');
            }
            out.append(']');
        }
    }
    if (m_withMeta && !item.sample.metaJson.isEmpty())
        out.append(",\"meta\":").append(item.sample.metaJson.toUtf8());
    out.append("}\n");
    return out;
}

QByteArray ExportRowFormatter::csvRow(const AnnotatedSample &item) const
{
    QByteArray out;
    appendCsvField(out, item.sample.externalId.toUtf8());
    out.append(',');
    appendCsvField(out, item.sample.text.toUtf8());
    out.append(',');
    if (item.isLabeled() && m_task != TaskType::Ner)
        appendCsvField(out, item.annotation->labels.join(QLatin1Char(kLabelSeparator)).toUtf8());
    if (m_withMeta) {
        out.append(',');
        appendCsvField(out, item.sample.metaJson.toUtf8());
    }
    out.append('\n');
    return out;
}

} // namespace marginalia
