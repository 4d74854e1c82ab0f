#include "ui/ShortcutsDialog.h"
#include "ui/LabelKeys.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginalia::ui {

namespace {
QString plainText(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)"))); // menu mnemonics
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    return text;
}
} // namespace

ShortcutsDialog::ShortcutsDialog(const QVector<Group> &groups, const QVector<Label> &labels, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setHorizontalHeaderLabels({tr("Where"), tr("Command"), tr("Keys")});
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto addRow = [this](const QString &where, const QString &what, const QString &keys) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        m_table->setItem(r, 0, new QTableWidgetItem(where));
        m_table->setItem(r, 1, new QTableWidgetItem(what));
        m_table->setItem(r, 2, new QTableWidgetItem(keys));
    };
    for (const Group &group : groups)
        for (QAction *action : group.actions) {
            QStringList keys;
            for (const QKeySequence &k : action->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            if (!keys.isEmpty() && !action->text().isEmpty())
                addRow(plainText(group.title), plainText(action->text()), keys.join(QStringLiteral(", ")));
        }
    const QStringList keys = labelKeys(labels);
    for (int i = 0; i < labels.size(); ++i)
        addRow(tr("Label keys"), tr("Label as %1").arg(labels.at(i).name), keys.at(i).toUpper());
    m_table->resizeColumnsToContents();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace marginalia::ui
