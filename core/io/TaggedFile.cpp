#include "io/TaggedFile.h"
#include "io/FormatDetector.h"
#include "io/LineSource.h"
#include "io/RecordReader.h"
#include "io/SpanRecord.h"
#include "store/ProjectFiles.h"
#include "text/SpanTokens.h"

#include <QCoreApplication>
#include <QFile>

namespace marginalia::io {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

// Rows labeled with character spans (JSONL) get their tokens' text and BIO tags from the spans, which lie
// in the text the record would be stored with.
void tagsFromSpans(const ImportRecord &record, TaggedSentence &sentence)
{
    const QString text = record.hasTokens ? record.tokens.join(QLatin1Char(' ')) : storedText(record.text);
    const QVector<text::TokenSpan> tokens = text::annotationTokens(text, record.tokens);
    for (const text::TokenSpan &t : tokens)
        sentence.tokens << text.mid(t.start, t.end - t.start);
    sentence.tags = text::bioTags(tokens, record.spans);
}
} // namespace

Result<QVector<TaggedSentence>> readTaggedFile(const QString &path, const QString &format)
{
    if (auto s = refuseOpenProject(path); !s)
        return s;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot open %1: %2").arg(path, file.errorString())};
    const QByteArray head = file.peek(64 * 1024);
    if (auto s = FormatDetector::checkEncoding(head); !s)
        return s;
    const QString chosen = format.isEmpty() || format == QLatin1String("auto") ? FormatDetector::detect(path, head)
                                                                                : format.toLower();
    if (chosen != QLatin1String("conll") && chosen != QLatin1String("jsonl"))
        return Error{Tr::tr("%1 is not a CoNLL or JSONL file of tagged tokens.").arg(path)};

    ReaderOptions options;
    options.readTokens = true;
    options.buildSpans = false; // tags are what is wanted (rows with character spans still get their spans)
    LineSource source(file);
    const auto reader = RecordReader::create(chosen, source, options);
    QVector<TaggedSentence> sentences;
    ImportRecord record;
    while (reader->next(record)) {
        if (!record.error.isEmpty())
            return Error{Tr::tr("Line %1: %2").arg(record.line).arg(record.error)};
        if (!record.hasSpans)
            return Error{Tr::tr("Line %1: the sentence has no tags").arg(record.line)};
        TaggedSentence sentence;
        sentence.line = record.line;
        if (record.tags.isEmpty()) {
            tagsFromSpans(record, sentence);
        } else {
            sentence.tokens = record.tokens;
            sentence.tags = record.tags;
        }
        if (sentence.tokens.isEmpty())
            return Error{Tr::tr("Line %1: the sentence has no tokens").arg(record.line)};
        sentences.append(std::move(sentence));
    }
    if (!reader->fatalError().isEmpty())
        return Error{reader->fatalError()};
    if (!source.readError().isEmpty())
        return Error{source.readError()};
    return sentences;
}

} // namespace marginalia::io
