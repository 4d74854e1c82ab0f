#pragma once
#include "store/ProjectTypes.h"

#include <QUndoCommand>
#include <QVector>
#include <functional>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

// Labels many samples as one undoable step (Browse ▸ accept the model's guesses): every redo and undo writes all
// of them in one transaction, so they are saved, or put back, together or not at all, with one commit.
class BulkLabelCommand : public QUndoCommand
{
public:
    struct Item
    {
        qint64 sampleId = 0;
        AnnotationInput after;
    };
    // Called after each redo/undo with how many samples it changed, or the reason none was changed.
    using Notify = std::function<void(bool undone, bool ok, int count, const QString &error)>;

    BulkLabelCommand(ProjectStore *store, QVector<Item> items, const QString &text, Notify notify);

    void redo() override;
    void undo() override;

private:
    void apply(bool undone);

    ProjectStore *m_store;
    QVector<Item> m_items;
    QVector<AnnotationInput> m_before; // per item
    Notify m_notify;
};

} // namespace marginalia::ui
