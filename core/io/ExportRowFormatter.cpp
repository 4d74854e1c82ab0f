#include "io/ExportRowFormatter.h"
#include "io/SpanRecord.h"
#include "store/ProjectStore.h"

#include <cmath>

namespace marginalia {

namespace {
const char kHex[] = "0123456789abcdef";

// Multi-label cells in CSV join the labels with this separator (the importer splits on it).
constexpr char kLabelSeparator = '|';
} // namespace

ExportRowFormatter::ExportRowFormatter(const QString &format, TaskType task, bool withMeta)
    : m_format(format == QLatin1String("csv")            ? Format::Csv
               : format == QLatin1String("conll")        ? Format::Conll
               : format == QLatin1String("jsonl-tokens") ? Format::JsonlTokens
               : format == QLatin1String("label-studio") ? Format::LabelStudio
               : format == QLatin1String("prodigy")      ? Format::Prodigy
               : format == QLatin1String("doccano")      ? Format::Doccano
                                                         : Format::Jsonl),
      m_task(task), m_withMeta(withMeta)
{
}

QString ExportRowFormatter::fileSuffix(const QString &format)
{
    if (format == QLatin1String("csv"))
        return QStringLiteral(".csv");
    if (format == QLatin1String("label-studio"))
        return QStringLiteral(".json");
    return format == QLatin1String("conll") ? QStringLiteral(".conll") : QStringLiteral(".jsonl");
}

bool ExportRowFormatter::isKnownFormat(const QString &format)
{
    return format == QLatin1String("jsonl") || format == QLatin1String("csv") || isTokenFormat(format)
           || format == QLatin1String("label-studio") || format == QLatin1String("prodigy")
           || format == QLatin1String("doccano");
}

bool ExportRowFormatter::writesRejections(const QString &format)
{
    return format == QLatin1String("prodigy");
}

bool ExportRowFormatter::isTokenFormat(const QString &format)
{
    return format == QLatin1String("conll") || format == QLatin1String("jsonl-tokens");
}

void ExportRowFormatter::appendJsonString(QByteArray &out, const QByteArray &utf8)
{
    out.append('"');
    // Runs of bytes that need no escape are appended at once (a byte at a time was most of an export's time).
    const char *const data = utf8.constData();
    qsizetype run = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue; // UTF-8 passes through unescaped
        out.append(data + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
            out.append("\\u00");
            out.append(kHex[c >> 4]);
            out.append(kHex[c & 0xf]);
        }
    }
    out.append(data + run, utf8.size() - run);
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

QByteArray ExportRowFormatter::separator() const
{
    return m_format == Format::LabelStudio ? QByteArrayLiteral(",\n") : QByteArray();
}

QByteArray ExportRowFormatter::footer() const
{
    return m_format == Format::LabelStudio ? QByteArrayLiteral("\n]\n") : QByteArray();
}

QByteArray ExportRowFormatter::header() const
{
    if (m_format == Format::LabelStudio)
        return QByteArrayLiteral("[\n");
    if (m_format != Format::Csv)
        return {};
    const QByteArray columns = m_task == TaskType::Image ? QByteArrayLiteral("id,image,label") : QByteArrayLiteral("id,text,label");
    return columns + (m_withMeta ? QByteArrayLiteral(",meta\n") : QByteArrayLiteral("\n"));
}

QByteArray ExportRowFormatter::row(const AnnotatedSample &item, QString *problem, const QStringList &rejected) const
{
    switch (m_format) {
    case Format::Csv: return csvRow(item);
    case Format::Conll: return conllRow(item, problem);
    case Format::JsonlTokens: return tokensRow(item);
    case Format::LabelStudio: return labelStudioRow(item);
    case Format::Prodigy: return prodigyRows(item, rejected);
    case Format::Doccano: return doccanoRow(item);
    case Format::Jsonl: break;
    }
    return jsonRow(item);
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
    out.append(m_task == TaskType::Image ? "\"image\":" : "\"text\":"); // an image's path, as the importer reads it
    appendJsonString(out, item.sample.text.toUtf8());
    if (!item.sample.tokens.isEmpty()) {
        out.append(",\"tokens\":");
        appendJsonList(out, item.sample.tokens);
    }
    if (item.isLabeled()) {
        const Annotation &a = *item.annotation;
        if (isSingleLabel(m_task) && !a.labels.isEmpty()) {
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
            // Code point offsets, as Python, spaCy and doccano count: emoji and rare CJK characters are two
            // UTF-16 units in the store but one character there.
            const QString &text = item.sample.text;
            out.append(",\"spans\":[");
            for (int i = 0; i < a.spans.size(); ++i) {
                if (i)
                    out.append(',');
                out.append("{\"start\":").append(QByteArray::number(codePointOffset(text, a.spans[i].start)));
                out.append(",\"end\":").append(QByteArray::number(codePointOffset(text, a.spans[i].end)));
                out.append(",\"label\":");
                appendJsonString(out, a.spans[i].label.toUtf8());
                out.append('}');
            }
            out.append(']');
        }
    }
    if (m_withMeta && !item.sample.metaJson.isEmpty())
        out.append(",\"meta\":").append(item.sample.metaJson.toUtf8());
    if (m_withMeta && item.isLabeled())
        appendProvenance(out, *item.annotation);
    if (m_withMeta && m_resolved && item.isLabeled())
        if (const auto it = m_resolved->constFind(item.sample.id); it != m_resolved->cend())
            appendVotes(out, *it);
    out.append("}\n");
    return out;
}

void ExportRowFormatter::appendProvenance(QByteArray &out, const Annotation &a)
{
    // How the label came about, for labels given in the studio; an imported label came from a file, which says
    // more about it than this could (and a file exported and imported again stays byte-identical).
    if (a.source == AnnotationSource::Imported)
        return;
    const Provenance &p = a.provenance;
    out.append(",\"provenance\":{\"source\":");
    appendJsonString(out, sourceName(a.source).toUtf8());
    out.append(",\"annotator\":");
    appendJsonString(out, a.annotator.toUtf8());
    if (!p.origin.isEmpty()) {
        out.append(",\"origin\":");
        appendJsonString(out, p.origin.toUtf8());
    }
    if (p.runId > 0)
        out.append(",\"run\":").append(QByteArray::number(p.runId));
    if (!p.strategy.isEmpty()) {
        out.append(",\"strategy\":");
        appendJsonString(out, p.strategy.toUtf8());
    }
    if (p.score && std::isfinite(*p.score))
        out.append(",\"score\":").append(QByteArray::number(*p.score, 'g', 6));
    if (p.rank)
        out.append(",\"rank\":").append(QByteArray::number(*p.rank));
    if (p.seconds && std::isfinite(*p.seconds))
        out.append(",\"seconds\":").append(QByteArray::number(*p.seconds, 'f', 2));
    out.append('}');
}

void ExportRowFormatter::appendVotes(QByteArray &out, const ResolvedLabel &r)
{
    out.append(",\"annotators\":{\"basis\":");
    appendJsonString(out, labelBasisName(r.basis).toUtf8());
    out.append(",\"votes\":[");
    for (int i = 0; i < r.votes.size(); ++i) {
        out.append(i ? ",{\"annotator\":" : "{\"annotator\":");
        appendJsonString(out, r.votes[i].annotator.toUtf8());
        out.append(",\"labels\":[");
        for (int j = 0; j < r.votes[i].labels.size(); ++j) {
            if (j)
                out.append(',');
            appendJsonString(out, r.votes[i].labels[j].toUtf8());
        }
        out.append("]}");
    }
    out.append(']');
    if (r.review) {
        out.append(",\"reviewer\":");
        appendJsonString(out, r.review->annotator.toUtf8());
    }
    out.append('}');
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
