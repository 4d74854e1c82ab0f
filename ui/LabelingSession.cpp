#include "ui/LabelingSession.h"
#include "settings/ProjectSettings.h"
#include "store/Assignments.h"
#include "store/ProjectStore.h"
#include "ui/DraftEditCommand.h"
#include "ui/LabelCommand.h"
#include "ui/RankingReader.h"
#include "ui/RejectCommand.h"

#include <QUndoStack>

namespace marginalia::ui {

namespace {
// The project's team settings (`team.*`), as the queue leases samples by them.
AssignmentPolicy assignmentPolicy(const ProjectStore &store)
{
    AssignmentPolicy policy;
    policy.overlap = settings::value(store, settings::kOverlapShare).toDouble();
    policy.overlapAnnotators = settings::value(store, settings::kOverlapAnnotators).toInt();
    policy.leaseMs = qint64(settings::value(store, settings::kLeaseMinutes).toInt()) * 60 * 1000;
    return policy;
}
} // namespace

LabelingSession::LabelingSession(QObject *parent) : QObject(parent)
{
    m_rankingReader = new RankingReader([this](const Result<SampleQueue::Ranking> &r) { onRankingRead(r); }, this);
}

LabelingSession::~LabelingSession() = default;

void LabelingSession::open(ProjectStore *store, QUndoStack *undoStack, const QString &annotator)
{
    m_store = store;
    m_undo = undoStack;
    m_annotator = annotator;
    m_queue = std::make_unique<SampleQueue>(store);
    m_queue->setAssignment(annotator, assignmentPolicy(*store));
    m_rankingReader->reset();
    m_current = {};
    m_seen.clear();
    m_backStack.clear();
    m_forwardStack.clear();
    reloadLabels();
    showNext();
}

void LabelingSession::close()
{
    if (m_queue)
        m_queue->releaseAll(); // what this studio held goes to the others now, not when the leases run out
    m_rankingReader->reset();
    m_queue.reset();
    m_store = nullptr;
    m_undo = nullptr;
    m_current = {};
}

void LabelingSession::setAnnotator(const QString &annotator)
{
    m_annotator = annotator;
    if (m_queue && m_store)
        m_queue->setAssignment(annotator, assignmentPolicy(*m_store));
}

void LabelingSession::skip()
{
    if (m_queue && m_current.sampleId != 0 && m_current.reason != QueueItem::Reason::Opened)
        m_queue->release(m_current.sampleId); // not now, by this annotator: another may take it
    showNext();
}

void LabelingSession::reloadLabels()
{
    if (!m_store)
        return;
    if (auto labels = m_store->labels())
        m_labels = *labels;
    Q_EMIT labelsChanged(m_labels);
}

void LabelingSession::reloadSamples()
{
    if (!m_queue)
        return;
    m_queue->reloadAll();
    if (m_current.sampleId == 0)
        showNext();
}

void LabelingSession::refreshRanking()
{
    if (m_queue)
        m_rankingReader->request(m_store->path());
}

void LabelingSession::onRankingRead(const Result<SampleQueue::Ranking> &ranking)
{
    if (!m_queue)
        return;
    if (!ranking) {
        Q_EMIT message(ranking.error());
        return;
    }
    m_queue->applyRanking(ranking.value());
    Q_EMIT rankingApplied();
}

void LabelingSession::showNext()
{
    if (!m_queue)
        return;
    if (m_current.sampleId != 0)
        m_backStack.push_back(m_current);
    if (!m_forwardStack.isEmpty()) {
        showItem(m_forwardStack.takeLast());
        return;
    }
    if (auto item = m_queue->next(m_seen))
        showItem(*item);
    else
        showNothingLeft();
}

void LabelingSession::back()
{
    if (m_backStack.isEmpty())
        return;
    if (m_current.sampleId != 0)
        m_forwardStack.push_back(m_current);
    showItem(m_backStack.takeLast());
}

void LabelingSession::openSample(qint64 sampleId, const QString &origin)
{
    if (!m_store || sampleId == 0 || sampleId == m_current.sampleId)
        return;
    m_openedOrigin = origin;
    if (m_current.sampleId != 0)
        m_backStack.push_back(m_current);
    QueueItem item;
    item.sampleId = sampleId;
    item.reason = QueueItem::Reason::Opened;
    showItem(item);
}

void LabelingSession::reshow()
{
    if (m_store && m_current.sampleId != 0)
        showItem(m_current);
}

void LabelingSession::showNothingLeft()
{
    m_current = {};
    Q_EMIT nothingLeft();
}

void LabelingSession::showItem(const QueueItem &item)
{
    auto sample = m_store->sample(item.sampleId);
    if (!sample) {
        Q_EMIT message(sample.error());
        return;
    }
    m_current = item;
    m_shownTimer.start();
    m_seen.insert(item.sampleId);
    Shown shown;
    shown.item = item;
    shown.sample = *sample;
    bool labeledByAnyone = false;
    if (const auto history = m_store->annotationHistory(item.sampleId); history && !history->isEmpty()) {
        labeledByAnyone = !history->back().cleared;
        if (labeledByAnyone)
            shown.existing = history->back();
        // An overlap sample is labeled independently: what others gave it stays hidden (store/Assignments.h).
        if (m_queue->hidesOthersLabels(item.sampleId))
            shown.existing = ownAnnotation(*history, m_annotator);
    }
    // Evaluation samples are labeled blind: a guess shown there would bias the gold the model is judged against.
    if (shown.sample.split != Split::Eval)
        shown.guess = m_queue->guess(item.sampleId);
    if (auto rejected = m_store->rejectedLabels(item.sampleId))
        shown.rejected = *rejected;
    m_currentSplit = shown.sample.split;
    m_wasLabeled = labeledByAnyone; // the project's count of labeled samples changes only with the first label
    Q_EMIT sampleShown(shown);
}

Provenance LabelingSession::currentProvenance() const
{
    Provenance p;
    switch (m_current.reason) {
    case QueueItem::Reason::Ranked:
        p.origin = QLatin1String(Provenance::Ranked);
        p.runId = m_current.runId;
        p.strategy = m_current.strategy;
        p.score = m_current.score;
        p.rank = m_current.rank;
        break;
    case QueueItem::Reason::Evaluation:
        p.origin = QLatin1String(Provenance::EvalRandom);
        break;
    case QueueItem::Reason::Opened:
        p.origin = m_openedOrigin.isEmpty() ? QLatin1String(Provenance::Browse) : m_openedOrigin;
        break;
    case QueueItem::Reason::Unranked:
        p.origin = QLatin1String(Provenance::Random);
        break;
    }
    if (m_shownTimer.isValid())
        p.seconds = double(m_shownTimer.elapsed()) / 1000.0;
    return p;
}

Provenance LabelingSession::teachProvenance() const
{
    Provenance p = currentProvenance();
    p.origin = QLatin1String(Provenance::Teach);
    if (p.runId == 0 && m_queue)
        p.runId = m_queue->latestRunId();
    return p;
}

// Saves, edits, and what the undo stack brings back.

bool LabelingSession::save(const Answer &answer)
{
    if (!m_store || !m_undo || m_current.sampleId == 0)
        return false;
    AnnotationInput input = answer.input;
    input.annotator = m_annotator;
    if (input.provenance.origin.isEmpty())
        input.provenance = currentProvenance();
    m_lastError.clear();
    const qint64 id = m_current.sampleId;
    const bool wasLabeled = m_wasLabeled;
    const Split split = m_currentSplit;
    m_pushing = true;
    m_undo->push(new LabelCommand(m_store, id, input, answer.undoText,
                                  [this, notSaved = answer.notSaved, draft = answer.draft](
                                      qint64 s, bool undone, bool ok, const QString &e) {
                                      onStored(s, undone, ok, e, notSaved, draft);
                                  }));
    m_pushing = false;
    if (!m_lastError.isEmpty())
        return false; // not stored: stay on this sample so nothing is lost
    if (!wasLabeled && !input.cleared)
        m_queue->noteLabeled(split, +1);
    Q_EMIT labeled(id, split == Split::Eval);
    showNext();
    return true;
}

void LabelingSession::setTeachLabel(const QString &label)
{
    if (!m_queue)
        return;
    int index = -1;
    for (int i = 0; i < m_labels.size(); ++i)
        if (m_labels.at(i).name == label)
            index = i;
    m_queue->focusOnLabel(index);
}

bool LabelingSession::reject(const QString &label, const QString &undoText, const QString &notSaved)
{
    if (!m_store || !m_undo || m_current.sampleId == 0 || label.isEmpty())
        return false;
    RejectionInput input;
    input.label = label;
    input.annotator = m_annotator;
    input.provenance = teachProvenance();
    m_lastError.clear();
    const qint64 id = m_current.sampleId;
    m_pushing = true;
    m_undo->push(new RejectCommand(m_store, id, input, undoText,
                                   [this, notSaved](qint64 s, bool undone, bool ok, const QString &e) {
                                       onStored(s, undone, ok, e, notSaved, QVariant());
                                   }));
    m_pushing = false;
    if (!m_lastError.isEmpty())
        return false; // not stored: stay on this sample
    showNext();
    return true;
}

void LabelingSession::onStored(qint64 sampleId, bool undone, bool ok, const QString &error, const QString &notSaved,
                               const QVariant &draft)
{
    if (!ok) {
        m_lastError = error;
        Q_EMIT message(notSaved.arg(error));
        return;
    }
    if (m_pushing || !m_queue)
        return;
    m_queue->recount(); // undo/redo: rare enough to count again
    if (!undone) {
        if (sampleId == m_current.sampleId)
            showItem(m_current);
        return;
    }
    // Undo brings the sample back in front with what the editor held just before the save, so the annotator
    // sees what changed, and the next undo steps through the edits made on it.
    if (sampleId == m_current.sampleId)
        showItem(m_current);
    else
        bringToFront(sampleId, true);
    if (m_current.sampleId == sampleId && draft.isValid())
        Q_EMIT draftChanged(draft);
}

void LabelingSession::pushEdit(const QString &what, const QVariant &before, const QVariant &after)
{
    if (!m_undo || m_current.sampleId == 0)
        return;
    m_undo->push(new DraftEditCommand(m_current.sampleId, before, after, what,
                                      [this](qint64 sampleId, const QVariant &draft, bool undone) {
                                          onEdit(sampleId, draft, undone);
                                      }));
}

void LabelingSession::onEdit(qint64 sampleId, const QVariant &draft, bool undone)
{
    if (!m_store)
        return;
    bringToFront(sampleId, undone);
    if (m_current.sampleId == sampleId)
        Q_EMIT draftChanged(draft);
}

void LabelingSession::bringToFront(qint64 sampleId, bool undone)
{
    if (sampleId == m_current.sampleId || !m_queue)
        return;
    if (m_current.sampleId != 0)
        (undone ? m_forwardStack : m_backStack).push_back(m_current);
    QueueItem item;
    item.sampleId = sampleId;
    for (QVector<QueueItem> *stack : {&m_backStack, &m_forwardStack})
        for (int i = int(stack->size()) - 1; i >= 0; --i)
            if (stack->at(i).sampleId == sampleId) {
                item = stack->takeAt(i);
                break;
            }
    showItem(item);
}

} // namespace marginalia::ui
