#include "ui/LabelCommand.h"
#include "store/Assignments.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"

namespace marginalia::ui {

LabelCommand::LabelCommand(ProjectStore *store, qint64 sampleId, AnnotationInput after, const QString &text,
                           Notify notify)
    : QUndoCommand(text), m_store(store), m_sampleId(sampleId), m_after(std::move(after)), m_notify(std::move(notify))
{
    // Remember what the sample held before, so undo can put exactly that back: the annotator's own version (or
    // "unlabeled by them"), and, when the newest version was someone else's, that version again on top. Their label
    // is then nobody's vote but theirs, and the sample is as labeled as before (store/LabelResolution.h).
    m_before.cleared = true;
    m_before.annotator = m_after.annotator;
    const auto history = m_store->annotationHistory(sampleId); // one read for both: their own version and the newest
    if (!history || history->isEmpty())
        return;
    const std::optional<Annotation> own = ownAnnotation(*history, m_after.annotator);
    if (own)
        m_before = inputOf(*own);
    const Annotation &newest = history->back();
    if (newest.annotator != m_after.annotator)
        m_othersNewest = newest;
    else if (!own) // their newest is cleared, or a review of theirs: put it back as it was
        m_before = inputOf(newest);
}

void LabelCommand::redo() { apply(m_after, false); }

void LabelCommand::undo()
{
    if (!m_othersNewest) {
        apply(m_before, true);
        return;
    }
    const Status restored = m_store->inTransaction([&]() -> Status {
        if (auto s = m_store->annotate(m_sampleId, m_before); !s)
            return Error{s.error()};
        if (auto s = m_store->annotate(m_sampleId, inputOf(*m_othersNewest)); !s)
            return Error{s.error()};
        return {};
    });
    if (m_notify)
        m_notify(m_sampleId, true, restored.ok(), restored.ok() ? QString() : restored.error());
}

void LabelCommand::apply(const AnnotationInput &input, bool undone)
{
    const auto stored = m_store->annotate(m_sampleId, input);
    // A label that was never saved leaves nothing to undo: an obsolete command is dropped by QUndoStack::push.
    if (!stored && !undone)
        setObsolete(true);
    if (m_notify)
        m_notify(m_sampleId, undone, stored.ok(), stored.ok() ? QString() : stored.error());
}

} // namespace marginalia::ui
