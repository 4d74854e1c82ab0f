#pragma once
// Finding label errors (`marginalia audit`): every labeled sample is scored by a model that never saw it (k-fold
// cross-validation: each fold scored by a model trained on the others), and confident learning (Northcutt, Jiang
// and Chuang 2021) flags the samples whose given label the model confidently contradicts. Per label the threshold
// is the mean out-of-fold probability of that label over the samples that carry it; the confident joint counts,
// per given label, the samples whose most probable label at or above its threshold is another one; calibrated
// to the label counts, it estimates how many samples given i are truly j, and that many samples given i with the
// largest margin p(j) - p(i) are flagged (prune by noise rate).
#include "Result.h"
#include "task/TaskModel.h"

#include <atomic>
#include <functional>

namespace marginalia::task {

struct AuditOptions
{
    int folds = 5;
    std::uint64_t seed = 7;
    bool includeEval = true; // audit the evaluation split's labels too (they judge every run)
};

struct Suspect
{
    qint64 sampleId = 0;
    QString given;
    QString suggested;       // the label the model prefers (empty when none reaches its threshold)
    double selfConfidence = 0; // out-of-fold probability of the given label
    double margin = 0;         // probability of the suggestion minus that of the given label
    bool flagged = false;      // confident learning calls it a label issue
};

struct AuditResult
{
    QStringList labels;
    QVector<double> thresholds;  // per label
    QVector<Suspect> ranked;     // every audited sample: flagged ones first, each group by self-confidence,
                                 // lowest first
    int flagged = 0;
};

using ModelFactory = std::function<std::unique_ptr<TaskModel>()>;

// Single-label projects (textcat, image). `makeModel` gives a fresh model of the project's task per fold.
Result<AuditResult> auditLabels(const ProjectStore &store, const ModelFactory &makeModel, const AuditOptions &options,
                                const std::atomic_bool &cancel, const ProgressFn &progress = {});

// The same on samples in memory (benchmarks): `samples` carry their given labels.
Result<AuditResult> auditSamples(const QVector<AnnotatedSample> &samples, const QStringList &labels,
                                 const ModelFactory &makeModel, const AuditOptions &options,
                                 const std::atomic_bool &cancel, const ProgressFn &progress = {});

} // namespace marginalia::task
