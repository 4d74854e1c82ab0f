#include "ui/BulkLabelCommand.h"
#include "store/ProjectStore.h"

namespace marginalia::ui {

BulkLabelCommand::BulkLabelCommand(ProjectStore *store, QVector<Item> items, const QString &text, Notify notify)
    : QUndoCommand(text), m_store(store), m_items(std::move(items)), m_notify(std::move(notify))
{
    // What each sample held before, so that undo puts exactly that back (or marks it unlabeled again).
    for (const Item &item : std::as_const(m_items)) {
        AnnotationInput before;
        before.cleared = true;
        before.annotator = item.after.annotator;
        if (auto current = m_store->currentAnnotation(item.sampleId); current && current->has_value()) {
            const Annotation &a = **current;
            before.labels = a.labels;
            before.spans = a.spans;
            before.cleared = a.cleared;
            before.source = a.source;
            before.provenance = a.provenance;
        }
        m_before.push_back(before);
    }
}

void BulkLabelCommand::redo() { apply(false); }

void BulkLabelCommand::undo() { apply(true); }

void BulkLabelCommand::apply(bool undone)
{
    const Status stored = m_store->inTransaction([&]() -> Status {
        for (int i = 0; i < m_items.size(); ++i)
            if (auto s = m_store->annotate(m_items.at(i).sampleId, undone ? m_before.at(i) : m_items.at(i).after); !s)
                return Error{s.error()};
        return {};
    });
    if (!stored && !undone)
        setObsolete(true); // nothing was saved: nothing to undo
    if (m_notify)
        m_notify(undone, stored.ok(), stored ? int(m_items.size()) : 0, stored ? QString() : stored.error());
}

} // namespace marginalia::ui
