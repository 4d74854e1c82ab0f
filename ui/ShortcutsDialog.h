#pragma once
#include "store/ProjectTypes.h"

#include <QDialog>
#include <QList>
#include <QVector>

class QAction;
class QTableWidget;

namespace marginalia::ui {

// Help ▸ Keyboard shortcuts: every command with a shortcut, by menu, and the keys of the open project's labels.
// Read from the actions themselves, so the list cannot drift from what the keys do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Group
    {
        QString title;
        QList<QAction *> actions;
    };
    ShortcutsDialog(const QVector<Group> &groups, const QVector<Label> &labels, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace marginalia::ui
