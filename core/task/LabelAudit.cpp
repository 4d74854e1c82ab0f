#include "task/LabelAudit.h"
#include "store/LabelResolution.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>

namespace marginalia::task {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Audit)
};
} // namespace

Result<AuditResult> auditSamples(const QVector<AnnotatedSample> &samples, const QStringList &labels,
                                 const ModelFactory &makeModel, const AuditOptions &options,
                                 const std::atomic_bool &cancel, const ProgressFn &progress)
{
    if (labels.size() < 2)
        return fail(Tr::tr("The project needs at least two labels to audit."));
    const int folds = std::max(2, options.folds);
    const std::size_t n = static_cast<std::size_t>(samples.size());
    if (n < static_cast<std::size_t>(2 * folds))
        return fail(Tr::tr("There are too few labeled samples to audit (%1; at least %2 are needed).").arg(n).arg(2 * folds));
    std::vector<int> given(n);
    for (std::size_t i = 0; i < n; ++i)
        given[i] = static_cast<int>(labels.indexOf(samples[static_cast<int>(i)].annotation->labels.value(0)));

    // Folds stratified by label: each label's samples are dealt round-robin after a seeded shuffle.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::mt19937_64 rng(options.seed);
    std::shuffle(order.begin(), order.end(), rng);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return given[a] < given[b]; });
    std::vector<int> foldOf(n);
    for (std::size_t k = 0; k < n; ++k)
        foldOf[order[k]] = static_cast<int>(k % static_cast<std::size_t>(folds));

    const std::size_t classes = static_cast<std::size_t>(labels.size());
    std::vector<float> probs(n * classes, 0.0f);
    for (int fold = 0; fold < folds; ++fold) {
        if (cancel.load())
            return fail(Tr::tr("The audit was cancelled."));
        if (progress)
            progress(fold, folds, Tr::tr("Scoring fold %1 of %2").arg(fold + 1).arg(folds));
        const auto model = makeModel();
        if (auto s = model->setLabels(labels, progress); !s)
            return Error{s.error()};
        std::vector<int> train, held;
        for (std::size_t i = 0; i < n; ++i) {
            model->addSample(samples[static_cast<int>(i)]);
            (foldOf[i] == fold ? held : train).push_back(static_cast<int>(i));
        }
        if (const auto epochs = model->train(train, cancel, {}); !epochs)
            return Error{epochs.error()};
        const auto predicted = model->predict(held, nullptr, {}, options.seed);
        if (!predicted)
            return Error{predicted.error()};
        for (std::size_t h = 0; h < held.size(); ++h) {
            const QByteArray &p = predicted->rows[static_cast<int>(h)].probabilities;
            if (p.size() != static_cast<qsizetype>(classes * sizeof(float)))
                return fail(Tr::tr("The model gave no probabilities to audit with."));
            std::memcpy(probs.data() + static_cast<std::size_t>(held[h]) * classes, p.constData(), classes * sizeof(float));
        }
    }

    AuditResult result;
    result.labels = labels;
    // Per-label thresholds: the mean probability of a label over the samples given it.
    std::vector<double> sum(classes, 0.0), count(classes, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        if (given[i] >= 0) {
            sum[static_cast<std::size_t>(given[i])] += probs[i * classes + static_cast<std::size_t>(given[i])];
            count[static_cast<std::size_t>(given[i])] += 1;
        }
    for (std::size_t c = 0; c < classes; ++c)
        result.thresholds << (count[c] > 0 ? sum[c] / count[c] : 1.0);
    // The confident joint: per given label i and confident label j, the samples given i whose most probable
    // label at or above its own threshold is j.
    std::vector<double> joint(classes * classes, 0.0);
    std::vector<double> givenCount(classes, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (given[i] < 0)
            continue;
        const float *p = probs.data() + i * classes;
        givenCount[static_cast<std::size_t>(given[i])] += 1;
        int confident = -1;
        for (std::size_t c = 0; c < classes; ++c)
            if (p[c] >= result.thresholds[static_cast<int>(c)] && (confident < 0 || p[c] > p[confident]))
                confident = static_cast<int>(c);
        if (confident >= 0)
            joint[static_cast<std::size_t>(given[i]) * classes + static_cast<std::size_t>(confident)] += 1;
    }
    // Calibrated so that each row sums to the number of samples given that label; an off-diagonal cell is then
    // the estimated number of samples given i whose true label is j. Prune by noise rate: of the samples given
    // i, that many with the largest margin p(j) - p(i) are flagged, suggesting j.
    std::vector<int> suggestion(n, -1);
    std::vector<double> suggestionMargin(n, -2.0);
    for (std::size_t gi = 0; gi < classes; ++gi) {
        double row = 0;
        for (std::size_t j = 0; j < classes; ++j)
            row += joint[gi * classes + j];
        if (row <= 0)
            continue;
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < n; ++i)
            if (given[i] == static_cast<int>(gi))
                members.push_back(i);
        for (std::size_t j = 0; j < classes; ++j) {
            if (j == gi)
                continue;
            const std::size_t issues = static_cast<std::size_t>(std::lround(joint[gi * classes + j] / row * givenCount[gi]));
            if (issues == 0)
                continue;
            const auto margin = [&](std::size_t i) { return double(probs[i * classes + j]) - probs[i * classes + gi]; };
            std::vector<std::size_t> byMargin = members;
            const std::size_t take = std::min(issues, byMargin.size());
            std::partial_sort(byMargin.begin(), byMargin.begin() + static_cast<std::ptrdiff_t>(take), byMargin.end(),
                              [&](std::size_t a, std::size_t b) { return margin(a) > margin(b); });
            for (std::size_t k = 0; k < take; ++k) {
                const std::size_t i = byMargin[k];
                if (margin(i) > suggestionMargin[i]) {
                    suggestionMargin[i] = margin(i);
                    suggestion[i] = static_cast<int>(j);
                }
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (given[i] < 0)
            continue;
        const float *p = probs.data() + i * classes;
        Suspect s;
        s.sampleId = samples[static_cast<int>(i)].sample.id;
        s.given = labels[given[i]];
        s.selfConfidence = p[given[i]];
        s.flagged = suggestion[i] >= 0;
        int best = suggestion[i]; // else the most probable other label
        for (std::size_t c = 0; c < classes && best < 0; ++c)
            if (static_cast<int>(c) != given[i])
                best = static_cast<int>(c);
        for (std::size_t c = 0; c < classes && !s.flagged; ++c)
            if (static_cast<int>(c) != given[i] && p[c] > p[best])
                best = static_cast<int>(c);
        s.suggested = labels.value(best);
        s.margin = double(p[best]) - s.selfConfidence;
        result.flagged += s.flagged ? 1 : 0;
        result.ranked.push_back(s);
    }
    // Flagged samples first, each group by the given label's probability, lowest first (cleanlab's default order).
    std::stable_sort(result.ranked.begin(), result.ranked.end(), [](const Suspect &a, const Suspect &b) {
        if (a.flagged != b.flagged)
            return a.flagged;
        return a.selfConfidence < b.selfConfidence;
    });
    if (progress)
        progress(folds, folds, Tr::tr("Audited %n labeled sample(s)", nullptr, int(n)));
    return result;
}

Result<AuditResult> auditLabels(const ProjectStore &store, const ModelFactory &makeModel, const AuditOptions &options,
                                const std::atomic_bool &cancel, const ProgressFn &progress)
{
    if (!isSingleLabel(store.task()))
        return fail(Tr::tr("Auditing labels works on single-label projects (textcat, image) for now."));
    const auto stored = store.labels();
    if (!stored)
        return Error{stored.error()};
    QStringList labels;
    for (const Label &l : *stored)
        labels << l.name;
    SampleFilter filter;
    filter.labelState = SampleFilter::LabelState::Labeled;
    if (!options.includeEval)
        filter.split = Split::Pool;
    auto samples = store.annotatedSamples(filter);
    if (!samples)
        return Error{samples.error()};
    const auto resolved = resolveProjectLabels(store); // the label training uses is the one audited
    if (!resolved)
        return Error{resolved.error()};
    for (AnnotatedSample &s : *samples)
        applyResolution(s, *resolved);
    return auditSamples(*samples, labels, makeModel, options, cancel, progress);
}

} // namespace marginalia::task
