#include "ui/LabelCommand.h"
#include "store/ProjectStore.h"

namespace marginalia::ui {

LabelCommand::LabelCommand(ProjectStore *store, qint64 sampleId, AnnotationInput after, const QString &text,
                           Notify notify)
    : QUndoCommand(text), m_store(store), m_sampleId(sampleId), m_after(std::move(after)), m_notify(std::move(notify))
{
    // Remember what the sample held before, so undo can put exactly that back (or mark it unlabeled).
    m_before.cleared = true;
    m_before.annotator = m_after.annotator;
    if (auto current = m_store->currentAnnotation(sampleId); current && current->has_value()) {
        const Annotation &a = **current;
        m_before.labels = a.labels;
        m_before.spans = a.spans;
        m_before.cleared = a.cleared;
        m_before.source = a.source;
        m_before.provenance = a.provenance;
    }
}

void LabelCommand::redo() { apply(m_after, false); }

void LabelCommand::undo() { apply(m_before, true); }

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
