#pragma once
#include "Result.h"
#include "store/Assignments.h"
#include "store/ProjectTypes.h"
#include "store/RunTypes.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QVector>
#include <optional>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

// Why a sample is shown to the annotator.
struct QueueItem
{
    enum class Reason { Ranked, Evaluation, Unranked, Opened }; // Opened: from Browse, by the annotator
    qint64 sampleId = 0;
    Reason reason = Reason::Unranked;
    qint64 runId = 0; // Ranked: the run whose ranking chose it
    QString strategy;
    double score = 0;
    int rank = 0;
};

// Decides which sample comes next: the latest run's ranking of the pool, with random evaluation samples
// interleaved until the eval split has its target number of labels. Each finished run's ranking replaces what
// is left of the previous one (or of the random picks before the first run), so the next pool sample is
// always the newest model's choice. Reads only cached lists and single rows,
// so choosing the next sample never waits on the model.
class SampleQueue
{
public:
    explicit SampleQueue(ProjectStore *store);
    ~SampleQueue();

    // Several people on one project (store/Assignments.h): every sample is leased to `annotator` before it is
    // served, so no one else gets it meanwhile; overlap samples others labeled come first, and stay open until this
    // annotator labeled them too. An empty name serves without leases. Changing the name gives back what the
    // previous one held.
    void setAssignment(const QString &annotator, const AssignmentPolicy &policy);
    // Whether a sample's labels by others stay hidden from this annotator (an overlap sample).
    bool hidesOthersLabels(qint64 sampleId) const;
    void release(qint64 sampleId); // a skip: someone else may take it
    void releaseAll();             // closing: every lease this annotator holds

    void reloadAll();     // after an import: new samples in the pool and the eval split
    void reloadRanking(); // read the latest run's ranking and recount (the current sample is not touched)

    // The latest run's ranking. A finished run's ranking is read on a pool thread (readRanking, with that
    // thread's own store) and handed to applyRanking on the GUI thread, which only swaps lists.
    struct Ranking
    {
        qint64 runId = 0;
        QString strategy;
        QVector<PredictionRow> rows;
    };
    static Result<Ranking> readRanking(const ProjectStore &store);
    void applyRanking(Ranking ranking);
    void setEvalTarget(int target) { m_evalTarget = target; }
    int evalTarget() const { return m_evalTarget; }
    qint64 latestRunId() const { return m_runId; }
    QString latestStrategy() const { return m_strategy; }

    // Teach mode with a label chosen to teach: what is left of the ranking comes in the order of the model's
    // doubt about that label (its probability nearest one half first), so that every question is worth
    // asking; -1 goes back to the ranking's order. `labelIndex` indexes the run's probabilities (the label
    // set's order); rows without probabilities keep their place after the others.
    void focusOnLabel(int labelIndex);
    // The next sample not in `exclude` (samples already shown or labeled in this session).
    std::optional<QueueItem> next(const QSet<qint64> &exclude);
    // The latest run's guess for a sample, if it has one.
    std::optional<PredictionRow> guess(qint64 sampleId) const;
    QVector<PredictionRow> ranked() const { return m_ranked; }

    // Progress counts, read from the store on reloads and kept current by noteLabeled in between, so
    // showing the next sample needs no counting query.
    struct Counts
    {
        qint64 pool = 0;
        qint64 poolLabeled = 0;
        qint64 evalLabeled = 0;
    };
    const Counts &counts() const { return m_counts; }
    void noteLabeled(Split split, int delta);
    void recount();

private:
    std::optional<QueueItem> nextEval(const QSet<qint64> &exclude);
    std::optional<QueueItem> nextPool(const QSet<qint64> &exclude);
    bool isLabeled(qint64 sampleId) const;
    bool isOpen(qint64 sampleId) const; // unlabeled (an overlap sample: not labeled by this annotator)
    // Leases `sampleId` (with the candidates after it in `ahead`, in one transaction); false when someone else has it.
    bool take(qint64 sampleId, const QVector<qint64> &ahead);
    void orderRanked(); // what is left of m_ranked, by m_focusLabel

    ProjectStore *m_store;
    qint64 m_runId = 0;
    QString m_strategy;
    QVector<PredictionRow> m_ranked;
    int m_rankedPos = 0;
    int m_focusLabel = -1;
    QVector<qint64> m_unranked;
    int m_unrankedPos = 0;
    QVector<qint64> m_eval;
    int m_evalPos = 0;
    int m_evalTarget = 0;
    int m_served = 0;
    Counts m_counts;
    QString m_annotator; // empty: no leases
    AssignmentPolicy m_policy;
    QHash<qint64, qint64> m_held; // sample -> when its lease was taken (ms since epoch)
    QVector<qint64> m_overlapWaiting;
    int m_overlapPos = 0;
};

} // namespace marginalia::ui
