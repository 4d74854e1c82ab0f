#pragma once
#include "ui/ModelClient.h"
#include "ui/ReviewData.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QUndoStack;

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ui {

class AgreementPanel;
class LabelButtonRow;

// The reviewer's page: samples the annotators disagree on, samples flagged for review, labels the audit
// suspects, and those already decided, each with every annotator's label and the label it trains on (and why:
// reviewed, majority, tie, single). Picking a label sets the sample's final label (undoable; history kept).
// The list is read on a pool thread; the audit runs on the model's thread.
class ReviewView : public QWidget
{
    Q_OBJECT
public:
    // Annotators: who labeled how much and how fast, instead of samples.
    // Agreement: kappa and alpha between the annotators.
    enum class Show { WaitingForReview, Flagged, Suspected, Reviewed, SeveralAnnotators, Annotators, Agreement };

    explicit ReviewView(QWidget *parent = nullptr);
    void setProject(ProjectStore *store, QUndoStack *undoStack, const QString &reviewer, ModelClient *model);
    void setReviewer(const QString &reviewer) { m_reviewer = reviewer; }
    void setShown(Show show);
    bool isLoading() const { return m_loading; }
    int shownCount() const;
    qint64 shownSample(int row) const;
    bool selectSample(qint64 sampleId); // false: not in the list shown
    // The reviewer's final label(s) for the selected sample (what the label buttons do).
    void setFinalLabels(const QStringList &labels);

public Q_SLOTS:
    void reload();
    void findSuspectedErrors(); // runs the audit, or cancels it while it runs

Q_SIGNALS:
    void loaded();
    void message(const QString &text);
    void samplesChanged(); // a final label was set or taken back

private:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void retranslateUi();
    void onLoaded();
    void onAuditEnded(bool ok, const QString &message, const QVector<task::SuspectedLabel> &suspects);
    void fillTable();
    void fillPeople();
    void showSelected();
    bool shows(const ReviewRow &row) const;
    const ReviewRow *selectedRow() const;
    void setFinalFromButtons();

    ProjectStore *m_store = nullptr;
    QUndoStack *m_undo = nullptr;
    QString m_reviewer;
    QPointer<ModelClient> m_model;
    QVector<Label> m_labels;
    QVector<ReviewRow> m_rows;
    QVector<int> m_shown; // indices into m_rows, in table order
    QVector<task::SuspectedLabel> m_suspects;
    QVector<AnnotatorActivity> m_people;
    std::optional<task::ProjectAgreement> m_agreementFigures;
    QString m_agreementError;
    QFutureWatcher<Result<ReviewListing>> m_watcher;
    bool m_loading = false;
    bool m_reloadAgain = false;
    bool m_auditing = false;
    int m_generation = 0;
    int m_loadGeneration = 0;

    QLabel *m_showCaption;
    QComboBox *m_show;
    QLabel *m_count;
    QPushButton *m_findErrors;
    QTableWidget *m_table;
    QTableWidget *m_peopleTable;
    QStackedWidget *m_pages;
    AgreementPanel *m_agreement;
    QPlainTextEdit *m_text;
    QLabel *m_finalCaption;
    LabelButtonRow *m_buttons;
    QPushButton *m_setLabels;
};

} // namespace marginalia::ui
