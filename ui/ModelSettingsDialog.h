#pragma once
#include <QDialog>

class QLabel;
class QWidget;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class SettingsForm;

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
    QWidget *editor(const QString &key) const;

private:
    ProjectStore *m_store;
    SettingsForm *m_form;
    QLabel *m_error = nullptr;
};

} // namespace marginalia::ui
