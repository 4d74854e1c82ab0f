#pragma once
#include "store/ProjectTypes.h"

#include <QVector>
#include <QWidget>

class QGridLayout;
class QPushButton;

namespace marginalia::ui {

// The label buttons under a sample, one per label, each with its key ("[1]  billing") and colour, in rows of
// up to eight; a click reports the label's index. How a button looks when picked is the editor's business.
class LabelButtonRow : public QWidget
{
    Q_OBJECT
public:
    explicit LabelButtonRow(QWidget *parent = nullptr);

    void setLabels(const QVector<Label> &labels, bool checkable);
    int count() const { return int(m_buttons.size()); }
    QPushButton *button(int index) const { return m_buttons.at(index); }

Q_SIGNALS:
    void clicked(int labelIndex);

private:
    static constexpr int kMaxPerRow = 8;
    static constexpr int kMaxNameChars = 28;
    QGridLayout *m_layout;
    QVector<QPushButton *> m_buttons;
};

// A label's colour, gray when it has none.
QString labelColor(const Label &label);

} // namespace marginalia::ui
