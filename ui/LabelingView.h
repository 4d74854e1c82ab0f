#pragma once
#include "ui/LabelingSession.h"

#include <QVector>
#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QUndoStack;
class QVBoxLayout;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class SampleEditor;

// The labeling screen of every task: one sample at a time, with why it was chosen, whether it is an
// evaluation sample, Accept/Skip/Flag/Back, the progress and the keys. What it shows and edits of the sample
// itself is the project's SampleEditor (label buttons, spans), picked by SampleEditorFactory; what comes next
// and every save are the LabelingSession's.
class LabelingView : public QWidget
{
    Q_OBJECT
public:
    explicit LabelingView(QWidget *parent = nullptr);
    ~LabelingView() override;

    void setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator);
    void setAnnotator(const QString &annotator) { m_session->setAnnotator(annotator); }
    void clearProject();
    void reloadLabels();
    void reloadSamples() { m_session->reloadSamples(); }   // an import finished: new samples to show
    void refreshRanking() { m_session->refreshRanking(); } // a run finished; the current sample stays
    void recount();                                         // samples were labeled elsewhere (Browse)
    qint64 currentSampleId() const { return m_session->currentSampleId(); }
    SampleQueue *queue() const { return m_session->queue(); }
    LabelingSession *session() const { return m_session; }
    SampleEditor *editor() const { return m_editor; } // none while no project is open
    // The labeling commands (Accept, Skip, Flag, Back) with their keys, for the menu and the shortcuts help.
    // Their plain keys act while the view has the focus; a label's own key wins over a command's.
    QList<QAction *> commandActions() const { return m_commands; }

public Q_SLOTS:
    void showNext() { m_session->showNext(); }
    void skip() { m_session->skip(); }
    void back() { m_session->back(); }
    void startFlag();
    void accept();
    // Teach mode (text classification): one proposed label per sample, yes/no/skip (TeachEditor).
    void setTeachMode(bool on);
    bool teachMode() const;
    static bool teachModeWorks(TaskType task);
    // From Browse: show this sample now, to review or relabel it; `origin` is saved with its label.
    void openSample(qint64 sampleId, const QString &origin = QLatin1String(Provenance::Browse));

Q_SIGNALS:
    void labeled(qint64 sampleId, bool evalSample);
    void message(const QString &text);

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QAction *addCommand(const char *name, const QList<QKeySequence> &keys, void (LabelingView::*slot)());
    void teachNo();
    bool triggerCommand(QKeyEvent *event);
    void setEditor(SampleEditor *editor);
    void onShown(const LabelingSession::Shown &shown);
    void onNothingLeft();
    void updateProgress();
    void saveFlag();
    QString reasonText(const QueueItem &item) const;

    LabelingSession *m_session;
    SampleEditor *m_editor = nullptr;
    QList<QAction *> m_commands;
    QAction *m_acceptAction;
    QAction *m_skipAction;
    QAction *m_flagAction;
    QAction *m_backAction;
    QAction *m_teachAction;
    QAction *m_teachYesAction;
    QAction *m_teachNoAction;
    QAction *m_teachSkipAction;
    QList<QPushButton *> m_editorButtons; // the editor's own, in the action row

    QVBoxLayout *m_layout;
    QLabel *m_reason;
    QLabel *m_evalBanner;
    QHBoxLayout *m_actions;
    QPushButton *m_accept;
    QPushButton *m_skip;
    QPushButton *m_flag;
    QPushButton *m_back;
    QLineEdit *m_flagComment;
    QLabel *m_progress;
    QLabel *m_shortcuts;
};

} // namespace marginalia::ui
