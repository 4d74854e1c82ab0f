#include "ui/ExportDialog.h"
#include "store/ProjectStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QUrl>
#include <QtConcurrent>

namespace marginalia::ui {

ExportDialog::ExportDialog(const QString &projectPath, TaskType task, QWidget *parent)
    : QDialog(parent), m_projectPath(projectPath)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export labels"));
    QSettings settings;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    if (task == TaskType::Ner) {
        m_format->addItem(tr("JSON Lines with character spans (.jsonl)"), QStringLiteral("jsonl"));
        m_format->addItem(tr("CoNLL, one token and BIO tag a line (.conll)"), QStringLiteral("conll"));
        m_format->addItem(tr("JSON Lines with tokens and BIO tags (.jsonl)"), QStringLiteral("jsonl-tokens"));
    } else if (task == TaskType::Image) {
        // The layout image tools train from: a folder per label (with the split: train, dev, test folders of them).
        m_format->addItem(tr("Image folders, one per label (copies or links of the images)"), QStringLiteral("folders"));
        m_format->addItem(tr("JSON Lines, an image path and its label a line (.jsonl)"), QStringLiteral("jsonl"));
        m_format->addItem(tr("CSV, an image path and its label a row (.csv)"), QStringLiteral("csv"));
    } else {
        m_format->addItem(tr("JSON Lines (.jsonl)"), QStringLiteral("jsonl"));
        m_format->addItem(tr("CSV (.csv)"), QStringLiteral("csv"));
    }
    // Other tools' text formats: files Label Studio, Prodigy and doccano read back.
    if (task != TaskType::Image) {
        m_format->addItem(tr("Label Studio tasks with annotations (.json)"), QStringLiteral("label-studio"));
        m_format->addItem(tr("Prodigy answers, rejected labels included (.jsonl)"), QStringLiteral("prodigy"));
        m_format->addItem(tr("doccano (.jsonl)"), QStringLiteral("doccano"));
    }
    m_split = new QCheckBox(tr("Separate train / dev / test files (into a folder)"), this);
    m_split->setObjectName(QStringLiteral("exportSplit"));
    m_unlabeled = new QCheckBox(tr("Include unlabeled samples"), this);
    m_unlabeled->setObjectName(QStringLiteral("exportUnlabeled"));
    m_meta = new QCheckBox(tr("Include each sample's metadata"), this);
    m_meta->setObjectName(QStringLiteral("exportMeta"));
    m_openFolder = new QCheckBox(tr("Open the folder when done"), this);
    m_openFolder->setObjectName(QStringLiteral("exportOpenFolder"));
    m_openFolder->setChecked(settings.value(QStringLiteral("export/openFolder"), true).toBool());
    m_target = new QLineEdit(this);
    m_target->setObjectName(QStringLiteral("exportTarget"));
    auto *browse = new QPushButton(tr("Choose…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = writesFolder()
                                 ? QFileDialog::getExistingDirectory(this, tr("Export into folder"), m_target->text())
                                 : QFileDialog::getSaveFileName(this, tr("Export to file"), m_target->text());
        if (!path.isEmpty())
            m_target->setText(path);
    });
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browse);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("exportProgress"));
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_exportButton = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::startExport);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_cancel && m_watcher.isRunning())
            m_cancel->store(true);
        else
            reject();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateTarget);
    connect(m_split, &QCheckBox::toggled, this, &ExportDialog::updateTarget);
    connect(&m_watcher, &QFutureWatcher<Result<ExportSummary>>::finished, this, &ExportDialog::onFinished);
    connect(&m_watcher, &QFutureWatcher<Result<ExportSummary>>::progressValueChanged, m_bar, &QProgressBar::setValue);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Format"), m_format);
    form->addRow(QString(), m_split);
    form->addRow(QString(), m_unlabeled);
    form->addRow(QString(), m_meta);
    form->addRow(tr("Write to"), targetRow);
    form->addRow(QString(), m_openFolder);
    form->addRow(m_bar);
    form->addRow(m_result);
    form->addRow(buttons);
    updateTarget();
    resize(560, sizeHint().height());
}

ExportDialog::~ExportDialog()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

namespace {
// The file extension of an export format ("jsonl-tokens", Prodigy's and doccano's are JSON Lines too).
QString extension(const QString &format)
{
    if (format == QLatin1String("label-studio"))
        return QStringLiteral("json");
    if (format.startsWith(QLatin1String("jsonl")) || format == QLatin1String("prodigy") || format == QLatin1String("doccano"))
        return QStringLiteral("jsonl");
    return format;
}
} // namespace

bool ExportDialog::writesFolder() const
{
    return m_split->isChecked() || m_format->currentData().toString() == QLatin1String("folders");
}

void ExportDialog::updateTarget()
{
    // Image folders hold the images themselves: no rows for metadata to go in.
    m_meta->setEnabled(m_format->currentData().toString() != QLatin1String("folders"));
    const QFileInfo project(m_projectPath);
    const QString base = project.absolutePath() + QLatin1Char('/') + project.completeBaseName();
    m_target->setText(writesFolder() ? base + QStringLiteral("-export")
                                     : base + QLatin1Char('.') + extension(m_format->currentData().toString()));
}

void ExportDialog::startExport()
{
    if (m_watcher.isRunning())
        return;
    ExportOptions options;
    options.format = m_format->currentData().toString();
    options.splitFiles = m_split->isChecked();
    options.includeUnlabeled = m_unlabeled->isChecked();
    options.withMeta = m_meta->isEnabled() && m_meta->isChecked();
    const QString out = m_target->text();
    if (out.isEmpty()) {
        m_result->setText(tr("Choose where to write the export."));
        return;
    }
    QSettings().setValue(QStringLiteral("export/openFolder"), m_openFolder->isChecked());
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_exportButton->setEnabled(false);
    m_result->setText(tr("Exporting…"));
    const QString projectPath = m_projectPath;
    const auto cancel = m_cancel;
    // Progress goes through the future, as in ImportPanel: no widget pointer reaches the pool thread.
    using Promise = QPromise<Result<ExportSummary>>;
    m_watcher.setFuture(QtConcurrent::run([projectPath, out, options, cancel](Promise &promise) {
        promise.setProgressRange(0, 1000);
        auto store = ProjectStore::open(projectPath);
        if (!store) {
            promise.addResult(Result<ExportSummary>(Error{store.error()}));
            return;
        }
        auto progress = [&promise](qint64 done, qint64 total) {
            promise.setProgressValue(total > 0 ? int(1000 * done / total) : 0);
        };
        promise.addResult(marginalia::exportProject(**store, out, options, cancel.get(), progress));
    }));
}

void ExportDialog::onFinished()
{
    m_exportButton->setEnabled(true);
    const Result<ExportSummary> result = m_watcher.result();
    if (!result) {
        m_result->setText(tr("Export failed: %1").arg(result.error()));
        return;
    }
    m_bar->setValue(1000);
    m_result->setText(tr("Wrote %1 samples to %2").arg(result->written).arg(result->files.join(QStringLiteral(", "))));
    Q_EMIT exported(result->files);
    if (m_openFolder->isChecked() && !result->files.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(result->files.first()).absolutePath()));
}

} // namespace marginalia::ui
