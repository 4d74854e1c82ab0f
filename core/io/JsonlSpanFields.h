#pragma once
// The span-labeling fields of a JSON Lines row, for JsonlReader (internal: it brings simdjson along).
#include "io/RecordReader.h"

#include <QString>
#include <simdjson.h>

namespace marginalia {

// "a list", "a string", ...: the type of a JSON value as messages name it.
QString jsonTypeName(simdjson::dom::element_type type);

// Labels of a ner row, from the first of these fields present: options.labelField when set, else "tags" or
// "ner_tags" (one tag per token of record.tokens), "spans" ([{"start", "end", "label"}, ...]) or "label"
// ([[start, end, "LABEL"], ...], doccano's layout). Span offsets count code points of the row's text.
// Sets record.error on a bad row; a row with none of the fields stays unlabeled.
void readSpanFields(simdjson::dom::object object, const ReaderOptions &options, ImportRecord &record);

} // namespace marginalia
