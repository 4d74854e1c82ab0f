#pragma once
#include "store/ProjectTypes.h"

#include <QString>

namespace marginalia::ui {

// How a label came about, in a few words for the browse view: "ranked by run 3 (margin, #2, score 0.31) ·
// 4.2 s", "model's guess accepted · bulk", "imported". Empty for a label saved before provenance was kept.
QString provenanceText(const Annotation &annotation);

} // namespace marginalia::ui
