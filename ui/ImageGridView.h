#pragma once
#include "store/ProjectTypes.h"
#include "ui/BulkLabelCommand.h"

#include <QWidget>
#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListView;
class QPushButton;
class QUndoStack;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class ImageGridDelegate;
class ImageGridModel;
class LabelButtonRow;

// Batch labeling of images: the pool's thumbnails in a grid, filtered by labeled state, the model's guess and its
// confidence. Select several (click, Shift/Ctrl+click, Ctrl+A) and press a label key (or click a label) to label
// them all, or Enter/A to accept the model's guesses for them: either is one step that Ctrl+Z undoes, written in
// one transaction (a step over thousands is asked about first). While the grid shows unlabeled images, the ones
// just labeled leave it. Double-click opens an image in the labeling view; Ctrl+wheel changes the thumbnails'
// size.
class ImageGridView : public QWidget
{
    Q_OBJECT
public:
    explicit ImageGridView(QWidget *parent = nullptr);
    void setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator);
    void setAnnotator(const QString &annotator) { m_annotator = annotator; }
    ImageGridModel *model() const { return m_model; }
    QListView *listView() const { return m_list; }
    void setThumbnailSide(int pixels); // also Ctrl+wheel over the grid; kept for the next session

public Q_SLOTS:
    void reload();      // the filters again, from the store (a new run, labels saved elsewhere)
    void reloadLabels(); // the label set changed
    // Labels every selected image with label `labelIndex` (label set order), as one undoable step.
    void labelSelected(int labelIndex);
    // The model's guess for every selected unlabeled image, as one undoable step, stored as model-accepted.
    void acceptGuessesOfSelected();

Q_SIGNALS:
    void message(const QString &text);
    void openRequested(qint64 sampleId);
    // Samples were labeled here, or such a step undone: counts and charts are stale. `labeled` counts new labels.
    void samplesChanged(int labeled);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateCount();
    QSet<qint64> selectedIds() const;
    void push(QVector<BulkLabelCommand::Item> items, const QString &text);
    // Runs `act` now, or once the annotator says yes when it would label more than a few thousand images.
    void confirmThen(int count, const QString &question, std::function<void()> act);
    void acceptGuessesNow();
    void afterStep(bool undone, bool ok, int count, const QString &error, const QSet<qint64> &ids);
    void onReloaded();

    ProjectStore *m_store = nullptr;
    QUndoStack *m_undo = nullptr;
    QString m_annotator;
    QVector<Label> m_labels;
    ImageGridModel *m_model;
    ImageGridDelegate *m_delegate;
    QListView *m_list;
    QComboBox *m_state;
    QComboBox *m_predicted;
    QComboBox *m_size;
    QDoubleSpinBox *m_minConfidence;
    QLabel *m_predictedCaption;
    QLabel *m_confidenceCaption;
    QLabel *m_count;
    QLabel *m_hint;
    QPushButton *m_acceptGuesses;
    LabelButtonRow *m_buttons;
    qint64 m_keepInView = 0;  // across a reload: the sample at the top left, and the selection
    QSet<qint64> m_keepSelected;
};

} // namespace marginalia::ui
