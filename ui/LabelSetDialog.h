#pragma once
#include "Result.h"
#include "store/ProjectTypes.h"

#include <QDialog>
#include <QKeySequence>
#include <QList>

class QLabel;
class QTableWidget;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

// Edits the label set of an open project: rename, recolor, change keys, add labels. Each change is saved
// at once; removing a label is refused by the store while any annotation uses it.
class LabelSetDialog : public QDialog
{
    Q_OBJECT
public:
    LabelSetDialog(ProjectStore *store, QWidget *parent = nullptr);
    // The studio's own plain-key shortcuts, which no label may take as its key.
    void setReservedShortcuts(const QList<QKeySequence> &shortcuts) { m_reserved = shortcuts; }
    QString statusText() const;

Q_SIGNALS:
    void labelsChanged();

private:
    void load();
    void save(int row);
    Status keepDefaultKeys(int exceptRow);

    ProjectStore *m_store;
    QTableWidget *m_table;
    QLabel *m_status;
    QVector<Label> m_labels; // as loaded, in table order
    QList<QKeySequence> m_reserved;
    bool m_loading = false;
};

} // namespace marginalia::ui
