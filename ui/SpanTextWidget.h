#pragma once
#include "text/SpanTokens.h"
#include "ui/SpanDraft.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <QHash>
#include <QTextLayout>

namespace marginalia::ui {

// One sample's text, large and wrapped to the width (scrolling when long), with the annotator's spans as
// filled boxes and the model's pending spans as dashed outlines, each with its label name underneath. It
// holds the selection (tokens from an anchor to a caret, or one clicked span or prediction) and turns mouse
// drags, clicks and double-clicks into selections; what a selection means is SpanEditor's business.
class SpanTextWidget : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit SpanTextWidget(QWidget *parent = nullptr);

    void setSample(const QString &text, const QVector<text::TokenSpan> &tokens);
    void setPlaceholder(const QString &message); // no sample to show: a gray message instead
    void setDraft(const SpanDraft &draft);
    void setLabelColors(const QHash<QString, QColor> &colors);

    int tokenCount() const { return int(m_tokens.size()); }
    int caret() const { return m_caret; }
    text::TokenRange selection() const;               // the selected tokens, first <= last
    int selectedSpan() const { return m_selectedSpan; } // index into the draft's spans; -1 = none
    int selectedPrediction() const { return m_selectedPrediction; }
    void setCaret(int token, bool extend);
    void selectSpan(int index);
    void selectPrediction(int index);
    // Where a token is drawn, in viewport coordinates (its first line), e.g. to click it.
    QRect tokenRect(int token) const;
    void ensureTokenVisible(int token);

Q_SIGNALS:
    void selectionChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Tag
    {
        QRectF box;
        QString text;
        QColor color;
        bool predicted = false;
        bool selected = false;
    };
    void updateFonts();
    void relayout();
    void updateScrollBar();
    QVector<QRectF> rangeRects(int start, int end) const;
    QRectF boxOf(const QRectF &textRect) const;
    QRectF tagBox(const QRectF &firstTextRect) const;
    int tokenAt(const QPoint &viewportPos) const;
    QColor colorOf(const QString &label) const;
    void paintTags(QPainter &painter, QVector<Tag> tags) const;
    void notify();

    QString m_text;
    QVector<text::TokenSpan> m_tokens;
    SpanDraft m_draft;
    QHash<QString, QColor> m_colors;
    bool m_placeholder = false;
    int m_anchor = 0;
    int m_caret = 0;
    int m_selectedSpan = -1;
    int m_selectedPrediction = -1;
    int m_pressToken = -1;
    bool m_dragging = false;
    QTextLayout m_layout;
    int m_layoutWidth = -1;
    qreal m_contentHeight = 0;
    qreal m_tagHeight = 0;
    qreal m_letterSpacing = 0;
    QFont m_textFont;
    QFont m_tagFont;
};

} // namespace marginalia::ui
