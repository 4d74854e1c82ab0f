#include "ui/ReviewCommand.h"

namespace marginalia::ui {

ReviewCommand::ReviewCommand(ProjectStore *store, qint64 sampleId, const QStringList &labels, const QString &reviewer,
                             const QString &text, Notify notify)
    : QUndoCommand(text), m_store(store), m_sampleId(sampleId), m_labels(labels), m_reviewer(reviewer),
      m_notify(std::move(notify))
{
    if (auto point = reviewUndoPoint(*m_store, sampleId))
        m_before = *point;
    else
        m_readError = point.error(); // what to restore is unknown: better no review than one that cannot be undone
}

void ReviewCommand::redo()
{
    if (!m_readError.isEmpty()) {
        setObsolete(true);
        if (m_notify)
            m_notify(m_sampleId, false, m_readError);
        return;
    }
    const auto stored = m_store->annotate(m_sampleId, reviewInput(m_labels, m_reviewer));
    if (!stored)
        setObsolete(true); // never saved: nothing to undo
    if (m_notify)
        m_notify(m_sampleId, stored.ok(), stored.ok() ? QString() : stored.error());
}

void ReviewCommand::undo()
{
    const Status restored = undoReview(*m_store, m_sampleId, m_before, m_reviewer);
    if (m_notify)
        m_notify(m_sampleId, restored.ok(), restored.ok() ? QString() : restored.error());
}

} // namespace marginalia::ui
