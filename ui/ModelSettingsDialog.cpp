#include "ui/ModelSettingsDialog.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <limits>

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

// A file setting: the path, typed or chosen with Browse….
QWidget *fileEditor(const settings::Definition &d, QLineEdit *line, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(line, 1);
    auto *browse = new QPushButton(ModelSettingsDialog::tr("Browse…"), box);
    layout->addWidget(browse);
    const QLatin1String key(d.key);
    const bool module = key == QLatin1String(settings::kImageBackbone) || key == QLatin1String(settings::kTextEncoder);
    const bool vocabulary = key == QLatin1String(settings::kTextEncoderVocab);
    QObject::connect(browse, &QPushButton::clicked, box, [line, box, module, vocabulary] {
        const QString filter = module       ? ModelSettingsDialog::tr("TorchScript models (*.pt *.pth *.ptl);;All files (*)")
                               : vocabulary ? ModelSettingsDialog::tr("Vocabularies and SentencePiece models (*.txt *.model);;All files (*)")
                                            : ModelSettingsDialog::tr("Word vectors (*.vec *.bin *.txt);;All files (*)");
        const QString chosen = QFileDialog::getOpenFileName(box, ModelSettingsDialog::tr("Choose a file"),
                                                            QFileInfo(line->text()).absolutePath(), filter);
        if (!chosen.isEmpty())
            line->setText(chosen);
    });
    return box;
}

QWidget *makeEditor(const settings::Definition &d, const QVariant &value, TaskType task, QWidget *parent)
{
    switch (d.type) {
    case settings::Type::Integer:
        if (d.maximum <= std::numeric_limits<int>::max()) {
            auto *spin = new QSpinBox(parent);
            spin->setRange(int(d.minimum), int(d.maximum));
            spin->setValue(value.toInt());
            return spin;
        }
        break; // a seed: wider than a spin box, typed as text and checked on OK
    case settings::Type::Real: {
        auto *spin = new QDoubleSpinBox(parent);
        spin->setDecimals(d.minimum > 0 && d.minimum < 0.01 ? 6 : 2); // a learning rate needs the digits
        spin->setRange(d.minimum, d.maximum);
        spin->setSingleStep(d.maximum <= 1 ? 0.05 : 0.01);
        spin->setValue(value.toDouble());
        return spin;
    }
    case settings::Type::Boolean: {
        auto *check = new QCheckBox(parent);
        check->setChecked(value.toBool());
        return check;
    }
    case settings::Type::Choice: {
        auto *combo = new QComboBox(parent);
        combo->addItems(settings::choices(d, task));
        combo->setCurrentText(value.toString());
        return combo;
    }
    case settings::Type::Text:
        break;
    }
    auto *line = new QLineEdit(settings::format(d, value), parent);
    line->setMinimumWidth(260);
    return settings::namesFile(d) ? fileEditor(d, line, parent) : line;
}

QString editorText(QWidget *editor)
{
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        return QString::number(spin->value());
    if (auto *spin = qobject_cast<QDoubleSpinBox *>(editor))
        return QString::number(spin->value(), 'g', QLocale::FloatingPointShortest);
    if (auto *check = qobject_cast<QCheckBox *>(editor))
        return check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        return combo->currentText();
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return line->text();
    if (auto *line = editor->findChild<QLineEdit *>()) // a file setting's box
        return line->text();
    return {};
}
} // namespace

ModelSettingsDialog::ModelSettingsDialog(ProjectStore *store, QWidget *parent) : QDialog(parent), m_store(store)
{
    setObjectName(QStringLiteral("modelSettingsDialog"));
    setWindowTitle(tr("Model settings"));
    auto *form = new QFormLayout;
    for (const settings::Definition &d : settings::definitions()) {
        if (!shownHere(d, store->task()))
            continue;
        QWidget *editor = makeEditor(d, settings::value(*store, d.key), store->task(), this);
        editor->setObjectName(QString::fromLatin1(d.key));
        editor->setToolTip(d.describe());
        auto *label = new QLabel(d.name(), this);
        label->setToolTip(d.describe());
        label->setBuddy(editor);
        form->addRow(label, editor);
        m_editors.insert(QString::fromLatin1(d.key), editor);
        m_labels.insert(QString::fromLatin1(d.key), label);
    }
    disableWhatAnEncoderReplaces();
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
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

// With a text encoder the model is a head over the encoder's features: the built-in classifier's size, learning
// rate, augmentation and word vectors do not apply, and the form says so while the encoder field is filled; the
// encoder's own vocabulary and fine-tuning apply only then.
void ModelSettingsDialog::disableWhatAnEncoderReplaces()
{
    QWidget *encoder = m_editors.value(QLatin1String(settings::kTextEncoder));
    auto *line = encoder ? (qobject_cast<QLineEdit *>(encoder) ? qobject_cast<QLineEdit *>(encoder)
                                                              : encoder->findChild<QLineEdit *>())
                         : nullptr;
    if (!line)
        return;
    const auto enable = [this](const char *key, bool on, const QString &why) {
        QWidget *editor = m_editors.value(QLatin1String(key));
        if (!editor)
            return;
        editor->setEnabled(on);
        editor->setToolTip(on ? settings::find(QLatin1String(key))->describe() : why);
        if (QWidget *label = m_labels.value(QLatin1String(key)))
            label->setEnabled(on);
    };
    const auto update = [line, enable] {
        const bool encoderSet = !line->text().trimmed().isEmpty();
        for (const char *key : {settings::kEmbeddingDim, settings::kHiddenDim, settings::kLearningRate,
                                settings::kAugment, settings::kPretrainedVectors, settings::kUsePoolVectors})
            enable(key, !encoderSet,
                   tr("Not used while a text encoder is set: a classifier head is trained over the encoder's "
                      "features instead."));
        for (const char *key : {settings::kTextEncoderVocab, settings::kEncoderFinetune})
            enable(key, encoderSet, tr("Used only with a text encoder."));
    };
    connect(line, &QLineEdit::textChanged, this, update);
    update();
}

void ModelSettingsDialog::accept()
{
    QStringList errors;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it)
        if (auto s = settings::setValue(*m_store, it.key(), editorText(it.value()), settings::Studio); !s)
            errors << s.error();
    if (!errors.isEmpty()) {
        m_error->setText(errors.join(QLatin1Char('\n')));
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace marginalia::ui
