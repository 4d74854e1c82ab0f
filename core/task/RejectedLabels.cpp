#include "task/RejectedLabels.h"

#include <algorithm>
#include <cstring>

namespace marginalia::task {

namespace {
// Zeroes `out` classes of one sample's probabilities; false (nothing changed) when that would leave none.
bool exclude(float *p, int classes, const std::vector<int> &out, bool renormalize)
{
    float kept = 0;
    for (int k = 0; k < classes; ++k)
        if (std::find(out.begin(), out.end(), k) == out.end())
            kept += p[k];
    if (renormalize && kept <= 0)
        return false;
    for (int k : out)
        p[k] = 0;
    if (renormalize)
        for (int k = 0; k < classes; ++k)
            p[k] /= kept;
    return true;
}
} // namespace

void respectRejectedLabels(Prediction &prediction, const QStringList &labels, const QHash<qint64, QStringList> &rejected)
{
    al::PoolScores &scores = prediction.scores;
    const int classes = static_cast<int>(labels.size());
    if (rejected.isEmpty() || classes == 0 || scores.classes != classes)
        return;
    const bool renormalize = !scores.multilabel;
    for (qsizetype i = 0; i < prediction.rows.size(); ++i) {
        PredictionRow &row = prediction.rows[i];
        const auto it = rejected.constFind(row.sampleId);
        if (it == rejected.constEnd())
            continue;
        std::vector<int> out;
        for (const QString &label : *it)
            if (const int k = static_cast<int>(labels.indexOf(label)); k >= 0)
                out.push_back(k);
        const std::size_t offset = static_cast<std::size_t>(i) * static_cast<std::size_t>(classes);
        if (out.empty() || scores.probs.size() < offset + static_cast<std::size_t>(classes))
            continue;
        float *p = scores.probs.data() + offset;
        if (!exclude(p, classes, out, renormalize))
            continue;
        for (std::vector<float> &pass : scores.mc)
            if (pass.size() >= offset + static_cast<std::size_t>(classes))
                exclude(pass.data() + offset, classes, out, renormalize);
        const int best = static_cast<int>(std::max_element(p, p + classes) - p);
        row.label = labels[best];
        row.confidence = p[best];
        if (row.probabilities.size() == classes * qsizetype(sizeof(float)))
            std::memcpy(row.probabilities.data(), p, static_cast<std::size_t>(classes) * sizeof(float));
    }
}

} // namespace marginalia::task
