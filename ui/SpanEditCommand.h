#pragma once
#include "ui/SpanDraft.h"

#include <QUndoCommand>
#include <functional>

namespace marginalia::ui {

// One edit of a sample's spans before it is committed (a span drawn, retyped, removed, a prediction
// accepted or dismissed), on the project's undo stack next to the committed labels. It keeps the draft
// before and after, so undo and redo put back exactly what the annotator saw, on that sample.
class SpanEditCommand : public QUndoCommand
{
public:
    // Shows `draft` for the sample (bringing the sample back in front first if another one is shown).
    using Apply = std::function<void(qint64 sampleId, const SpanDraft &draft, bool undone)>;

    SpanEditCommand(qint64 sampleId, SpanDraft before, SpanDraft after, const QString &text, Apply apply);

    void redo() override;
    void undo() override;
    qint64 sampleId() const { return m_sampleId; }

private:
    qint64 m_sampleId;
    SpanDraft m_before;
    SpanDraft m_after;
    Apply m_apply;
};

} // namespace marginalia::ui
