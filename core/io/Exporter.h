#pragma once
#include "Result.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <cstdint>
#include <functional>

namespace marginalia {

class ProjectStore;
struct AnnotatedSample;

struct ExportOptions
{
    // jsonl, csv, label-studio, prodigy, doccano; ner projects also conll, jsonl-tokens; image projects jsonl, csv
    // (an "image" path relative to the file instead of "text") and folders (ImageFolderExport.h)
    QString format = QStringLiteral("jsonl");
    bool splitFiles = false;       // OUT is a folder: train, dev (seeded share of the labeled pool), test (eval)
    bool includeUnlabeled = false;
    bool withMeta = false;         // write each sample's "meta" object back (JSONL: and each label's provenance)
    double devFraction = 0.1;
    std::uint64_t seed = 13;
};

struct ExportSummary
{
    qint64 written = 0;
    qint64 skipped = 0; // samples a token format cannot hold: no tokens at all (e.g. only punctuation)
    QStringList files;
};

using ExportProgressFn = std::function<void(qint64 done, qint64 total)>;

// Writes the current annotation of each sample (for a sample several people labeled, the label it trains on:
// store/LabelResolution.h). Files are written to a temporary name and renamed into
// place, so a cancelled or failed export never leaves half a file under the final name.
Result<ExportSummary> exportProject(const ProjectStore &store, const QString &out, const ExportOptions &options,
                                   const std::atomic_bool *cancel = nullptr, const ExportProgressFn &progress = {});

// Image projects: one folder per label (the usual image-folder layout; unlabeled images, with includeUnlabeled,
// directly in the folder), inside train, dev and test with splitFiles. Images are hard-linked where the file
// system allows, else copied (embedded images are written out). `out` must not exist or be empty; the tree is
// built beside it and renamed into place, so a cancelled or failed export leaves nothing under that name. An
// image that is missing or changed since import stops the export, naming it.
Result<ExportSummary> exportImageFolders(const ProjectStore &store, const QString &out, const ExportOptions &options,
                                         const std::atomic_bool *cancel = nullptr, const ExportProgressFn &progress = {});

// Which file a sample goes to: 0 train (or the only file), 1 dev (a seeded share of the labeled pool), 2 test
// (the eval split).
int exportSplitIndex(const ExportOptions &options, const AnnotatedSample &item);

} // namespace marginalia
