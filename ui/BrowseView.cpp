#include "ui/BrowseView.h"
#include "store/ProjectStore.h"
#include "ui/BulkLabelCommand.h"
#include "ui/LabelCommand.h"
#include "ui/SampleTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace marginalia::ui {

BrowseView::BrowseView(QWidget *parent) : QWidget(parent), m_model(new SampleTableModel(this))
{
    setObjectName(QStringLiteral("browseView"));
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("stateFilter"));
    for (int i = 0; i < 4; ++i) // All samples, Labeled, Unlabeled, Ranked queue (see retranslateUi)
        m_state->addItem(QString());
    m_label = new QComboBox(this);
    m_label->setObjectName(QStringLiteral("labelFilter"));
    m_predicted = new QComboBox(this);
    m_predicted->setObjectName(QStringLiteral("predictedFilter"));
    m_disagreement = new QCheckBox(this);
    m_disagreement->setObjectName(QStringLiteral("disagreementFilter"));
    m_flagged = new QCheckBox(this);
    m_flagged->setObjectName(QStringLiteral("flaggedFilter"));
    m_minConfidence = new QDoubleSpinBox(this);
    m_minConfidence->setObjectName(QStringLiteral("minConfidenceFilter"));
    m_minConfidence->setRange(0, 100);
    m_minConfidence->setDecimals(0);
    m_minConfidence->setSingleStep(5);
    m_minConfidence->setSuffix(QStringLiteral(" %"));
    m_confidenceCaption = new QLabel(this);
    m_maxConfidence = new QDoubleSpinBox(this);
    m_maxConfidence->setObjectName(QStringLiteral("maxConfidenceFilter"));
    m_maxConfidence->setRange(0, 100);
    m_maxConfidence->setDecimals(0);
    m_maxConfidence->setSingleStep(5);
    m_maxConfidence->setValue(100);
    m_maxConfidence->setSuffix(QStringLiteral(" %"));
    m_maxConfidenceCaption = new QLabel(this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("sampleTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(SampleTableModel::TextColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    // Sorting happens in the store (SampleTableModel::sort); no column is sorted until one is clicked, so the rows
    // come in id order (the ranked queue in rank order).
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    // Uniform rows: the view never asks a row's size, so only the rows on screen are read.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    m_newLabel = new QComboBox(this);
    m_newLabel->setObjectName(QStringLiteral("relabelBox"));
    m_relabel = new QPushButton(this);
    m_relabel->setObjectName(QStringLiteral("relabelButton"));
    connect(m_relabel, &QPushButton::clicked, this, &BrowseView::relabelSelected);
    m_acceptGuesses = new QPushButton(this);
    m_acceptGuesses->setObjectName(QStringLiteral("acceptGuessesButton"));
    connect(m_acceptGuesses, &QPushButton::clicked, this, &BrowseView::acceptGuessesOfSelected);
    m_openSpans = new QPushButton(this);
    m_openSpans->setObjectName(QStringLiteral("openSpansButton"));
    m_openSpans->setVisible(false);
    connect(m_openSpans, &QPushButton::clicked, this, &BrowseView::openSelected);
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_store && m_store->task() == TaskType::Ner)
            openSelected();
    });
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("browseCount"));
    connect(m_model, &SampleTableModel::loadingChanged, this, &BrowseView::updateCount);
    connect(m_model, &SampleTableModel::loaded, this, &BrowseView::updateCount);
    connect(m_model, &SampleTableModel::firstRowsLoaded, this, &BrowseView::updateCount);
    connect(m_model, &SampleTableModel::failed, this, [this](const QString &error) {
        Q_EMIT message(error);
        updateCount();
    });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_state);
    m_labelCaption = new QLabel(this);
    m_predictedCaption = new QLabel(this);
    filters->addWidget(m_labelCaption);
    filters->addWidget(m_label);
    filters->addWidget(m_predictedCaption);
    filters->addWidget(m_predicted);
    filters->addWidget(m_confidenceCaption);
    filters->addWidget(m_minConfidence);
    filters->addWidget(m_maxConfidenceCaption);
    filters->addWidget(m_maxConfidence);
    filters->addWidget(m_disagreement);
    filters->addWidget(m_flagged);
    filters->addWidget(m_search, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count);
    bottom->addStretch();
    bottom->addWidget(m_acceptGuesses);
    bottom->addSpacing(12);
    bottom->addWidget(m_newLabel);
    bottom->addWidget(m_relabel);
    bottom->addWidget(m_openSpans);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    // Typing in the search box waits for a pause so each keystroke does not query the store.
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(debounce, &QTimer::timeout, this, &BrowseView::reload);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &BrowseView::reload);
    for (QComboBox *box : {m_state, m_label, m_predicted})
        connect(box, &QComboBox::currentIndexChanged, this, &BrowseView::reload);
    connect(m_disagreement, &QCheckBox::toggled, this, &BrowseView::reload);
    connect(m_minConfidence, &QDoubleSpinBox::valueChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_maxConfidence, &QDoubleSpinBox::valueChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_flagged, &QCheckBox::toggled, this, &BrowseView::reload);
    retranslateUi();
}

void BrowseView::retranslateUi()
{
    m_state->setItemText(0, tr("All samples"));
    m_state->setItemText(1, tr("Labeled"));
    m_state->setItemText(2, tr("Unlabeled"));
    m_state->setItemText(3, tr("Ranked queue"));
    m_disagreement->setText(tr("Human and model disagree"));
    m_flagged->setText(tr("Flagged"));
    m_search->setPlaceholderText(tr("Search text: words, \"a phrase\" or /a regular expression/"));
    m_search->setToolTip(tr("Every word must occur (case-insensitive); \"quoted words\" are one phrase. Between "
                            "slashes, a regular expression: /refund|chargeback/, /^退款/."));
    m_relabel->setText(tr("Set label of selected"));
    m_openSpans->setText(tr("Edit spans of selected"));
    m_labelCaption->setText(tr("Label"));
    m_predictedCaption->setText(tr("Predicted"));
    m_confidenceCaption->setText(tr("Confidence at least"));
    m_minConfidence->setToolTip(tr("Only samples the model predicts with at least this confidence"));
    m_maxConfidenceCaption->setText(tr("at most"));
    m_maxConfidence->setToolTip(tr("Only samples the model predicts with at most this confidence"));
    m_acceptGuesses->setText(tr("Accept the model's guesses for selected"));
    m_acceptGuesses->setToolTip(tr("Labels each selected unlabeled pool sample with the model's guess, in one step "
                                   "that Ctrl+Z undoes. Stored as model-accepted: counted apart in the charts, never "
                                   "used to evaluate the model."));
    if (m_label->count() > 0)
        m_label->setItemText(0, tr("Any"));
    if (m_predicted->count() > 0)
        m_predicted->setItemText(0, tr("Any"));
    if (m_model->columnCount() > 0)
        Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, m_model->columnCount() - 1);
    updateCount();
}

void BrowseView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void BrowseView::setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator)
{
    m_store = store;
    m_undo = undoStack;
    m_annotator = annotator;
    m_model->setStore(store);
    const bool spans = store && store->task() == TaskType::Ner;
    m_newLabel->setVisible(!spans);
    m_relabel->setVisible(!spans);
    m_acceptGuesses->setVisible(!spans);
    m_openSpans->setVisible(spans);
    if (store)
        reloadLabelChoices();
    reload();
}

void BrowseView::reloadLabelChoices()
{
    const QSignalBlocker b1(m_label), b2(m_predicted);
    m_label->clear();
    m_predicted->clear();
    m_newLabel->clear();
    m_label->addItem(tr("Any"), QString());
    m_predicted->addItem(tr("Any"), QString());
    if (auto labels = m_store->labels())
        for (const Label &l : *labels) {
            m_label->addItem(l.name, l.name);
            m_predicted->addItem(l.name, l.name);
            m_newLabel->addItem(l.name, l.name);
        }
}

void BrowseView::reload()
{
    if (!m_store) {
        m_model->reload({});
        updateCount();
        return;
    }
    SampleTableModel::Query query;
    switch (m_state->currentIndex()) {
    case 1:
        query.filter.labelState = SampleFilter::LabelState::Labeled;
        break;
    case 2:
        query.filter.labelState = SampleFilter::LabelState::Unlabeled;
        break;
    case 3:
        query.rankedQueue = true;
        break;
    default:
        break;
    }
    query.filter.label = m_label->currentData().toString();
    // A regular expression that does not compile filters nothing: the box says why until it is fixed.
    const auto search = parseTextSearch(m_search->text());
    m_search->setProperty("invalid", !search.ok());
    m_search->setStyleSheet(search ? QString() : QStringLiteral("QLineEdit { background: #fde2e1; }"));
    if (!search) {
        Q_EMIT message(search.error());
        return;
    }
    query.filter.text = *search;
    query.filter.flaggedOnly = m_flagged->isChecked();
    query.predicted = m_predicted->currentData().toString();
    query.disagreement = m_disagreement->isChecked();
    query.minConfidence = m_minConfidence->value() / 100.0;
    query.maxConfidence = m_maxConfidence->value() / 100.0;
    m_model->reload(query);
    updateCount();
}

bool BrowseView::isSearching() const { return !m_search->text().trimmed().isEmpty(); }

void BrowseView::openSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        Q_EMIT openRequested(m_model->sampleId(rows.first().row()));
}

void BrowseView::relabelSelected()
{
    if (!m_store || !m_undo || m_store->task() == TaskType::Ner)
        return;
    const QString label = m_newLabel->currentData().toString();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (label.isEmpty() || rows.isEmpty())
        return;
    AnnotationInput input;
    input.annotator = m_annotator;
    input.labels = {label}; // multi-label: replaces the set with this one label; the labeling view edits sets
    m_undo->beginMacro(tr("Relabel %n sample(s) as %1", nullptr, int(rows.size())).arg(label));
    for (const QModelIndex &index : rows)
        m_undo->push(new LabelCommand(m_store, m_model->sampleId(index.row()), input,
                                      tr("Relabel as %1").arg(label),
                                      [this](qint64, bool, bool ok, const QString &error) {
                                          if (!ok)
                                              Q_EMIT message(tr("The label was not saved: %1").arg(error));
                                          Q_EMIT samplesChanged();
                                      }));
    m_undo->endMacro();
    reload();
}

void BrowseView::acceptGuessesOfSelected()
{
    if (!m_store || !m_undo || m_store->task() == TaskType::Ner)
        return;
    QVector<BulkLabelCommand::Item> items;
    int skipped = 0;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const auto rejected = m_store->rejectedLabelsBySample();
    if (!rejected) {
        Q_EMIT message(rejected.error());
        return;
    }
    for (const QModelIndex &index : rows) {
        const int row = index.row();
        const qint64 id = m_model->sampleId(row);
        const QStringList guess = m_model->predicted(row).split(QLatin1Char(','), Qt::SkipEmptyParts);
        const QStringList no = rejected->value(id);
        // Evaluation samples keep only labels a person gave blind; a labeled sample keeps its label; a guess
        // the annotator said no to for the sample is not theirs to accept.
        if (m_model->split(row) == Split::Eval || m_model->isLabeled(row) || guess.isEmpty()
            || std::any_of(guess.cbegin(), guess.cend(), [&](const QString &l) { return no.contains(l.trimmed()); })) {
            ++skipped;
            continue;
        }
        BulkLabelCommand::Item item;
        item.sampleId = id;
        item.after.annotator = m_annotator;
        item.after.source = AnnotationSource::ModelAccepted;
        for (const QString &label : guess)
            item.after.labels << label.trimmed();
        item.after.provenance.origin = QLatin1String(Provenance::Bulk);
        item.after.provenance.runId = m_model->runId();
        item.after.provenance.score = m_model->score(row);
        item.after.provenance.rank = m_model->rank(row);
        items.push_back(item);
    }
    if (items.isEmpty()) {
        Q_EMIT message(tr("Nothing to accept: select unlabeled pool samples that have a model's guess."));
        return;
    }
    const int count = int(items.size());
    m_undo->push(new BulkLabelCommand(m_store, std::move(items), tr("Accept %n model guess(es)", nullptr, count),
                                      [this, skipped](bool undone, bool ok, int changed, const QString &error) {
                                          if (!ok)
                                              Q_EMIT message(tr("The guesses were not accepted: %1").arg(error));
                                          else if (!undone)
                                              Q_EMIT message(tr("Accepted %n model guess(es)", nullptr, changed)
                                                             + (skipped ? tr(" (%n sample(s) skipped: labeled, evaluation, without a guess or with the guess rejected)", nullptr, skipped) : QString()));
                                          Q_EMIT samplesChanged();
                                          reload();
                                      }));
}

void BrowseView::updateCount()
{
    if (!m_store) {
        m_count->clear();
        return;
    }
    if (m_model->isLoading()) {
        m_count->setText(m_model->hasFirstRowsOnly()
                             ? tr("Searching… the first %n match(es) shown", nullptr, m_model->rowCount())
                             : tr("Searching…"));
        return;
    }
    if (!m_model->errorString().isEmpty()) {
        m_count->setText(tr("The samples could not be listed: %1").arg(m_model->errorString()));
        return;
    }
    const int shown = m_model->rowCount();
    m_count->setText(tr("%n sample(s) shown", nullptr, shown));
}

} // namespace marginalia::ui
