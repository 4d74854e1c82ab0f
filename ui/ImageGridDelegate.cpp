#include "ui/ImageGridDelegate.h"
#include "ui/ImageGridModel.h"
#include "ui/LabelButtonRow.h"

#include <QApplication>
#include <QPainter>

namespace marginalia::ui {

namespace {
constexpr int kPad = 4;
constexpr int kCaption = 20;
} // namespace

ImageGridDelegate::ImageGridDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void ImageGridDelegate::setLabels(const QVector<Label> &labels)
{
    m_colors.clear();
    for (const Label &l : labels)
        m_colors.insert(l.name, QColor(labelColor(l)));
}

QSize ImageGridDelegate::cellSize() const { return QSize(m_side + 2 * kPad, m_side + 2 * kPad + kCaption); }

QSize ImageGridDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const { return cellSize(); }

void ImageGridDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QRect cell = option.rect;
    const QPalette &pal = option.palette;
    if (option.state & QStyle::State_Selected)
        painter->fillRect(cell, pal.color(QPalette::Highlight));
    const QRect picture(cell.left() + kPad, cell.top() + kPad, m_side, m_side);
    const QImage image = index.data(Qt::DecorationRole).value<QImage>();
    if (!image.isNull()) {
        // Whole and centered; small images (8 x 8 digits) are enlarged with square pixels, not blurred.
        const QSize shown = image.size().scaled(picture.size(), Qt::KeepAspectRatio);
        const QRect target(picture.left() + (picture.width() - shown.width()) / 2,
                           picture.top() + (picture.height() - shown.height()) / 2, shown.width(), shown.height());
        painter->setRenderHint(QPainter::SmoothPixmapTransform, shown.width() < image.width() * 3);
        painter->drawImage(target, image);
    } else {
        painter->fillRect(picture, pal.color(QPalette::Midlight));
        const QString error = index.data(ImageGridModel::ThumbnailErrorRole).toString();
        if (!error.isEmpty()) { // no picture: say so in the cell, the whole reason is the tool tip
            painter->setPen(QColor(0xb0, 0x20, 0x20));
            painter->drawText(picture.adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap,
                              tr("No image"));
        }
    }
    const QRect caption(cell.left() + kPad, picture.bottom() + 2, m_side, kCaption - 2);
    const QString label = index.data(ImageGridModel::LabelRole).toString();
    QFont font = option.font;
    if (!label.isEmpty()) {
        const QColor color = m_colors.value(label, QColor(Qt::gray));
        painter->fillRect(caption, color);
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(color.lightnessF() > 0.6 ? Qt::black : Qt::white);
        const bool accepted = index.data(ImageGridModel::SourceRole).toInt() == int(AnnotationSource::ModelAccepted);
        // A guess accepted in bulk is marked, so that it can be told from a label a person gave.
        const QString text = accepted ? tr("%1 (accepted)").arg(label) : label;
        painter->drawText(caption, Qt::AlignCenter, option.fontMetrics.elidedText(text, Qt::ElideRight, caption.width()));
    } else if (const QVariant confidence = index.data(ImageGridModel::ConfidenceRole); confidence.isValid()) {
        font.setItalic(true);
        painter->setFont(font);
        painter->setPen((option.state & QStyle::State_Selected) ? pal.color(QPalette::HighlightedText)
                                                                 : pal.color(QPalette::PlaceholderText));
        const QString text = tr("%1? %2%").arg(index.data(ImageGridModel::PredictedRole).toString())
                                 .arg(confidence.toDouble() * 100, 0, 'f', 0);
        painter->drawText(caption, Qt::AlignCenter, option.fontMetrics.elidedText(text, Qt::ElideRight, caption.width()));
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(pal.color(QPalette::Highlight).darker(130), 1, Qt::DotLine));
        painter->drawRect(cell.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}

} // namespace marginalia::ui
