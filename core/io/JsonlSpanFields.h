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
// Returns whether it took one of the fields (record.error set when it was bad); false when none is there, or
// "label" holds something other than a list (a classification label, which the caller reads as one).
bool readSpanFields(simdjson::dom::object object, const ReaderOptions &options, ImportRecord &record);

} // namespace marginalia
