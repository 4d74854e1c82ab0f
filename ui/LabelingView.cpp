#include "ui/LabelingView.h"
#include "store/ProjectStore.h"
#include "ui/LabelCommand.h"
#include "ui/LabelKeys.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginalia::ui {

LabelingView::LabelingView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("labelingView"));
    setFocusPolicy(Qt::StrongFocus);

    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("reasonLabel"));
    m_evalBanner = new QLabel(this);
    m_evalBanner->setObjectName(QStringLiteral("evalBanner"));
    m_evalBanner->setStyleSheet(QStringLiteral("background:#fff4ce;color:#5c4400;padding:4px;border-radius:3px;"));
    m_evalBanner->setVisible(false);

    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("sampleText"));
    m_text->setFocusPolicy(Qt::NoFocus); // keys belong to labeling; the mouse wheel still scrolls long texts
    QFont big = m_text->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    m_text->setFont(big);

    m_guessLabel = new QLabel(this);
    m_guessLabel->setObjectName(QStringLiteral("guessLabel"));
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));

    m_buttonRow = new QHBoxLayout;

    auto *actions = new QHBoxLayout;
    auto addAction = [&](const char *name, void (LabelingView::*slot)()) {
        auto *button = new QPushButton(this);
        button->setObjectName(QLatin1String(name));
        button->setFocusPolicy(Qt::NoFocus);
        connect(button, &QPushButton::clicked, this, slot);
        actions->addWidget(button);
    };
    addAction("acceptButton", &LabelingView::acceptGuess);
    addAction("skipButton", &LabelingView::skip);
    addAction("flagButton", &LabelingView::startFlag);
    addAction("backButton", &LabelingView::back);
    actions->addStretch();

    m_flagComment = new QLineEdit(this);
    m_flagComment->setObjectName(QStringLiteral("flagComment"));
    m_flagComment->setVisible(false);
    connect(m_flagComment, &QLineEdit::returnPressed, this, &LabelingView::saveFlag);

    m_shortcuts = new QLabel(this);
    m_shortcuts->setObjectName(QStringLiteral("shortcutHelp"));
    m_shortcuts->setWordWrap(true);
    m_shortcuts->setStyleSheet(QStringLiteral("color:palette(mid);"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addWidget(m_evalBanner);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_guessLabel);
    layout->addLayout(m_buttonRow);
    layout->addLayout(actions);
    layout->addWidget(m_flagComment);
    layout->addWidget(m_progress);
    layout->addWidget(m_shortcuts);

    m_rankingReader = new RankingReader([this](const Result<SampleQueue::Ranking> &r) { onRankingRead(r); }, this);
    retranslateUi();
}

LabelingView::~LabelingView() = default;

void LabelingView::retranslateUi()
{
    m_evalBanner->setText(tr("Evaluation sample: label it as you see it. It measures the model and is never "
                             "chosen by it."));
    findChild<QPushButton *>(QStringLiteral("acceptButton"))->setText(tr("Accept (Enter)"));
    findChild<QPushButton *>(QStringLiteral("skipButton"))->setText(tr("Skip (S)"));
    findChild<QPushButton *>(QStringLiteral("flagButton"))->setText(tr("Flag (F)"));
    findChild<QPushButton *>(QStringLiteral("backButton"))->setText(tr("Back (Backspace)"));
    m_flagComment->setPlaceholderText(tr("Why flag this sample? Enter saves, Esc cancels"));
    if (!m_store)
        return;
    const bool multi = m_store->task() == TaskType::MultiLabel;
    m_shortcuts->setText(multi ? tr("Keys: label keys toggle · Enter commits · S skip · F flag · Backspace back · "
                                    "Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+T train now")
                               : tr("Keys: label keys label and advance · Enter/Space accept the model's guess · "
                                    "S skip · F flag · Backspace back · Ctrl+Z undo · Ctrl+Shift+Z redo · "
                                    "Ctrl+T train now"));
    if (m_current.sampleId != 0)
        updateSampleTexts();
    else if (m_queue)
        showNothingLeft();
}

void LabelingView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LabelingView::setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator)
{
    m_store = store;
    m_undo = undoStack;
    m_annotator = annotator;
    m_queue = std::make_unique<SampleQueue>(store);
    m_rankingReader->reset();
    m_seen.clear();
    m_backStack.clear();
    m_forwardStack.clear();
    reloadLabels();
    showNext();
}

void LabelingView::clearProject()
{
    m_rankingReader->reset();
    m_queue.reset();
    m_store = nullptr;
    m_current = {};
    m_text->clear();
}

void LabelingView::reloadLabels()
{
    for (QPushButton *b : std::as_const(m_buttons))
        delete b;
    m_buttons.clear();
    if (auto labels = m_store->labels())
        m_labels = *labels;
    for (int i = 0; i < m_labels.size(); ++i) {
        const Label &label = m_labels.at(i);
        const QString key = label.shortcut.isEmpty() && i < 9 ? QString::number(i + 1) : label.shortcut;
        auto *button = new QPushButton(key.isEmpty() ? label.name : QStringLiteral("[%1]  %2").arg(key, label.name), this);
        button->setObjectName(QStringLiteral("labelButton_%1").arg(i));
        button->setFocusPolicy(Qt::NoFocus);
        button->setCheckable(m_store->task() == TaskType::MultiLabel);
        button->setMinimumHeight(36);
        button->setProperty("labelColor", label.color);
        connect(button, &QPushButton::clicked, this, [this, i] { toggleOrLabel(i); });
        m_buttonRow->addWidget(button);
        m_buttons.push_back(button);
    }
    retranslateUi();
    updateButtons();
}

void LabelingView::reloadSamples()
{
    if (!m_queue)
        return;
    m_queue->reloadAll();
    if (m_current.sampleId == 0)
        showNext();
}

void LabelingView::refreshRanking()
{
    if (m_queue)
        m_rankingReader->request(m_store->path());
}

void LabelingView::onRankingRead(const Result<SampleQueue::Ranking> &ranking)
{
    if (!m_queue)
        return;
    if (ranking)
        m_queue->applyRanking(ranking.value());
    else
        Q_EMIT message(ranking.error());
}

void LabelingView::showNext()
{
    if (!m_queue)
        return;
    if (m_current.sampleId != 0)
        m_backStack.push_back(m_current);
    if (!m_forwardStack.isEmpty()) {
        showItem(m_forwardStack.takeLast());
        return;
    }
    if (auto item = m_queue->next(m_seen))
        showItem(*item);
    else
        showNothingLeft();
}

void LabelingView::showNothingLeft()
{
    m_current = {};
    const bool empty = m_queue && m_queue->counts().pool == 0;
    m_text->setPlainText(empty ? tr("No samples yet: import a file with File ▸ Import, or drop it on the window.")
                               : tr("Every sample is labeled. Export the project or review labels in Browse."));
    m_reason->clear();
    m_guessLabel->clear();
    m_evalBanner->setVisible(false);
}

void LabelingView::showItem(const QueueItem &item)
{
    m_current = item;
    m_seen.insert(item.sampleId);
    m_toggled.clear();
    m_guess.clear();
    m_flagComment->setVisible(false);
    auto sample = m_store->sample(item.sampleId);
    if (!sample) {
        Q_EMIT message(sample.error());
        return;
    }
    m_currentSplit = sample->split;
    m_toggledFromStore.clear();
    m_text->setPlainText(sample->text);
    m_evalBanner->setVisible(item.reason == QueueItem::Reason::Evaluation);

    // An existing label (Back, Undo) is shown as the selection; otherwise the model's guess is pre-selected.
    m_existing.clear();
    if (auto current = m_store->currentAnnotation(item.sampleId); current && current->has_value()
        && !(*current)->cleared) {
        m_existing = (*current)->labels.join(QStringLiteral(", "));
        for (const QString &l : (*current)->labels)
            m_toggled.insert(l);
        m_toggledFromStore = m_toggled;
    }
    const auto guess = m_queue->guess(item.sampleId);
    m_guessConfidence = -1;
    if (guess && !guess->label.isEmpty()) {
        m_guess = guess->label;
        m_guessConfidence = guess->confidence;
    }
    if (m_store->task() == TaskType::MultiLabel && m_toggled.isEmpty() && guess) {
        for (const QString &l : guess->label.split(QLatin1Char(','), Qt::SkipEmptyParts))
            m_toggled.insert(l.trimmed());
    }
    updateSampleTexts();
    updateButtons();
}

void LabelingView::updateSampleTexts()
{
    m_reason->setText(reasonText(m_current));
    QString guess = m_guessConfidence >= 0
                        ? tr("Model's guess: %1 (confidence %2%)").arg(m_guess).arg(m_guessConfidence * 100, 0, 'f', 0)
                        : tr("Model's guess: none yet");
    if (!m_existing.isEmpty())
        guess += QStringLiteral("   ·   ") + tr("Current label: %1").arg(m_existing);
    m_guessLabel->setText(guess);
    const SampleQueue::Counts &c = m_queue->counts();
    m_progress->setText(tr("Labeled: %1 of %2 pool samples · evaluation: %3 of %4 target")
                            .arg(c.poolLabeled).arg(c.pool).arg(c.evalLabeled).arg(m_queue->evalTarget()));
}

QString LabelingView::reasonText(const QueueItem &item) const
{
    switch (item.reason) {
    case QueueItem::Reason::Ranked:
        return tr("Chosen by the model: strategy %1, score %2, rank %3")
            .arg(item.strategy).arg(item.score, 0, 'g', 4).arg(item.rank);
    case QueueItem::Reason::Evaluation:
        return tr("Random evaluation sample");
    case QueueItem::Reason::Unranked:
        break;
    }
    return tr("Random pick: no model has ranked the pool yet");
}

void LabelingView::updateButtons()
{
    const bool multi = m_store && m_store->task() == TaskType::MultiLabel;
    for (int i = 0; i < m_buttons.size(); ++i) {
        const QString &name = m_labels.at(i).name;
        const bool on = multi ? m_toggled.contains(name) : (m_toggled.isEmpty() ? name == m_guess : m_toggled.contains(name));
        if (multi)
            m_buttons[i]->setChecked(on);
        const QString color = m_labels.at(i).color.isEmpty() ? QStringLiteral("#888888") : m_labels.at(i).color;
        const QString style = on ? QStringLiteral("QPushButton{border:3px solid %1;font-weight:bold;}").arg(color)
                                 : QStringLiteral("QPushButton{border-left:6px solid %1;}").arg(color);
        if (m_buttons[i]->styleSheet() != style) // restyling a button costs a few ms: only when it changes
            m_buttons[i]->setStyleSheet(style);
    }
}

void LabelingView::toggleOrLabel(int index)
{
    if (index < 0 || index >= m_labels.size() || m_current.sampleId == 0)
        return;
    const QString &name = m_labels.at(index).name;
    if (m_store->task() == TaskType::MultiLabel) {
        if (!m_toggled.remove(name))
            m_toggled.insert(name);
        updateButtons();
        return;
    }
    labelCurrent({name});
}

bool LabelingView::labelCurrent(const QStringList &labels, AnnotationSource source)
{
    if (!m_store || m_current.sampleId == 0)
        return false;
    AnnotationInput input;
    input.labels = labels;
    input.annotator = m_annotator;
    input.source = source;
    input.cleared = labels.isEmpty() && m_store->task() == TaskType::TextCat;
    m_lastError.clear();
    const qint64 id = m_current.sampleId;
    const bool wasLabeled = !m_toggledFromStore.isEmpty();
    const bool eval = m_current.reason == QueueItem::Reason::Evaluation;
    m_pushing = true;
    m_undo->push(new LabelCommand(m_store, id, input, tr("Label sample %1 as %2").arg(id).arg(labels.join(QStringLiteral(", "))),
                                  [this](qint64 s, bool undone, bool ok, const QString &e) { onStored(s, undone, ok, e); }));
    m_pushing = false;
    if (!m_lastError.isEmpty())
        return false; // not stored: stay on this sample so nothing is lost
    if (!wasLabeled && !input.cleared)
        m_queue->noteLabeled(m_currentSplit, +1);
    Q_EMIT labeled(id, eval);
    showNext();
    return true;
}

void LabelingView::onStored(qint64 sampleId, bool undone, bool ok, const QString &error)
{
    if (!ok) {
        m_lastError = error;
        Q_EMIT message(tr("The label was not saved: %1").arg(error));
        return;
    }
    if (!m_pushing && m_queue)
        m_queue->recount(); // undo/redo/relabel from Browse: rare enough to count again
    // Undo brings the sample back in front of the annotator, so they see what changed and can relabel it.
    if (undone && sampleId != m_current.sampleId && m_queue) {
        if (m_current.sampleId != 0)
            m_forwardStack.push_back(m_current);
        QueueItem item;
        item.sampleId = sampleId;
        item.reason = QueueItem::Reason::Unranked;
        for (const QueueItem &seen : std::as_const(m_backStack))
            if (seen.sampleId == sampleId)
                item = seen;
        showItem(item);
    } else if (sampleId == m_current.sampleId && m_queue && !m_pushing) {
        showItem(m_current);
    }
}

void LabelingView::acceptGuess()
{
    if (m_current.sampleId == 0)
        return;
    if (m_store->task() == TaskType::MultiLabel) {
        labelCurrent(QStringList(m_toggled.cbegin(), m_toggled.cend()));
        return;
    }
    if (!m_toggled.isEmpty())
        labelCurrent({*m_toggled.cbegin()});
    else if (!m_guess.isEmpty())
        labelCurrent({m_guess}, AnnotationSource::ModelAccepted);
    else
        Q_EMIT message(tr("No guess to accept yet: press a label key."));
}

void LabelingView::skip() { showNext(); }

void LabelingView::back()
{
    if (m_backStack.isEmpty())
        return;
    if (m_current.sampleId != 0)
        m_forwardStack.push_back(m_current);
    showItem(m_backStack.takeLast());
}

void LabelingView::startFlag()
{
    if (m_current.sampleId == 0)
        return;
    m_flagComment->clear();
    m_flagComment->setVisible(true);
    m_flagComment->setFocus();
}

void LabelingView::saveFlag()
{
    const auto s = m_store->setFlag(m_current.sampleId, m_flagComment->text());
    m_flagComment->setVisible(false);
    setFocus();
    Q_EMIT message(s ? tr("Flagged sample %1.").arg(m_current.sampleId) : s.error());
    if (s)
        showNext();
}

void LabelingView::keyPressEvent(QKeyEvent *event)
{
    if (!m_store || event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        acceptGuess();
        return;
    case Qt::Key_Backspace:
    case Qt::Key_Left:
        back();
        return;
    case Qt::Key_Right:
        skip();
        return;
    case Qt::Key_Escape:
        m_flagComment->setVisible(false);
        setFocus();
        return;
    default:
        break;
    }
    const int index = labelIndexForKey(m_labels, event->text(), event->key());
    if (index >= 0) {
        toggleOrLabel(index);
        return;
    }
    if (event->key() == Qt::Key_S) {
        skip();
        return;
    }
    if (event->key() == Qt::Key_F) {
        startFlag();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace marginalia::ui
