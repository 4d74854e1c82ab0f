#pragma once
#include "Result.h"

#include <QByteArray>

namespace marginalia::ml {

// torch::load reads a checkpoint as a TorchScript archive: a zip whose code/ entries it compiles, and whose
// records it allocates at the sizes the zip declares. A checkpoint comes from the project file, which may come
// from someone else, so before torch sees it: every entry must lie inside the bytes given, and the archive must
// hold the same entries and the same code as `reference`, a checkpoint this build just wrote for a model of the
// same shape. Plain C++, no torch.
Status checkArchiveMatches(const QByteArray &archive, const QByteArray &reference);

} // namespace marginalia::ml
