#include "ui/SpanEditor.h"
#include "ui/LabelButtonRow.h"
#include "ui/SpanTextWidget.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>

namespace marginalia::ui {

SpanEditor::SpanEditor(LabelingSession *session, QWidget *parent) : SampleEditor(session, parent)
{
    m_text = new SpanTextWidget(this);
    connect(m_text, &SpanTextWidget::selectionChanged, this, &SpanEditor::updateInfo);
    m_modelInfo = new QLabel(this);
    m_modelInfo->setObjectName(QStringLiteral("guessLabel"));
    m_modelInfo->setWordWrap(true);
    m_selectionInfo = new QLabel(this);
    m_selectionInfo->setObjectName(QStringLiteral("selectionLabel"));
    m_selectionInfo->setWordWrap(true);
    m_buttons = new LabelButtonRow(this);
    connect(m_buttons, &LabelButtonRow::clicked, this, &SpanEditor::labelKey);

    m_acceptSpan = new QPushButton(this);
    m_acceptSpan->setObjectName(QStringLiteral("acceptSpanButton"));
    connect(m_acceptSpan, &QPushButton::clicked, this, &SpanEditor::acceptOne);
    m_removeSpan = new QPushButton(this);
    m_removeSpan->setObjectName(QStringLiteral("removeSpanButton"));
    connect(m_removeSpan, &QPushButton::clicked, this, &SpanEditor::deleteSelection);
    for (QPushButton *button : {m_acceptSpan, m_removeSpan})
        button->setFocusPolicy(Qt::NoFocus);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_modelInfo);
    layout->addWidget(m_selectionInfo);
    layout->addWidget(m_buttons);
    retranslateUi();
}

QString SpanEditor::acceptText() const { return Words::tr("Accept all and save (Enter)"); }

QString SpanEditor::evalBannerText() const
{
    return Words::tr("Evaluation sample: mark the entities as you see them. It measures the model and is never "
                     "chosen by it.");
}

QString SpanEditor::shortcutHelp() const
{
    return Words::tr("Keys: ←/→ move · Shift+←/→ extend · label keys label the selection or retype a clicked span "
                     "· A accept the model's span at the caret · Enter accept all and save (with no spans: “no "
                     "entities”) · Delete remove · S skip · F flag · Backspace back · Ctrl+Z undo · Ctrl+Shift+Z redo "
                     "· Ctrl+T train now");
}

void SpanEditor::retranslateUi()
{
    m_acceptSpan->setText(Words::tr("Accept span (A)"));
    m_removeSpan->setText(Words::tr("Remove (Delete)"));
    updateInfo();
}

void SpanEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    SampleEditor::changeEvent(event);
}

bool SpanEditor::setLabels(const QVector<Label> &labels)
{
    m_labels = labels;
    m_buttons->setLabels(labels, false);
    QHash<QString, QColor> colors;
    QSet<QString> names;
    for (int i = 0; i < labels.size(); ++i) {
        const Label &label = labels.at(i);
        m_buttons->button(i)->setStyleSheet(
            QStringLiteral("QPushButton{border-left:6px solid %1;padding:0 12px;}").arg(labelColor(label)));
        if (!label.color.isEmpty())
            colors.insert(label.name, QColor(label.color));
        names.insert(label.name);
    }
    m_text->setLabelColors(colors);
    // A label renamed or removed while the sample is open: it is shown again as stored, rather than keep
    // spans under a name the store no longer knows (the save would be refused).
    bool stale = false;
    for (const Span &span : std::as_const(m_draft.spans))
        stale = stale || !names.contains(span.label);
    for (const PredictedSpan &p : std::as_const(m_draft.pending))
        stale = stale || !names.contains(p.span.label);
    return stale && m_sample.id != 0;
}

void SpanEditor::showSample(const LabelingSession::Shown &shown)
{
    m_sample = shown.sample;
    m_tokens = text::annotationTokens(m_sample.text, m_sample.tokens);
    m_text->setSample(m_sample.text, m_tokens);

    // An existing annotation (Back, Undo, Browse) is shown as it is; otherwise the model's spans wait for a
    // decision. A labeled sample keeps its spans: predictions there would only be noise to dismiss. Evaluation
    // samples never show the model's spans: accepting them would let the model grade its own answers.
    SpanDraft draft;
    m_wasLabeled = shown.existing.has_value();
    if (m_wasLabeled)
        draft.spans = shown.existing->spans;
    m_predicted.clear();
    m_hasPrediction = false;
    m_predictionConfidence = 0;
    if (shown.guess && m_sample.split == Split::Pool) {
        QStringList names;
        for (const Label &l : std::as_const(m_labels))
            names << l.name;
        const QVector<PredictedSpan> predicted =
            parsePredictedSpans(shown.guess->detailJson, m_tokens, int(m_sample.text.size()), names);
        for (const PredictedSpan &p : predicted)
            m_predicted << p.span;
        m_hasPrediction = true;
        m_predictionConfidence = shown.guess->confidence;
        if (!m_wasLabeled)
            draft.pending = predicted;
    }
    setDraft(draft);
}

void SpanEditor::showNothing(const QString &message)
{
    m_sample = {};
    m_draft = {};
    m_text->setPlaceholder(message);
    m_modelInfo->clear();
    m_selectionInfo->clear();
}

void SpanEditor::showDraft(const QVariant &draft) { setDraft(draft.value<SpanDraft>()); }

void SpanEditor::setDraft(const SpanDraft &draft)
{
    m_draft = draft;
    m_text->setDraft(draft);
    updateInfo();
}

void SpanEditor::rankingApplied()
{
    // If the annotator has not marked anything on the sample in front yet, the new model's spans appear on it
    // right away, and the selection stays where it was.
    if (m_sample.id == 0 || m_wasLabeled || m_hasPrediction || m_draft != SpanDraft{})
        return;
    const text::TokenRange selection = m_text->selection();
    const int caret = m_text->caret();
    session()->reshow();
    if (!selection.isEmpty()) {
        m_text->setCaret(caret == selection.first ? selection.last : selection.first, false);
        m_text->setCaret(caret, true);
    }
}

QString SpanEditor::tokenText(int first, int last) const
{
    if (first < 0 || last >= m_tokens.size() || first > last)
        return QString();
    const int start = m_tokens.at(first).start;
    return m_sample.text.mid(start, m_tokens.at(last).end - start).simplified();
}

void SpanEditor::updateInfo()
{
    if (m_sample.id == 0)
        return;
    const QString none = Words::tr("no entities");
    QString model;
    if (m_sample.split == Split::Eval)
        model = Words::tr("Model's spans are not shown on evaluation samples.");
    else if (m_hasPrediction)
        model = Words::tr("Model's spans: %1 (sequence confidence %2%)")
                    .arg(m_predicted.isEmpty() ? none : spanSummary(m_sample.text, m_predicted))
                    .arg(m_predictionConfidence * 100, 0, 'f', 0);
    else
        model = Words::tr("Model's spans: none yet");
    if (m_wasLabeled)
        model += QStringLiteral("   ·   ") + Words::tr("Already labeled: Enter saves your changes as a new version.");
    m_modelInfo->setText(model);

    const int span = m_text->selectedSpan();
    const int prediction = m_text->selectedPrediction();
    if (span >= 0) {
        const Span &s = m_draft.spans.at(span);
        m_selectionInfo->setText(Words::tr("Span “%1” (%2): a label key changes its type, Delete removes it.")
                                     .arg(m_sample.text.mid(s.start, s.end - s.start), s.label));
    } else if (prediction >= 0) {
        const Span &s = m_draft.pending.at(prediction).span;
        m_selectionInfo->setText(Words::tr("Model's span “%1” (%2): A accepts it, a label key accepts it as that "
                                           "type, Delete dismisses it.")
                                     .arg(m_sample.text.mid(s.start, s.end - s.start), s.label));
    } else if (const text::TokenRange range = m_text->selection(); !range.isEmpty()) {
        m_selectionInfo->setText(
            Words::tr("Selected: “%1”: a label key marks it.").arg(tokenText(range.first, range.last)));
    } else {
        m_selectionInfo->setText(Words::tr("This sample has no tokens: Enter saves it with no entities."));
    }
}

bool SpanEditor::save(bool acceptPending)
{
    if (m_sample.id == 0)
        return false;
    const SpanDraft final = acceptPending ? acceptAllPredictions(m_draft) : m_draft;
    LabelingSession::Answer answer;
    answer.input.spans = final.spans;
    // The model's spans taken as they were (all of them, nothing added) are recorded as the model's work.
    answer.input.source = m_hasPrediction && !m_wasLabeled && sameSpans(final.spans, m_predicted)
                              ? AnnotationSource::ModelAccepted
                              : AnnotationSource::Human;
    const QString summary = final.spans.isEmpty() ? Words::tr("no entities") : spanSummary(m_sample.text, final.spans);
    answer.undoText = Words::tr("Label sample %1: %2").arg(m_sample.id).arg(summary);
    answer.notSaved = Words::tr("The spans were not saved: %1");
    answer.draft = QVariant::fromValue(m_draft); // what undoing the save shows again
    return session()->save(answer);
}

} // namespace marginalia::ui
