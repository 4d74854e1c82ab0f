#pragma once
#include "store/ProjectTypes.h"

#include <QString>
#include <QVector>

namespace marginalia::ui {

// The label a key press picks in the labeling views: a label's own shortcut first (case-insensitive), else
// keys 1-9 by position for labels without a shortcut; -1 when the key picks none.
int labelIndexForKey(const QVector<Label> &labels, const QString &text, int key);

} // namespace marginalia::ui
