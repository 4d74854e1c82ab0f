#pragma once
#include "io/Importer.h"
#include "store/ProjectTypes.h"

#include <QWizard>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QDoubleSpinBox;
class QLineEdit;
class QTableWidget;

namespace marginalia::ui {

class SettingsForm;

// New project: file and task, label set (names, colors, keys), a data file with a preview of its first rows and
// the field mapping (for images, a folder with a subfolder per label), and what the model starts from (vectors
// learned from the project's text, a word vector file, a text encoder, an image backbone). Creating the project is quick and
// happens here; the import itself runs afterwards in the main window's import strip, with progress and Cancel.
class NewProjectWizard : public QWizard
{
    Q_OBJECT
public:
    explicit NewProjectWizard(QWidget *parent = nullptr);

    // Filled by the tests or the user; exposed so the flow can be driven without file dialogs.
    QLineEdit *projectPathEdit() const { return m_path; }
    QLineEdit *dataPathEdit() const { return m_data; }
    QTableWidget *labelTable() const { return m_labels; }
    QComboBox *taskBox() const { return m_task; }
    SettingsForm *modelForm() const { return m_modelForm; }
    // The file dialog filter for data files: the extensions of every format core/io reads.
    static QString dataFileFilter();

Q_SIGNALS:
    void projectCreated(const QString &projectPath, const QString &importPath, const marginalia::ImportOptions &options);

public:
    // Finish: creates the project and emits projectCreated.
    void accept() override;

protected:
    bool validateCurrentPage() override;

private:
    QWizardPage *createProjectPage();
    QWizardPage *createLabelsPage();
    QWizardPage *createDataPage();
    QWizardPage *createModelPage();
    void rebuildModelForm();
    QString modelSettingsProblem() const;
    TaskType chosenTask() const;
    void refreshPreview();
    void sizePreviewColumns();
    static constexpr int kMaxPreviewColumnWidth = 220;
    void addLabelRow(const QString &name, const QString &color, const QString &key);
    void onTaskChanged();
    bool isImageTask() const;

    QLineEdit *m_path;
    QComboBox *m_task;
    QDoubleSpinBox *m_evalFraction;
    QTableWidget *m_labels;
    QWizardPage *m_labelsPage = nullptr;
    QWizardPage *m_dataPage = nullptr;
    QWizardPage *m_modelPage = nullptr;
    SettingsForm *m_modelForm = nullptr;
    QLabel *m_modelNote = nullptr;
    QLineEdit *m_data;
    QComboBox *m_textField;
    QComboBox *m_labelField;
    QComboBox *m_idField;
    QFormLayout *m_dataForm;
    QCheckBox *m_embed;
    QLabel *m_previewCaption;
    QTableWidget *m_preview;
    QString m_error;
};

} // namespace marginalia::ui
