#include "ui/LabelButtonRow.h"

#include "ui/LabelKeys.h"

#include <QGridLayout>
#include <QPushButton>

namespace marginalia::ui {

QString labelColor(const Label &label)
{
    return label.color.isEmpty() ? QStringLiteral("#888888") : label.color;
}

LabelButtonRow::LabelButtonRow(QWidget *parent) : QWidget(parent)
{
    m_layout = new QGridLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
}

void LabelButtonRow::setLabels(const QVector<Label> &labels, bool checkable)
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    const QStringList keys = labelKeys(labels);
    // Up to eight buttons a row: fifteen or thirty labels stay readable in two or four rows.
    const int rows = (int(labels.size()) + kMaxPerRow - 1) / kMaxPerRow;
    const int perRow = rows > 0 ? (int(labels.size()) + rows - 1) / rows : 1;
    for (int i = 0; i < labels.size(); ++i) {
        const Label &label = labels.at(i);
        // A long name is cut in the button; the whole name is in its tool tip.
        const QString name = label.name.size() > kMaxNameChars ? label.name.left(kMaxNameChars - 1) + QChar(0x2026)
                                                               : label.name;
        auto *button = new QPushButton(labelButtonText(keys.at(i), name), this);
        button->setToolTip(label.name);
        button->setObjectName(QStringLiteral("labelButton_%1").arg(i));
        button->setFocusPolicy(Qt::NoFocus); // keys belong to the labeling view
        button->setCheckable(checkable);
        button->setMinimumHeight(36);
        button->setProperty("labelColor", label.color);
        connect(button, &QPushButton::clicked, this, [this, i] { Q_EMIT clicked(i); });
        m_layout->addWidget(button, i / perRow, i % perRow);
        m_buttons.push_back(button);
    }
}

} // namespace marginalia::ui
