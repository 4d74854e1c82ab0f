#pragma once
#include "ui/SampleEditor.h"

#include <QSet>

class QLabel;
class QTextBrowser;

namespace marginalia::ui {

class LabelButtonRow;

// The editor of text classification: the text, large, the model's guess, and a button per label. A label key
// labels the sample and advances (single-label) or toggles the label, Enter saving the selection
// (multi-label); Enter alone accepts the model's guess.
class LabelButtonsEditor : public SampleEditor
{
    Q_OBJECT
    // Its words keep the translation context of the view it was split from, which translations/ is keyed by.
    struct Words { Q_DECLARE_TR_FUNCTIONS(marginalia::ui::LabelingView) };

public:
    LabelButtonsEditor(LabelingSession *session, bool multiLabel, QWidget *parent = nullptr);

    QString acceptText() const override;
    QString evalBannerText() const override;
    QString shortcutHelp() const override;
    bool setLabels(const QVector<Label> &labels) override;
    void showSample(const LabelingSession::Shown &shown) override;
    void showNothing(const QString &message) override;
    void accept() override;
    void labelKey(int labelIndex) override;
    bool navigationKey(QKeyEvent *event) override;

protected:
    // For an editor that shows the sample otherwise (an image): `content` takes the text's place above the
    // guess and the buttons, and showContent/showContentMessage fill it.
    LabelButtonsEditor(LabelingSession *session, bool multiLabel, QWidget *content, QWidget *parent);
    QWidget *content() const { return m_content; }
    virtual void showContent(const LabelingSession::Shown &shown);
    virtual void showContentMessage(const QString &message);
    // False while the annotator cannot see what they would answer about (an image still loading, or missing):
    // label keys and Accept then say why instead of saving.
    virtual bool readyToAnswer() { return true; }
    qint64 sampleId() const { return m_sampleId; }
    void changeEvent(QEvent *event) override;

private:
    void save(const QStringList &labels, AnnotationSource source = AnnotationSource::Human);
    void updateGuessText();
    void updateButtons();

    bool m_multi;
    QVector<Label> m_labels;
    qint64 m_sampleId = 0; // the sample shown; 0 = none
    bool m_blind = false;  // an evaluation sample: the session gives no guess (see LabelingSession)
    QString m_guess;
    double m_guessConfidence = -1; // of the model's guess for the sample; < 0: no guess
    QString m_existing;            // the sample's stored label(s), shown next to the guess
    QSet<QString> m_toggled;       // the selection: the stored labels, else (multi-label) the guess
    QStringList m_rejected;        // "not this label" for the sample (teach mode's no): never pre-selected

    QTextBrowser *m_text = nullptr; // the text; none when another content widget shows the sample
    QWidget *m_content;
    QLabel *m_guessLabel;
    LabelButtonRow *m_buttons;
};

} // namespace marginalia::ui
