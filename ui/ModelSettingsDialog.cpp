#include "ui/ModelSettingsDialog.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "ui/SettingsForm.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace marginalia::ui {

namespace {
// The settings this dialog shows: the model's and the studio's. The others are set where they belong (the
// project name and evaluation share in the new-project wizard) or fixed.
bool shownHere(const settings::Definition &d, TaskType task)
{
    const QString key = QLatin1String(d.key);
    return d.editableBy & settings::Studio && settings::appliesTo(d, task)
        && (key.startsWith(QLatin1String("model.")) || key.startsWith(QLatin1String("studio."))
            || key.startsWith(QLatin1String("team.")));
}
} // namespace

ModelSettingsDialog::ModelSettingsDialog(ProjectStore *store, QWidget *parent)
    : QDialog(parent), m_store(store), m_form(new SettingsForm(store->task(), this))
{
    setObjectName(QStringLiteral("modelSettingsDialog"));
    setWindowTitle(tr("Model settings"));
    for (const settings::Definition &d : settings::definitions())
        if (shownHere(d, store->task()))
            m_form->addSetting(d, settings::value(*store, d.key));
    m_form->linkDependentSettings();
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    auto *note = new QLabel(tr("The next round uses these settings, and so does \"marginalia train\" on this project."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ModelSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QWidget *ModelSettingsDialog::editor(const QString &key) const
{
    return m_form->editor(key);
}

void ModelSettingsDialog::accept()
{
    QStringList errors;
    for (const QString &key : m_form->keys())
        if (auto s = settings::setValue(*m_store, key, m_form->text(key), settings::Studio); !s)
            errors << s.error();
    if (!errors.isEmpty()) {
        m_error->setText(errors.join(QLatin1Char('\n')));
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace marginalia::ui
