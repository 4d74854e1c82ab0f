#include "ui/LabelKeys.h"

#include <QCoreApplication>
#include <QSet>

namespace marginalia::ui {

namespace {
struct Words { Q_DECLARE_TR_FUNCTIONS(marginalia::ui::LabelKeys) };

// Default keys in the order they are handed out: the digit row, then letters left to right on the keyboard's
// rows, so that the first labels sit under the fingers.
QString defaultKeyOrder()
{
    QString keys = QStringLiteral("1234567890");
    for (const QChar c : QStringLiteral("qwertyuiopghjklzcvbnmd"))
        if (!commandLetters().contains(c))
            keys += c;
    return keys;
}

QString normalized(const QString &key) { return key.trimmed().toLower(); }
} // namespace

QString commandLetters() { return QStringLiteral("afsx"); }

QStringList labelKeys(const QVector<Label> &labels)
{
    QStringList keys;
    QSet<QString> taken;
    for (const Label &l : labels)
        if (!l.shortcut.isEmpty())
            taken.insert(normalized(l.shortcut));
    const QString order = defaultKeyOrder();
    int next = 0;
    for (const Label &l : labels) {
        if (!l.shortcut.isEmpty()) {
            keys << normalized(l.shortcut);
            continue;
        }
        while (next < order.size() && taken.contains(QString(order.at(next))))
            ++next;
        if (next < order.size()) {
            const QString key(order.at(next++));
            taken.insert(key);
            keys << key;
        } else {
            keys << QString();
        }
    }
    return keys;
}

QString nextFreeLabelKey(const QVector<Label> &labels)
{
    QVector<Label> more = labels;
    more.push_back(Label{});
    return labelKeys(more).constLast();
}

int labelIndexForKey(const QVector<Label> &labels, const QString &text)
{
    const QString key = normalized(text);
    if (key.size() != 1)
        return -1;
    // Own keys first: a label that kept a letter a command later took still answers to it.
    for (int i = 0; i < labels.size(); ++i)
        if (normalized(labels.at(i).shortcut) == key)
            return i;
    return int(labelKeys(labels).indexOf(key));
}

QString labelKeyConflict(const QVector<Label> &labels, int index, const QString &key, const QList<QKeySequence> &reserved)
{
    const QString k = normalized(key);
    if (k.size() != 1 || !k.at(0).isPrint() || k.at(0).isSpace())
        return Words::tr("A label's key is one letter, digit or sign.");
    if (commandLetters().contains(k))
        return Words::tr("%1 is a labeling command's key.").arg(k.toUpper());
    for (const QKeySequence &s : reserved)
        if (s.count() == 1 && s[0].keyboardModifiers() == Qt::NoModifier
            && QKeySequence(s[0]).toString().compare(k, Qt::CaseInsensitive) == 0)
            return Words::tr("%1 is the studio's shortcut for another command.").arg(k.toUpper());
    const QStringList keys = labelKeys(labels);
    for (int i = 0; i < labels.size(); ++i)
        if (i != index && keys.at(i) == k)
            return Words::tr("%1 is already the key of \"%2\".").arg(k.toUpper(), labels.at(i).name);
    return {};
}

QString labelButtonText(const QString &key, const QString &name)
{
    QString shown = name;
    shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
    return key.isEmpty() ? shown : QStringLiteral("[%1]  %2").arg(key.toUpper(), shown);
}

} // namespace marginalia::ui
