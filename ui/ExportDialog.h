#pragma once
#include "store/ProjectTypes.h"
#include "io/Exporter.h"

#include <QDialog>
#include <QFutureWatcher>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace marginalia::ui {

// Export: format, one file or train/dev/test files, what to include; runs on a pool thread with progress and
// opens the folder when done (if asked to).
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    // Span-labeling projects (`task` ner) also offer CoNLL and JSON Lines of tokens and tags; image projects a
    // folder per label.
    ExportDialog(const QString &projectPath, TaskType task, QWidget *parent = nullptr);
    ~ExportDialog() override;

Q_SIGNALS:
    void exported(const QStringList &files);

private:
    void startExport();
    void onFinished();
    void updateTarget();
    bool writesFolder() const; // the split's files, or image folders

    QString m_projectPath;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<Result<ExportSummary>> m_watcher;
    QComboBox *m_format;
    QCheckBox *m_split;
    QCheckBox *m_unlabeled;
    QCheckBox *m_meta;
    QCheckBox *m_openFolder;
    QLineEdit *m_target;
    QProgressBar *m_bar;
    QLabel *m_result;
    QPushButton *m_exportButton;
};

} // namespace marginalia::ui
