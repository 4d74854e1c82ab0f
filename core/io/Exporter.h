#pragma once
#include "Result.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <cstdint>
#include <functional>

namespace marginalia {

class ProjectStore;

struct ExportOptions
{
    QString format = QStringLiteral("jsonl"); // jsonl, csv; ner projects also conll, jsonl-tokens
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

// Writes the current annotation of each sample. Files are written to a temporary name and renamed into
// place, so a cancelled or failed export never leaves half a file under the final name.
Result<ExportSummary> exportProject(const ProjectStore &store, const QString &out, const ExportOptions &options,
                                   const std::atomic_bool *cancel = nullptr, const ExportProgressFn &progress = {});

} // namespace marginalia
