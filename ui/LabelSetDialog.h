#pragma once
#include <QDialog>

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

Q_SIGNALS:
    void labelsChanged();

private:
    void load();
    void save(int row);

    ProjectStore *m_store;
    QTableWidget *m_table;
    QLabel *m_status;
    bool m_loading = false;
};

} // namespace marginalia::ui
