#pragma once
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QTableView;
class QUndoStack;
class QLabel;
class QPushButton;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class SampleTableModel;

// All samples, filterable (labeled/unlabeled, label, predicted label, disagreement, text), the ranked queue,
// and relabeling of any sample through the undo stack (span-labeling samples open in the span view instead).
class BrowseView : public QWidget
{
    Q_OBJECT
public:
    explicit BrowseView(QWidget *parent = nullptr);
    void setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator);
    void setAnnotator(const QString &annotator) { m_annotator = annotator; }
    SampleTableModel *model() const { return m_model; }
    bool isSearching() const; // the rows shown are a text search's hits

public Q_SLOTS:
    void reload();
    // Accepts the model's guess for each selected unlabeled pool sample, as one undoable step; the labels are
    // stored as model-accepted. Evaluation samples and labeled ones are left alone.
    void acceptGuessesOfSelected();

Q_SIGNALS:
    void message(const QString &text);
    // Span labeling: the annotator asked to relabel this sample (the span view shows it).
    void openRequested(qint64 sampleId);
    // Samples were labeled or unlabeled here (bulk accept, relabel, or their undo): counts and charts are stale.
    void samplesChanged();

private:
    void changeEvent(QEvent *event) override;
    void retranslateUi();
    void relabelSelected();
    void openSelected();
    void reloadLabelChoices();
    void updateCount();

    ProjectStore *m_store = nullptr;
    QUndoStack *m_undo = nullptr;
    QString m_annotator;
    SampleTableModel *m_model;
    QComboBox *m_state;
    QComboBox *m_label;
    QComboBox *m_predicted;
    QCheckBox *m_disagreement;
    QCheckBox *m_flagged;
    QDoubleSpinBox *m_minConfidence;
    QLabel *m_confidenceCaption;
    QDoubleSpinBox *m_maxConfidence;
    QLabel *m_maxConfidenceCaption;
    QPushButton *m_acceptGuesses;
    QLineEdit *m_search;
    QTableView *m_table;
    QComboBox *m_newLabel;
    QPushButton *m_relabel;
    QPushButton *m_openSpans;
    QLabel *m_count;
    QLabel *m_labelCaption;
    QLabel *m_predictedCaption;
};

} // namespace marginalia::ui
