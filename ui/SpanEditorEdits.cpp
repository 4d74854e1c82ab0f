// SpanEditor's edits of the sample in front, each one a step on the undo stack, and its keys.
#include "ui/SpanEditor.h"
#include "ui/SpanTextWidget.h"

#include <QKeyEvent>

namespace marginalia::ui {

void SpanEditor::edit(const SpanDraft &after, const QString &what)
{
    if (m_sample.id == 0 || after == m_draft)
        return;
    // The session shows `after` through showDraft when the edit is pushed (and on every undo and redo).
    session()->pushEdit(what, QVariant::fromValue(m_draft), QVariant::fromValue(after));
}

void SpanEditor::labelKey(int labelIndex)
{
    if (labelIndex < 0 || labelIndex >= m_labels.size() || m_sample.id == 0)
        return;
    const QString &name = m_labels.at(labelIndex).name;
    if (const int span = m_text->selectedSpan(); span >= 0) {
        edit(retypeSpan(m_draft, span, name), Words::tr("Change a span to %1").arg(name));
        return;
    }
    if (const int prediction = m_text->selectedPrediction(); prediction >= 0) {
        edit(acceptPrediction(m_draft, prediction, name), Words::tr("Accept the model's span as %1").arg(name));
        return;
    }
    const text::TokenRange range = m_text->selection();
    if (range.isEmpty())
        return;
    edit(ui::assignLabel(m_draft, m_tokens, range.first, range.last, name),
         Words::tr("Mark “%1” as %2").arg(tokenText(range.first, range.last), name));
    // The new span stays picked: another label key retypes it, Delete takes it back, an arrow moves on.
    m_text->setCaret(range.last, false);
    m_text->selectSpan(spanAt(m_draft.spans, m_tokens.at(range.first).start));
}

void SpanEditor::deleteSelection()
{
    if (m_sample.id == 0)
        return;
    if (const int span = m_text->selectedSpan(); span >= 0) {
        edit(removeSpan(m_draft, span), Words::tr("Remove a span"));
        return;
    }
    if (const int prediction = m_text->selectedPrediction(); prediction >= 0) {
        edit(dismissPrediction(m_draft, prediction), Words::tr("Dismiss the model's span"));
        return;
    }
    const text::TokenRange range = m_text->selection();
    if (!range.isEmpty())
        edit(removeOverlapping(m_draft, m_tokens.at(range.first).start, m_tokens.at(range.last).end),
             Words::tr("Remove spans"));
}

void SpanEditor::acceptOne()
{
    if (m_sample.id == 0)
        return;
    if (m_draft.pending.isEmpty()) {
        showMessage(Words::tr("No model span left to accept: Enter saves the sample."));
        return;
    }
    // The picked prediction, else the one at the caret, else the next one after the caret (wrapping).
    const int caretPos = m_tokens.isEmpty() ? 0 : m_tokens.at(m_text->caret()).start;
    int index = m_text->selectedPrediction();
    if (index < 0)
        index = predictionAt(m_draft.pending, caretPos);
    if (index < 0) {
        index = 0;
        for (int i = 0; i < m_draft.pending.size(); ++i)
            if (m_draft.pending.at(i).span.start >= caretPos) {
                index = i;
                break;
            }
    }
    const Span accepted = m_draft.pending.at(index).span;
    edit(acceptPrediction(m_draft, index), Words::tr("Accept the model's %1 span").arg(accepted.label));
    // On to the next prediction, so pressing A again goes through them in reading order.
    if (m_draft.pending.isEmpty())
        return;
    Span next = m_draft.pending.first().span;
    for (const PredictedSpan &p : std::as_const(m_draft.pending))
        if (p.span.start >= accepted.end) {
            next = p.span;
            break;
        }
    const text::TokenRange range = text::tokenRange(m_tokens, next.start, next.end);
    if (!range.isEmpty())
        m_text->setCaret(range.first, false);
}

bool SpanEditor::navigationKey(QKeyEvent *event)
{
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    switch (event->key()) {
    case Qt::Key_Left:
        m_text->setCaret(m_text->caret() - 1, shift);
        return true;
    case Qt::Key_Right:
        m_text->setCaret(m_text->caret() + 1, shift);
        return true;
    case Qt::Key_Home:
        m_text->setCaret(0, shift);
        return true;
    case Qt::Key_End:
        m_text->setCaret(m_text->tokenCount() - 1, shift);
        return true;
    case Qt::Key_Delete:
        deleteSelection();
        return true;
    case Qt::Key_Backspace:
        // With a span picked Backspace removes it, as Delete does; otherwise it goes back, as everywhere.
        if (m_text->selectedSpan() < 0 && m_text->selectedPrediction() < 0)
            return false;
        deleteSelection();
        return true;
    default:
        return false;
    }
}

bool SpanEditor::commandKey(QKeyEvent *event)
{
    if (event->key() != Qt::Key_A)
        return false;
    acceptOne();
    return true;
}

void SpanEditor::escape() { m_text->setCaret(m_text->caret(), false); }

} // namespace marginalia::ui
