#pragma once
#include "io/Importer.h"

#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace marginalia::ui {

// An inline strip above the labeling view: an import's progress with Cancel, then its summary and the bad
// lines (line, reason), or the files of a folder of images that could not be used. The import runs on a pool
// thread with its own connection to the project file.
class ImportPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ImportPanel(QWidget *parent = nullptr);
    ~ImportPanel() override;

    void setProject(const QString &projectPath);
    void start(const QString &file, const ImportOptions &options);
    void enqueue(const QString &file, const ImportOptions &options);
    bool isRunning() const;

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void finished(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void onFinished();

    QString m_projectPath;
    QString m_file;
    QVector<QPair<QString, ImportOptions>> m_pending;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<Result<ImportSummary>> m_watcher;
    QLabel *m_title;
    QProgressBar *m_bar;
    QPushButton *m_cancelButton;
    QPushButton *m_closeButton;
    QTableWidget *m_problems;
};

} // namespace marginalia::ui
