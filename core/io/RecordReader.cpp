#include "io/RecordReader.h"
#include "io/ConllReader.h"
#include "io/DelimitedReader.h"
#include "io/JsonlReader.h"
#include "io/LabelStudioReader.h"
#include "io/ProdigyReader.h"
#include "io/TextLineReader.h"

namespace marginalia {

void ImportRecord::clear()
{
    line = 0;
    task = 0;
    error.clear();
    text.clear();
    tokens.clear();
    hasTokens = false;
    tags.clear();
    spans.clear();
    hasSpans = false;
    labels.clear();
    hasLabels = false;
    annotator.clear();
    earlier.clear();
    rejections.clear();
    unused.clear();
    externalId.clear();
    metaJson.clear();
    fields.clear();
    contentHash.clear();
    tokensJson.clear();
    labeled = false;
    stratum.clear();
    duplicate = false;
}

std::unique_ptr<RecordReader> RecordReader::create(const QString &format, LineSource &source,
                                                   const ReaderOptions &options)
{
    if (format == QLatin1String("jsonl"))
        return std::make_unique<JsonlReader>(source, options);
    if (format == QLatin1String("csv"))
        return std::make_unique<DelimitedReader>(source, options, ',');
    if (format == QLatin1String("tsv"))
        return std::make_unique<DelimitedReader>(source, options, '\t');
    if (format == QLatin1String("txt"))
        return std::make_unique<TextLineReader>(source, options);
    if (format == QLatin1String("conll"))
        return std::make_unique<ConllReader>(source, options);
    if (format == QLatin1String("label-studio"))
        return std::make_unique<LabelStudioReader>(source, options);
    if (format == QLatin1String("prodigy"))
        return std::make_unique<ProdigyReader>(source, options);
    if (format == QLatin1String("doccano")) {
        ReaderOptions doccano = options;
        doccano.doccano = true;
        return std::make_unique<JsonlReader>(source, doccano);
    }
    return nullptr;
}

} // namespace marginalia
