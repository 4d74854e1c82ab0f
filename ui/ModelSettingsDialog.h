#pragma once
#include <QDialog>
#include <QHash>

class QLabel;
class QWidget;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

// Model > Settings…: the project's model and studio settings as a form built from their declarations
// (settings/ProjectSettings.h), so the studio edits exactly what `marginalia config` shows and `train` uses.
// OK saves every value (each checked by the registry) and closes; a value refused keeps the dialog open with
// the reason.
class ModelSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    ModelSettingsDialog(ProjectStore *store, QWidget *parent = nullptr);

    void accept() override;
    // The editor of one setting (for tests): a QSpinBox, QDoubleSpinBox, QCheckBox, QComboBox or QLineEdit.
    QWidget *editor(const QString &key) const { return m_editors.value(key); }

private:
    void disableWhatAnEncoderReplaces();

    ProjectStore *m_store;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QWidget *> m_labels;
    QLabel *m_error = nullptr;
};

} // namespace marginalia::ui
