#include "ui/StartPage.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace marginalia::ui {

StartPage::StartPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("startPage"));
    auto *title = new QLabel(tr("<h1>Marginalia</h1><p>Label the samples your model finds most informative.</p>"), this);
    auto *newButton = new QPushButton(tr("New project…"), this);
    newButton->setObjectName(QStringLiteral("newProjectButton"));
    auto *openButton = new QPushButton(tr("Open…"), this);
    auto *demoButton = new QPushButton(tr("Open the demo project"), this);
    connect(newButton, &QPushButton::clicked, this, &StartPage::newRequested);
    connect(openButton, &QPushButton::clicked, this, &StartPage::browseRequested);
    connect(demoButton, &QPushButton::clicked, this, &StartPage::demoRequested);

    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentList"));
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT openRequested(item->data(Qt::UserRole).toString()); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addWidget(demoButton);
    buttons->addStretch();
    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addLayout(buttons);
    column->addWidget(new QLabel(tr("Recent projects (double-click to open); drop data files on the window to import "
                                    "them into the open project."), this));
    column->addWidget(m_recent, 1);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);
}

void StartPage::setRecent(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        const QFileInfo info(path);
        auto *item = new QListWidgetItem(QStringLiteral("%1    —    %2").arg(info.completeBaseName(), info.absolutePath()),
                                         m_recent);
        item->setData(Qt::UserRole, path);
        if (!info.exists())
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
}

} // namespace marginalia::ui
