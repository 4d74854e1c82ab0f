#include "ui/ProjectOpener.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace marginalia::ui {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ProjectOpener)
};
constexpr int kShowDialogAfterMs = 400;
} // namespace

Result<OpenedProject> openProjectWithProgress(QWidget *parent, const QString &path)
{
    // The worker's connection checks and upgrades the file, then closes; a connection belongs to the thread
    // that opened it, so the GUI thread opens its own afterwards.
    QFutureWatcher<Result<QStringList>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<Result<QStringList>>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([path]() -> Result<QStringList> {
        auto store = ProjectStore::open(path);
        if (!store)
            return Error{store.error()};
        return (*store)->openNotices();
    }));
    if (!watcher.isFinished()) {
        QProgressDialog busy(Tr::tr("Opening %1…").arg(QFileInfo(path).fileName()), QString(), 0, 0,
                             parent);
        busy.setObjectName(QStringLiteral("openProgress"));
        busy.setWindowTitle(Tr::tr("Opening project"));
        busy.setCancelButton(nullptr); // SQLite's check and an upgrade's transaction run to their end
        busy.setWindowModality(Qt::WindowModal);
        busy.setMinimumDuration(kShowDialogAfterMs);
        busy.setValue(0);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    const Result<QStringList> prepared = watcher.result();
    if (!prepared)
        return Error{prepared.error()};
    auto store = ProjectStore::open(path);
    if (!store)
        return Error{store.error()};
    OpenedProject opened;
    opened.store = std::move(store).value();
    opened.notices = *prepared + opened.store->openNotices();
    return opened;
}

} // namespace marginalia::ui
