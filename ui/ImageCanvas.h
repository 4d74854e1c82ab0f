#pragma once
#include <QAbstractScrollArea>
#include <QImage>
#include <QPixmap>

namespace marginalia::ui {

// One picture, large: fitted to the window until the annotator zooms (keys through the editor, Ctrl+wheel
// around the pointer, 1:1 for actual pixels), then scrolled with the bars or by dragging. Instead of a picture
// it can show a message (still loading, missing, changed since import). Scaling below 1:1 is done once per zoom
// level from the loader's preview; above it, only the visible part is drawn.
class ImageCanvas : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit ImageCanvas(QWidget *parent = nullptr);

    // `preview` (may be null) is `image` scaled down smoothly, used for the zoom levels it covers.
    void setImage(const QImage &image, const QImage &preview = {});
    void setMessage(const QString &text); // no picture: this text instead
    bool hasImage() const { return !m_image.isNull(); }
    QString message() const { return m_message; }
    QSize imageSize() const { return m_image.size(); }

    double scale() const; // the zoom in effect: 1 = one image pixel per screen pixel
    bool fitsWindow() const { return m_fit; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void actualSize(); // 1:1
    void fitToWindow();

Q_SIGNALS:
    void zoomChanged(double scale);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    double fitScale() const;
    void setScale(double scale, QPointF anchor); // anchor: a viewport point that stays over the same pixel
    void updateBars();
    QRectF imageRect() const; // where the whole image lies in viewport coordinates

    QImage m_image;
    QImage m_preview;
    QString m_message;
    bool m_fit = true;
    double m_scale = 1;
    QPixmap m_scaled; // the image at m_scaled's scale, for zoom levels below 1:1
    double m_scaledAt = 0;
    QPoint m_dragFrom;
};

} // namespace marginalia::ui
