#include "ui/StartPage.h"
#include "store/ServerLocation.h"

#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace marginalia::ui {

StartPage::StartPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("startPage"));
    m_title = new QLabel(this);
    auto *newButton = m_newButton = new QPushButton(this);
    newButton->setObjectName(QStringLiteral("newProjectButton"));
    auto *openButton = m_openButton = new QPushButton(this);
    auto *demoButton = m_demoButton = new QPushButton(this);
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
    column->addWidget(m_title);
    column->addLayout(buttons);
    m_recentHint = new QLabel(this);
    column->addWidget(m_recentHint);
    column->addWidget(m_recent, 1);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);
    retranslateUi();
}

void StartPage::retranslateUi()
{
    m_title->setText(tr("<h1>Marginalia</h1><p>Label the samples your model finds most informative.</p>"));
    m_newButton->setText(tr("New project…"));
    m_openButton->setText(tr("Open…"));
    m_demoButton->setText(tr("Open the demo project"));
    m_recentHint->setText(tr("Recent projects (double-click to open); drop data files on the window to import "
                             "them into the open project."));
}

void StartPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StartPage::setRecent(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        if (isServerLocation(path)) { // a project on a server: its name and where; whether it is there shows on open
            auto *item = new QListWidgetItem(QStringLiteral("%1    —    %2").arg(projectTitle(path), displayLocation(path)),
                                             m_recent);
            item->setData(Qt::UserRole, path);
            continue;
        }
        const QFileInfo info(path);
        auto *item = new QListWidgetItem(QStringLiteral("%1    —    %2").arg(info.completeBaseName(), info.absolutePath()),
                                         m_recent);
        item->setData(Qt::UserRole, path);
        if (!info.exists())
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
}

} // namespace marginalia::ui
