#include "ui/SpanEditCommand.h"

namespace marginalia::ui {

SpanEditCommand::SpanEditCommand(qint64 sampleId, SpanDraft before, SpanDraft after, const QString &text,
                                 Apply apply)
    : QUndoCommand(text), m_sampleId(sampleId), m_before(std::move(before)), m_after(std::move(after)),
      m_apply(std::move(apply))
{
}

void SpanEditCommand::redo()
{
    if (m_apply)
        m_apply(m_sampleId, m_after, false);
}

void SpanEditCommand::undo()
{
    if (m_apply)
        m_apply(m_sampleId, m_before, true);
}

} // namespace marginalia::ui
