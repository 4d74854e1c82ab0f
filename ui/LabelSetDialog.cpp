#include "ui/LabelSetDialog.h"
#include "store/ProjectStore.h"
#include "ui/LabelKeys.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginalia::ui {

LabelSetDialog::LabelSetDialog(ProjectStore *store, QWidget *parent) : QDialog(parent), m_store(store)
{
    setObjectName(QStringLiteral("labelSetDialog"));
    setWindowTitle(tr("Label set"));
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("labelSetTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Color"), tr("Key")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("labelSetStatus"));
    m_status->setWordWrap(true);
    auto *add = new QPushButton(tr("Add label"), this);
    auto *remove = new QPushButton(tr("Remove label"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        // A new label gets its key at once, saved with it.
        const auto labels = m_store->labels();
        const auto added = m_store->addLabel(tr("label %1").arg(m_table->rowCount() + 1), QString(),
                                             labels ? nextFreeLabelKey(*labels) : QString());
        m_status->setText(added ? QString() : added.error());
        load();
        Q_EMIT labelsChanged();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        const qint64 id = m_table->item(row, 0)->data(Qt::UserRole).toLongLong();
        Status removed = keepDefaultKeys(row);
        if (removed)
            removed = m_store->removeLabel(id);
        m_status->setText(removed ? QString() : removed.error());
        load();
        Q_EMIT labelsChanged();
    });
    connect(m_table, &QTableWidget::cellChanged, this, [this](int row, int) { save(row); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    load();
    resize(480, 360);
}

QString LabelSetDialog::statusText() const { return m_status->text(); }

Status LabelSetDialog::keepDefaultKeys(int exceptRow)
{
    // Every label's key is saved the first time the label set changes here, so that no default key moves to
    // another label when a key is freed (a key changed, a label removed).
    const QStringList keys = labelKeys(m_labels);
    for (int i = 0; i < m_labels.size(); ++i)
        if (i != exceptRow && m_labels.at(i).shortcut.isEmpty() && !keys.at(i).isEmpty()) {
            Label keep = m_labels.at(i);
            keep.shortcut = keys.at(i);
            if (auto s = m_store->updateLabel(keep); !s)
                return s;
        }
    return {};
}

void LabelSetDialog::load()
{
    m_loading = true;
    m_table->setRowCount(0);
    if (auto labels = m_store->labels()) {
        m_labels = *labels;
        const QStringList keys = labelKeys(m_labels);
        for (const Label &l : std::as_const(m_labels)) {
            const int r = m_table->rowCount();
            m_table->insertRow(r);
            auto *name = new QTableWidgetItem(l.name);
            name->setData(Qt::UserRole, l.id);
            m_table->setItem(r, 0, name);
            auto *color = new QTableWidgetItem(l.color);
            color->setBackground(QColor(l.color));
            m_table->setItem(r, 1, color);
            // A label without a key of its own shows the one it gets by default, in italics.
            auto *key = new QTableWidgetItem(keys.at(r).toUpper());
            if (l.shortcut.isEmpty()) {
                QFont italic = key->font();
                italic.setItalic(true);
                key->setFont(italic);
                key->setToolTip(tr("Given by default; type another key to keep one of its own."));
            }
            m_table->setItem(r, 2, key);
        }
    }
    m_loading = false;
}

void LabelSetDialog::save(int row)
{
    if (m_loading)
        return;
    Label label;
    label.id = m_table->item(row, 0)->data(Qt::UserRole).toLongLong();
    label.name = m_table->item(row, 0)->text().trimmed();
    label.color = m_table->item(row, 1) ? m_table->item(row, 1)->text().trimmed() : QString();
    label.shortcut = m_table->item(row, 2) ? m_table->item(row, 2)->text().trimmed().toLower() : QString();
    label.position = row;
    // A key another label, a labeling command or a studio shortcut already answers to is refused, and the
    // row shows its key again. An empty key goes back to the default one.
    if (!label.shortcut.isEmpty() && row < m_labels.size() && label.shortcut != m_labels.at(row).shortcut) {
        if (const QString conflict = labelKeyConflict(m_labels, row, label.shortcut, m_reserved); !conflict.isEmpty()) {
            m_status->setText(tr("Key not changed: %1").arg(conflict));
            load();
            return;
        }
    }
    if (const auto kept = keepDefaultKeys(row); !kept) {
        m_status->setText(kept.error());
        load();
        return;
    }
    const auto saved = m_store->updateLabel(label);
    m_status->setText(saved ? tr("Saved.") : saved.error());
    load();
    Q_EMIT labelsChanged();
}

} // namespace marginalia::ui
