#include "ui/RejectCommand.h"
#include "store/ProjectStore.h"

namespace marginalia::ui {

RejectCommand::RejectCommand(ProjectStore *store, qint64 sampleId, RejectionInput input, const QString &text,
                             Notify notify)
    : QUndoCommand(text), m_store(store), m_sampleId(sampleId), m_input(std::move(input)), m_notify(std::move(notify))
{
}

void RejectCommand::redo()
{
    const auto stored = m_store->rejectLabel(m_sampleId, m_input);
    if (stored)
        m_rejectionId = *stored;
    else
        setObsolete(true); // nothing was stored: nothing to undo
    if (m_notify)
        m_notify(m_sampleId, false, stored.ok(), stored.ok() ? QString() : stored.error());
}

void RejectCommand::undo()
{
    const Status withdrawn = m_store->withdrawRejection(m_rejectionId);
    if (m_notify)
        m_notify(m_sampleId, true, withdrawn.ok(), withdrawn.ok() ? QString() : withdrawn.error());
}

} // namespace marginalia::ui
