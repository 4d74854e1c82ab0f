#pragma once
#include "ui/SampleEditor.h"

class QComboBox;
class QLabel;
class QTextBrowser;

namespace marginalia::ui {

class LabelButtonRow;

// Teach mode, for a model that is already decent: one label proposed for one sample ("Is this Emma?"), the
// fastest decision there is. Yes (A, Enter) labels the sample with it; No (X) records "not this label" (never
// a label; that label is not proposed for the sample again); Space skips; a label key labels the sample with
// that label instead. The label asked about is one chosen to teach, or the model's least certain label for
// each sample. Evaluation samples stay blind: no proposal, only the label keys.
class TeachEditor : public SampleEditor
{
    Q_OBJECT
public:
    TeachEditor(LabelingSession *session, bool multiLabel, QWidget *parent = nullptr);

    QString acceptText() const override;
    QString evalBannerText() const override;
    QString shortcutHelp() const override;
    QList<QPushButton *> actionButtons() override;
    bool setLabels(const QVector<Label> &labels) override;
    void showSample(const LabelingSession::Shown &shown) override;
    void showNothing(const QString &message) override;
    void rankingApplied() override;
    void accept() override; // yes
    void reject();          // no
    void labelKey(int labelIndex) override;

    QString proposedLabel() const { return m_proposal; }
    // The label to teach; empty: the model picks the label it is least sure of, per sample.
    void setTeachLabel(const QString &label);

protected:
    void changeEvent(QEvent *event) override;

private:
    void propose();
    void updateQuestion();
    void save(const QStringList &labels, const Provenance &provenance);
    void fillTeachBox();

    bool m_multi;
    QVector<Label> m_labels;
    std::optional<LabelingSession::Shown> m_shown;
    QString m_proposal;
    std::optional<double> m_probability;

    QLabel *m_question;
    QTextBrowser *m_text;
    QComboBox *m_teachBox;
    QLabel *m_teachCaption;
    LabelButtonRow *m_buttons;
    QPushButton *m_reject;
};

} // namespace marginalia::ui
