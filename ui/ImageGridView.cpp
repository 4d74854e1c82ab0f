#include "ui/ImageGridView.h"
#include "store/ProjectStore.h"
#include "ui/ImageGridDelegate.h"
#include "ui/ImageGridModel.h"
#include "ui/LabelButtonRow.h"
#include "ui/LabelKeys.h"
#include "ui/ThumbnailCache.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QWheelEvent>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace marginalia::ui {

namespace {
constexpr int kSides[] = {64, 96, 128, 192, 256}; // the thumbnail sizes offered
// A step this large writes for a while on the GUI thread (one transaction): it is asked about first.
constexpr int kConfirmAbove = 2000;
} // namespace

ImageGridView::ImageGridView(QWidget *parent)
    : QWidget(parent), m_model(new ImageGridModel(this)), m_delegate(new ImageGridDelegate(this))
{
    setObjectName(QStringLiteral("imageGridView"));
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("gridStateFilter"));
    for (int i = 0; i < 3; ++i) // Unlabeled, Labeled, All (retranslateUi)
        m_state->addItem(QString());
    m_predictedCaption = new QLabel(this);
    m_predicted = new QComboBox(this);
    m_predicted->setObjectName(QStringLiteral("gridPredictedFilter"));
    m_confidenceCaption = new QLabel(this);
    m_minConfidence = new QDoubleSpinBox(this);
    m_minConfidence->setObjectName(QStringLiteral("gridMinConfidence"));
    m_minConfidence->setRange(0, 100);
    m_minConfidence->setDecimals(0);
    m_minConfidence->setSingleStep(5);
    m_minConfidence->setSuffix(QStringLiteral(" %"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("gridCount"));
    m_size = new QComboBox(this);
    m_size->setObjectName(QStringLiteral("gridThumbnailSize"));
    for (const int side : kSides)
        m_size->addItem(QStringLiteral("%1 px").arg(side), side);
    m_acceptGuesses = new QPushButton(this);
    m_acceptGuesses->setObjectName(QStringLiteral("gridAcceptGuesses"));
    m_acceptGuesses->setFocusPolicy(Qt::NoFocus);
    connect(m_acceptGuesses, &QPushButton::clicked, this, &ImageGridView::acceptGuessesOfSelected);
    for (QWidget *w : std::initializer_list<QWidget *>{m_state, m_predicted, m_minConfidence, m_size})
        w->setFocusPolicy(Qt::ClickFocus); // the grid keeps the keys

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("imageGrid"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(m_delegate);
    // A grid of equal cells that never move: the view places a 100 k rows by arithmetic, not one by one.
    m_list->setViewMode(QListView::IconMode);
    m_list->setMovement(QListView::Static);
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setUniformItemSizes(true);
    m_list->setLayoutMode(QListView::Batched);
    m_list->setBatchSize(4096);

    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionRectVisible(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setDragEnabled(false);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->installEventFilter(this);
    m_list->viewport()->installEventFilter(this); // Ctrl+wheel: thumbnail size
    connect(m_list, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT openRequested(m_model->sampleId(index.row()));
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ImageGridView::updateCount);
    connect(m_model, &ImageGridModel::reloaded, this, &ImageGridView::onReloaded);
    connect(m_model, &ImageGridModel::message, this, &ImageGridView::message);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("gridHint"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color:palette(mid);"));
    m_buttons = new LabelButtonRow(this);
    connect(m_buttons, &LabelButtonRow::clicked, this, &ImageGridView::labelSelected);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_state);
    filters->addWidget(m_predictedCaption);
    filters->addWidget(m_predicted);
    filters->addWidget(m_confidenceCaption);
    filters->addWidget(m_minConfidence);
    filters->addStretch();
    filters->addWidget(m_size);
    filters->addSpacing(12);
    filters->addWidget(m_count);
    filters->addSpacing(12);
    filters->addWidget(m_acceptGuesses);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    layout->addWidget(m_hint);

    auto *debounce = new QTimer(this); // typing a confidence waits for a pause
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(debounce, &QTimer::timeout, this, &ImageGridView::reload);
    connect(m_minConfidence, &QDoubleSpinBox::valueChanged, debounce, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_state, m_predicted})
        connect(box, &QComboBox::currentIndexChanged, this, &ImageGridView::reload);
    const int side = QSettings().value(QStringLiteral("grid/thumbnailSide"), 128).toInt();
    m_size->setCurrentIndex(std::max(0, m_size->findData(side)));
    connect(m_size, &QComboBox::currentIndexChanged, this, [this] { setThumbnailSide(m_size->currentData().toInt()); });
    setThumbnailSide(m_size->currentData().toInt());
    retranslateUi();
}

void ImageGridView::setThumbnailSide(int pixels)
{
    m_delegate->setThumbnailSide(pixels);
    m_model->thumbnails()->setSide(pixels); // made again at the new size, as they come into view
    m_list->setGridSize(m_delegate->cellSize() + QSize(6, 6));
    QSettings().setValue(QStringLiteral("grid/thumbnailSide"), pixels);
    const QSignalBlocker block(m_size);
    m_size->setCurrentIndex(std::max(0, m_size->findData(pixels)));
}

void ImageGridView::retranslateUi()
{
    m_size->setToolTip(tr("Thumbnail size (Ctrl+wheel over the grid)"));
    m_state->setItemText(0, tr("Unlabeled"));
    m_state->setItemText(1, tr("Labeled"));
    m_state->setItemText(2, tr("All pool images"));
    m_predictedCaption->setText(tr("Predicted"));
    m_confidenceCaption->setText(tr("Confidence at least"));
    m_minConfidence->setToolTip(tr("Only images the model predicts with at least this confidence"));
    if (m_predicted->count() > 0)
        m_predicted->setItemText(0, tr("Any"));
    m_acceptGuesses->setText(tr("Accept the model's guesses for selected (Enter)"));
    m_acceptGuesses->setToolTip(tr("Labels each selected unlabeled image with the model's guess, in one step that "
                                   "Ctrl+Z undoes. Stored as model-accepted: counted apart in the charts."));
    m_hint->setText(tr("Select images (click, Shift/Ctrl+click, drag, Ctrl+A), then press a label key to label them "
                       "all, or Enter (A) to accept the model's guesses. Ctrl+Z undoes. Double-click opens an image "
                       "in the Label tab. Evaluation images are labeled there, blind."));
    updateCount();
}

void ImageGridView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ImageGridView::setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator)
{
    m_store = store && store->task() == TaskType::Image ? store : nullptr;
    m_undo = undoStack;
    m_annotator = annotator;
    m_keepInView = 0;
    m_keepSelected.clear();
    m_model->setStore(m_store);
    reloadLabels();
    updateCount();
}

void ImageGridView::reloadLabels()
{
    m_labels.clear();
    if (m_store)
        if (auto labels = m_store->labels())
            m_labels = *labels;
    m_delegate->setLabels(m_labels);
    m_buttons->setLabels(m_labels, false);
    const QString predicted = m_predicted->currentData().toString();
    {
        const QSignalBlocker block(m_predicted);
        m_predicted->clear();
        m_predicted->addItem(tr("Any"), QString());
        for (const Label &l : std::as_const(m_labels))
            m_predicted->addItem(l.name, l.name);
        m_predicted->setCurrentIndex(std::max(0, m_predicted->findData(predicted)));
    }
    m_list->viewport()->update();
}

void ImageGridView::reload()
{
    if (!m_store)
        return;
    // Where the annotator was and what they had selected, found again once the list is in.
    m_keepInView = m_model->sampleId(m_list->indexAt(QPoint(8, 8)).row());
    m_keepSelected = selectedIds();
    ImageGridModel::Query query;
    query.state = m_state->currentIndex() == 0   ? ImageGridModel::Query::State::Unlabeled
                  : m_state->currentIndex() == 1 ? ImageGridModel::Query::State::Labeled
                                                 : ImageGridModel::Query::State::Any;
    query.predicted = m_predicted->currentData().toString();
    query.minConfidence = m_minConfidence->value() / 100.0;
    m_model->reload(query);
}

void ImageGridView::onReloaded()
{
    if (m_keepInView != 0 && m_model->rowCount() > 0) {
        // The same sample, or the first one after it when it left the list.
        int row = m_model->rowOf(m_keepInView);
        for (qint64 id = m_keepInView; row < 0 && id < m_keepInView + 4096; ++id)
            row = m_model->rowOf(id);
        if (row >= 0)
            m_list->scrollTo(m_model->index(row), QAbstractItemView::PositionAtTop);
    }
    if (!m_keepSelected.isEmpty()) {
        QItemSelection selection;
        for (const qint64 id : std::as_const(m_keepSelected))
            if (const int row = m_model->rowOf(id); row >= 0)
                selection.select(m_model->index(row), m_model->index(row));
        m_list->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    }
    m_keepSelected.clear();
    updateCount();
}

void ImageGridView::updateCount()
{
    const int selected = int(m_list->selectionModel()->selectedIndexes().size());
    m_count->setText(selected > 0 ? tr("%n image(s), %1 selected", nullptr, m_model->rowCount()).arg(selected)
                                  : tr("%n image(s)", nullptr, m_model->rowCount()));
}

QSet<qint64> ImageGridView::selectedIds() const
{
    QSet<qint64> ids;
    for (const QModelIndex &index : m_list->selectionModel()->selectedIndexes())
        ids.insert(m_model->sampleId(index.row()));
    return ids;
}

bool ImageGridView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list->viewport() && event->type() == QEvent::Wheel) {
        auto *wheel = static_cast<QWheelEvent *>(event);
        if (!(wheel->modifiers() & Qt::ControlModifier) || wheel->angleDelta().y() == 0)
            return false;
        const int next = m_size->currentIndex() + (wheel->angleDelta().y() > 0 ? 1 : -1);
        if (next >= 0 && next < m_size->count())
            setThumbnailSide(m_size->itemData(next).toInt());
        return true;
    }
    // Label keys and Enter/A belong to labeling here, before the list's type-ahead search takes letters.
    if (watched == m_list && (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
            return false;
        const int label = labelIndexForKey(m_labels, key->text());
        const bool accept = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter || key->key() == Qt::Key_A;
        if (label < 0 && !accept)
            return false;
        if (event->type() == QEvent::ShortcutOverride) { // no window shortcut takes it first
            event->accept();
            return true;
        }
        if (label >= 0)
            labelSelected(label);
        else
            acceptGuessesOfSelected();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ImageGridView::labelSelected(int labelIndex)
{
    if (!m_store || !m_undo || labelIndex < 0 || labelIndex >= m_labels.size())
        return;
    const int count = int(m_list->selectionModel()->selectedIndexes().size());
    if (count == 0) {
        Q_EMIT message(tr("Select images first (click, Shift/Ctrl+click, Ctrl+A), then press a label key."));
        return;
    }
    const QString name = m_labels.at(labelIndex).name;
    confirmThen(count, tr("Label all %n selected images as %1?", nullptr, count).arg(name), [this, name] {
        QVector<BulkLabelCommand::Item> items;
        for (const qint64 id : selectedIds()) {
            BulkLabelCommand::Item item;
            item.sampleId = id;
            item.after.annotator = m_annotator;
            item.after.labels = {name};
            item.after.provenance.origin = QLatin1String(Provenance::Browse); // picked by the annotator in the grid
            items.push_back(item);
        }
        const int n = int(items.size());
        push(std::move(items), tr("Label %n image(s) as %1", nullptr, n).arg(name));
    });
}

void ImageGridView::acceptGuessesOfSelected()
{
    if (!m_store || !m_undo)
        return;
    const int count = int(m_list->selectionModel()->selectedIndexes().size());
    if (count == 0) {
        Q_EMIT message(tr("Nothing to accept: select unlabeled images that have a model's guess."));
        return;
    }
    confirmThen(count, tr("Accept the model's guesses for all %n selected images?", nullptr, count),
                [this] { acceptGuessesNow(); });
}

void ImageGridView::acceptGuessesNow()
{
    const auto rejected = m_store->rejectedLabelsBySample();
    if (!rejected) {
        Q_EMIT message(rejected.error());
        return;
    }
    QVector<BulkLabelCommand::Item> items;
    int skipped = 0;
    for (const QModelIndex &index : m_list->selectionModel()->selectedIndexes()) {
        const ImageGridModel::Row row = m_model->row(index.row());
        // A labeled image keeps its label; a guess the annotator said no to is not theirs to accept.
        if (!row.label.isEmpty() || row.predicted.isEmpty() || rejected->value(row.id).contains(row.predicted)) {
            ++skipped;
            continue;
        }
        BulkLabelCommand::Item item;
        item.sampleId = row.id;
        item.after.annotator = m_annotator;
        item.after.source = AnnotationSource::ModelAccepted;
        item.after.labels = {row.predicted};
        item.after.provenance.origin = QLatin1String(Provenance::Bulk);
        item.after.provenance.runId = m_model->runId();
        item.after.provenance.score = row.score;
        item.after.provenance.rank = row.rank;
        items.push_back(item);
    }
    if (items.isEmpty()) {
        Q_EMIT message(tr("Nothing to accept: select unlabeled images that have a model's guess."));
        return;
    }
    const int count = int(items.size());
    push(std::move(items), tr("Accept %n model guess(es)", nullptr, count));
    if (skipped > 0)
        Q_EMIT message(tr("Accepted %n guess(es); %1 selected image(s) were labeled already or had no guess.", nullptr,
                          count).arg(skipped));
}

void ImageGridView::confirmThen(int count, const QString &question, std::function<void()> act)
{
    if (count <= kConfirmAbove) {
        act();
        return;
    }
    // Ctrl+A and a key by mistake would label a whole pool: asked first, without a nested event loop.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Label many images"), question,
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("gridConfirmBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("One step: Ctrl+Z undoes it."));
    connect(box, &QMessageBox::finished, this, [this, act = std::move(act)](int result) {
        if (result == QMessageBox::Yes && m_store) {
            QApplication::setOverrideCursor(Qt::WaitCursor); // one transaction of thousands of labels
            act();
            QApplication::restoreOverrideCursor();
        }
    });
    box->open();
}

void ImageGridView::push(QVector<BulkLabelCommand::Item> items, const QString &text)
{
    QSet<qint64> ids;
    for (const BulkLabelCommand::Item &item : std::as_const(items))
        ids.insert(item.sampleId);
    // The command outlives neither the project nor this view: the window clears the stack when it closes one.
    m_undo->push(new BulkLabelCommand(m_store, std::move(items), text,
                                      [this, ids](bool undone, bool ok, int count, const QString &error) {
                                          afterStep(undone, ok, count, error, ids);
                                      }));
}

void ImageGridView::afterStep(bool undone, bool ok, int count, const QString &error, const QSet<qint64> &ids)
{
    if (!ok) {
        Q_EMIT message(tr("The labels were not saved: %1").arg(error));
        return;
    }
    m_model->refreshRows();
    if (!undone && m_model->query().state == ImageGridModel::Query::State::Unlabeled) {
        m_model->removeSamples(ids); // done with: the next ones move up
        m_list->selectionModel()->clearSelection();
    } else if (m_model->query().state != ImageGridModel::Query::State::Any) {
        m_keepSelected = ids; // undone: they come back, selected as they were
        m_keepInView = m_model->sampleId(m_list->indexAt(QPoint(8, 8)).row());
        m_model->reload();
    }
    updateCount();
    Q_EMIT samplesChanged(undone ? -count : count);
}

} // namespace marginalia::ui
