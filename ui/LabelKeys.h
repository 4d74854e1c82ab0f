#pragma once
#include "store/ProjectTypes.h"

#include <QKeySequence>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

namespace marginalia::ui {

// The keys of the label set in the labeling views. Every label has one: its own shortcut (saved in the
// project), else the next key free of 1-9, 0, then the letters that no labeling command takes. Keys are
// compared case-insensitively.

// The plain letters the labeling commands take (Accept in spans and teach mode, Flag, Skip, Reject): never a
// label's default key, and refused when a label is remapped.
QString commandLetters();
// Each label's key, in label order; "" only for a label beyond the 32 keys there are.
QStringList labelKeys(const QVector<Label> &labels);
// The key the next label added would get by default.
QString nextFreeLabelKey(const QVector<Label> &labels);
// The label a key press picks: the label whose key is `text`; -1 when the key picks none.
int labelIndexForKey(const QVector<Label> &labels, const QString &text);
// Why `key` cannot be the key of label `index`: it is not one plain character, another label has it (as its
// own or its default key), or a command or a studio shortcut (`reserved`, plain keys only) takes it. Empty
// when it can.
QString labelKeyConflict(const QVector<Label> &labels, int index, const QString &key,
                         const QList<QKeySequence> &reserved = {});
// A label's button text, "[key]  name": an '&' in the name is shown, not read as a mnemonic.
QString labelButtonText(const QString &key, const QString &name);

} // namespace marginalia::ui
