#include "ui/ReviewData.h"
#include "store/ProjectStore.h"

#include <QMap>

namespace marginalia::ui {

namespace {
Status fill(const ProjectStore &store, ReviewRow &row, const ResolvedLabel *resolved)
{
    const auto sample = store.sample(row.sampleId);
    if (!sample)
        return Error{sample.error()};
    row.text = sample->text;
    if (resolved) {
        row.severalAnnotators = true;
        row.disagreement = resolved->disagreement;
        row.basis = resolved->basis;
        if (resolved->annotation && !resolved->annotation->cleared)
            row.trainsOn = resolved->annotation->labels;
        if (resolved->review)
            row.reviewer = resolved->review->annotator;
        for (const Annotation &v : resolved->votes)
            row.votes.push_back({v.annotator, v.labels});
        return {};
    }
    const auto current = store.currentAnnotation(row.sampleId);
    if (!current)
        return Error{current.error()};
    if (*current && !(*current)->cleared) {
        row.trainsOn = (**current).labels;
        row.votes.push_back({(**current).annotator, (**current).labels});
    }
    return {};
}
} // namespace

Result<ReviewListing> ReviewData::read(const ProjectStore &store, const QVector<task::SuspectedLabel> &suspects)
{
    const auto resolved = resolveProjectLabels(store);
    if (!resolved)
        return Error{resolved.error()};
    QMap<qint64, ReviewRow> rows; // by sample id, so the list is in a stable order
    for (auto it = resolved->cbegin(); it != resolved->cend(); ++it)
        rows[it.key()].sampleId = it.key();
    SampleFilter flagged;
    flagged.flaggedOnly = true;
    const auto flaggedIds = store.sampleIds(flagged);
    if (!flaggedIds)
        return Error{flaggedIds.error()};
    for (qint64 id : *flaggedIds) {
        ReviewRow &row = rows[id];
        row.sampleId = id;
        row.flagged = true;
        const auto comment = store.flag(id);
        if (!comment)
            return Error{comment.error()};
        row.flagComment = comment->value_or(QString());
    }
    for (const task::SuspectedLabel &s : suspects) {
        ReviewRow &row = rows[s.sampleId];
        row.sampleId = s.sampleId;
        row.suspect = s;
    }
    ReviewListing listing;
    QVector<ReviewRow> &out = listing.rows;
    out.reserve(rows.size());
    for (ReviewRow &row : rows) {
        const auto r = resolved->constFind(row.sampleId);
        if (auto s = fill(store, row, r == resolved->cend() ? nullptr : &*r); !s)
            return Error{s.error()};
        out.push_back(std::move(row));
    }
    auto people = annotatorActivity(store);
    if (!people)
        return Error{people.error()};
    listing.annotators = std::move(*people);
    if (auto agreement = task::projectAgreement(store))
        listing.agreement = std::move(*agreement);
    else
        listing.agreementError = agreement.error(); // span labeling: not computed; the rest of the page stands
    return listing;
}

Result<ReviewListing> ReviewData::readFile(const QString &path, const QVector<task::SuspectedLabel> &suspects)
{
    auto store = ProjectStore::open(path); // this pool thread's own connection
    if (!store)
        return Error{store.error()};
    return read(**store, suspects);
}

} // namespace marginalia::ui
