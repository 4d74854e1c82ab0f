#include "ui/SpanLabelingView.h"
#include "store/ProjectStore.h"
#include "ui/LabelCommand.h"
#include "ui/SpanTextWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginalia::ui {

SpanLabelingView::SpanLabelingView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("spanLabelingView"));
    setFocusPolicy(Qt::StrongFocus);

    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("reasonLabel"));
    m_evalBanner = new QLabel(this);
    m_evalBanner->setObjectName(QStringLiteral("evalBanner"));
    m_evalBanner->setStyleSheet(QStringLiteral("background:#fff4ce;color:#5c4400;padding:4px;border-radius:3px;"));
    m_evalBanner->setVisible(false);

    m_text = new SpanTextWidget(this);
    connect(m_text, &SpanTextWidget::selectionChanged, this, &SpanLabelingView::updateInfo);

    m_modelInfo = new QLabel(this);
    m_modelInfo->setObjectName(QStringLiteral("guessLabel"));
    m_modelInfo->setWordWrap(true);
    m_selectionInfo = new QLabel(this);
    m_selectionInfo->setObjectName(QStringLiteral("selectionLabel"));
    m_selectionInfo->setWordWrap(true);
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_buttonRow = new QHBoxLayout;

    auto *actions = new QHBoxLayout;
    auto addAction = [&](const char *name, void (SpanLabelingView::*slot)()) {
        auto *button = new QPushButton(this);
        button->setObjectName(QLatin1String(name));
        button->setFocusPolicy(Qt::NoFocus);
        connect(button, &QPushButton::clicked, this, slot);
        actions->addWidget(button);
    };
    addAction("acceptButton", &SpanLabelingView::acceptAllAndCommit);
    addAction("acceptSpanButton", &SpanLabelingView::acceptOne);
    addAction("removeSpanButton", &SpanLabelingView::deleteSelection);
    addAction("skipButton", &SpanLabelingView::skip);
    addAction("flagButton", &SpanLabelingView::startFlag);
    addAction("backButton", &SpanLabelingView::back);
    actions->addStretch();

    m_flagComment = new QLineEdit(this);
    m_flagComment->setObjectName(QStringLiteral("flagComment"));
    m_flagComment->setVisible(false);
    connect(m_flagComment, &QLineEdit::returnPressed, this, &SpanLabelingView::saveFlag);

    m_shortcuts = new QLabel(this);
    m_shortcuts->setObjectName(QStringLiteral("shortcutHelp"));
    m_shortcuts->setWordWrap(true);
    m_shortcuts->setStyleSheet(QStringLiteral("color:palette(mid);"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addWidget(m_evalBanner);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_modelInfo);
    layout->addWidget(m_selectionInfo);
    layout->addLayout(m_buttonRow);
    layout->addLayout(actions);
    layout->addWidget(m_flagComment);
    layout->addWidget(m_progress);
    layout->addWidget(m_shortcuts);
    m_rankingReader = new RankingReader([this](const Result<SampleQueue::Ranking> &r) { onRankingRead(r); }, this);
    retranslateUi();
}

void SpanLabelingView::retranslateUi()
{
    m_evalBanner->setText(tr("Evaluation sample: mark the entities as you see them. It measures the model and "
                             "is never chosen by it."));
    findChild<QPushButton *>(QStringLiteral("acceptButton"))->setText(tr("Accept all and save (Enter)"));
    findChild<QPushButton *>(QStringLiteral("acceptSpanButton"))->setText(tr("Accept span (A)"));
    findChild<QPushButton *>(QStringLiteral("removeSpanButton"))->setText(tr("Remove (Delete)"));
    findChild<QPushButton *>(QStringLiteral("skipButton"))->setText(tr("Skip (S)"));
    findChild<QPushButton *>(QStringLiteral("flagButton"))->setText(tr("Flag (F)"));
    findChild<QPushButton *>(QStringLiteral("backButton"))->setText(tr("Back (Backspace)"));
    m_flagComment->setPlaceholderText(tr("Why flag this sample? Enter saves, Esc cancels"));
    m_shortcuts->setText(tr("Keys: ←/→ move · Shift+←/→ extend · label keys label the selection or retype a clicked "
                            "span · A accept the model's span at the caret · Enter accept all and save (with no "
                            "spans: “no entities”) · Delete remove · S skip · F flag · Backspace back · Ctrl+Z undo "
                            "· Ctrl+Shift+Z redo · Ctrl+T train now"));
    updateInfo();
}

void SpanLabelingView::changeEvent(QEvent *event)
{
    // The language switch applies at once, like the classification view's.
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

SpanLabelingView::~SpanLabelingView() = default;

void SpanLabelingView::setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator)
{
    m_store = store;
    m_undo = undoStack;
    m_annotator = annotator;
    m_queue = std::make_unique<SampleQueue>(store);
    m_rankingReader->reset();
    m_current = {};
    m_seen.clear();
    m_backStack.clear();
    m_forwardStack.clear();
    m_openedId = 0;
    reloadLabels();
    showNext();
}

void SpanLabelingView::clearProject()
{
    m_rankingReader->reset();
    m_queue.reset();
    m_store = nullptr;
    m_current = {};
    m_draft = {};
    m_text->setPlaceholder(QString());
}

void SpanLabelingView::reloadLabels()
{
    if (!m_store)
        return;
    for (QPushButton *b : std::as_const(m_buttons))
        delete b;
    m_buttons.clear();
    if (auto labels = m_store->labels())
        m_labels = *labels;
    QHash<QString, QColor> colors;
    for (int i = 0; i < m_labels.size(); ++i) {
        const Label &label = m_labels.at(i);
        const QString key = label.shortcut.isEmpty() && i < 9 ? QString::number(i + 1) : label.shortcut;
        const QString text = key.isEmpty() ? label.name : QStringLiteral("[%1]  %2").arg(key, label.name);
        auto *button = new QPushButton(text, this);
        button->setObjectName(QStringLiteral("labelButton_%1").arg(i));
        button->setFocusPolicy(Qt::NoFocus);
        button->setMinimumHeight(36);
        const QString color = label.color.isEmpty() ? QStringLiteral("#888888") : label.color;
        button->setStyleSheet(QStringLiteral("QPushButton{border-left:6px solid %1;padding:0 12px;}").arg(color));
        connect(button, &QPushButton::clicked, this, [this, i] { assignLabel(i); });
        m_buttonRow->addWidget(button);
        m_buttons.push_back(button);
        if (!label.color.isEmpty())
            colors.insert(label.name, QColor(label.color));
    }
    m_text->setLabelColors(colors);
    // A label renamed or removed while the sample is open: show the sample again as stored, rather than keep
    // spans under a name the store no longer knows (the commit would be refused).
    QSet<QString> names;
    for (const Label &l : std::as_const(m_labels))
        names.insert(l.name);
    bool stale = false;
    for (const Span &span : std::as_const(m_draft.spans))
        stale = stale || !names.contains(span.label);
    for (const PredictedSpan &p : std::as_const(m_draft.pending))
        stale = stale || !names.contains(p.span.label);
    if (stale && m_current.sampleId != 0)
        showItem(m_current);
}

void SpanLabelingView::reloadSamples()
{
    if (!m_queue)
        return;
    m_queue->reloadAll();
    if (m_current.sampleId == 0)
        showNext();
}

void SpanLabelingView::refreshRanking()
{
    if (m_queue)
        m_rankingReader->request(m_store->path());
}

void SpanLabelingView::onRankingRead(const Result<SampleQueue::Ranking> &ranking)
{
    if (!m_queue)
        return;
    if (!ranking) {
        Q_EMIT message(ranking.error());
        return;
    }
    m_queue->applyRanking(ranking.value());
    // The sample in front stays; if the annotator has not marked anything on it yet, the new model's spans
    // appear on it right away.
    if (m_current.sampleId != 0 && !m_wasLabeled && !m_hasPrediction && m_draft == SpanDraft{}) {
        const text::TokenRange selection = m_text->selection();
        const int caret = m_text->caret();
        showItem(m_current);
        if (!selection.isEmpty()) {
            m_text->setCaret(caret == selection.first ? selection.last : selection.first, false);
            m_text->setCaret(caret, true);
        }
    }
}

void SpanLabelingView::showNext()
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

void SpanLabelingView::showNothingLeft()
{
    m_current = {};
    m_draft = {};
    const bool empty = m_queue && m_queue->counts().pool == 0;
    m_text->setPlaceholder(empty ? tr("No samples yet: import a file with File ▸ Import, or drop it on the window.")
                                 : tr("Every sample is labeled. Export the project or review labels in Browse."));
    m_reason->clear();
    m_modelInfo->clear();
    m_selectionInfo->clear();
    m_evalBanner->setVisible(false);
}

void SpanLabelingView::showItem(const QueueItem &item)
{
    auto sample = m_store->sample(item.sampleId);
    if (!sample) {
        Q_EMIT message(sample.error());
        return;
    }
    m_current = item;
    m_seen.insert(item.sampleId);
    m_flagComment->setVisible(false);
    m_sample = *sample;
    m_tokens = text::annotationTokens(m_sample.text, m_sample.tokens);
    m_text->setSample(m_sample.text, m_tokens);

    // An existing annotation (Back, Undo, Browse) is shown as it is; otherwise the model's spans wait for a
    // decision. A labeled sample keeps its spans: predictions there would only be noise to dismiss. Evaluation
    // samples never show the model's spans: accepting them would let the model grade its own answers.
    SpanDraft draft;
    m_wasLabeled = false;
    if (auto current = m_store->currentAnnotation(item.sampleId); current && current->has_value()
        && !(*current)->cleared) {
        draft.spans = (*current)->spans;
        m_wasLabeled = true;
    }
    m_predicted.clear();
    m_hasPrediction = false;
    m_predictionConfidence = 0;
    const auto guess = m_sample.split == Split::Pool ? m_queue->guess(item.sampleId) : std::nullopt;
    if (guess) {
        QStringList names;
        for (const Label &l : std::as_const(m_labels))
            names << l.name;
        const QVector<PredictedSpan> predicted =
            parsePredictedSpans(guess->detailJson, m_tokens, int(m_sample.text.size()), names);
        for (const PredictedSpan &p : predicted)
            m_predicted << p.span;
        m_hasPrediction = true;
        m_predictionConfidence = guess->confidence;
        if (!m_wasLabeled)
            draft.pending = predicted;
    }
    setDraft(draft);
    m_reason->setText(reasonText(item));
    m_evalBanner->setVisible(m_sample.split == Split::Eval);
    const SampleQueue::Counts &c = m_queue->counts();
    m_progress->setText(tr("Labeled: %1 of %2 pool samples · evaluation: %3 of %4 target")
                            .arg(c.poolLabeled).arg(c.pool).arg(c.evalLabeled).arg(m_queue->evalTarget()));
}

QString SpanLabelingView::reasonText(const QueueItem &item) const
{
    if (item.sampleId == m_openedId)
        return tr("Opened from Browse");
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

QString SpanLabelingView::tokenText(int first, int last) const
{
    if (first < 0 || last >= m_tokens.size() || first > last)
        return QString();
    const int start = m_tokens.at(first).start;
    return m_sample.text.mid(start, m_tokens.at(last).end - start).simplified();
}

void SpanLabelingView::updateInfo()
{
    if (m_current.sampleId == 0)
        return;
    const QString none = tr("no entities");
    QString model;
    if (m_sample.split == Split::Eval)
        model = tr("Model's spans are not shown on evaluation samples.");
    else if (m_hasPrediction)
        model = tr("Model's spans: %1 (sequence confidence %2%)")
                    .arg(m_predicted.isEmpty() ? none : spanSummary(m_sample.text, m_predicted))
                    .arg(m_predictionConfidence * 100, 0, 'f', 0);
    else
        model = tr("Model's spans: none yet");
    if (m_wasLabeled)
        model += QStringLiteral("   ·   ") + tr("Already labeled: Enter saves your changes as a new version.");
    m_modelInfo->setText(model);

    const int span = m_text->selectedSpan();
    const int prediction = m_text->selectedPrediction();
    if (span >= 0) {
        const Span &s = m_draft.spans.at(span);
        m_selectionInfo->setText(tr("Span “%1” (%2): a label key changes its type, Delete removes it.")
                                     .arg(m_sample.text.mid(s.start, s.end - s.start), s.label));
    } else if (prediction >= 0) {
        const Span &s = m_draft.pending.at(prediction).span;
        m_selectionInfo->setText(tr("Model's span “%1” (%2): A accepts it, a label key accepts it as that type, "
                                    "Delete dismisses it.").arg(m_sample.text.mid(s.start, s.end - s.start), s.label));
    } else if (const text::TokenRange range = m_text->selection(); !range.isEmpty()) {
        m_selectionInfo->setText(
            tr("Selected: “%1”: a label key marks it.").arg(tokenText(range.first, range.last)));
    } else {
        m_selectionInfo->setText(tr("This sample has no tokens: Enter saves it with no entities."));
    }
}

// Commits, and what the undo stack brings back.

void SpanLabelingView::acceptAllAndCommit() { commit(true); }

bool SpanLabelingView::commit(bool acceptPending)
{
    if (!m_store || !m_undo || m_current.sampleId == 0)
        return false;
    const SpanDraft restore = m_draft; // what undo of the commit shows again
    const SpanDraft final = acceptPending ? acceptAllPredictions(m_draft) : m_draft;
    AnnotationInput input;
    input.spans = final.spans;
    input.annotator = m_annotator;
    // The model's spans taken as they were (all of them, nothing added) are recorded as the model's work.
    input.source = m_hasPrediction && !m_wasLabeled && sameSpans(final.spans, m_predicted)
                       ? AnnotationSource::ModelAccepted
                       : AnnotationSource::Human;
    m_lastError.clear();
    const qint64 id = m_current.sampleId;
    const bool wasLabeled = m_wasLabeled;
    const bool eval = m_sample.split == Split::Eval;
    const QString summary = final.spans.isEmpty() ? tr("no entities") : spanSummary(m_sample.text, final.spans);
    m_pushing = true;
    m_undo->push(new LabelCommand(m_store, id, input, tr("Label sample %1: %2").arg(id).arg(summary),
                                  [this, restore](qint64 s, bool undone, bool ok, const QString &e) {
                                      onStored(s, undone, ok, e, restore);
                                  }));
    m_pushing = false;
    if (!m_lastError.isEmpty())
        return false; // not stored: stay on this sample so nothing is lost
    if (!wasLabeled)
        m_queue->noteLabeled(m_sample.split, +1);
    Q_EMIT labeled(id, eval);
    showNext();
    return true;
}

void SpanLabelingView::onStored(qint64 sampleId, bool undone, bool ok, const QString &error,
                                const SpanDraft &restore)
{
    if (!ok) {
        m_lastError = error;
        Q_EMIT message(tr("The spans were not saved: %1").arg(error));
        return;
    }
    if (m_pushing || !m_queue)
        return;
    m_queue->recount(); // undo/redo: rare enough to count again
    if (undone) {
        // The sample comes back in front with the spans it had just before the commit, so the next undo
        // steps through the edits made on it.
        if (sampleId == m_current.sampleId)
            showItem(m_current);
        else
            bringToFront(sampleId, true);
        if (m_current.sampleId == sampleId)
            setDraft(restore);
    } else if (sampleId == m_current.sampleId) {
        showItem(m_current);
    }
}

void SpanLabelingView::bringToFront(qint64 sampleId, bool undone)
{
    if (sampleId == m_current.sampleId || !m_queue)
        return;
    if (m_current.sampleId != 0)
        (undone ? m_forwardStack : m_backStack).push_back(m_current);
    QueueItem item;
    item.sampleId = sampleId;
    for (QVector<QueueItem> *stack : {&m_backStack, &m_forwardStack})
        for (int i = int(stack->size()) - 1; i >= 0; --i)
            if (stack->at(i).sampleId == sampleId) {
                item = stack->takeAt(i);
                break;
            }
    showItem(item);
}

void SpanLabelingView::openSample(qint64 sampleId)
{
    if (!m_store || sampleId == 0 || sampleId == m_current.sampleId)
        return;
    if (m_current.sampleId != 0)
        m_backStack.push_back(m_current);
    m_openedId = sampleId;
    QueueItem item;
    item.sampleId = sampleId;
    showItem(item);
    setFocus();
}

void SpanLabelingView::skip() { showNext(); }

void SpanLabelingView::back()
{
    if (m_backStack.isEmpty())
        return;
    if (m_current.sampleId != 0)
        m_forwardStack.push_back(m_current);
    showItem(m_backStack.takeLast());
}

void SpanLabelingView::startFlag()
{
    if (m_current.sampleId == 0)
        return;
    m_flagComment->clear();
    m_flagComment->setVisible(true);
    m_flagComment->setFocus();
}

void SpanLabelingView::saveFlag()
{
    const auto s = m_store->setFlag(m_current.sampleId, m_flagComment->text());
    m_flagComment->setVisible(false);
    setFocus();
    Q_EMIT message(s ? tr("Flagged sample %1.").arg(m_current.sampleId) : s.error());
    if (s)
        showNext();
}

} // namespace marginalia::ui
