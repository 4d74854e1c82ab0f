#pragma once
#include "store/ProjectTypes.h"
#include "store/RunTypes.h"
#include "ui/SampleQueue.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QVariant>
#include <QVector>
#include <memory>
#include <optional>

class QUndoStack;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class RankingReader;

// One labeling session on a project, whatever the task: which sample is in front and why, the way back and
// forward through the samples shown, the queue with its evaluation interleave, the latest ranking (read on a
// pool thread) and the model's guess, and every save and pre-save edit on the project's undo stack. A save is
// committed to the store before the next sample is shown. No widgets: LabelingView shows the session, a
// SampleEditor answers for the sample in front.
class LabelingSession : public QObject
{
    Q_OBJECT
public:
    // The sample in front, as the store has it when it is shown.
    struct Shown
    {
        QueueItem item;
        Sample sample;
        std::optional<Annotation> existing;  // its current annotation (Back, Undo, Browse); none if unlabeled
        std::optional<PredictionRow> guess;  // the latest run's prediction for it, if any
        QStringList rejected;                // labels rejected for it ("not this label"), for teach mode
    };
    // What an editor hands in to save for the sample in front.
    struct Answer
    {
        AnnotationInput input; // the session fills in the annotator
        QString undoText;      // the undo stack's name for the save
        QString notSaved;      // the message when the store refuses it; %1 is the reason
        QVariant draft;        // the editor's work before the save, shown again when the save is undone
    };

    explicit LabelingSession(QObject *parent = nullptr);
    ~LabelingSession() override;

    // Starts on a project and shows its first sample; close() forgets it.
    void open(ProjectStore *store, QUndoStack *undoStack, const QString &annotator);
    void setAnnotator(const QString &annotator); // labels and leases from now on are theirs
    void close();
    bool isOpen() const { return m_store != nullptr; }
    ProjectStore *store() const { return m_store; }
    SampleQueue *queue() const { return m_queue.get(); }
    const QVector<Label> &labels() const { return m_labels; }
    qint64 currentSampleId() const { return m_current.sampleId; }
    const QueueItem &currentItem() const { return m_current; }

    void reloadLabels();  // the label set changed
    void reloadSamples(); // an import finished: new samples to show
    // A run finished: its ranking is read on a pool thread and decides what comes next once it is in; the
    // current sample stays.
    void refreshRanking();
    // Shows the sample in front again as the store has it now.
    void reshow();

    // Saves the answer for the sample in front through the undo stack and advances; false (and a message)
    // if the store refused it, and the sample stays.
    bool save(const Answer &answer);
    // An edit of the sample in front before it is saved, as the editor's state before and after it: on the
    // undo stack next to the saves, so that undo steps back through it on this sample.
    void pushEdit(const QString &what, const QVariant &before, const QVariant &after);
    // "Not this label" for the sample in front (teach mode): recorded through the undo stack, committed, and
    // the next sample is shown; false (and a message) if the store refused it, and the sample stays.
    bool reject(const QString &label, const QString &undoText, const QString &notSaved);
    // Teach mode's label to teach (empty: none): the queue asks first where the model doubts that label most.
    void setTeachLabel(const QString &label);

public Q_SLOTS:
    void showNext();
    void skip(); // gives the sample back to the others, then shows the next
    void back();
    // From Browse: show this sample now, to review or relabel it; `origin` (a Provenance name, "browse" or
    // "search") is recorded with its label.
    void openSample(qint64 sampleId, const QString &origin = QLatin1String(Provenance::Browse));

Q_SIGNALS:
    void sampleShown(const marginalia::ui::LabelingSession::Shown &sample);
    void nothingLeft(); // no sample left to show (or none at all)
    // The editor's state for the sample in front after an undo or redo (of an edit, or of a save).
    void draftChanged(const QVariant &draft);
    void labelsChanged(const QVector<marginalia::Label> &labels);
    void rankingApplied();
    void labeled(qint64 sampleId, bool evalSample);
    void message(const QString &text);

public:
    // How the sample in front reached the annotator, and the seconds since it was shown: saved with its label.
    Provenance currentProvenance() const;
    // The same for an answer given in teach mode: origin teach, and the run whose guess was asked about.
    Provenance teachProvenance() const;

private:
    void showItem(const QueueItem &item);
    void showNothingLeft();
    void bringToFront(qint64 sampleId, bool undone);
    void onRankingRead(const Result<SampleQueue::Ranking> &ranking);
    void onStored(qint64 sampleId, bool undone, bool ok, const QString &error, const QString &notSaved,
                  const QVariant &draft);
    void onEdit(qint64 sampleId, const QVariant &draft, bool undone);

    ProjectStore *m_store = nullptr;
    QUndoStack *m_undo = nullptr;
    QString m_annotator;
    std::unique_ptr<SampleQueue> m_queue;
    RankingReader *m_rankingReader;
    QVector<Label> m_labels;
    QueueItem m_current;
    QString m_openedOrigin;     // for a sample opened from Browse: browse or search
    QElapsedTimer m_shownTimer; // since the sample in front was shown
    Split m_currentSplit = Split::Pool;
    bool m_wasLabeled = false; // the sample in front had an annotation when shown
    QSet<qint64> m_seen;
    QVector<QueueItem> m_backStack;
    QVector<QueueItem> m_forwardStack;
    QString m_lastError;
    bool m_pushing = false;
};

} // namespace marginalia::ui
