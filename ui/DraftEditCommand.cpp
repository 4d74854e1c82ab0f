#include "ui/DraftEditCommand.h"

namespace marginalia::ui {

DraftEditCommand::DraftEditCommand(qint64 sampleId, QVariant before, QVariant after, const QString &text,
                                   Apply apply)
    : QUndoCommand(text), m_sampleId(sampleId), m_before(std::move(before)), m_after(std::move(after)),
      m_apply(std::move(apply))
{
}

void DraftEditCommand::redo()
{
    if (m_apply)
        m_apply(m_sampleId, m_after, false);
}

void DraftEditCommand::undo()
{
    if (m_apply)
        m_apply(m_sampleId, m_before, true);
}

} // namespace marginalia::ui
