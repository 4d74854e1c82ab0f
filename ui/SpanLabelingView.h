#pragma once
#include "store/ProjectTypes.h"
#include "ui/RankingReader.h"
#include "ui/SampleQueue.h"
#include "ui/SpanDraft.h"

#include <QSet>
#include <QVector>
#include <QWidget>
#include <memory>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QUndoStack;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class SpanTextWidget;

// The labeling screen of span-labeling (ner) projects: one sample at a time, its entities as colored spans,
// the model's spans in a distinct style until accepted. Tokens are selected with the mouse or the arrows, a
// label key labels them, Enter accepts the model's spans and commits. Every edit before the commit and the
// commit itself go on the project's undo stack; a commit is stored before the next sample is shown. It
// follows LabelingView's queue, Skip/Flag/Back and undo behaviour.
class SpanLabelingView : public QWidget
{
    Q_OBJECT
public:
    explicit SpanLabelingView(QWidget *parent = nullptr);
    ~SpanLabelingView() override;

    void setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator);
    void clearProject();
    void reloadLabels();
    void reloadSamples();  // an import finished: new samples to show
    void refreshRanking(); // a run finished: new ranking for what comes next; the current sample stays
    qint64 currentSampleId() const { return m_current.sampleId; }
    SampleQueue *queue() const { return m_queue.get(); }
    SpanTextWidget *textWidget() const { return m_text; }
    const SpanDraft &draft() const { return m_draft; }
    // Stores the draft's spans (with the pending predictions too if acceptPending) and advances.
    bool commit(bool acceptPending);

public Q_SLOTS:
    void showNext();
    void skip();
    void back();
    void startFlag();
    void acceptAllAndCommit();
    void acceptOne();
    void assignLabel(int labelIndex);
    void deleteSelection();
    void openSample(qint64 sampleId); // from Browse: show this sample now, to review or relabel it

Q_SIGNALS:
    void labeled(qint64 sampleId, bool evalSample);
    void message(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showItem(const QueueItem &item);
    void showNothingLeft();
    void onRankingRead(const Result<SampleQueue::Ranking> &ranking);
    void bringToFront(qint64 sampleId, bool undone);
    void edit(const SpanDraft &after, const QString &what);
    void applyDraft(qint64 sampleId, const SpanDraft &draft, bool undone);
    void setDraft(const SpanDraft &draft);
    void onStored(qint64 sampleId, bool undone, bool ok, const QString &error, const SpanDraft &restore);
    void saveFlag();
    void updateInfo();
    QString reasonText(const QueueItem &item) const;
    QString tokenText(int first, int last) const;

    ProjectStore *m_store = nullptr;
    QUndoStack *m_undo = nullptr;
    QString m_annotator;
    std::unique_ptr<SampleQueue> m_queue;
    RankingReader *m_rankingReader;
    QVector<Label> m_labels;
    QueueItem m_current;
    Sample m_sample;
    QVector<text::TokenSpan> m_tokens;
    SpanDraft m_draft;
    QVector<Span> m_predicted; // the model's spans when the sample came up: accepted unchanged = model-accepted
    bool m_hasPrediction = false;
    double m_predictionConfidence = 0;
    bool m_wasLabeled = false;  // the sample had an annotation when shown (Back, Undo, Browse)
    qint64 m_openedId = 0;      // opened from Browse
    QSet<qint64> m_seen;
    QVector<QueueItem> m_backStack;
    QVector<QueueItem> m_forwardStack;
    QString m_lastError;
    bool m_pushing = false;

    QLabel *m_reason;
    QLabel *m_evalBanner;
    SpanTextWidget *m_text;
    QLabel *m_modelInfo;
    QLabel *m_selectionInfo;
    QLabel *m_progress;
    QHBoxLayout *m_buttonRow;
    QVector<QPushButton *> m_buttons;
    QLineEdit *m_flagComment;
    QLabel *m_shortcuts;
};

} // namespace marginalia::ui
