#pragma once
#include <QUndoCommand>
#include <QVariant>
#include <functional>

namespace marginalia::ui {

// One edit of a sample before it is saved (in span labeling: a span drawn, retyped, removed, a prediction
// accepted or dismissed), on the project's undo stack next to the saved labels. It keeps the editor's state
// before and after as opaque values, so undo and redo put back exactly what the annotator saw, on that sample.
class DraftEditCommand : public QUndoCommand
{
public:
    // Shows `draft` for the sample (bringing the sample back in front first if another one is shown).
    using Apply = std::function<void(qint64 sampleId, const QVariant &draft, bool undone)>;

    DraftEditCommand(qint64 sampleId, QVariant before, QVariant after, const QString &text, Apply apply);

    void redo() override;
    void undo() override;
    qint64 sampleId() const { return m_sampleId; }

private:
    qint64 m_sampleId;
    QVariant m_before;
    QVariant m_after;
    Apply m_apply;
};

} // namespace marginalia::ui
