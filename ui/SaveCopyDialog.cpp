#include "ui/SaveCopyDialog.h"
#include "store/ProjectBackup.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QtConcurrent>

namespace marginalia::ui {

SaveCopyDialog *SaveCopyDialog::askAndStart(const QString &projectPath, QWidget *parent)
{
    const QFileInfo project(projectPath);
    const QString suggested =
        project.absolutePath() + QLatin1Char('/') + tr("%1 copy.marginalia").arg(project.completeBaseName());
    const QString out = QFileDialog::getSaveFileName(parent, tr("Save a copy of the project"), suggested,
                                                     tr("Marginalia projects (*.marginalia);;All files (*)"));
    return out.isEmpty() ? nullptr : new SaveCopyDialog(projectPath, out, parent);
}

SaveCopyDialog::SaveCopyDialog(const QString &projectPath, const QString &outPath, QWidget *parent)
    : QProgressDialog(parent), m_outPath(outPath), m_cancel(std::make_shared<std::atomic_bool>(false))
{
    setObjectName(QStringLiteral("saveCopyDialog"));
    setWindowTitle(tr("Save a Copy"));
    setLabelText(tr("Copying the project to %1…").arg(QFileInfo(outPath).fileName()));
    setRange(0, 1000);
    setMinimumDuration(800); // a small project is copied before the dialog would appear
    // Stays up until the pool thread is done, also after Cancel (which only asks it to stop).
    setAutoClose(false);
    setAutoReset(false);
    connect(this, &QProgressDialog::canceled, this, [this] {
        m_cancel->store(true);
        setLabelText(tr("Cancelling…"));
    });
    connect(&m_watcher, &QFutureWatcher<Status>::progressValueChanged, this, &QProgressDialog::setValue);
    connect(&m_watcher, &QFutureWatcher<Status>::finished, this, &SaveCopyDialog::onFinished);

    // As in ExportDialog: progress goes through the future, no widget pointer reaches the pool thread.
    const auto cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run([projectPath, outPath, cancel](QPromise<Status> &promise) {
        promise.setProgressRange(0, 1000);
        BackupOptions options;
        options.overwrite = true;
        const auto progress = [&](qint64 done, qint64 total) {
            // Up to 990: the check, the sync and the rename come after the last page.
            promise.setProgressValue(total > 0 ? int(990 * done / total) : 0);
            return !cancel->load();
        };
        promise.addResult(backupProject(projectPath, outPath, progress, options));
    }));
}

SaveCopyDialog::~SaveCopyDialog()
{
    // No wait: the copy stops at its next step and removes its temporary file on its own.
    m_cancel->store(true);
}

void SaveCopyDialog::onFinished()
{
    const Status result = m_watcher.result();
    if (result) {
        Q_EMIT message(tr("Saved a copy of the project to %1").arg(m_outPath));
    } else if (m_cancel->load()) {
        Q_EMIT message(tr("Saving a copy was cancelled; %1 was left unchanged.").arg(m_outPath));
    } else {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Save a Copy"),
                                    tr("The copy could not be saved.\n\n%1").arg(result.error()), QMessageBox::Ok,
                                    parentWidget());
        box->setObjectName(QStringLiteral("saveCopyError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    reset(); // stops the timer that would show the dialog after its minimum duration
    hide();
    deleteLater();
}

} // namespace marginalia::ui
