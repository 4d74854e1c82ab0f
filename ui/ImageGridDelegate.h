#pragma once
#include "store/ProjectTypes.h"

#include <QHash>
#include <QStyledItemDelegate>

namespace marginalia::ui {

// One cell of the image grid: the thumbnail (a grey placeholder until it is made, the reason when there is no
// picture) and under it the label on its colour, or the model's guess with its confidence in grey italics.
class ImageGridDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ImageGridDelegate(QObject *parent = nullptr);

    void setLabels(const QVector<Label> &labels);
    void setThumbnailSide(int pixels) { m_side = pixels; }
    QSize cellSize() const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_side = 128;
    QHash<QString, QColor> m_colors;
};

} // namespace marginalia::ui
