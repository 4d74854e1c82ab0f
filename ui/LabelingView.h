#pragma once
#include "store/ProjectTypes.h"
#include "ui/RankingReader.h"
#include "ui/SampleQueue.h"

#include <QSet>
#include <QVector>
#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;
class QUndoStack;
class QHBoxLayout;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

// The labeling screen: one sample at a time, in a large view, with why it was chosen and the model's guess.
// Keys label and advance at once; every label is committed to the store (through the undo stack) before
// the next sample is shown.
class LabelingView : public QWidget
{
    Q_OBJECT
public:
    explicit LabelingView(QWidget *parent = nullptr);
    ~LabelingView() override;

    void setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator);
    void clearProject();
    void reloadLabels();
    void reloadSamples();  // an import finished: new samples to show
    // A run finished: its ranking is read on a pool thread and decides what comes next once it is in; the
    // current sample stays.
    void refreshRanking();
    qint64 currentSampleId() const { return m_current.sampleId; }
    SampleQueue *queue() const { return m_queue.get(); }
    // Records a label for the current sample (by label name) and advances.
    bool labelCurrent(const QStringList &labels, AnnotationSource source = AnnotationSource::Human);

public Q_SLOTS:
    void showNext();
    void skip();
    void back();
    void startFlag();
    void acceptGuess();

Q_SIGNALS:
    void labeled(qint64 sampleId, bool evalSample);
    void message(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showItem(const QueueItem &item);
    void updateSampleTexts();
    void onRankingRead(const Result<SampleQueue::Ranking> &ranking);
    void showNothingLeft();
    void updateButtons();
    void saveFlag();
    void onStored(qint64 sampleId, bool undone, bool ok, const QString &error);
    void toggleOrLabel(int index);
    QString reasonText(const QueueItem &item) const;

    ProjectStore *m_store = nullptr;
    QUndoStack *m_undo = nullptr;
    QString m_annotator;
    std::unique_ptr<SampleQueue> m_queue;
    QVector<Label> m_labels;
    QueueItem m_current;
    QString m_guess;
    double m_guessConfidence = -1; // of the model's guess for the current sample; < 0: no guess
    QString m_existing;            // the current sample's stored label(s), shown next to the guess
    QSet<QString> m_toggled; // multi-label selection of the current sample
    QSet<QString> m_toggledFromStore; // the label(s) the current sample already had when shown
    Split m_currentSplit = Split::Pool;
    QSet<qint64> m_seen;
    QVector<QueueItem> m_backStack;
    QVector<QueueItem> m_forwardStack;
    QString m_lastError;
    bool m_pushing = false;
    RankingReader *m_rankingReader;

    QLabel *m_reason;
    QLabel *m_evalBanner;
    QTextBrowser *m_text;
    QLabel *m_guessLabel;
    QLabel *m_progress;
    QHBoxLayout *m_buttonRow;
    QVector<QPushButton *> m_buttons;
    QLineEdit *m_flagComment;
    QLabel *m_shortcuts;
};

} // namespace marginalia::ui
