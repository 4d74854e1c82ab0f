#include "ui/TeachEditor.h"
#include "ui/LabelButtonRow.h"
#include "ui/TeachProposal.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace marginalia::ui {

TeachEditor::TeachEditor(LabelingSession *session, bool multiLabel, QWidget *parent)
    : SampleEditor(session, parent), m_multi(multiLabel)
{
    setObjectName(QStringLiteral("teachEditor"));
    m_teachCaption = new QLabel(this);
    m_teachBox = new QComboBox(this);
    m_teachBox->setObjectName(QStringLiteral("teachLabelBox"));
    m_teachBox->setFocusPolicy(Qt::ClickFocus); // never takes the labeling keys
    connect(m_teachBox, &QComboBox::currentIndexChanged, this, [this] {
        this->session()->setTeachLabel(m_teachBox->currentData().toString()); // next: where the model doubts it
        propose();
        updateQuestion();
    });
    m_question = new QLabel(this);
    m_question->setObjectName(QStringLiteral("teachQuestion"));
    QFont large = m_question->font();
    large.setPointSizeF(large.pointSizeF() * 1.6);
    m_question->setFont(large);
    m_question->setTextFormat(Qt::RichText);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("sampleText"));
    m_text->setFocusPolicy(Qt::NoFocus);
    QFont big = m_text->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    m_text->setFont(big);
    m_buttons = new LabelButtonRow(this);
    connect(m_buttons, &LabelButtonRow::clicked, this, [this](int i) { labelKey(i); });
    m_reject = new QPushButton(this);
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_reject->setFocusPolicy(Qt::NoFocus);
    connect(m_reject, &QPushButton::clicked, this, &TeachEditor::reject);

    auto *teachRow = new QHBoxLayout;
    teachRow->addWidget(m_teachCaption);
    teachRow->addWidget(m_teachBox);
    teachRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(teachRow);
    layout->addWidget(m_question);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_buttons);
    changeEvent(nullptr);
}

QString TeachEditor::acceptText() const { return tr("Yes (A)"); }

QString TeachEditor::evalBannerText() const
{
    return tr("Evaluation sample: no label is proposed here. Press the key of its label; it measures the model.");
}

QString TeachEditor::shortcutHelp() const
{
    return tr("Teach mode: A or Enter yes · X no (not this label) · Space skip · a label key labels it so · "
              "Backspace back · Ctrl+Z undo · Ctrl+Shift+T leave teach mode");
}

QList<QPushButton *> TeachEditor::actionButtons() { return {m_reject}; }

void TeachEditor::changeEvent(QEvent *event)
{
    if (!event || event->type() == QEvent::LanguageChange) {
        m_teachCaption->setText(tr("Teach"));
        m_reject->setText(tr("No (X)"));
        fillTeachBox();
        updateQuestion();
    }
    if (event)
        SampleEditor::changeEvent(event);
}

void TeachEditor::fillTeachBox()
{
    const QString chosen = m_teachBox->currentData().toString();
    const QSignalBlocker block(m_teachBox);
    m_teachBox->clear();
    m_teachBox->addItem(tr("the label the model is least sure of"), QString());
    for (const Label &l : std::as_const(m_labels))
        m_teachBox->addItem(l.name, l.name);
    m_teachBox->setCurrentIndex(std::max(0, m_teachBox->findData(chosen)));
}

bool TeachEditor::setLabels(const QVector<Label> &labels)
{
    m_labels = labels;
    m_buttons->setLabels(labels, false);
    fillTeachBox();
    propose();
    updateQuestion();
    return false;
}

void TeachEditor::setTeachLabel(const QString &label)
{
    m_teachBox->setCurrentIndex(std::max(0, m_teachBox->findData(label)));
}

void TeachEditor::showSample(const LabelingSession::Shown &shown)
{
    m_shown = shown;
    m_text->setPlainText(shown.sample.text);
    propose();
    updateQuestion();
}

void TeachEditor::showNothing(const QString &message)
{
    m_shown.reset();
    m_proposal.clear();
    m_text->setPlainText(message);
    m_question->clear();
}

void TeachEditor::rankingApplied()
{
    // The sample in front stays; the new run's guess for it is read when the next one is shown.
}

void TeachEditor::propose()
{
    m_proposal.clear();
    m_probability.reset();
    if (!m_shown || m_shown->sample.split == Split::Eval)
        return; // evaluation samples are labeled blind
    const TeachProposal p = proposeTeachLabel(m_labels, m_shown->guess, m_shown->rejected,
                                              m_teachBox->currentData().toString());
    m_proposal = p.label;
    m_probability = p.probability;
}

void TeachEditor::updateQuestion()
{
    if (!m_shown) {
        m_question->clear();
        return;
    }
    if (m_shown->sample.split == Split::Eval) {
        m_question->setText(m_multi ? tr("Evaluation sample: Space skips it; leave teach mode to give all its labels.")
                                    : tr("Which label is this?"));
        return;
    }
    if (m_proposal.isEmpty()) {
        m_question->setText(tr("Nothing left to ask about this sample: press a label key, or Space to skip."));
        return;
    }
    QString question = tr("Is this <b>%1</b>?").arg(m_proposal.toHtmlEscaped());
    if (m_probability)
        question += QStringLiteral(" <span style=\"color:gray\">")
                    + tr("(model: %1%)").arg(*m_probability * 100, 0, 'f', 0) + QStringLiteral("</span>");
    m_question->setText(question);
}

void TeachEditor::accept()
{
    if (!m_shown)
        return;
    if (m_proposal.isEmpty()) {
        showMessage(tr("No label is proposed for this sample: press a label key."));
        return;
    }
    QStringList labels{m_proposal};
    // Multi-label: a yes adds the label to those the sample already has.
    if (m_multi && m_shown->existing)
        for (const QString &l : m_shown->existing->labels)
            if (!labels.contains(l))
                labels << l;
    save(labels, session()->teachProvenance());
}

void TeachEditor::reject()
{
    if (!m_shown || m_proposal.isEmpty())
        return;
    session()->reject(m_proposal, tr("Not %1: sample %2").arg(m_proposal).arg(m_shown->sample.id),
                      tr("The answer was not saved: %1"));
}

void TeachEditor::labelKey(int labelIndex)
{
    if (!m_shown || labelIndex < 0 || labelIndex >= m_labels.size())
        return;
    const bool eval = m_shown->sample.split == Split::Eval;
    // A multi-label evaluation sample needs every label it has at once, which one key cannot give.
    if (eval && m_multi) {
        showMessage(tr("Evaluation samples of a multi-label project are labeled outside teach mode (Ctrl+Shift+T)."));
        return;
    }
    save({m_labels.at(labelIndex).name}, eval ? session()->currentProvenance() : session()->teachProvenance());
}

void TeachEditor::save(const QStringList &labels, const Provenance &provenance)
{
    LabelingSession::Answer answer;
    answer.input.labels = labels;
    answer.input.provenance = provenance;
    answer.undoText = tr("Label sample %1 as %2").arg(m_shown->sample.id).arg(labels.join(QStringLiteral(", ")));
    answer.notSaved = tr("The label was not saved: %1");
    session()->save(answer);
}

} // namespace marginalia::ui
