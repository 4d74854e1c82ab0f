#pragma once
#include "store/ProjectTypes.h"

#include <QHash>
#include <QStringList>
#include <QVariant>
#include <QWidget>

class QFormLayout;

namespace marginalia::settings {
struct Definition;
}

namespace marginalia::ui {

// Project settings as a form built from their declarations (settings/ProjectSettings.h): one editor per setting,
// of the kind its type asks for (a spin box, check box, choice, line of text, or a file path with Browse…).
// Model > Settings… and the new-project wizard both use it, so a setting is edited the same way in each.
class SettingsForm : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsForm(TaskType task, QWidget *parent = nullptr);

    // A row for `definition`, its editor showing `value`; the editor's object name is the setting's key.
    void addSetting(const settings::Definition &definition, const QVariant &value);
    // Greys out the settings that others replace while those are filled in: with a text encoder, the built-in
    // classifier's sizes, learning rate, augmentation and word vectors; with a word vector file, the vectors learned
    // from the pool. The encoder's own vocabulary and fine-tuning apply only with an encoder. Call after adding
    // the rows.
    void linkDependentSettings();

    QStringList keys() const { return m_keys; } // in the order added
    QWidget *editor(const QString &key) const { return m_editors.value(key); }
    // What the editor of `key` holds, as settings::parse reads it.
    QString text(const QString &key) const;

private:
    void enable(const char *key, bool on, const QString &why);

    TaskType m_task;
    QFormLayout *m_form;
    QStringList m_keys;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QWidget *> m_labels;
};

} // namespace marginalia::ui
