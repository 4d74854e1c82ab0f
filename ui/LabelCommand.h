#pragma once
#include "store/ProjectTypes.h"

#include <QUndoCommand>
#include <optional>
#include <functional>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

// One labeling action on one sample, as an undoable edit. Every redo/undo appends an annotation version to
// the store (committed before it returns), so undo history survives in the project's audit trail too.
class LabelCommand : public QUndoCommand
{
public:
    // Called after each redo/undo with the sample, which way it went and whether the change was stored.
    using Notify = std::function<void(qint64 sampleId, bool undone, bool ok, const QString &error)>;

    LabelCommand(ProjectStore *store, qint64 sampleId, AnnotationInput after, const QString &text, Notify notify);

    void redo() override;
    void undo() override;
    qint64 sampleId() const { return m_sampleId; }

private:
    void apply(const AnnotationInput &input, bool undone);

    ProjectStore *m_store;
    qint64 m_sampleId;
    AnnotationInput m_before;                 // the annotator's own state before (their version, or unlabeled)
    std::optional<Annotation> m_othersNewest; // the newest version before, when someone else's
    AnnotationInput m_after;
    Notify m_notify;
};

} // namespace marginalia::ui
