#include "ui/ImageCanvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace marginalia::ui {

namespace {
constexpr double kStep = 1.25;
constexpr double kMinScale = 0.01;
constexpr double kMaxScale = 64;
// Above this many screen pixels per image pixel, pixels are drawn as squares: a smoothed 8 x 8 digit is a blur.
constexpr double kSharpFrom = 3;
} // namespace

ImageCanvas::ImageCanvas(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("imageCanvas"));
    setFocusPolicy(Qt::NoFocus); // keys belong to labeling
    setFrameShape(QFrame::NoFrame);
    viewport()->setBackgroundRole(QPalette::Dark);
    viewport()->setAutoFillBackground(true);
}

void ImageCanvas::setImage(const QImage &image, const QImage &preview)
{
    m_image = image;
    m_preview = preview;
    m_message.clear();
    m_scaled = QPixmap();
    m_scaledAt = 0;
    m_fit = true; // every image opens whole
    updateBars();
    viewport()->update();
    Q_EMIT zoomChanged(scale());
}

void ImageCanvas::setMessage(const QString &text)
{
    m_image = QImage();
    m_preview = QImage();
    m_scaled = QPixmap();
    m_message = text;
    updateBars();
    viewport()->update();
}

double ImageCanvas::fitScale() const
{
    if (m_image.isNull())
        return 1;
    const QSize area = viewport()->size();
    return std::clamp(std::min(double(area.width()) / m_image.width(), double(area.height()) / m_image.height()),
                      kMinScale, kMaxScale);
}

double ImageCanvas::scale() const { return m_fit ? fitScale() : m_scale; }

void ImageCanvas::zoomIn() { setScale(scale() * kStep, QRectF(viewport()->rect()).center()); }

void ImageCanvas::zoomOut() { setScale(scale() / kStep, QRectF(viewport()->rect()).center()); }

void ImageCanvas::actualSize() { setScale(1, QRectF(viewport()->rect()).center()); }

void ImageCanvas::fitToWindow()
{
    m_fit = true;
    updateBars();
    viewport()->update();
    Q_EMIT zoomChanged(scale());
}

void ImageCanvas::setScale(double newScale, QPointF anchor)
{
    if (m_image.isNull())
        return;
    const QRectF before = imageRect();
    const QPointF pixel = (anchor - before.topLeft()) / scale(); // the image point under the anchor
    m_scale = std::clamp(newScale, kMinScale, kMaxScale);
    m_fit = false;
    updateBars();
    // Scroll so that the same image point is under the anchor again.
    const QPointF wanted = pixel * m_scale - anchor;
    horizontalScrollBar()->setValue(int(std::lround(wanted.x())));
    verticalScrollBar()->setValue(int(std::lround(wanted.y())));
    viewport()->update();
    Q_EMIT zoomChanged(m_scale);
}

void ImageCanvas::updateBars()
{
    const QSize area = viewport()->size();
    const QSize shown = m_image.isNull() ? QSize() : (QSizeF(m_image.size()) * scale()).toSize();
    horizontalScrollBar()->setRange(0, std::max(0, shown.width() - area.width()));
    verticalScrollBar()->setRange(0, std::max(0, shown.height() - area.height()));
    horizontalScrollBar()->setPageStep(area.width());
    verticalScrollBar()->setPageStep(area.height());
}

QRectF ImageCanvas::imageRect() const
{
    const QSizeF shown = QSizeF(m_image.size()) * scale();
    const QSize area = viewport()->size();
    // Centered while it is smaller than the window, else scrolled.
    const double x = shown.width() <= area.width() ? (area.width() - shown.width()) / 2 : -horizontalScrollBar()->value();
    const double y = shown.height() <= area.height() ? (area.height() - shown.height()) / 2 : -verticalScrollBar()->value();
    return QRectF(QPointF(x, y), shown);
}

void ImageCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::BrightText));
        painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const double s = scale();
    const QRectF target = imageRect();
    if (s < 1) {
        // Scaled once per zoom level, from the preview when it is large enough (a photo scales down slowly).
        if (m_scaledAt != s || m_scaled.isNull()) {
            const QSize size = target.size().toSize().expandedTo(QSize(1, 1));
            const QImage &source = !m_preview.isNull() && m_preview.width() >= size.width() ? m_preview : m_image;
            m_scaled = QPixmap::fromImage(source.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
            m_scaledAt = s;
        }
        painter.drawPixmap(target.topLeft(), m_scaled);
        return;
    }
    // At 1:1 and above only the visible part is drawn: a zoomed photo would not fit in memory whole.
    const QRectF visible = target.intersected(QRectF(viewport()->rect()));
    const QRectF source((visible.topLeft() - target.topLeft()) / s, visible.size() / s);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, s < kSharpFrom);
    painter.drawImage(visible, m_image, source);
}

void ImageCanvas::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateBars();
    if (m_fit && !m_image.isNull())
        Q_EMIT zoomChanged(scale());
}

void ImageCanvas::scrollContentsBy(int, int) { viewport()->update(); }

void ImageCanvas::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier) || m_image.isNull()) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        setScale(scale() * std::pow(kStep, steps), event->position());
    event->accept();
}

void ImageCanvas::mousePressEvent(QMouseEvent *event)
{
    m_dragFrom = event->pos();
    if (horizontalScrollBar()->maximum() > 0 || verticalScrollBar()->maximum() > 0)
        viewport()->setCursor(Qt::ClosedHandCursor);
}

void ImageCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const QPoint delta = event->pos() - m_dragFrom;
    m_dragFrom = event->pos();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent *) { viewport()->unsetCursor(); }

} // namespace marginalia::ui
