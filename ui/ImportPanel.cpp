#include "ui/ImportPanel.h"
#include "store/ProjectStore.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace marginalia::ui {

ImportPanel::ImportPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("importPanel"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("importTitle"));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("importProgress"));
    m_bar->setRange(0, 1000);
    m_cancelButton = new QPushButton(this);
    m_cancelButton->setObjectName(QStringLiteral("importCancel"));
    m_closeButton = new QPushButton(this);
    m_problems = new QTableWidget(this);
    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_problems->setColumnCount(2);
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->verticalHeader()->hide();
    m_problems->setMaximumHeight(160);
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_cancelButton, &QPushButton::clicked, this, &ImportPanel::cancel);
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::hide);
    connect(&m_watcher, &QFutureWatcher<Result<ImportSummary>>::finished, this, &ImportPanel::onFinished);
    connect(&m_watcher, &QFutureWatcher<Result<ImportSummary>>::progressValueChanged, m_bar, &QProgressBar::setValue);

    auto *row = new QHBoxLayout;
    row->addWidget(m_title, 1);
    row->addWidget(m_bar, 1);
    row->addWidget(m_cancelButton);
    row->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_problems);
    setStyleSheet(QStringLiteral("#importPanel{background:palette(alternate-base);}"));
    retranslateUi();
    hide();
}

void ImportPanel::retranslateUi()
{
    // The title keeps the language it was written in: it reports one import.
    m_cancelButton->setText(tr("Cancel"));
    m_closeButton->setText(tr("Close"));
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Reason")});
}

void ImportPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

ImportPanel::~ImportPanel()
{
    cancel();
    m_watcher.waitForFinished(); // the job holds its own store; let it close before the window goes
}

void ImportPanel::setProject(const QString &projectPath) { m_projectPath = projectPath; }

bool ImportPanel::isRunning() const { return m_watcher.isRunning(); }

void ImportPanel::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ImportPanel::enqueue(const QString &file, const ImportOptions &options)
{
    if (isRunning())
        m_pending.push_back({file, options});
    else
        start(file, options);
}

void ImportPanel::start(const QString &file, const ImportOptions &options)
{
    if (isRunning()) {
        m_pending.push_back({file, options});
        return;
    }
    m_file = file;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_title->setText(tr("Importing %1…").arg(QFileInfo(file).fileName()));
    m_bar->setValue(0);
    m_bar->show();
    m_cancelButton->show();
    m_closeButton->hide();
    m_problems->hide();
    show();

    const QString projectPath = m_projectPath;
    const auto cancelFlag = m_cancel;
    // Progress goes through the future: the watcher hands it to the bar on this thread (at most 25 times a
    // second), and the pool thread never touches a widget, not even through a pointer to post to it.
    using Promise = QPromise<Result<ImportSummary>>;
    m_watcher.setFuture(QtConcurrent::run([projectPath, file, options, cancelFlag](Promise &promise) {
        promise.setProgressRange(0, 1000);
        auto store = ProjectStore::open(projectPath);
        if (!store) {
            promise.addResult(Result<ImportSummary>(Error{store.error()}));
            return;
        }
        auto progress = [&promise](qint64 read, qint64 total, qint64) {
            promise.setProgressValue(total > 0 ? int(1000 * read / total) : 0);
        };
        promise.addResult(importFile(**store, file, options, cancelFlag.get(), progress));
    }));
}

void ImportPanel::onFinished()
{
    const Result<ImportSummary> result = m_watcher.result();
    m_bar->hide();
    m_cancelButton->hide();
    m_closeButton->show();
    m_problems->setRowCount(0);
    if (!result) {
        m_title->setText(tr("Import of %1 failed: %2").arg(QFileInfo(m_file).fileName(), result.error()));
    } else {
        const ImportSummary &s = *result;
        // A folder is a folder of images: what it skips are files, not lines.
        const bool folder = QFileInfo(m_file).isDir();
        QString text = folder ? tr("%1: imported %2 images (%3 labeled, %4 for evaluation), %5 duplicates, %6 files "
                                   "skipped.")
                              : tr("%1: imported %2 samples (%3 labeled, %4 for evaluation), %5 duplicates, %6 bad lines.");
        text = text.arg(QFileInfo(m_file).fileName()).arg(s.imported).arg(s.labeled).arg(s.evalSamples)
                   .arg(s.duplicates).arg(s.skippedBad);
        if (s.rejections > 0)
            text += QLatin1Char(' ') + tr("%n rejected label(s) recorded.", nullptr, int(s.rejections));
        if (s.cancelled)
            text += QLatin1Char(' ') + tr("Cancelled: what was imported before stays.");
        m_title->setText(text);
        for (const ImportProblem &p : s.problems) {
            const int r = m_problems->rowCount();
            m_problems->insertRow(r);
            // Line 0: a file of a folder, named in the reason.
            m_problems->setItem(r, 0, new QTableWidgetItem(p.line > 0 ? QString::number(p.line) : QString()));
            m_problems->setItem(r, 1, new QTableWidgetItem(p.reason));
        }
        // What the file held that the project cannot use (a Label Studio result type, rejected spans), once
        // per kind, with where it first occurred.
        for (const ImportUnused &u : s.unused) {
            QStringList places;
            for (const qint64 at : u.where)
                places << QString::number(at);
            if (u.count > u.where.size())
                places << QStringLiteral("…");
            const int r = m_problems->rowCount();
            m_problems->insertRow(r);
            m_problems->setItem(r, 0, new QTableWidgetItem(u.tasks ? tr("tasks %1").arg(places.join(QStringLiteral(", ")))
                                                                   : places.join(QStringLiteral(", "))));
            m_problems->setItem(r, 1, new QTableWidgetItem(tr("Not used, %n time(s): %1", nullptr, int(u.count)).arg(u.what)));
        }
        m_problems->setVisible(m_problems->rowCount() > 0);
    }
    Q_EMIT finished(result.ok());
    if (!m_pending.isEmpty()) {
        const auto next = m_pending.takeFirst();
        start(next.first, next.second);
    }
}

} // namespace marginalia::ui
