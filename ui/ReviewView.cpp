#include "ui/ReviewView.h"
#include "store/ProjectStore.h"
#include "ui/AgreementPanel.h"
#include "ui/LabelButtonRow.h"
#include "ui/ReviewCommand.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace marginalia::ui {

namespace {
enum Column { IdColumn, TextColumn, VotesColumn, TrainsOnColumn, WhyColumn, NoteColumn, ColumnCount };

QString joined(const QStringList &labels)
{
    return labels.isEmpty() ? QStringLiteral("–") : labels.join(QStringLiteral(" + "));
}
} // namespace

ReviewView::ReviewView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("reviewView"));
    m_showCaption = new QLabel(this);
    m_show = new QComboBox(this);
    m_show->setObjectName(QStringLiteral("reviewShow"));
    for (int i = 0; i <= int(Show::Agreement); ++i) // in the order of Show (see retranslateUi)
        m_show->addItem(QString());
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("reviewCount"));
    m_findErrors = new QPushButton(this);
    m_findErrors->setObjectName(QStringLiteral("findErrorsButton"));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("reviewTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->installEventFilter(this); // label keys set the final label, as in the Label tab

    m_peopleTable = new QTableWidget(0, 7, this);
    m_peopleTable->setObjectName(QStringLiteral("annotatorTable"));
    m_peopleTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_peopleTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_peopleTable->verticalHeader()->hide();
    m_peopleTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_peopleTable->horizontalHeader()->setStretchLastSection(true);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("reviewText"));
    m_text->setReadOnly(true);
    m_finalCaption = new QLabel(this);
    m_finalCaption->setWordWrap(true);
    m_buttons = new LabelButtonRow(this);
    m_buttons->setObjectName(QStringLiteral("reviewLabels"));
    m_setLabels = new QPushButton(this);
    m_setLabels->setObjectName(QStringLiteral("setFinalLabelsButton"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_showCaption);
    top->addWidget(m_show);
    top->addWidget(m_count, 1);
    top->addWidget(m_findErrors);
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_text, 1);
    detailLayout->addWidget(m_finalCaption);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_buttons, 1);
    buttons->addWidget(m_setLabels);
    detailLayout->addLayout(buttons);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(split);
    m_pages->addWidget(m_peopleTable);
    m_agreement = new AgreementPanel(this);
    m_pages->addWidget(m_agreement);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);

    connect(m_show, &QComboBox::currentIndexChanged, this, [this] { fillTable(); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ReviewView::showSelected);
    connect(m_findErrors, &QPushButton::clicked, this, &ReviewView::findSuspectedErrors);
    connect(m_buttons, &LabelButtonRow::clicked, this, [this](int index) {
        if (m_store && isSingleLabel(m_store->task()) && index >= 0 && index < m_labels.size())
            setFinalLabels({m_labels[index].name});
    });
    connect(m_setLabels, &QPushButton::clicked, this, &ReviewView::setFinalFromButtons);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ReviewView::onLoaded);
    retranslateUi();
    showSelected();
}

void ReviewView::setProject(ProjectStore *store, QUndoStack *undoStack, const QString &reviewer, ModelClient *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_store = store;
    m_undo = undoStack;
    m_reviewer = reviewer;
    m_model = model;
    m_rows.clear();
    m_people.clear();
    m_agreementFigures.reset();
    m_agreementError.clear();
    m_suspects.clear();
    m_auditing = false;
    ++m_generation;
    m_labels.clear();
    if (m_store) {
        if (auto labels = m_store->labels())
            m_labels = *labels;
    }
    const bool multi = m_store && m_store->task() == TaskType::MultiLabel;
    m_buttons->setLabels(m_labels, multi);
    m_setLabels->setVisible(multi);
    if (m_model)
        connect(m_model, &ModelClient::auditEnded, this, &ReviewView::onAuditEnded);
    retranslateUi();
    fillTable(); // empty until reload(): the list is read when the page is shown
}

void ReviewView::setShown(Show show) { m_show->setCurrentIndex(int(show)); }

int ReviewView::shownCount() const { return int(m_shown.size()); }

qint64 ReviewView::shownSample(int row) const
{
    return row >= 0 && row < m_shown.size() ? m_rows[m_shown[row]].sampleId : 0;
}

bool ReviewView::selectSample(qint64 sampleId)
{
    for (int row = 0; row < m_shown.size(); ++row) {
        if (m_rows[m_shown[row]].sampleId == sampleId) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

void ReviewView::reload()
{
    if (!m_store)
        return;
    if (m_loading) {
        m_reloadAgain = true;
        return;
    }
    m_loading = true;
    m_loadGeneration = m_generation;
    const QString path = m_store->path();
    const QVector<task::SuspectedLabel> suspects = m_suspects;
    m_watcher.setFuture(QtConcurrent::run([path, suspects] { return ReviewData::readFile(path, suspects); }));
    retranslateUi();
}

void ReviewView::onLoaded()
{
    m_loading = false;
    const auto read = m_watcher.result();
    if (m_loadGeneration == m_generation && m_store) {
        if (read) {
            m_rows = read->rows;
            m_people = read->annotators;
            m_agreementFigures = read->agreement;
            m_agreementError = read->agreementError;
        } else
            Q_EMIT message(tr("Could not read the samples to review: %1").arg(read.error()));
        fillTable();
    }
    if (m_reloadAgain) {
        m_reloadAgain = false;
        reload();
        return;
    }
    Q_EMIT loaded();
}

bool ReviewView::shows(const ReviewRow &row) const
{
    switch (Show(m_show->currentIndex())) {
    case Show::WaitingForReview: return row.waitsForReview();
    case Show::Flagged: return row.flagged;
    case Show::Suspected: return row.suspect.has_value();
    case Show::Reviewed: return row.basis == LabelBasis::Reviewed;
    case Show::SeveralAnnotators: return row.severalAnnotators;
    case Show::Annotators:
    case Show::Agreement: return false;
    }
    return false;
}

bool ReviewView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_table || event->type() != QEvent::KeyPress || !m_store || m_store->task() == TaskType::Ner)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier) || key->text().isEmpty())
        return QWidget::eventFilter(watched, event);
    for (int i = 0; i < m_labels.size() && i < m_buttons->count(); ++i) {
        if (m_labels[i].shortcut.isEmpty() || m_labels[i].shortcut.compare(key->text(), Qt::CaseInsensitive) != 0)
            continue;
        if (m_store->task() == TaskType::MultiLabel)
            m_buttons->button(i)->toggle(); // then "Set final labels" (or Enter)
        else
            setFinalLabels({m_labels[i].name});
        return true;
    }
    if (m_store->task() == TaskType::MultiLabel && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
        setFinalFromButtons();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ReviewView::fillTable()
{
    const qint64 selected = selectedRow() ? selectedRow()->sampleId : 0;
    const int selectedAt = m_table->currentRow();
    m_shown.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        if (shows(m_rows[i]))
            m_shown.push_back(i);
    QSignalBlocker block(m_table);
    m_table->clearContents();
    m_table->setRowCount(int(m_shown.size()));
    for (int row = 0; row < m_shown.size(); ++row) {
        const ReviewRow &r = m_rows[m_shown[row]];
        QStringList votes;
        for (const auto &[annotator, labels] : r.votes)
            votes << tr("%1: %2").arg(annotator.isEmpty() ? tr("(unnamed)") : annotator, joined(labels));
        QString why = labelBasisText(r.basis);
        if (r.basis == LabelBasis::Reviewed)
            why = tr("reviewed by %1").arg(r.reviewer);
        QStringList notes;
        if (r.flagged)
            notes << (r.flagComment.isEmpty() ? tr("flagged") : tr("flagged: %1").arg(r.flagComment));
        if (r.suspect)
            notes << tr("model suggests %1 (%2 for %3)")
                         .arg(r.suspect->suggested.isEmpty() ? tr("another label") : r.suspect->suggested)
                         .arg(QString::number(r.suspect->selfConfidence, 'f', 2), r.suspect->given);
        const QString cells[ColumnCount] = {QString::number(r.sampleId), r.text.simplified().left(300),
                                            votes.join(QStringLiteral(" · ")), joined(r.trainsOn), why,
                                            notes.join(QStringLiteral("; "))};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == TextColumn)
                item->setToolTip(r.text.left(2000));
            m_table->setItem(row, c, item);
        }
    }
    block.unblock();
    // The sample just decided leaves the list: the one after it takes its place, ready for the next key.
    if (selected && !selectSample(selected) && selectedAt >= 0 && !m_shown.isEmpty())
        m_table->selectRow(std::min(selectedAt, int(m_shown.size()) - 1));
    showSelected();
    fillPeople();
    m_agreement->setAgreement(m_agreementFigures, m_agreementError);
    const Show show = Show(m_show->currentIndex());
    m_pages->setCurrentIndex(show == Show::Annotators ? 1 : show == Show::Agreement ? 2 : 0);
    retranslateUi();
}

void ReviewView::fillPeople()
{
    m_peopleTable->clearContents();
    m_peopleTable->setRowCount(int(m_people.size()));
    for (int row = 0; row < m_people.size(); ++row) {
        const AnnotatorActivity &a = m_people[row];
        const auto perHour = a.labelsPerHour();
        const QString cells[] = {a.annotator.isEmpty() ? tr("(unnamed)") : a.annotator,
                                 QLocale().toString(a.samples),
                                 QLocale().toString(a.versions),
                                 QLocale().toString(a.reviews),
                                 a.medianSeconds ? tr("%1 s").arg(QLocale().toString(*a.medianSeconds, 'f', 1)) : tr("–"),
                                 perHour ? QLocale().toString(*perHour, 'f', 0) : tr("–"),
                                 QLocale().toString(a.last, QLocale::ShortFormat)};
        for (int c = 0; c < 7; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c > 0 && c < 6)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_peopleTable->setItem(row, c, item);
        }
    }
}

const ReviewRow *ReviewView::selectedRow() const
{
    const auto rows = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty())
        return nullptr;
    const int row = rows.first().row();
    return row < m_shown.size() ? &m_rows[m_shown[row]] : nullptr;
}

void ReviewView::showSelected()
{
    const ReviewRow *row = selectedRow();
    const bool spans = m_store && m_store->task() == TaskType::Ner;
    m_text->setPlainText(row ? row->text : QString());
    m_buttons->setEnabled(row && !spans);
    m_setLabels->setEnabled(row && !spans);
    if (row && m_store && m_store->task() == TaskType::MultiLabel)
        for (int i = 0; i < m_buttons->count(); ++i)
            m_buttons->button(i)->setChecked(row->trainsOn.contains(m_labels[i].name));
    retranslateUi();
}

void ReviewView::setFinalFromButtons()
{
    QStringList labels;
    for (int i = 0; i < m_buttons->count() && i < m_labels.size(); ++i)
        if (m_buttons->button(i)->isChecked())
            labels << m_labels[i].name;
    setFinalLabels(labels);
}

void ReviewView::setFinalLabels(const QStringList &labels)
{
    const ReviewRow *row = selectedRow();
    if (!row || !m_store || !m_undo)
        return;
    const qint64 sampleId = row->sampleId;
    QPointer<ReviewView> self(this);
    m_undo->push(new ReviewCommand(m_store, sampleId, labels, m_reviewer,
                                   tr("Review sample %1: %2").arg(sampleId).arg(joined(labels)),
                                   [self](qint64 id, bool ok, const QString &error) {
                                       if (!self)
                                           return;
                                       if (!ok) {
                                           Q_EMIT self->message(tr("Sample %1 was not reviewed: %2").arg(id).arg(error));
                                           return;
                                       }
                                       Q_EMIT self->samplesChanged();
                                       self->reload();
                                   }));
}

void ReviewView::findSuspectedErrors()
{
    if (!m_model || !m_store)
        return;
    if (m_auditing) {
        m_model->cancel();
        return;
    }
    m_auditing = true;
    Q_EMIT message(tr("Looking for wrong labels: each labeled sample is scored by a model trained without it…"));
    m_model->requestAudit();
    retranslateUi();
}

void ReviewView::onAuditEnded(bool ok, const QString &text, const QVector<task::SuspectedLabel> &suspects)
{
    m_auditing = false;
    Q_EMIT message(text);
    if (ok) {
        m_suspects = suspects;
        setShown(Show::Suspected);
        reload();
    }
    retranslateUi();
}

void ReviewView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        fillTable();
    }
    QWidget::changeEvent(event);
}

void ReviewView::retranslateUi()
{
    m_showCaption->setText(tr("Show:"));
    m_show->setItemText(int(Show::WaitingForReview), tr("Annotators disagree"));
    m_show->setItemText(int(Show::Flagged), tr("Flagged for review"));
    m_show->setItemText(int(Show::Suspected), tr("Suspected label errors"));
    m_show->setItemText(int(Show::Reviewed), tr("Reviewed"));
    m_show->setItemText(int(Show::SeveralAnnotators), tr("Labeled by several people"));
    m_show->setItemText(int(Show::Annotators), tr("Annotators: counts and speed"));
    m_show->setItemText(int(Show::Agreement), tr("Agreement between annotators"));
    const Show show = Show(m_show->currentIndex());
    m_count->setText(m_loading                    ? tr("Reading…")
                     : show == Show::Annotators ? tr("%n annotator(s)", nullptr, int(m_people.size()))
                     : show == Show::Agreement  ? QString()
                                                : tr("%n sample(s)", nullptr, int(m_shown.size())));
    m_peopleTable->setHorizontalHeaderLabels({tr("Annotator"), tr("Samples labeled"), tr("Label versions"),
                                              tr("Reviews"), tr("Median time per label"), tr("Labels per hour"),
                                              tr("Last label")});
    m_findErrors->setText(m_auditing ? tr("Stop looking for errors") : tr("Find suspected label errors"));
    m_findErrors->setToolTip(tr("Scores every labeled sample by a model trained without it and lists the labels the "
                                "model confidently contradicts (confident learning)."));
    m_findErrors->setEnabled(m_model && m_store && isSingleLabel(m_store->task()));
    m_table->setHorizontalHeaderLabels({tr("Sample"), tr("Text"), tr("Annotators' labels"), tr("Trains on"),
                                        tr("Why"), tr("Note")});
    m_setLabels->setText(tr("Set final labels"));
    if (m_store && m_store->task() == TaskType::Ner)
        m_finalCaption->setText(tr("Span labels are set in the Label tab; a sample opened there and saved by the "
                                   "reviewer counts as one more annotator."));
    else if (!selectedRow())
        m_finalCaption->setText(tr("Pick a sample to set its final label."));
    else
        m_finalCaption->setText(tr("Final label (kept over every annotator's label; earlier labels stay in the history):"));
}

} // namespace marginalia::ui
