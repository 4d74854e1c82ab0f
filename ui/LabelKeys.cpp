#include "ui/LabelKeys.h"

namespace marginalia::ui {

int labelIndexForKey(const QVector<Label> &labels, const QString &text, int key)
{
    for (int i = 0; i < labels.size(); ++i)
        if (!labels.at(i).shortcut.isEmpty() && labels.at(i).shortcut.compare(text, Qt::CaseInsensitive) == 0)
            return i;
    if (key >= Qt::Key_1 && key <= Qt::Key_9) {
        const int index = key - Qt::Key_1;
        if (index < labels.size() && labels.at(index).shortcut.isEmpty())
            return index;
    }
    return -1;
}

} // namespace marginalia::ui
