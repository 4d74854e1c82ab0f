#include "ui/SpanTextWidget.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

namespace marginalia::ui {

namespace {
constexpr qreal kMargin = 14;  // around the text
constexpr qreal kBoxPad = 4;   // a span's box reaches this far above and below its line
constexpr qreal kLineGap = 10; // between one line's tags and the next line's boxes
const QColor kFallback[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0x59, 0xa1, 0x4f),
                            QColor(0xe1, 0x57, 0x59), QColor(0xb0, 0x7a, 0xa1), QColor(0x76, 0xb7, 0xb2)};

const Span &spanOf(const Span &s) { return s; }
const Span &spanOf(const PredictedSpan &p) { return p.span; }

template<typename List>
int sameExtent(const List &list, const Span &span)
{
    for (int i = 0; i < list.size(); ++i)
        if (spanOf(list.at(i)).start == span.start && spanOf(list.at(i)).end == span.end)
            return i;
    return -1;
}
} // namespace

SpanTextWidget::SpanTextWidget(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("spanText"));
    // Keys belong to the labeling view around it; the wheel still scrolls and the mouse still selects.
    setFocusPolicy(Qt::NoFocus);
    viewport()->setFocusPolicy(Qt::NoFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setBackgroundRole(QPalette::Base);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_layout.setTextOption(option);
    m_layout.setCacheEnabled(true);
    updateFonts();
}

void SpanTextWidget::updateFonts()
{
    m_textFont = font();
    m_textFont.setPointSizeF(font().pointSizeF() * 1.6);
    // Room between words for the span boxes' edges, so a box never touches the next word.
    m_textFont.setWordSpacing(QFontMetricsF(m_textFont).horizontalAdvance(QLatin1Char(' ')) * 0.35);
    m_tagFont = font();
    m_tagFont.setPointSizeF(font().pointSizeF() * 0.8);
    m_tagFont.setBold(true);
    m_tagHeight = QFontMetricsF(m_tagFont).height() + 2;
    QFont layoutFont = m_textFont;
    layoutFont.setLetterSpacing(QFont::AbsoluteSpacing, m_letterSpacing);
    m_layout.setFont(layoutFont);
    m_layoutWidth = -1;
    relayout();
}

void SpanTextWidget::setSample(const QString &text, const QVector<text::TokenSpan> &tokens)
{
    m_text = text;
    m_tokens = tokens;
    m_placeholder = false;
    // Chinese and Japanese have no spaces between words: a little room between characters keeps the box of
    // a one-character span off its neighbours.
    const bool cjk = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        const QChar::Script script = c.script();
        return script == QChar::Script_Han || script == QChar::Script_Hiragana || script == QChar::Script_Katakana
               || script == QChar::Script_Hangul;
    });
    const qreal spacing = cjk ? 4 : 0;
    if (spacing != m_letterSpacing) {
        m_letterSpacing = spacing;
        updateFonts();
    }
    m_draft = {};
    m_anchor = m_caret = 0;
    m_selectedSpan = m_selectedPrediction = -1;
    m_dragging = false;
    m_layoutWidth = -1;
    relayout();
    verticalScrollBar()->setValue(0);
    viewport()->update();
}

void SpanTextWidget::setPlaceholder(const QString &message)
{
    setSample(message, {});
    m_placeholder = true;
    viewport()->update();
}

void SpanTextWidget::setDraft(const SpanDraft &draft)
{
    // A picked span stays picked while one with the same extent is still there (e.g. after a retype).
    const int span = m_selectedSpan >= 0 ? sameExtent(draft.spans, m_draft.spans.at(m_selectedSpan)) : -1;
    const int prediction =
        m_selectedPrediction >= 0 ? sameExtent(draft.pending, m_draft.pending.at(m_selectedPrediction).span) : -1;
    m_draft = draft;
    const bool changed = span != m_selectedSpan || prediction != m_selectedPrediction;
    m_selectedSpan = span;
    m_selectedPrediction = prediction;
    if (changed)
        Q_EMIT selectionChanged();
    viewport()->update();
}

void SpanTextWidget::setLabelColors(const QHash<QString, QColor> &colors)
{
    m_colors = colors;
    viewport()->update();
}

text::TokenRange SpanTextWidget::selection() const
{
    if (m_tokens.isEmpty())
        return {};
    return text::TokenRange{std::min(m_anchor, m_caret), std::max(m_anchor, m_caret)};
}

void SpanTextWidget::setCaret(int token, bool extend)
{
    if (m_tokens.isEmpty())
        return;
    m_caret = std::clamp(token, 0, int(m_tokens.size()) - 1);
    if (!extend)
        m_anchor = m_caret;
    m_selectedSpan = m_selectedPrediction = -1;
    ensureTokenVisible(m_caret);
    notify();
}

void SpanTextWidget::selectSpan(int index)
{
    m_selectedSpan = index >= 0 && index < m_draft.spans.size() ? index : -1;
    m_selectedPrediction = -1;
    notify();
}

void SpanTextWidget::selectPrediction(int index)
{
    m_selectedPrediction = index >= 0 && index < m_draft.pending.size() ? index : -1;
    m_selectedSpan = -1;
    notify();
}

void SpanTextWidget::notify()
{
    viewport()->update();
    Q_EMIT selectionChanged();
}

void SpanTextWidget::relayout()
{
    const int width = viewport()->width();
    if (width == m_layoutWidth)
        return;
    m_layoutWidth = width;
    // Line breaks lay out as line separators: same length, so character offsets stay those of the sample.
    QString shown = m_text;
    shown.replace(QLatin1Char('\n'), QChar::LineSeparator).replace(QLatin1Char('\r'), QLatin1Char(' '));
    m_layout.setText(shown);
    const qreal lineWidth = std::max<qreal>(40, width - 2 * kMargin);
    qreal y = kMargin + kBoxPad;
    m_layout.beginLayout();
    for (QTextLine line = m_layout.createLine(); line.isValid(); line = m_layout.createLine()) {
        line.setLineWidth(lineWidth);
        line.setPosition(QPointF(kMargin, y));
        y += line.height() + kBoxPad + m_tagHeight + kLineGap;
    }
    m_layout.endLayout();
    m_contentHeight = y + kMargin;
    updateScrollBar();
}

void SpanTextWidget::updateScrollBar()
{
    const int page = viewport()->height();
    verticalScrollBar()->setPageStep(page);
    verticalScrollBar()->setSingleStep(int(QFontMetricsF(m_textFont).height()));
    verticalScrollBar()->setRange(0, std::max(0, int(std::ceil(m_contentHeight)) - page));
}

void SpanTextWidget::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
    updateScrollBar();
}

void SpanTextWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateFonts();
    QAbstractScrollArea::changeEvent(event);
}

void SpanTextWidget::scrollContentsBy(int, int) { viewport()->update(); }

QVector<QRectF> SpanTextWidget::rangeRects(int start, int end) const
{
    QVector<QRectF> rects;
    for (int i = 0; i < m_layout.lineCount(); ++i) {
        const QTextLine line = m_layout.lineAt(i);
        const int from = std::max(start, line.textStart());
        const int to = std::min(end, line.textStart() + line.textLength());
        if (from >= to)
            continue;
        qreal x1 = line.cursorToX(from);
        qreal x2 = line.cursorToX(to);
        if (x2 < x1)
            std::swap(x1, x2);
        rects.push_back(QRectF(x1, line.y(), x2 - x1, line.height()));
    }
    return rects;
}

QRectF SpanTextWidget::boxOf(const QRectF &textRect) const
{
    // With letter spacing every character cell ends in the spacing: the box edges sit in its middle, so
    // boxes of neighbouring characters do not overlap.
    const qreal left = m_letterSpacing > 0 ? -m_letterSpacing / 2 + 0.5 : -3;
    const qreal right = m_letterSpacing > 0 ? -m_letterSpacing / 2 - 0.5 : 3;
    return textRect.adjusted(left, -kBoxPad + 1, right, kBoxPad - 1);
}

// Where a span's label name goes: under the start of its box (its width is settled when painted).
QRectF SpanTextWidget::tagBox(const QRectF &firstTextRect) const
{
    return QRectF(boxOf(firstTextRect).left(), firstTextRect.bottom() + kBoxPad, 0, m_tagHeight);
}

QRect SpanTextWidget::tokenRect(int token) const
{
    if (token < 0 || token >= m_tokens.size())
        return {};
    const QVector<QRectF> rects = rangeRects(m_tokens.at(token).start, m_tokens.at(token).end);
    if (rects.isEmpty())
        return {};
    return rects.first().translated(0, -verticalScrollBar()->value()).toAlignedRect();
}

void SpanTextWidget::ensureTokenVisible(int token)
{
    const QRect r = tokenRect(token);
    if (r.isNull())
        return;
    QScrollBar *bar = verticalScrollBar();
    const int below = int(kBoxPad + m_tagHeight + kLineGap);
    if (r.top() - kBoxPad < 0)
        bar->setValue(bar->value() + r.top() - int(kMargin));
    else if (r.bottom() + below > viewport()->height())
        bar->setValue(bar->value() + r.bottom() + below - viewport()->height());
}

int SpanTextWidget::tokenAt(const QPoint &viewportPos) const
{
    if (m_tokens.isEmpty() || m_layout.lineCount() == 0)
        return -1;
    const qreal y = viewportPos.y() + verticalScrollBar()->value();
    // The line whose band (box, text and tag) is nearest to the point.
    int lineIndex = 0;
    qreal best = 1e12;
    for (int i = 0; i < m_layout.lineCount(); ++i) {
        const QTextLine line = m_layout.lineAt(i);
        const qreal top = line.y() - kBoxPad;
        const qreal bottom = line.y() + line.height() + kBoxPad + m_tagHeight;
        const qreal distance = y < top ? top - y : (y > bottom ? y - bottom : 0);
        if (distance < best) {
            best = distance;
            lineIndex = i;
        }
    }
    const QTextLine line = m_layout.lineAt(lineIndex);
    const int pos = line.xToCursor(viewportPos.x(), QTextLine::CursorOnCharacter);
    const int lineStart = line.textStart(), lineEnd = line.textStart() + line.textLength();
    // The token under the point, else the nearest one on that line, else the nearest anywhere.
    int nearest = -1;
    int nearestDistance = INT_MAX;
    for (int pass = 0; pass < 2 && nearest < 0; ++pass) {
        for (int i = 0; i < m_tokens.size(); ++i) {
            const text::TokenSpan &t = m_tokens.at(i);
            if (pass == 0 && (t.end <= lineStart || t.start >= lineEnd))
                continue;
            const int distance = pos < t.start ? t.start - pos : (pos >= t.end ? pos - t.end + 1 : 0);
            if (distance < nearestDistance) {
                nearestDistance = distance;
                nearest = i;
            }
        }
    }
    return nearest;
}

void SpanTextWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int token = tokenAt(event->position().toPoint());
    if (token < 0)
        return;
    m_pressToken = token;
    m_dragging = true;
    m_anchor = m_caret = token;
    // A click on a span picks the span (a label key retypes it, Delete removes it); a drag from there
    // becomes a token selection again.
    const QPoint p = event->position().toPoint() + QPoint(0, verticalScrollBar()->value());
    int onSpan = -1, onPrediction = -1;
    for (int i = 0; i < m_draft.spans.size() && onSpan < 0; ++i)
        for (const QRectF &r : rangeRects(m_draft.spans.at(i).start, m_draft.spans.at(i).end))
            if (r.adjusted(-kBoxPad, -kBoxPad, kBoxPad, kBoxPad + m_tagHeight).contains(p))
                onSpan = i;
    for (int i = 0; i < m_draft.pending.size() && onSpan < 0 && onPrediction < 0; ++i)
        for (const QRectF &r : rangeRects(m_draft.pending.at(i).span.start, m_draft.pending.at(i).span.end))
            if (r.adjusted(-kBoxPad, -kBoxPad, kBoxPad, kBoxPad + m_tagHeight).contains(p))
                onPrediction = i;
    m_selectedSpan = onSpan;
    m_selectedPrediction = onPrediction;
    notify();
}

void SpanTextWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    const int token = tokenAt(event->position().toPoint());
    if (token < 0 || (token == m_caret && m_selectedSpan < 0 && m_selectedPrediction < 0))
        return;
    if (token == m_pressToken && token == m_caret)
        return; // still on the pressed token: a click, not a drag
    m_caret = token;
    m_selectedSpan = m_selectedPrediction = -1;
    ensureTokenVisible(token);
    notify();
}

void SpanTextWidget::mouseReleaseEvent(QMouseEvent *) { m_dragging = false; }

void SpanTextWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int token = tokenAt(event->position().toPoint());
    if (token < 0)
        return;
    m_anchor = m_caret = token; // the word, even inside a span: so a span can be cut down to one word
    m_selectedSpan = m_selectedPrediction = -1;
    m_dragging = false;
    notify();
}

QColor SpanTextWidget::colorOf(const QString &label) const
{
    const QColor c = m_colors.value(label);
    if (c.isValid())
        return c;
    return kFallback[qHash(label) % (sizeof(kFallback) / sizeof(kFallback[0]))];
}

void SpanTextWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(0, -verticalScrollBar()->value());
    const QPalette pal = palette();
    if (m_placeholder) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        m_layout.draw(&painter, QPointF());
        return;
    }
    // The token selection (while no span is picked), under everything else.
    const text::TokenRange sel = selection();
    if (!sel.isEmpty() && m_selectedSpan < 0 && m_selectedPrediction < 0) {
        QColor highlight = pal.color(QPalette::Highlight);
        highlight.setAlpha(60);
        for (const QRectF &r : rangeRects(m_tokens.at(sel.first).start, m_tokens.at(sel.last).end))
            painter.fillRect(r.adjusted(-2, -1, 2, 1), highlight);
    }

    QVector<Tag> tags;
    for (int i = 0; i < m_draft.spans.size(); ++i) {
        const Span &s = m_draft.spans.at(i);
        const QColor color = colorOf(s.label);
        const bool selected = i == m_selectedSpan;
        QColor fill = color;
        fill.setAlpha(selected ? 110 : 60);
        const QVector<QRectF> rects = rangeRects(s.start, s.end);
        for (const QRectF &r : rects) {
            const QRectF box = boxOf(r);
            painter.setPen(QPen(color, selected ? 2.6 : 1.2));
            painter.setBrush(fill);
            painter.drawRoundedRect(box, 4, 4);
        }
        if (!rects.isEmpty())
            tags.push_back({tagBox(rects.first()), s.label, color, false, selected});
    }
    for (int i = 0; i < m_draft.pending.size(); ++i) {
        const PredictedSpan &p = m_draft.pending.at(i);
        const QColor color = colorOf(p.span.label);
        const bool selected = i == m_selectedPrediction;
        QColor fill = color;
        fill.setAlpha(selected ? 50 : 18);
        const QVector<QRectF> rects = rangeRects(p.span.start, p.span.end);
        for (const QRectF &r : rects) {
            const QRectF box = boxOf(r);
            painter.setPen(QPen(color, selected ? 2.4 : 1.5, Qt::DashLine));
            painter.setBrush(fill);
            painter.drawRoundedRect(box, 4, 4);
        }
        if (!rects.isEmpty()) {
            const QString text = p.confidence > 0
                                     ? QStringLiteral("%1 %2%").arg(p.span.label).arg(qRound(p.confidence * 100))
                                     : p.span.label;
            tags.push_back({tagBox(rects.first()), text, color, true, selected});
        }
    }

    painter.setPen(pal.color(QPalette::Text));
    painter.setBrush(Qt::NoBrush);
    m_layout.draw(&painter, QPointF());
    paintTags(painter, tags);

    // The caret: a bar under the token the arrows move from.
    if (!m_tokens.isEmpty() && m_caret < m_tokens.size()) {
        const QVector<QRectF> rects = rangeRects(m_tokens.at(m_caret).start, m_tokens.at(m_caret).end);
        if (!rects.isEmpty()) {
            const QRectF r = rects.first();
            painter.fillRect(QRectF(r.left(), r.bottom() + 1, std::max<qreal>(r.width(), 4), 2.5),
                             pal.color(QPalette::Highlight));
        }
    }
}

// Label names under their spans: chips for the annotator's, italic text for the model's. A name wider than
// the room before the next one on its line is shortened rather than drawn over it.
void SpanTextWidget::paintTags(QPainter &painter, QVector<Tag> tags) const
{
    std::sort(tags.begin(), tags.end(), [](const Tag &a, const Tag &b) {
        return a.box.top() != b.box.top() ? a.box.top() < b.box.top() : a.box.left() < b.box.left();
    });
    for (int i = 0; i < tags.size(); ++i) {
        Tag &t = tags[i];
        QFont f = m_tagFont;
        f.setItalic(t.predicted);
        f.setBold(!t.predicted || t.selected);
        const QFontMetricsF fm(f);
        qreal room = viewport()->width() - t.box.left() - 2;
        if (i + 1 < tags.size() && qFuzzyCompare(tags.at(i + 1).box.top(), t.box.top()))
            room = tags.at(i + 1).box.left() - t.box.left() - 3;
        const qreal width = std::max<qreal>(room - 8, fm.horizontalAdvance(QChar(0x2026)));
        const QString text = fm.elidedText(t.text, Qt::ElideRight, width);
        const QRectF box(t.box.left(), t.box.top(), fm.horizontalAdvance(text) + 8, t.box.height());
        painter.setFont(f);
        if (t.predicted) {
            painter.setPen(t.color.darker(130));
            painter.drawText(box, Qt::AlignCenter, text);
            continue;
        }
        painter.setPen(Qt::NoPen);
        painter.setBrush(t.selected ? t.color.darker(125) : t.color);
        painter.drawRoundedRect(box, 3, 3);
        // White on dark label colors, near-black on light ones.
        painter.setPen(t.color.lightnessF() > 0.62 ? QColor(0x20, 0x20, 0x20) : Qt::white);
        painter.drawText(box, Qt::AlignCenter, text);
    }
    painter.setBrush(Qt::NoBrush);
}

} // namespace marginalia::ui
