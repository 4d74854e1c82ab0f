#pragma once
#include "ui/LabelingSession.h"

#include <QCoreApplication>
#include <QList>
#include <QWidget>

class QKeyEvent;
class QPushButton;

namespace marginalia::ui {

// What a task's labeling screen shows and edits for ONE sample: the text (or, later, the image), the model's
// guess, the label buttons, and the annotator's answer. LabelingView puts it between the shared header and
// the shared actions; the LabelingSession decides which sample it shows and saves what it answers. A task
// needs only its own editor (SampleEditorFactory picks it).
class SampleEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SampleEditor(LabelingSession *session, QWidget *parent = nullptr) : QWidget(parent), m_session(session) {}

    // The words around the editor that depend on the task (the view asks again when the language changes).
    virtual QString acceptText() const = 0;     // the Accept button (Enter)
    virtual QString evalBannerText() const = 0; // over an evaluation sample
    virtual QString shortcutHelp() const = 0;
    // Buttons of the editor's own for the action row, after Accept; the editor creates them as its children.
    virtual QList<QPushButton *> actionButtons() { return {}; }

    // Returns true when the sample in front must be shown again (its answer names a label that is gone).
    virtual bool setLabels(const QVector<Label> &labels) = 0;
    virtual void showSample(const LabelingSession::Shown &shown) = 0;
    virtual void showNothing(const QString &message) = 0;
    // The editor's state for the sample in front after an undo or redo (what it handed to save or pushEdit).
    virtual void showDraft(const QVariant &) {}
    // A new ranking is in: the sample in front stays, the editor may take the new guess for it.
    virtual void rankingApplied() {}

    // Enter or the Accept button: hands the answer to the session.
    virtual void accept() = 0;
    virtual void labelKey(int labelIndex) = 0;
    // Keys of the editor's own: asked before the shared keys (Enter, Backspace, Escape, label keys, S, F)...
    virtual bool navigationKey(QKeyEvent *) { return false; }
    // ...and after the label keys, so that a label may take a letter the editor also uses.
    virtual bool commandKey(QKeyEvent *) { return false; }
    virtual void escape() {}

protected:
    LabelingSession *session() const { return m_session; }
    void showMessage(const QString &text) { Q_EMIT m_session->message(text); } // in the status bar

private:
    LabelingSession *m_session;
};

} // namespace marginalia::ui
