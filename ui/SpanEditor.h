#pragma once
#include "ui/SampleEditor.h"
#include "ui/SpanDraft.h"

class QLabel;

namespace marginalia::ui {

class LabelButtonRow;
class SpanTextWidget;

// The editor of span labeling (ner): the text, large, with its entities as colored spans and the model's
// spans in a distinct style until accepted. Tokens are selected with the mouse or the arrows, a label key
// labels them, Enter accepts the model's spans and saves. Every edit before the save goes on the project's
// undo stack (LabelingSession::pushEdit), so undo steps through them and back across samples.
class SpanEditor : public SampleEditor
{
    Q_OBJECT
    // Its words keep the translation context of the view it was split from, which translations/ is keyed by.
    struct Words { Q_DECLARE_TR_FUNCTIONS(marginalia::ui::SpanLabelingView) };

public:
    explicit SpanEditor(LabelingSession *session, QWidget *parent = nullptr);

    SpanTextWidget *textWidget() const { return m_text; }
    const SpanDraft &draft() const { return m_draft; }

    QString acceptText() const override;
    QString evalBannerText() const override;
    QString shortcutHelp() const override;
    QList<QPushButton *> actionButtons() override { return {m_acceptSpan, m_removeSpan}; }
    bool setLabels(const QVector<Label> &labels) override;
    void showSample(const LabelingSession::Shown &shown) override;
    void showNothing(const QString &message) override;
    void showDraft(const QVariant &draft) override;
    void rankingApplied() override;
    void accept() override { save(true); }
    void labelKey(int labelIndex) override;
    bool navigationKey(QKeyEvent *event) override;
    bool commandKey(QKeyEvent *event) override;
    void escape() override;

    // Stores the draft's spans (with the pending predictions too if acceptPending) and advances.
    bool save(bool acceptPending);
    void acceptOne();
    void deleteSelection();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void edit(const SpanDraft &after, const QString &what);
    void setDraft(const SpanDraft &draft);
    void updateInfo();
    QString tokenText(int first, int last) const;

    QVector<Label> m_labels;
    Sample m_sample; // the sample shown; id 0 = none
    QVector<text::TokenSpan> m_tokens;
    SpanDraft m_draft;
    QVector<Span> m_predicted; // the model's spans when the sample came up: accepted unchanged = model-accepted
    bool m_hasPrediction = false;
    double m_predictionConfidence = 0;
    bool m_wasLabeled = false; // the sample had an annotation when shown (Back, Undo, Browse)

    SpanTextWidget *m_text;
    QLabel *m_modelInfo;
    QLabel *m_selectionInfo;
    LabelButtonRow *m_buttons;
    QPushButton *m_acceptSpan;
    QPushButton *m_removeSpan;
};

} // namespace marginalia::ui
