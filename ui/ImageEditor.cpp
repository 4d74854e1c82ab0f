#include "ui/ImageEditor.h"
#include "store/ProjectStore.h"
#include "ui/ImageCanvas.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace marginalia::ui {

namespace {
constexpr int kSlowLoadMs = 150;

// The picture with a line under it: the file, its size and the zoom, and the zoom buttons.
QWidget *makePane()
{
    auto *pane = new QWidget;
    pane->setObjectName(QStringLiteral("imagePane"));
    auto *canvas = new ImageCanvas(pane);
    auto *info = new QLabel(pane);
    info->setObjectName(QStringLiteral("imageInfo"));
    info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(info, 1);
    for (const char *name : {"zoomFitButton", "zoomOneToOneButton", "zoomOutButton", "zoomInButton"}) {
        auto *button = new QToolButton(pane);
        button->setObjectName(QLatin1String(name));
        button->setFocusPolicy(Qt::NoFocus);
        row->addWidget(button);
    }
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(canvas, 1);
    layout->addLayout(row);
    return pane;
}
} // namespace

ImageEditor::ImageEditor(LabelingSession *session, QWidget *parent)
    : LabelButtonsEditor(session, false, makePane(), parent),
      m_loader(new ImageLoader([this](const ImageLoader::Loaded &loaded) { onLoaded(loaded); }, this))
{
    m_canvas = content()->findChild<ImageCanvas *>();
    m_info = content()->findChild<QLabel *>(QStringLiteral("imageInfo"));
    m_fit = content()->findChild<QToolButton *>(QStringLiteral("zoomFitButton"));
    m_oneToOne = content()->findChild<QToolButton *>(QStringLiteral("zoomOneToOneButton"));
    m_zoomOut = content()->findChild<QToolButton *>(QStringLiteral("zoomOutButton"));
    m_zoomIn = content()->findChild<QToolButton *>(QStringLiteral("zoomInButton"));
    connect(m_fit, &QToolButton::clicked, m_canvas, &ImageCanvas::fitToWindow);
    connect(m_oneToOne, &QToolButton::clicked, m_canvas, &ImageCanvas::actualSize);
    connect(m_zoomOut, &QToolButton::clicked, m_canvas, &ImageCanvas::zoomOut);
    connect(m_zoomIn, &QToolButton::clicked, m_canvas, &ImageCanvas::zoomIn);
    connect(m_canvas, &ImageCanvas::zoomChanged, this, &ImageEditor::updateInfo);
    m_slow = new QTimer(this);
    m_slow->setSingleShot(true);
    m_slow->setInterval(kSlowLoadMs);
    connect(m_slow, &QTimer::timeout, this, [this] {
        if (m_loadedId != m_wantedId) {
            m_canvas->setMessage(tr("Loading %1…").arg(m_file));
            updateInfo();
        }
    });
    retranslateUi();
}

void ImageEditor::retranslateUi()
{
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Fit the image to the window (/)"));
    m_oneToOne->setText(tr("1:1"));
    m_oneToOne->setToolTip(tr("Actual pixels (*)"));
    m_zoomOut->setText(QStringLiteral("−"));
    m_zoomOut->setToolTip(tr("Zoom out (-, Ctrl+wheel)"));
    m_zoomIn->setText(QStringLiteral("+"));
    m_zoomIn->setToolTip(tr("Zoom in (+, Ctrl+wheel)"));
    updateInfo();
}

void ImageEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    LabelButtonsEditor::changeEvent(event);
}

QString ImageEditor::shortcutHelp() const
{
    return tr("Keys: label keys label and advance · Enter/Space accept the model's guess · S skip · F flag · "
              "Backspace back · + - zoom (Ctrl+wheel) · * actual pixels · / fit · Ctrl+Z undo · "
              "Ctrl+Shift+Z redo · Ctrl+T train now");
}

void ImageEditor::showContent(const LabelingSession::Shown &shown)
{
    if (shown.sample.id == m_wantedId && shown.sample.id == m_loadedId)
        return; // shown again (an undo, a new ranking): its picture is on screen already
    m_wantedId = shown.sample.id;
    m_file = shown.sample.text;
    m_error.clear();
    // The previous picture stays for the few milliseconds the next one takes; keys wait for it (readyToAnswer).
    m_loader->request(session()->store()->path(), shown.sample.id);
    m_slow->start();
    updateInfo();
}

void ImageEditor::showContentMessage(const QString &message)
{
    m_loader->cancel();
    m_slow->stop();
    m_wantedId = 0;
    m_loadedId = 0;
    m_file.clear();
    m_error.clear();
    m_canvas->setMessage(message);
    updateInfo();
}

void ImageEditor::onLoaded(const ImageLoader::Loaded &loaded)
{
    if (loaded.sampleId != m_wantedId)
        return;
    m_slow->stop();
    m_loadedId = loaded.sampleId;
    if (loaded.image) {
        m_error.clear();
        m_canvas->setImage(*loaded.image, loaded.preview);
    } else {
        m_error = loaded.image.error();
        m_canvas->setMessage(tr("This image cannot be shown.\n\n%1\n\nSkip it (S) or flag it (F).").arg(m_error));
    }
    updateInfo();
    Q_EMIT imageShown(loaded.sampleId);
}

bool ImageEditor::readyToAnswer()
{
    if (m_loadedId != m_wantedId || m_wantedId == 0) {
        showMessage(tr("The image is still loading: the label was not saved."));
        return false;
    }
    if (!m_error.isEmpty()) {
        showMessage(tr("This image cannot be shown, so it cannot be labeled: skip it (S) or flag it (F)."));
        return false;
    }
    return true;
}

bool ImageEditor::commandKey(QKeyEvent *event)
{
    const QString key = event->text();
    if (key == QLatin1String("+") || key == QLatin1String("="))
        m_canvas->zoomIn();
    else if (key == QLatin1String("-"))
        m_canvas->zoomOut();
    else if (key == QLatin1String("*"))
        m_canvas->actualSize();
    else if (key == QLatin1String("/"))
        m_canvas->fitToWindow();
    else
        return false;
    return true;
}

void ImageEditor::updateInfo()
{
    if (m_file.isEmpty()) {
        m_info->clear();
        return;
    }
    if (!m_canvas->hasImage() || m_loadedId != m_wantedId) {
        m_info->setText(m_file);
        return;
    }
    const QSize size = m_canvas->imageSize();
    const QString zoom = m_canvas->fitsWindow() ? tr("fit, %1%").arg(m_canvas->scale() * 100, 0, 'f', 0)
                                                : tr("%1%").arg(m_canvas->scale() * 100, 0, 'f', 0);
    m_info->setText(tr("%1 · %2 × %3 pixels · zoom %4").arg(m_file).arg(size.width()).arg(size.height()).arg(zoom));
}

} // namespace marginalia::ui
