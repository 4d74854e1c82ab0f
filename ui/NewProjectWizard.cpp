#include "ui/NewProjectWizard.h"
#include "io/FormatDetector.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "ui/SettingsForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginalia::ui {

namespace {
const char *const kColors[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f"};

// File name patterns of each reader format; a format is offered once core/io knows it.
struct FormatPatterns
{
    const char *format;
    const char *patterns;
};
const FormatPatterns kFormatPatterns[] = {{"jsonl", "*.jsonl *.ndjson *.json"}, {"csv", "*.csv"},
                                          {"tsv", "*.tsv *.tab"},             {"txt", "*.txt *.text"},
                                          {"conll", "*.conll *.conllu *.iob *.bio"},
                                          {"label-studio", "*.json *.jsonl"}, {"prodigy", "*.jsonl"},
                                          {"doccano", "*.jsonl"}};
} // namespace

QString NewProjectWizard::dataFileFilter()
{
    QStringList patterns;
    for (const FormatPatterns &f : kFormatPatterns)
        if (FormatDetector::isKnownFormat(QLatin1String(f.format)))
            for (const QString &pattern : QString::fromLatin1(f.patterns).split(QLatin1Char(' ')))
                if (!patterns.contains(pattern)) // other tools' files share the .json and .jsonl suffixes
                    patterns << pattern;
    return tr("Data files (%1)").arg(patterns.join(QLatin1Char(' '))) + QStringLiteral(";;") + tr("All files (*)");
}

NewProjectWizard::NewProjectWizard(QWidget *parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("newProjectWizard"));
    setWindowTitle(tr("New project"));
    addPage(createProjectPage());
    addPage(createLabelsPage());
    addPage(createDataPage());
    addPage(createModelPage());
    resize(760, 560);
}

QWizardPage *NewProjectWizard::createProjectPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Project"));
    page->setSubTitle(tr("One project is one file that holds the samples, every label version and every model run."));
    m_path = new QLineEdit(page);
    m_path->setObjectName(QStringLiteral("projectPath"));
    m_path->setText(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                    + QStringLiteral("/untitled.marginalia"));
    auto *browse = new QPushButton(tr("Choose…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("New project file"), m_path->text(),
                                                       tr("Marginalia projects (*.marginalia)"));
        if (!p.isEmpty())
            m_path->setText(p.endsWith(QLatin1String(".marginalia")) ? p : p + QStringLiteral(".marginalia"));
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(browse);
    m_task = new QComboBox(page);
    m_task->setObjectName(QStringLiteral("taskBox"));
    m_task->addItem(tr("Single-label classification (one label per sample)"), taskTypeName(TaskType::TextCat));
    m_task->addItem(tr("Multi-label classification (any number of labels)"), taskTypeName(TaskType::MultiLabel));
    m_task->addItem(tr("Span labeling (mark entities in the text: names, places, …)"), taskTypeName(TaskType::Ner));
    m_task->addItem(tr("Image classification (one label per image)"), taskTypeName(TaskType::Image));
    connect(m_task, &QComboBox::currentIndexChanged, this, &NewProjectWizard::onTaskChanged);
    m_evalFraction = new QDoubleSpinBox(page);
    m_evalFraction->setObjectName(QStringLiteral("evalFraction"));
    m_evalFraction->setRange(0, 0.9);
    m_evalFraction->setSingleStep(0.05);
    m_evalFraction->setValue(0.2);
    auto *form = new QFormLayout(page);
    form->addRow(tr("File"), row);
    form->addRow(tr("Task"), m_task);
    form->addRow(tr("Evaluation share"), m_evalFraction);
    form->addRow(new QLabel(tr("The evaluation share of imported samples is held out: the model never trains on it "
                               "and never picks from it; it measures precision, recall and F1."), page));
    return page;
}

QWizardPage *NewProjectWizard::createLabelsPage()
{
    auto *page = new QWizardPage(this);
    m_labelsPage = page;
    page->setTitle(tr("Labels"));
    page->setSubTitle(tr("Names, colors and keys; you can change them later. Labels found in the data are added too."));
    m_labels = new QTableWidget(0, 3, page);
    m_labels->setObjectName(QStringLiteral("labelTable"));
    m_labels->setHorizontalHeaderLabels({tr("Name"), tr("Color"), tr("Key")});
    m_labels->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto *add = new QPushButton(tr("Add label"), page);
    auto *remove = new QPushButton(tr("Remove label"), page);
    connect(add, &QPushButton::clicked, this, [this] {
        const int n = m_labels->rowCount();
        addLabelRow(QString(), QLatin1String(kColors[n % 8]), n < 9 ? QString::number(n + 1) : QString());
        m_labels->editItem(m_labels->item(n, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] { m_labels->removeRow(m_labels->currentRow()); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_labels);
    layout->addLayout(buttons);
    return page;
}

void NewProjectWizard::addLabelRow(const QString &name, const QString &color, const QString &key)
{
    const int r = m_labels->rowCount();
    m_labels->insertRow(r);
    m_labels->setItem(r, 0, new QTableWidgetItem(name));
    auto *colorItem = new QTableWidgetItem(color);
    colorItem->setBackground(QColor(color));
    m_labels->setItem(r, 1, colorItem);
    m_labels->setItem(r, 2, new QTableWidgetItem(key));
}

QWizardPage *NewProjectWizard::createDataPage()
{
    auto *page = new QWizardPage(this);
    m_dataPage = page;
    page->setTitle(tr("Data"));
    page->setSubTitle(tr("A JSON Lines, CSV, TSV or plain-text file; optional, you can import later or drop files on "
                         "the window."));
    m_data = new QLineEdit(page);
    m_data->setObjectName(QStringLiteral("dataPath"));
    auto *browse = new QPushButton(tr("Choose…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString p = isImageTask() ? QFileDialog::getExistingDirectory(this, tr("Folder of images"))
                                        : QFileDialog::getOpenFileName(this, tr("Data file"), QString(), dataFileFilter());
        if (!p.isEmpty())
            m_data->setText(p);
    });
    connect(m_data, &QLineEdit::textChanged, this, &NewProjectWizard::refreshPreview);
    auto *row = new QHBoxLayout;
    row->addWidget(m_data, 1);
    row->addWidget(browse);
    m_textField = new QComboBox(page);
    m_textField->setObjectName(QStringLiteral("textField"));
    connect(m_textField, &QComboBox::currentIndexChanged, this, &NewProjectWizard::sizePreviewColumns);
    m_labelField = new QComboBox(page);
    m_labelField->setObjectName(QStringLiteral("labelField"));
    m_idField = new QComboBox(page);
    m_idField->setObjectName(QStringLiteral("idField"));
    m_embed = new QCheckBox(tr("Keep a copy of the images in the project file (one self-contained file, larger)"), page);
    m_embed->setObjectName(QStringLiteral("embedImages"));
    m_preview = new QTableWidget(page);
    m_preview->setObjectName(QStringLiteral("previewTable"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_dataForm = new QFormLayout;
    m_dataForm->addRow(tr("File"), row);
    m_dataForm->addRow(tr("Text field"), m_textField);
    m_dataForm->addRow(tr("Label field"), m_labelField);
    m_dataForm->addRow(tr("Id field"), m_idField);
    m_dataForm->addRow(QString(), m_embed);
    m_dataForm->setRowVisible(m_embed, false);
    m_previewCaption = new QLabel(tr("First rows as they will be read:"), page);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(m_dataForm);
    layout->addWidget(m_previewCaption);
    layout->addWidget(m_preview, 1);
    return page;
}

// What the model starts from, before the first label. Only settings that name where knowledge comes from are
// asked here; the rest keep their defaults and are in Model > Settings….
QWizardPage *NewProjectWizard::createModelPage()
{
    auto *page = new QWizardPage(this);
    m_modelPage = page;
    page->setTitle(tr("Model"));
    page->setSubTitle(tr("What the model knows before the first label; optional, you can change it later in "
                         "Model > Settings…"));
    m_modelNote = new QLabel(page);
    m_modelNote->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_modelNote);
    layout->addStretch(1);
    rebuildModelForm();
    return page;
}

void NewProjectWizard::rebuildModelForm()
{
    // File paths typed for one task stay when another task has the same setting.
    QHash<QString, QString> typed;
    if (m_modelForm) {
        for (const QString &key : m_modelForm->keys())
            if (settings::namesFile(*settings::find(key)))
                typed.insert(key, m_modelForm->text(key));
        delete m_modelForm;
    }
    const TaskType task = chosenTask();
    m_modelForm = new SettingsForm(task, m_modelPage);
    m_modelForm->setObjectName(QStringLiteral("modelForm"));
    for (const char *key : {settings::kUsePoolVectors, settings::kPretrainedVectors, settings::kTextEncoder,
                            settings::kTextEncoderVocab, settings::kImageBackbone}) {
        const settings::Definition &d = *settings::find(QLatin1String(key));
        if (settings::appliesTo(d, task))
            m_modelForm->addSetting(d, typed.contains(QLatin1String(key)) ? QVariant(typed.value(QLatin1String(key)))
                                                                          : d.defaultFor(task));
    }
    m_modelForm->linkDependentSettings();
    static_cast<QVBoxLayout *>(m_modelPage->layout())->insertWidget(0, m_modelForm);
    m_modelNote->setText(
        task == TaskType::Image
            ? tr("A pretrained image network (TorchScript) lets a few labels go much further than a network trained "
                 "from scratch. The file runs as code: name only one you trust.")
            : tr("Vectors learned from the project's own text help most in the first few hundred labels; they are "
                 "learned in the background after the import. A word vector file (fastText .vec or .bin) or a "
                 "TorchScript text encoder brings what was learned elsewhere instead. An encoder file runs as code: "
                 "name only one you trust."));
}

// Why the model page's values cannot be used, or empty: a named file must be there to read. What the file holds
// is checked when a round loads it, as for a file named later.
QString NewProjectWizard::modelSettingsProblem() const
{
    for (const QString &key : m_modelForm->keys()) {
        const settings::Definition &d = *settings::find(key);
        const QString text = m_modelForm->text(key).trimmed();
        if (settings::namesFile(d) && !text.isEmpty() && !QFileInfo(text).isFile())
            return tr("%1: there is no file %2.").arg(d.name(), text);
        if (auto parsed = settings::parse(d, text, chosenTask()); !parsed)
            return parsed.error();
    }
    return {};
}

TaskType NewProjectWizard::chosenTask() const
{
    return taskTypeFromName(m_task->currentData().toString()).value_or(TaskType::TextCat);
}

bool NewProjectWizard::isImageTask() const { return m_task->currentData().toString() == taskTypeName(TaskType::Image); }

void NewProjectWizard::onTaskChanged()
{
    rebuildModelForm();
    const bool spans = m_task->currentData().toString() == taskTypeName(TaskType::Ner);
    const bool images = isImageTask();
    // Images come as a folder, a subfolder per label: no fields to map.
    for (QWidget *field : {static_cast<QWidget *>(m_textField), static_cast<QWidget *>(m_labelField),
                           static_cast<QWidget *>(m_idField)})
        m_dataForm->setRowVisible(field, !images);
    m_dataForm->setRowVisible(m_embed, images);
    m_previewCaption->setText(images ? tr("Labels found in the folder (its subfolders):")
                                     : tr("First rows as they will be read:"));
    if (images) {
        m_labelsPage->setSubTitle(tr("Labels, their colors and keys; you can change them later. The names of the "
                                     "folder's subfolders are added too."));
        m_dataPage->setSubTitle(tr("A folder of images with one subfolder per label (the subfolder's name is the "
                                   "label; images directly in the folder stay unlabeled), or a CSV or JSON Lines file "
                                   "whose rows name an image; optional, you can import later."));
        refreshPreview();
        return;
    }
    m_labelsPage->setSubTitle(spans ? tr("Entity types (e.g. PER, LOC, ORG) with colors and keys; you can change them "
                                         "later. Types found in the data are added too.")
                                    : tr("Names, colors and keys; you can change them later. Labels found in the data "
                                         "are added too."));
    m_dataPage->setSubTitle(spans ? tr("CoNLL columns, JSON Lines with tokens and tags or with character spans, or "
                                       "plain text (split into tokens for you); optional, you can import later.")
                                  : tr("A JSON Lines, CSV, TSV or plain-text file; optional, you can import later or "
                                       "drop files on the window."));
    refreshPreview();
}

void NewProjectWizard::refreshPreview()
{
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    for (QComboBox *box : {m_textField, m_labelField, m_idField})
        box->clear();
    const QString path = m_data->text().trimmed();
    if (isImageTask() && QFileInfo(path).isDir()) {
        // The subfolders only: counting the images of a large folder is the import's job, off this thread.
        const QStringList labels = QDir(path).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        m_preview->setColumnCount(1);
        m_preview->setHorizontalHeaderLabels({tr("Label")});
        m_preview->setRowCount(int(labels.size()));
        for (int r = 0; r < labels.size(); ++r)
            m_preview->setItem(r, 0, new QTableWidgetItem(labels.at(r)));
        m_preview->horizontalHeader()->setStretchLastSection(true);
        return;
    }
    if (path.isEmpty() || !QFileInfo(path).isFile())
        return;
    auto preview = previewFile(path, ImportOptions{}, 20);
    if (!preview) {
        m_preview->setColumnCount(1);
        m_preview->setHorizontalHeaderLabels({tr("Problem")});
        m_preview->setRowCount(1);
        m_preview->setItem(0, 0, new QTableWidgetItem(preview.error()));
        return;
    }
    const QStringList fields = preview->fields;
    m_preview->setColumnCount(int(fields.size()));
    m_preview->setHorizontalHeaderLabels(fields);
    m_preview->setRowCount(int(preview->rows.size()));
    for (int r = 0; r < preview->rows.size(); ++r)
        for (int c = 0; c < fields.size(); ++c)
            m_preview->setItem(r, c, new QTableWidgetItem(preview->rows.at(r).value(fields.at(c)).left(300)));
    const bool spans = m_task->currentData().toString() == taskTypeName(TaskType::Ner);
    for (const QString &f : fields)
        m_textField->addItem(f, f);
    if (spans && fields.contains(QStringLiteral("tokens")) && !fields.contains(QStringLiteral("text")))
        m_textField->insertItem(0, tr("(joined tokens)"), QStringLiteral("text")); // the reader falls back to tokens
    m_labelField->addItem(tr("(none)"), QString());
    m_idField->addItem(tr("(none)"), QString());
    for (const QString &f : fields) {
        m_labelField->addItem(f, f);
        m_idField->addItem(f, f);
    }
    auto pick = [&](QComboBox *box, const QStringList &names) {
        for (const QString &n : names)
            if (const int i = box->findText(n); i >= 0) {
                box->setCurrentIndex(i);
                return;
            }
    };
    pick(m_textField, {QStringLiteral("text"), QStringLiteral("content"), QStringLiteral("sentence")});
    if (spans)
        pick(m_textField, {tr("(joined tokens)")});
    const QStringList spanFields = {QStringLiteral("spans"), QStringLiteral("entities"), QStringLiteral("label"),
                                    QStringLiteral("tags")};
    const QStringList labelFields = {QStringLiteral("label"), QStringLiteral("labels"), QStringLiteral("category")};
    pick(m_labelField, spans ? spanFields : labelFields);
    pick(m_idField, {QStringLiteral("id")});
    sizePreviewColumns();
}

void NewProjectWizard::sizePreviewColumns()
{
    // The text column takes the room the others leave: they are as wide as their content, up to a limit; a cell
    // cut short shows itself whole as its tool tip.
    QHeaderView *header = m_preview->horizontalHeader();
    int textColumn = -1;
    for (int c = 0; c < m_preview->columnCount(); ++c)
        if (m_preview->horizontalHeaderItem(c)->text() == m_textField->currentData().toString())
            textColumn = c;
    header->setSectionResizeMode(QHeaderView::Interactive);
    m_preview->resizeColumnsToContents();
    for (int c = 0; c < m_preview->columnCount(); ++c) {
        if (c == textColumn)
            header->setSectionResizeMode(c, QHeaderView::Stretch);
        else
            m_preview->setColumnWidth(c, std::min(m_preview->columnWidth(c), kMaxPreviewColumnWidth));
        for (int r = 0; r < m_preview->rowCount(); ++r)
            if (QTableWidgetItem *item = m_preview->item(r, c))
                item->setToolTip(item->text());
    }
    if (textColumn < 0 && m_preview->columnCount() > 0)
        header->setStretchLastSection(true);
}

bool NewProjectWizard::validateCurrentPage()
{
    if (currentId() == 0) {
        const QFileInfo info(m_path->text().trimmed());
        if (m_path->text().trimmed().isEmpty() || info.exists() || !QFileInfo(info.absolutePath()).isDir()) {
            currentPage()->setSubTitle(tr("Choose a new file in an existing folder: %1 exists already or its folder "
                                          "does not.").arg(info.fileName()));
            return false;
        }
    }
    if (currentPage() == m_modelPage) {
        if (const QString problem = modelSettingsProblem(); !problem.isEmpty()) {
            m_modelPage->setSubTitle(problem);
            return false;
        }
    }
    return QWizard::validateCurrentPage();
}

void NewProjectWizard::accept()
{
    const TaskType task = chosenTask();
    if (const QString problem = modelSettingsProblem(); !problem.isEmpty()) {
        m_modelPage->setSubTitle(problem); // the page Finish is on
        return;
    }
    auto store = ProjectStore::create(m_path->text().trimmed(), task);
    if (!store) {
        currentPage()->setSubTitle(tr("Could not create the project: %1").arg(store.error()));
        return;
    }
    for (int r = 0; r < m_labels->rowCount(); ++r) {
        const QString name = m_labels->item(r, 0) ? m_labels->item(r, 0)->text().trimmed() : QString();
        if (name.isEmpty())
            continue;
        const QString color = m_labels->item(r, 1) ? m_labels->item(r, 1)->text().trimmed() : QString();
        const QString key = m_labels->item(r, 2) ? m_labels->item(r, 2)->text().trimmed().left(1) : QString();
        if (auto added = (*store)->addLabel(name, color, key); !added) {
            currentPage()->setSubTitle(added.error());
            return;
        }
    }
    (void)settings::setValue(**store, QLatin1String(settings::kEvalFraction), QString::number(m_evalFraction->value()),
                             settings::Studio);
    // Only what differs from the defaults is stored, so that the project follows a better default later.
    for (const QString &key : m_modelForm->keys()) {
        const settings::Definition &d = *settings::find(key);
        QString text = m_modelForm->text(key).trimmed();
        if (settings::namesFile(d) && !text.isEmpty())
            text = QFileInfo(text).absoluteFilePath(); // the project may be opened from another folder
        if (text == settings::format(d, d.defaultFor(task)))
            continue;
        if (auto set = settings::setValue(**store, key, text, settings::Studio); !set) {
            m_modelPage->setSubTitle(set.error());
            return;
        }
    }
    const QString path = (*store)->path();
    store->reset(); // the window opens its own connection

    ImportOptions options;
    options.evalFraction = m_evalFraction->value();
    if (!m_textField->currentData().toString().isEmpty())
        options.textField = m_textField->currentData().toString();
    options.labelField = m_labelField->currentData().toString();
    options.idField = m_idField->currentData().toString();
    options.embedImages = task == TaskType::Image && m_embed->isChecked();
    QWizard::accept();
    Q_EMIT projectCreated(path, m_data->text().trimmed(), options);
}

} // namespace marginalia::ui
