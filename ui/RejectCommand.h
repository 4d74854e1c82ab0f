#pragma once
#include "store/ProjectTypes.h"

#include <QUndoCommand>
#include <functional>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

// "Not this label" for one sample (teach mode's reject), as an undoable edit: redo records the rejection, undo
// withdraws it. Both are committed to the store before they return. Never a label: the sample stays unlabeled.
class RejectCommand : public QUndoCommand
{
public:
    // Called after each redo/undo with the sample, which way it went and whether the change was stored.
    using Notify = std::function<void(qint64 sampleId, bool undone, bool ok, const QString &error)>;

    RejectCommand(ProjectStore *store, qint64 sampleId, RejectionInput input, const QString &text, Notify notify);

    void redo() override;
    void undo() override;

private:
    ProjectStore *m_store;
    qint64 m_sampleId;
    RejectionInput m_input;
    qint64 m_rejectionId = 0; // the row redo wrote, withdrawn by undo
    Notify m_notify;
};

} // namespace marginalia::ui
