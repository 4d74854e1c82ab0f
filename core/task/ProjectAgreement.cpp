#include "task/ProjectAgreement.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>

namespace marginalia::task {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Agreement)
};
} // namespace

Result<ProjectAgreement> projectAgreement(const ProjectStore &store)
{
    if (store.task() == TaskType::Ner)
        return fail(Tr::tr("Agreement is computed for classification projects; span labeling is not supported yet."));
    const auto labels = store.labels();
    if (!labels)
        return Error{labels.error()};
    QStringList names;
    for (const Label &l : *labels)
        names << l.name;
    const auto rows = store.annotatorLabels();
    if (!rows)
        return Error{rows.error()};

    ProjectAgreement result;
    QHash<QString, int> raterIndex;
    QMap<qint64, QHash<int, QStringList>> bySample; // sample -> rater -> labels
    for (const AnnotatorLabels &row : *rows) {
        if (!raterIndex.contains(row.annotator)) {
            raterIndex.insert(row.annotator, static_cast<int>(result.annotators.size()));
            result.annotators << row.annotator;
        }
        bySample[row.sampleId].insert(raterIndex.value(row.annotator), row.labels);
    }
    const std::size_t raters = static_cast<std::size_t>(result.annotators.size());
    const bool single = isSingleLabel(store.task());
    metrics::Ratings categories;                           // single-label: a category per rater
    std::vector<metrics::Ratings> present(static_cast<std::size_t>(names.size())); // per label: 1 / 0 per rater
    for (auto it = bySample.cbegin(); it != bySample.cend(); ++it) {
        if (it.value().size() < 2)
            continue; // only one person labeled it: nothing to agree on
        std::vector<int> unit(raters, -1);
        for (std::size_t l = 0; l < present.size(); ++l)
            present[l].emplace_back(raters, -1);
        for (auto r = it.value().cbegin(); r != it.value().cend(); ++r) {
            const std::size_t rater = static_cast<std::size_t>(r.key());
            if (single && r.value().size() == 1)
                unit[rater] = static_cast<int>(names.indexOf(r.value().first()));
            for (std::size_t l = 0; l < present.size(); ++l)
                present[l].back()[rater] = r.value().contains(names[static_cast<int>(l)]) ? 1 : 0;
        }
        categories.push_back(unit);
    }
    if (single) {
        result.overall = metrics::agreementOf(categories, result.annotators, static_cast<int>(names.size()));
    } else {
        metrics::Ratings pooled;
        for (const metrics::Ratings &label : present)
            pooled.insert(pooled.end(), label.begin(), label.end());
        result.overall = metrics::agreementOf(pooled, result.annotators, 2);
        result.overall.units = static_cast<int>(categories.size());
    }
    for (std::size_t l = 0; l < present.size(); ++l) {
        LabelAgreement a;
        a.label = names[static_cast<int>(l)];
        for (const std::vector<int> &unit : present[l])
            for (int v : unit)
                if (v == 1) {
                    ++a.units;
                    break;
                }
        a.krippendorffAlpha = metrics::krippendorffAlpha(present[l], 2);
        a.fleissKappa = metrics::fleissKappa(present[l], 2);
        result.perLabel.push_back(a);
    }
    return result;
}

} // namespace marginalia::task
