#include "ui/LabelButtonRow.h"

#include <QHBoxLayout>
#include <QPushButton>

namespace marginalia::ui {

QString labelColor(const Label &label)
{
    return label.color.isEmpty() ? QStringLiteral("#888888") : label.color;
}

LabelButtonRow::LabelButtonRow(QWidget *parent) : QWidget(parent)
{
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
}

void LabelButtonRow::setLabels(const QVector<Label> &labels, bool checkable)
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    for (int i = 0; i < labels.size(); ++i) {
        const Label &label = labels.at(i);
        // Keys 1-9 by position for labels without a key of their own, as labelIndexForKey reads them.
        const QString key = label.shortcut.isEmpty() && i < 9 ? QString::number(i + 1) : label.shortcut;
        const QString text = key.isEmpty() ? label.name : QStringLiteral("[%1]  %2").arg(key, label.name);
        auto *button = new QPushButton(text, this);
        button->setObjectName(QStringLiteral("labelButton_%1").arg(i));
        button->setFocusPolicy(Qt::NoFocus); // keys belong to the labeling view
        button->setCheckable(checkable);
        button->setMinimumHeight(36);
        button->setProperty("labelColor", label.color);
        connect(button, &QPushButton::clicked, this, [this, i] { Q_EMIT clicked(i); });
        m_layout->addWidget(button);
        m_buttons.push_back(button);
    }
}

} // namespace marginalia::ui
