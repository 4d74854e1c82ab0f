#pragma once
#include "Result.h"

#include <QFutureWatcher>
#include <QProgressDialog>
#include <atomic>
#include <memory>

namespace marginalia::ui {

// File > Save a Copy…: copies the open project into one file on a pool thread (store/ProjectBackup.h) while
// labeling goes on, behind a non-modal progress dialog that can cancel it. The GUI thread never waits for the
// copy; the dialog deletes itself when it is done, and closing the window (deleting it) cancels the copy.
class SaveCopyDialog : public QProgressDialog
{
    Q_OBJECT
public:
    // Asks for a file name, then starts; nullptr when the user chose none.
    static SaveCopyDialog *askAndStart(const QString &projectPath, QWidget *parent);
    // Starts copying at once, replacing `outPath` if it exists (the file dialog asked about that).
    SaveCopyDialog(const QString &projectPath, const QString &outPath, QWidget *parent = nullptr);
    ~SaveCopyDialog() override;

Q_SIGNALS:
    // For the status bar: the copy was saved, or cancelled. A failure is shown in a message box instead.
    void message(const QString &text);

private:
    void onFinished();

    QString m_outPath;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<Status> m_watcher;
};

} // namespace marginalia::ui
