#include "ui/SampleQueue.h"
#include "store/ProjectStore.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace marginalia::ui {

namespace {
constexpr int kRankedWindow = 500;   // how much of the ranking is cached; a new run refreshes it long before
constexpr int kUnrankedWindow = 5000;
constexpr int kEvalEvery = 3;        // one evaluation sample in every three while the eval split is short
constexpr int kLeaseAhead = 8;       // samples leased per transaction: one write for several samples shown

void shuffle(QVector<qint64> &ids, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::shuffle(ids.begin(), ids.end(), rng);
}
} // namespace

SampleQueue::SampleQueue(ProjectStore *store) : m_store(store) { reloadAll(); }

SampleQueue::~SampleQueue() = default; // the store may be gone: LabelingSession::close gives the leases back

void SampleQueue::setAssignment(const QString &annotator, const AssignmentPolicy &policy)
{
    if (annotator != m_annotator)
        releaseAll();
    m_annotator = annotator;
    m_policy = policy;
    m_overlapWaiting.clear();
    m_overlapPos = 0;
    if (!m_annotator.isEmpty())
        if (auto waiting = overlapWaiting(*m_store, m_annotator, m_policy, kUnrankedWindow))
            m_overlapWaiting = *waiting;
}

bool SampleQueue::hidesOthersLabels(qint64 sampleId) const
{
    return !m_annotator.isEmpty() && isOverlapSample(sampleId, m_policy.overlap);
}

void SampleQueue::release(qint64 sampleId)
{
    if (m_annotator.isEmpty() || !m_held.remove(sampleId))
        return;
    (void)releaseSamples(*m_store, m_annotator, {sampleId}); // a lease left behind runs out by itself
}

void SampleQueue::releaseAll()
{
    if (m_annotator.isEmpty() || m_held.isEmpty())
        return;
    (void)releaseSamples(*m_store, m_annotator); // one not given back runs out by itself
    m_held.clear();
}

bool SampleQueue::isOpen(qint64 sampleId) const
{
    if (!hidesOthersLabels(sampleId))
        return !isLabeled(sampleId);
    const auto own = ownAnnotation(*m_store, sampleId, m_annotator);
    return own && !own->has_value();
}

bool SampleQueue::take(qint64 sampleId, const QVector<qint64> &ahead)
{
    if (m_annotator.isEmpty())
        return true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const auto held = m_held.constFind(sampleId); held != m_held.cend() && now - *held < m_policy.leaseMs / 2)
        return true; // leased a moment ago, together with the sample before it
    QVector<qint64> candidates{sampleId};
    for (qint64 id : ahead)
        if (candidates.size() < kLeaseAhead && !m_held.contains(id))
            candidates.push_back(id);
    const auto claimed = claimSamples(*m_store, m_annotator, candidates, int(candidates.size()), m_policy);
    if (!claimed) // the project cannot be written (busy, read-only): serve anyway rather than stop labeling
        return true;
    for (qint64 id : *claimed)
        m_held.insert(id, now);
    return claimed->contains(sampleId);
}

void SampleQueue::reloadAll()
{
    m_eval.clear();
    m_evalPos = 0;
    m_unranked.clear();
    m_unrankedPos = 0;
    if (auto ids = m_store->sampleIds(SampleFilter::unlabeled(Split::Eval)))
        m_eval = *ids;
    shuffle(m_eval, 7);
    SampleFilter evalFilter;
    evalFilter.split = Split::Eval;
    if (auto evalCount = m_store->countSamples(evalFilter))
        m_evalTarget = int(std::min<qint64>(*evalCount, 200));
    reloadRanking();
}

void SampleQueue::recount()
{
    SampleFilter pool;
    pool.split = Split::Pool;
    auto poolCount = m_store->countSamples(pool);
    m_counts.pool = poolCount ? *poolCount : 0;
    auto poolLabeled = m_store->countSamples(SampleFilter::labeled(Split::Pool));
    m_counts.poolLabeled = poolLabeled ? *poolLabeled : 0;
    auto evalLabeled = m_store->countSamples(SampleFilter::labeled(Split::Eval));
    m_counts.evalLabeled = evalLabeled ? *evalLabeled : 0;
}

void SampleQueue::noteLabeled(Split split, int delta)
{
    (split == Split::Eval ? m_counts.evalLabeled : m_counts.poolLabeled) += delta;
}

Result<SampleQueue::Ranking> SampleQueue::readRanking(const ProjectStore &store)
{
    Ranking ranking;
    auto run = store.latestRun(true);
    if (!run)
        return Error{run.error()};
    if (!run->has_value())
        return ranking;
    ranking.runId = (*run)->id;
    ranking.strategy = (*run)->strategy;
    auto rows = store.rankedPredictions(ranking.runId, kRankedWindow, true);
    if (!rows)
        return Error{rows.error()};
    ranking.rows = *rows;
    return ranking;
}

void SampleQueue::applyRanking(Ranking ranking)
{
    // Samples labeled since the ranking was read are skipped by next(), like any labeled sample.
    if (ranking.runId == 0)
        return;
    m_runId = ranking.runId;
    m_strategy = ranking.strategy;
    m_ranked = std::move(ranking.rows);
    m_rankedPos = 0;
    orderRanked();
}

void SampleQueue::focusOnLabel(int labelIndex)
{
    if (labelIndex == m_focusLabel)
        return;
    m_focusLabel = labelIndex;
    orderRanked();
}

void SampleQueue::orderRanked()
{
    const int index = m_focusLabel;
    // Doubt about the label: |p - 1/2|, smaller first; no probability for it: after every row that has one.
    const auto doubt = [index](const PredictionRow &row) {
        if (index < 0 || row.probabilities.size() < qsizetype(index + 1) * qsizetype(sizeof(float)))
            return 2.0;
        float p = 0;
        std::memcpy(&p, row.probabilities.constData() + index * sizeof(float), sizeof(float));
        return std::abs(double(p) - 0.5);
    };
    const auto rank = [](const PredictionRow &row) { return row.rank.value_or(std::numeric_limits<int>::max()); };
    std::stable_sort(m_ranked.begin() + m_rankedPos, m_ranked.end(), [&](const PredictionRow &a, const PredictionRow &b) {
        if (index >= 0) {
            const double da = doubt(a), db = doubt(b);
            if (da != db)
                return da < db;
        }
        return rank(a) < rank(b);
    });
}

void SampleQueue::reloadRanking()
{
    recount();
    m_ranked.clear();
    m_rankedPos = 0;
    if (auto ranking = readRanking(*m_store))
        applyRanking(std::move(ranking).value());
    if (m_ranked.isEmpty() && m_unranked.isEmpty()) {
        SampleFilter filter = SampleFilter::unlabeled(Split::Pool);
        filter.limit = kUnrankedWindow;
        if (auto ids = m_store->sampleIds(filter))
            m_unranked = *ids;
        shuffle(m_unranked, 11);
        m_unrankedPos = 0;
    }
}

bool SampleQueue::isLabeled(qint64 sampleId) const
{
    auto current = m_store->currentAnnotation(sampleId);
    return current && current->has_value() && !(*current)->cleared;
}

std::optional<QueueItem> SampleQueue::next(const QSet<qint64> &exclude)
{
    ++m_served;
    if (m_served % kEvalEvery == 0) {
        if (m_counts.evalLabeled < m_evalTarget)
            if (auto item = nextEval(exclude))
                return item;
    }
    if (auto item = nextPool(exclude))
        return item;
    return nextEval(exclude); // the pool is done: the eval split still deserves labels
}

std::optional<QueueItem> SampleQueue::nextEval(const QSet<qint64> &exclude)
{
    while (m_evalPos < m_eval.size()) {
        const qint64 id = m_eval.at(m_evalPos++);
        if (exclude.contains(id) || isLabeled(id) || !take(id, m_eval.mid(m_evalPos, kLeaseAhead)))
            continue;
        QueueItem item;
        item.sampleId = id;
        item.reason = QueueItem::Reason::Evaluation;
        return item;
    }
    return std::nullopt;
}

std::optional<QueueItem> SampleQueue::nextPool(const QSet<qint64> &exclude)
{
    // Overlap samples others labeled first: agreement needs them labeled by enough people.
    while (m_overlapPos < m_overlapWaiting.size()) {
        const qint64 id = m_overlapWaiting.at(m_overlapPos++);
        if (exclude.contains(id) || !isOpen(id) || !take(id, m_overlapWaiting.mid(m_overlapPos, kLeaseAhead)))
            continue;
        QueueItem item;
        item.sampleId = id;
        return item;
    }
    const auto rankedAhead = [this] {
        QVector<qint64> ids;
        for (int i = m_rankedPos; i < m_ranked.size() && ids.size() < kLeaseAhead; ++i)
            ids.push_back(m_ranked.at(i).sampleId);
        return ids;
    };
    while (m_rankedPos < m_ranked.size()) {
        const PredictionRow &row = m_ranked.at(m_rankedPos++);
        if (exclude.contains(row.sampleId) || !isOpen(row.sampleId) || !take(row.sampleId, rankedAhead()))
            continue;
        QueueItem item;
        item.sampleId = row.sampleId;
        item.reason = QueueItem::Reason::Ranked;
        item.runId = m_runId;
        item.strategy = m_strategy;
        item.score = row.score.value_or(0);
        item.rank = row.rank.value_or(0);
        return item;
    }
    for (int pass = 0; pass < 2; ++pass) {
        while (m_unrankedPos < m_unranked.size()) {
            const qint64 id = m_unranked.at(m_unrankedPos++);
            if (exclude.contains(id) || !isOpen(id) || !take(id, m_unranked.mid(m_unrankedPos, kLeaseAhead)))
                continue;
            QueueItem item;
            item.sampleId = id;
            return item;
        }
        // Ran out of the cached window (or of the ranking): take a fresh look at the unlabeled pool once.
        SampleFilter filter = SampleFilter::unlabeled(Split::Pool);
        filter.limit = kUnrankedWindow;
        auto ids = m_store->sampleIds(filter);
        if (!ids)
            break;
        m_unranked = *ids;
        shuffle(m_unranked, 11 + quint32(m_served));
        m_unrankedPos = 0;
    }
    return std::nullopt;
}

std::optional<PredictionRow> SampleQueue::guess(qint64 sampleId) const
{
    if (m_runId == 0)
        return std::nullopt;
    auto row = m_store->prediction(m_runId, sampleId);
    if (!row || !row->has_value())
        return std::nullopt;
    return **row;
}

} // namespace marginalia::ui
