// The token formats of ExportRowFormatter, for span-labeling projects: CoNLL and JSONL tokens/tags.
#include "io/ExportRowFormatter.h"
#include "store/ProjectStore.h"
#include "text/SpanTokens.h"

#include <QCoreApplication>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Export)
};

// What the CoNLL reader would split a column at, or drop as a document marker.
bool breaksConllColumn(const QString &field)
{
    for (const QChar c : field)
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r')
            || c == QLatin1Char('\v') || c == QLatin1Char('\f'))
            return true;
    return field.startsWith(QLatin1String("-DOCSTART-"));
}
} // namespace

void ExportRowFormatter::appendJsonList(QByteArray &out, const QStringList &items)
{
    out.append('[');
    for (int i = 0; i < items.size(); ++i) {
        if (i)
            out.append(',');
        appendJsonString(out, items[i].toUtf8());
    }
    out.append(']');
}

void ExportRowFormatter::tokensAndTags(const AnnotatedSample &item, QStringList &tokens, QStringList &tags)
{
    const QString &text = item.sample.text;
    const QVector<text::TokenSpan> spans = text::annotationTokens(text, item.sample.tokens);
    if (!item.sample.tokens.isEmpty()) {
        tokens = item.sample.tokens;
    } else {
        tokens.clear();
        for (const text::TokenSpan &t : spans)
            tokens << text.mid(t.start, t.end - t.start);
    }
    tags.clear();
    if (item.isLabeled())
        tags = text::bioTags(spans, item.annotation->spans);
}

QByteArray ExportRowFormatter::conllRow(const AnnotatedSample &item, QString *problem) const
{
    QStringList tokens, tags;
    tokensAndTags(item, tokens, tags);
    if (tokens.isEmpty())
        return {};
    QByteArray out;
    for (int i = 0; i < tokens.size(); ++i) {
        const QString &tag = i < tags.size() ? tags[i] : QString();
        if (breaksConllColumn(tokens[i]) || breaksConllColumn(tag)) {
            if (problem)
                *problem = Tr::tr("Sample %1: \"%2\" holds whitespace or a document marker, which a CoNLL file "
                                  "cannot; export as jsonl or jsonl-tokens instead.")
                               .arg(item.sample.id)
                               .arg(breaksConllColumn(tokens[i]) ? tokens[i] : tag);
            return {};
        }
        out.append(tokens[i].toUtf8());
        // An unlabeled sample keeps only the token column, which the reader takes as unlabeled.
        if (!tags.isEmpty())
            out.append('\t').append(tag.toUtf8());
        out.append('\n');
    }
    out.append('\n');
    return out;
}

QByteArray ExportRowFormatter::tokensRow(const AnnotatedSample &item) const
{
    QStringList tokens, tags;
    tokensAndTags(item, tokens, tags);
    if (tokens.isEmpty())
        return {};
    QByteArray out;
    out.append('{');
    if (!item.sample.externalId.isEmpty()) {
        out.append("\"id\":");
        appendJsonString(out, item.sample.externalId.toUtf8());
        out.append(',');
    }
    out.append("\"tokens\":");
    appendJsonList(out, tokens);
    if (item.isLabeled()) {
        out.append(",\"tags\":");
        appendJsonList(out, tags);
    }
    if (m_withMeta && !item.sample.metaJson.isEmpty())
        out.append(",\"meta\":").append(item.sample.metaJson.toUtf8());
    out.append("}\n");
    return out;
}

} // namespace marginalia
