#pragma once
// Imports images into an image project. Images stay where they are: a sample keeps the image's path relative to
// the project file's folder and the SHA-256 of its bytes (ProjectStore::imageBytes checks it on every read);
// `embed` also keeps the bytes in the project, for a self-contained file. Every file that cannot be used is
// reported with its path and why (missing, too large, not an image, damaged); strict mode stops at the first and
// leaves the project unchanged.
#include "Result.h"
#include "io/ImageReader.h"
#include "io/Importer.h"

#include <atomic>
#include <cstdint>

namespace marginalia {

class ProjectStore;

struct ImageImportOptions
{
    double evalFraction = 0; // share of the imported images held out as the evaluation split
    bool strict = false;
    bool embed = false;
    QString annotator;       // recorded on the labels the source gives
    std::uint64_t seed = 13;
    ImageLimits limits;
};

// Whether `path` is something importImages reads: a folder, or a CSV/JSONL file whose first row has an "image"
// field.
bool isImageSource(const QString &path);

// `source` is either
//  - a folder: images in a subfolder are labeled with the subfolder's name (the usual image-folder layout),
//    images directly in it are unlabeled, anything deeper is ignored; or
//  - a CSV (header row) or JSONL file whose rows name an image in an "image" field, relative to the file's
//    folder (or absolute), with an optional "label" and "id".
// The summary's problems carry the image path in their reason (line: the row of a CSV/JSONL source, else 0).
Result<ImportSummary> importImages(ProjectStore &store, const QString &source, const ImageImportOptions &options,
                                   const std::atomic_bool *cancel = nullptr, const ImportProgressFn &progress = {});

} // namespace marginalia
