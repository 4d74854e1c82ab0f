#include "ui/LabelingView.h"
#include "store/ProjectStore.h"
#include "ui/LabelKeys.h"
#include "ui/SampleEditor.h"
#include "ui/SampleEditorFactory.h"
#include "ui/TeachEditor.h"

#include <QAction>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace marginalia::ui {

LabelingView::LabelingView(QWidget *parent) : QWidget(parent), m_session(new LabelingSession(this))
{
    setObjectName(QStringLiteral("labelingView"));
    setFocusPolicy(Qt::StrongFocus);

    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("reasonLabel"));
    m_evalBanner = new QLabel(this);
    m_evalBanner->setObjectName(QStringLiteral("evalBanner"));
    m_evalBanner->setStyleSheet(QStringLiteral("background:#fff4ce;color:#5c4400;padding:4px;border-radius:3px;"));
    m_evalBanner->setVisible(false);

    m_acceptAction = addCommand("actionAccept", {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)},
                                &LabelingView::accept);
    m_skipAction = addCommand("actionSkip", {QKeySequence(Qt::Key_S)}, &LabelingView::skip);
    m_flagAction = addCommand("actionFlag", {QKeySequence(Qt::Key_F)}, &LabelingView::startFlag);
    m_backAction = addCommand("actionBack", {QKeySequence(Qt::Key_Backspace)}, &LabelingView::back);
    // Teach mode's answers: A is yes (as Enter), X no, Space skips; they act only in teach mode.
    m_teachYesAction = addCommand("actionTeachYes", {QKeySequence(Qt::Key_A)}, &LabelingView::accept);
    m_teachNoAction = addCommand("actionTeachNo", {QKeySequence(Qt::Key_X)}, &LabelingView::teachNo);
    m_teachSkipAction = addCommand("actionTeachSkip", {QKeySequence(Qt::Key_Space)}, &LabelingView::skip);
    m_teachAction = new QAction(this);
    m_teachAction->setObjectName(QStringLiteral("actionTeachMode"));
    m_teachAction->setCheckable(true);
    m_teachAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(m_teachAction, &QAction::toggled, this, &LabelingView::setTeachMode);
    m_commands.prepend(m_teachAction);
    for (QAction *a : {m_teachNoAction, m_teachSkipAction, m_teachYesAction})
        a->setEnabled(false);

    m_actions = new QHBoxLayout;
    auto addAction = [this](const char *name, void (LabelingView::*slot)()) {
        auto *button = new QPushButton(this);
        button->setObjectName(QLatin1String(name));
        button->setFocusPolicy(Qt::NoFocus);
        connect(button, &QPushButton::clicked, this, slot);
        m_actions->addWidget(button);
        return button;
    };
    m_accept = addAction("acceptButton", &LabelingView::accept); // the editor's own buttons follow it
    m_skip = addAction("skipButton", &LabelingView::skip);
    m_flag = addAction("flagButton", &LabelingView::startFlag);
    m_back = addAction("backButton", &LabelingView::back);
    m_actions->addStretch();

    m_flagComment = new QLineEdit(this);
    m_flagComment->setObjectName(QStringLiteral("flagComment"));
    m_flagComment->setVisible(false);
    connect(m_flagComment, &QLineEdit::returnPressed, this, &LabelingView::saveFlag);

    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_shortcuts = new QLabel(this);
    m_shortcuts->setObjectName(QStringLiteral("shortcutHelp"));
    m_shortcuts->setWordWrap(true);
    m_shortcuts->setStyleSheet(QStringLiteral("color:palette(mid);"));

    m_layout = new QVBoxLayout(this);
    m_layout->addWidget(m_reason);
    m_layout->addWidget(m_evalBanner);
    m_layout->addLayout(m_actions); // the editor goes in above the actions (setEditor)
    m_layout->addWidget(m_flagComment);
    m_layout->addWidget(m_progress);
    m_layout->addWidget(m_shortcuts);

    connect(m_session, &LabelingSession::sampleShown, this, &LabelingView::onShown);
    connect(m_session, &LabelingSession::nothingLeft, this, &LabelingView::onNothingLeft);
    connect(m_session, &LabelingSession::labelsChanged, this, [this](const QVector<Label> &labels) {
        if (m_editor && m_editor->setLabels(labels))
            m_session->reshow();
    });
    connect(m_session, &LabelingSession::draftChanged, this, [this](const QVariant &draft) {
        if (m_editor)
            m_editor->showDraft(draft);
    });
    connect(m_session, &LabelingSession::rankingApplied, this, [this] {
        if (m_editor)
            m_editor->rankingApplied();
    });
    connect(m_session, &LabelingSession::labeled, this, &LabelingView::labeled);
    connect(m_session, &LabelingSession::message, this, &LabelingView::message);
    retranslateUi();
}

LabelingView::~LabelingView() = default;

QAction *LabelingView::addCommand(const char *name, const QList<QKeySequence> &keys, void (LabelingView::*slot)())
{
    auto *action = new QAction(this);
    action->setObjectName(QLatin1String(name));
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, slot);
    addAction(action);
    m_commands << action;
    return action;
}

void LabelingView::retranslateUi()
{
    m_acceptAction->setText(tr("Accept"));
    m_skipAction->setText(tr("Skip"));
    m_flagAction->setText(tr("Flag for review"));
    m_backAction->setText(tr("Back to the previous sample"));
    m_teachAction->setText(tr("&Teach mode"));
    m_teachYesAction->setText(tr("Teach: yes, it is this label"));
    m_teachNoAction->setText(tr("Teach: no, not this label"));
    m_teachSkipAction->setText(tr("Teach: skip"));
    m_skip->setText(tr("Skip (S)"));
    m_flag->setText(tr("Flag (F)"));
    m_back->setText(tr("Back (Backspace)"));
    m_flagComment->setPlaceholderText(tr("Why flag this sample? Enter saves, Esc cancels"));
    m_accept->setText(m_editor ? m_editor->acceptText() : QString());
    m_evalBanner->setText(m_editor ? m_editor->evalBannerText() : QString());
    m_shortcuts->setText(m_editor ? m_editor->shortcutHelp() : QString());
    if (currentSampleId() != 0) {
        m_reason->setText(reasonText(m_session->currentItem()));
        updateProgress();
    } else if (m_session->isOpen()) {
        onNothingLeft();
    }
}

void LabelingView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LabelingView::setProject(ProjectStore *store, QUndoStack *undoStack, const QString &annotator)
{
    const QSignalBlocker block(m_teachAction); // every project opens in the usual editor
    m_teachAction->setChecked(false);
    for (QAction *a : {m_teachNoAction, m_teachSkipAction, m_teachYesAction})
        a->setEnabled(false);
    m_teachAction->setEnabled(teachModeWorks(store->task()));
    setEditor(createSampleEditor(store->task(), m_session, this));
    m_session->open(store, undoStack, annotator);
}

void LabelingView::clearProject()
{
    m_session->close();
    setEditor(nullptr);
    const QSignalBlocker block(m_teachAction);
    m_teachAction->setChecked(false);
    for (QAction *a : {m_teachNoAction, m_teachSkipAction, m_teachYesAction})
        a->setEnabled(false);
}

void LabelingView::reloadLabels() { m_session->reloadLabels(); }

// Teach mode asks about a text (TeachEditor): spans have no one label to propose, and images need their picture.
bool LabelingView::teachModeWorks(TaskType task) { return task == TaskType::TextCat || task == TaskType::MultiLabel; }

bool LabelingView::teachMode() const { return qobject_cast<TeachEditor *>(m_editor) != nullptr; }

void LabelingView::setTeachMode(bool on)
{
    const ProjectStore *store = m_session->store();
    if (!store || !teachModeWorks(store->task()) || on == teachMode()) {
        const QSignalBlocker block(m_teachAction);
        m_teachAction->setChecked(teachMode());
        return;
    }
    const TaskType task = store->task();
    if (!on)
        m_session->setTeachLabel(QString()); // the queue goes back to the ranking's order
    setEditor(on ? new TeachEditor(m_session, task == TaskType::MultiLabel, this)
                 : createSampleEditor(task, m_session, this));
    for (QAction *a : {m_teachNoAction, m_teachSkipAction, m_teachYesAction})
        a->setEnabled(on);
    {
        const QSignalBlocker block(m_teachAction);
        m_teachAction->setChecked(on);
    }
    m_editor->setLabels(m_session->labels());
    if (currentSampleId() != 0)
        m_session->reshow(); // the sample in front stays, now in the other editor
    else
        onNothingLeft();
    setFocus();
}

void LabelingView::teachNo()
{
    if (auto *teach = qobject_cast<TeachEditor *>(m_editor))
        teach->reject();
}

void LabelingView::recount()
{
    if (!queue())
        return;
    queue()->recount();
    updateProgress();
}

void LabelingView::setEditor(SampleEditor *editor)
{
    qDeleteAll(m_editorButtons); // they live in the action row, not in the editor
    m_editorButtons.clear();
    delete m_editor;
    m_editor = editor;
    if (m_editor) {
        m_layout->insertWidget(2, m_editor, 1);
        m_editor->show();
        m_editorButtons = m_editor->actionButtons();
        for (int i = 0; i < m_editorButtons.size(); ++i) {
            m_actions->insertWidget(1 + i, m_editorButtons.at(i));
            m_editorButtons.at(i)->show();
        }
    }
    retranslateUi();
}

void LabelingView::onShown(const LabelingSession::Shown &shown)
{
    m_flagComment->setVisible(false);
    m_reason->setText(reasonText(shown.item));
    m_evalBanner->setVisible(shown.sample.split == Split::Eval);
    if (m_editor)
        m_editor->showSample(shown);
    updateProgress();
}

void LabelingView::onNothingLeft()
{
    const bool empty = queue() && queue()->counts().pool == 0;
    m_reason->clear();
    m_evalBanner->setVisible(false);
    if (!m_editor)
        return;
    const bool images = m_session->store() && m_session->store()->task() == TaskType::Image;
    if (images)
        m_editor->showNothing(empty ? tr("No images yet: import a folder of images (a subfolder per label) with "
                                         "File ▸ Import, or drop it on the window.")
                                    : tr("Every image is labeled. Export the project or review labels in the Grid."));
    else
        m_editor->showNothing(empty ? tr("No samples yet: import a file with File ▸ Import, or drop it on the window.")
                                    : tr("Every sample is labeled. Export the project or review labels in Browse."));
}

void LabelingView::updateProgress()
{
    if (!queue())
        return;
    const SampleQueue::Counts &c = queue()->counts();
    m_progress->setText(tr("Labeled: %1 of %2 pool samples · evaluation: %3 of %4 target")
                            .arg(c.poolLabeled).arg(c.pool).arg(c.evalLabeled).arg(queue()->evalTarget()));
}

QString LabelingView::reasonText(const QueueItem &item) const
{
    switch (item.reason) {
    case QueueItem::Reason::Ranked:
        return tr("Chosen by the model: strategy %1, score %2, rank %3")
            .arg(item.strategy).arg(item.score, 0, 'g', 4).arg(item.rank);
    case QueueItem::Reason::Evaluation:
        return tr("Random evaluation sample");
    case QueueItem::Reason::Opened:
        // Translated where only the span view said it (translations/ is keyed by that context).
        return QCoreApplication::translate("marginalia::ui::SpanLabelingView", "Opened from Browse");
    case QueueItem::Reason::Unranked:
        break;
    }
    return tr("Random pick: no model has ranked the pool yet");
}

void LabelingView::accept()
{
    if (m_editor)
        m_editor->accept();
}

void LabelingView::openSample(qint64 sampleId, const QString &origin)
{
    m_session->openSample(sampleId, origin);
    setFocus();
}

void LabelingView::startFlag()
{
    if (currentSampleId() == 0)
        return;
    m_flagComment->clear();
    m_flagComment->setVisible(true);
    m_flagComment->setFocus();
}

void LabelingView::saveFlag()
{
    const qint64 id = currentSampleId();
    const auto s = m_session->store()->setFlag(id, m_flagComment->text());
    m_flagComment->setVisible(false);
    setFocus();
    Q_EMIT message(s ? tr("Flagged sample %1.").arg(id) : s.error());
    if (s)
        showNext();
}

bool LabelingView::event(QEvent *event)
{
    // Plain keys belong to the labeling while the view has the focus: label keys first, then the editor's,
    // then the commands' (keyPressEvent), so a shortcut elsewhere in the window never takes them first.
    if (event->type() == QEvent::ShortcutOverride && m_editor && m_session->isOpen()) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool functionKey = key->key() >= Qt::Key_F1 && key->key() <= Qt::Key_F35;
        if (!(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) && !functionKey) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

bool LabelingView::triggerCommand(QKeyEvent *event)
{
    const QKeySequence pressed(event->key());
    for (QAction *action : std::as_const(m_commands))
        if (action->isEnabled() && action->shortcuts().contains(pressed)) {
            action->trigger();
            return true;
        }
    return false;
}

void LabelingView::keyPressEvent(QKeyEvent *event)
{
    if (!m_editor || !m_session->isOpen() || event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    // The editor's own keys first (moving through the text, Space, Delete), then the label keys, then the
    // commands. Label keys come before the letter commands, so that a label that kept S, F or A as its own key
    // (from before commands took them) still answers to it.
    if (m_editor->navigationKey(event))
        return;
    if (event->key() == Qt::Key_Escape) {
        m_flagComment->setVisible(false);
        m_editor->escape();
        setFocus();
        return;
    }
    if (const int index = labelIndexForKey(m_session->labels(), event->text()); index >= 0) {
        m_editor->labelKey(index);
        return;
    }
    if (m_editor->commandKey(event))
        return;
    if (triggerCommand(event))
        return;
    QWidget::keyPressEvent(event);
}

} // namespace marginalia::ui
