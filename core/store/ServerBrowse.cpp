#include "store/ServerBrowse.h"
#include "store/PredictionDetail.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <algorithm>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// A sample as the query compares it: its current label (as a sorted set, or its spans) and the run's guess.
struct Seen
{
    qint64 id = 0;
    bool eval = false;
    bool labeled = false;
    QString label; // sorted "a,b"; spans as "start:end:label ..."
    const PredictionRow *guess = nullptr;
};

// Whether the run's guess names `label`: the guessed class, one of a multi-label guess, or a guessed span's type.
bool guessNames(const PredictionRow &guess, TaskType task, const QString &label)
{
    if (task == TaskType::Ner) {
        const QVector<Span> spans = spansFromDetailJson(guess.detailJson);
        return std::any_of(spans.cbegin(), spans.cend(), [&](const Span &s) { return s.label == label; });
    }
    if (task == TaskType::MultiLabel)
        return sortedLabelSet(guess.label).split(QLatin1Char(',')).contains(label);
    return guess.label == label;
}
} // namespace

Result<QVector<qint64>> browseIdsOnServer(const ProjectStore &store, qint64 runId, const BrowseQuery &query,
                                          const std::atomic_bool *cancel)
{
    const TaskType task = store.task();
    const bool predictionFilter = !query.predicted.isEmpty() || query.minConfidence > 0 || query.maxConfidence < 1;
    if ((predictionFilter || query.rankedQueue || query.disagreement) && runId == 0)
        return QVector<qint64>{}; // no run, no predictions: nothing matches
    QHash<qint64, PredictionRow> guesses;
    if (runId != 0 && needsRunPredictions(query)) {
        if (auto s = store.forEachPrediction(runId, [&](const PredictionRow &row) {
                guesses.insert(row.sampleId, row);
                return !(cancel && cancel->load());
            });
            !s)
            return Error{s.error()};
    }
    SampleFilter filter;
    filter.split = query.split;
    filter.labelState = query.labelState;
    filter.label = query.label;
    filter.text = query.text;
    filter.flaggedOnly = query.flaggedOnly;
    if (query.rankedQueue) {
        filter.split = Split::Pool;
        filter.labelState = SampleFilter::LabelState::Unlabeled;
    }
    QVector<Seen> seen;
    const Status read = store.forEachSample(filter, [&](const AnnotatedSample &item) {
        Seen s;
        s.id = item.sample.id;
        s.eval = item.sample.split == Split::Eval;
        s.labeled = item.isLabeled();
        if (s.labeled)
            s.label = task == TaskType::Ner ? spanSetKey(item.annotation->spans)
                                              : sortedLabelSet(item.annotation->labels.join(QLatin1Char(',')));
        if (const auto it = guesses.constFind(s.id); it != guesses.cend())
            s.guess = &*it;
        if (predictionFilter) {
            if (!s.guess || s.guess->confidence < query.minConfidence || s.guess->confidence > query.maxConfidence)
                return !(cancel && cancel->load());
            if (!query.predicted.isEmpty() && !guessNames(*s.guess, task, query.predicted))
                return !(cancel && cancel->load());
        }
        if (query.rankedQueue && !(s.guess && s.guess->rank.value_or(0) > 0))
            return !(cancel && cancel->load());
        if (query.disagreement) {
            const QString guessed = !s.guess ? QString()
                                  : task == TaskType::Ner ? spanSetKey(spansFromDetailJson(s.guess->detailJson))
                                                          : sortedLabelSet(s.guess->label);
            if (!s.labeled || !s.guess || guessed == s.label)
                return !(cancel && cancel->load());
        }
        seen.push_back(s);
        return !(cancel && cancel->load());
    });
    if (!read)
        return Error{read.error()};
    if (cancel && cancel->load())
        return Error{Tr::tr("The search was cancelled.")};

    // Ordered as the file's browse orders them: ties by id, samples without a key (no label, no guess) first.
    BrowseQuery::Sort sort = query.sort;
    if (sort == BrowseQuery::Sort::Natural && query.rankedQueue)
        sort = BrowseQuery::Sort::Score;
    const auto by = [&](auto key) {
        std::stable_sort(seen.begin(), seen.end(), [&](const Seen &a, const Seen &b) { return key(a) < key(b); });
    };
    switch (sort) {
    case BrowseQuery::Sort::Natural:
    case BrowseQuery::Sort::Id:
        break;
    case BrowseQuery::Sort::Split:
        by([](const Seen &s) { return s.eval ? 0 : 1; });
        break;
    case BrowseQuery::Sort::Label:
        by([](const Seen &s) { return std::make_pair(s.labeled ? 1 : 0, s.label); });
        break;
    case BrowseQuery::Sort::Predicted:
        by([](const Seen &s) { return std::make_pair(s.guess ? 1 : 0, s.guess ? s.guess->label : QString()); });
        break;
    case BrowseQuery::Sort::Confidence:
        by([](const Seen &s) { return std::make_pair(s.guess ? 1 : 0, s.guess ? s.guess->confidence : 0.0); });
        break;
    case BrowseQuery::Sort::Score: // ranked samples by rank (the highest score first), then the rest
        by([](const Seen &s) {
            const int rank = s.guess ? s.guess->rank.value_or(0) : 0;
            return std::make_pair(rank > 0 ? 0 : 1, rank);
        });
        break;
    }
    QVector<qint64> ids;
    ids.reserve(seen.size());
    for (const Seen &s : std::as_const(seen))
        ids.push_back(s.id);
    if (query.descending)
        std::reverse(ids.begin(), ids.end());
    return ids;
}

} // namespace marginalia
