#include "ui/SettingsForm.h"
#include "settings/ProjectSettings.h"

#include <QCheckBox>
#include <QComboBox>
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
#include <limits>

namespace marginalia::ui {

namespace {
// A file setting: the path, typed or chosen with Browse….
QWidget *fileEditor(const settings::Definition &d, QLineEdit *line, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(line, 1);
    auto *browse = new QPushButton(SettingsForm::tr("Browse…"), box);
    layout->addWidget(browse);
    const QLatin1String key(d.key);
    const bool module = key == QLatin1String(settings::kImageBackbone) || key == QLatin1String(settings::kTextEncoder);
    const bool vocabulary = key == QLatin1String(settings::kTextEncoderVocab);
    QObject::connect(browse, &QPushButton::clicked, box, [line, box, module, vocabulary] {
        const QString filter = module       ? SettingsForm::tr("TorchScript models (*.pt *.pth *.ptl);;All files (*)")
                               : vocabulary ? SettingsForm::tr("Vocabularies and SentencePiece models (*.txt *.model);;All files (*)")
                                            : SettingsForm::tr("Word vectors (*.vec *.bin *.txt);;All files (*)");
        const QString chosen = QFileDialog::getOpenFileName(box, SettingsForm::tr("Choose a file"),
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

// The line of a text or file setting's editor.
QLineEdit *lineOf(QWidget *editor)
{
    if (!editor)
        return nullptr;
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return line;
    return editor->findChild<QLineEdit *>();
}
} // namespace

SettingsForm::SettingsForm(TaskType task, QWidget *parent) : QWidget(parent), m_task(task), m_form(new QFormLayout(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
}

void SettingsForm::addSetting(const settings::Definition &d, const QVariant &value)
{
    const QString key = QString::fromLatin1(d.key);
    QWidget *editor = makeEditor(d, value, m_task, this);
    editor->setObjectName(key);
    editor->setToolTip(d.describe());
    auto *label = new QLabel(d.name(), this);
    label->setToolTip(d.describe());
    label->setBuddy(editor);
    m_form->addRow(label, editor);
    m_keys << key;
    m_editors.insert(key, editor);
    m_labels.insert(key, label);
}

QString SettingsForm::text(const QString &key) const
{
    QWidget *editor = m_editors.value(key);
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        return QString::number(spin->value());
    if (auto *spin = qobject_cast<QDoubleSpinBox *>(editor))
        return QString::number(spin->value(), 'g', QLocale::FloatingPointShortest);
    if (auto *check = qobject_cast<QCheckBox *>(editor))
        return check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        return combo->currentText();
    if (QLineEdit *line = lineOf(editor))
        return line->text();
    return {};
}

void SettingsForm::enable(const char *key, bool on, const QString &why)
{
    QWidget *editor = m_editors.value(QLatin1String(key));
    if (!editor)
        return;
    editor->setEnabled(on);
    editor->setToolTip(on ? settings::find(QLatin1String(key))->describe() : why);
    if (QWidget *label = m_labels.value(QLatin1String(key)))
        label->setEnabled(on);
}

void SettingsForm::linkDependentSettings()
{
    QLineEdit *encoder = lineOf(m_editors.value(QLatin1String(settings::kTextEncoder)));
    QLineEdit *vectors = lineOf(m_editors.value(QLatin1String(settings::kPretrainedVectors)));
    const auto update = [this, encoder, vectors] {
        const bool encoderSet = encoder && !encoder->text().trimmed().isEmpty();
        const bool vectorFile = vectors && !vectors->text().trimmed().isEmpty();
        for (const char *key : {settings::kEmbeddingDim, settings::kHiddenDim, settings::kLearningRate,
                                settings::kAugment, settings::kPretrainedVectors})
            enable(key, !encoderSet,
                   tr("Not used while a text encoder is set: a classifier head is trained over the encoder's "
                      "features instead."));
        for (const char *key : {settings::kUsePoolVectors, settings::kPretrainMethod})
            enable(key, !encoderSet && !vectorFile,
                   encoderSet ? tr("Not used while a text encoder is set: a classifier head is trained over the "
                                   "encoder's features instead.")
                              : tr("Not used while a word vector file is named: the model reads that file's vectors."));
        for (const char *key : {settings::kTextEncoderVocab, settings::kEncoderFinetune})
            enable(key, encoderSet, tr("Used only with a text encoder."));
    };
    if (encoder)
        connect(encoder, &QLineEdit::textChanged, this, update);
    if (vectors)
        connect(vectors, &QLineEdit::textChanged, this, update);
    update();
}

} // namespace marginalia::ui
