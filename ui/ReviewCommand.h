#pragma once
#include "store/LabelResolution.h"

#include <QUndoCommand>
#include <functional>

namespace marginalia::ui {

// A reviewer's final label for one sample, as an undoable edit. Redo appends the review; undo brings back the
// earlier decision (or none) and the sample's newest version, so the annotators' labels decide again
// (store/LabelResolution.h). Each step is committed before it returns.
class ReviewCommand : public QUndoCommand
{
public:
    using Notify = std::function<void(qint64 sampleId, bool ok, const QString &error)>;

    ReviewCommand(ProjectStore *store, qint64 sampleId, const QStringList &labels, const QString &reviewer,
                  const QString &text, Notify notify);

    void redo() override;
    void undo() override;

private:
    ProjectStore *m_store;
    qint64 m_sampleId;
    QStringList m_labels;
    QString m_reviewer;
    ReviewUndoPoint m_before;
    QString m_readError;
    Notify m_notify;
};

} // namespace marginalia::ui
