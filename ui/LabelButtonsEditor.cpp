#include "ui/LabelButtonsEditor.h"
#include "ui/LabelButtonRow.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace marginalia::ui {

LabelButtonsEditor::LabelButtonsEditor(LabelingSession *session, bool multiLabel, QWidget *parent)
    : LabelButtonsEditor(session, multiLabel, nullptr, parent)
{
}

LabelButtonsEditor::LabelButtonsEditor(LabelingSession *session, bool multiLabel, QWidget *content, QWidget *parent)
    : SampleEditor(session, parent), m_multi(multiLabel), m_content(content)
{
    if (!m_content) {
        m_text = new QTextBrowser(this);
        m_text->setObjectName(QStringLiteral("sampleText"));
        m_text->setFocusPolicy(Qt::NoFocus); // keys belong to labeling; the mouse wheel still scrolls long texts
        QFont big = m_text->font();
        big.setPointSizeF(big.pointSizeF() * 1.5);
        m_text->setFont(big);
        m_content = m_text;
    }

    m_guessLabel = new QLabel(this);
    m_guessLabel->setObjectName(QStringLiteral("guessLabel"));
    m_buttons = new LabelButtonRow(this);
    connect(m_buttons, &LabelButtonRow::clicked, this, [this](int i) { labelKey(i); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_content, 1);
    layout->addWidget(m_guessLabel);
    layout->addWidget(m_buttons);
}

QString LabelButtonsEditor::acceptText() const { return Words::tr("Accept (Enter)"); }

QString LabelButtonsEditor::evalBannerText() const
{
    return Words::tr("Evaluation sample: label it as you see it. It measures the model and is never chosen by it.");
}

QString LabelButtonsEditor::shortcutHelp() const
{
    return m_multi ? Words::tr("Keys: label keys toggle · Enter commits · S skip · F flag · Backspace back · "
                               "Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+T train now")
                   : Words::tr("Keys: label keys label and advance · Enter/Space accept the model's guess · "
                               "S skip · F flag · Backspace back · Ctrl+Z undo · Ctrl+Shift+Z redo · "
                               "Ctrl+T train now");
}

void LabelButtonsEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_sampleId != 0)
        updateGuessText();
    SampleEditor::changeEvent(event);
}

bool LabelButtonsEditor::setLabels(const QVector<Label> &labels)
{
    m_labels = labels;
    m_buttons->setLabels(labels, m_multi);
    updateButtons();
    return false;
}

void LabelButtonsEditor::showSample(const LabelingSession::Shown &shown)
{
    m_sampleId = shown.sample.id;
    m_blind = shown.sample.split == Split::Eval;
    showContent(shown);
    // An existing label (Back, Undo) is shown as the selection; otherwise the model's guess is pre-selected.
    m_toggled.clear();
    m_existing.clear();
    if (shown.existing) {
        m_existing = shown.existing->labels.join(QStringLiteral(", "));
        for (const QString &l : shown.existing->labels)
            m_toggled.insert(l);
    }
    m_guess.clear();
    m_guessConfidence = -1;
    m_rejected = shown.rejected;
    // A guess the annotator said no to for this sample is shown but never offered for Enter.
    if (shown.guess && !shown.guess->label.isEmpty() && !(!m_multi && m_rejected.contains(shown.guess->label))) {
        m_guess = shown.guess->label;
        m_guessConfidence = shown.guess->confidence;
    }
    if (m_multi && m_toggled.isEmpty() && shown.guess) {
        for (const QString &l : shown.guess->label.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!m_rejected.contains(l.trimmed()))
                m_toggled.insert(l.trimmed());
    }
    updateGuessText();
    updateButtons();
}

void LabelButtonsEditor::showNothing(const QString &message)
{
    m_sampleId = 0;
    showContentMessage(message);
    m_guessLabel->clear();
}

void LabelButtonsEditor::showContent(const LabelingSession::Shown &shown)
{
    if (m_text)
        m_text->setPlainText(shown.sample.text);
}

void LabelButtonsEditor::showContentMessage(const QString &message)
{
    if (m_text)
        m_text->setPlainText(message);
}

void LabelButtonsEditor::updateGuessText()
{
    QString guess = m_guessConfidence >= 0 ? Words::tr("Model's guess: %1 (confidence %2%)")
                                                 .arg(m_guess)
                                                 .arg(m_guessConfidence * 100, 0, 'f', 0)
                    : m_blind ? Words::tr("Model's guess: hidden on evaluation samples")
                              : Words::tr("Model's guess: none yet");
    if (!m_existing.isEmpty())
        guess += QStringLiteral("   ·   ") + Words::tr("Current label: %1").arg(m_existing);
    if (!m_rejected.isEmpty())
        guess += QStringLiteral("   ·   ") + Words::tr("Not: %1").arg(m_rejected.join(QStringLiteral(", ")));
    m_guessLabel->setText(guess);
}

void LabelButtonsEditor::updateButtons()
{
    for (int i = 0; i < m_buttons->count() && i < m_labels.size(); ++i) {
        const QString &name = m_labels.at(i).name;
        // Single-label: the stored label, else the model's guess, stands out.
        const bool on = m_multi || !m_toggled.isEmpty() ? m_toggled.contains(name) : name == m_guess;
        QPushButton *button = m_buttons->button(i);
        if (m_multi)
            button->setChecked(on);
        const QString color = labelColor(m_labels.at(i));
        // A label said no to for this sample is struck through; its key still labels the sample so.
        const QString strike = m_rejected.contains(name) ? QStringLiteral("text-decoration:line-through;color:gray;")
                                                         : QString();
        const QString style = on ? QStringLiteral("QPushButton{border:3px solid %1;font-weight:bold;%2}").arg(color, strike)
                                 : QStringLiteral("QPushButton{border-left:6px solid %1;%2}").arg(color, strike);
        if (button->styleSheet() != style) // restyling a button costs a few ms: only when it changes
            button->setStyleSheet(style);
    }
}

void LabelButtonsEditor::labelKey(int labelIndex)
{
    if (labelIndex < 0 || labelIndex >= m_labels.size() || m_sampleId == 0 || !readyToAnswer())
        return;
    const QString &name = m_labels.at(labelIndex).name;
    if (m_multi) {
        if (!m_toggled.remove(name))
            m_toggled.insert(name);
        updateButtons();
        return;
    }
    save({name});
}

void LabelButtonsEditor::accept()
{
    if (m_sampleId == 0 || !readyToAnswer())
        return;
    if (m_multi)
        save(QStringList(m_toggled.cbegin(), m_toggled.cend()));
    else if (!m_toggled.isEmpty())
        save({*m_toggled.cbegin()});
    else if (!m_guess.isEmpty())
        save({m_guess}, AnnotationSource::ModelAccepted);
    else
        showMessage(Words::tr("No guess to accept yet: press a label key."));
}

void LabelButtonsEditor::save(const QStringList &labels, AnnotationSource source)
{
    LabelingSession::Answer answer;
    answer.input.labels = labels;
    answer.input.source = source;
    answer.input.cleared = labels.isEmpty() && !m_multi;
    answer.undoText = Words::tr("Label sample %1 as %2").arg(m_sampleId).arg(labels.join(QStringLiteral(", ")));
    answer.notSaved = Words::tr("The label was not saved: %1");
    session()->save(answer);
}

bool LabelButtonsEditor::navigationKey(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Space: // as Enter
        accept();
        return true;
    case Qt::Key_Left:
        session()->back();
        return true;
    case Qt::Key_Right:
        session()->skip();
        return true;
    default:
        return false;
    }
}

} // namespace marginalia::ui
