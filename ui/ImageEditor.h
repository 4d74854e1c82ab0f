#pragma once
#include "ui/ImageLoader.h"
#include "ui/LabelButtonsEditor.h"

class QLabel;
class QTimer;
class QToolButton;

namespace marginalia::ui {

class ImageCanvas;

// The editor of image classification: the picture, large and fitted to the window, with zoom (+ and -,
// Ctrl+wheel), 1:1 (*) and fit (/); under it the model's guess and a button per label, the keys as for text.
// The image is read and decoded on a pool thread (ImageLoader); until it is on screen, or when the store cannot
// give it (moved, deleted, changed since import: its message is shown instead), label keys and Accept do not
// save, since the annotator has not seen what they would label. Skip, flag and back still work.
class ImageEditor : public LabelButtonsEditor
{
    Q_OBJECT
public:
    explicit ImageEditor(LabelingSession *session, QWidget *parent = nullptr);

    QString shortcutHelp() const override;
    bool commandKey(QKeyEvent *event) override;
    ImageCanvas *canvas() const { return m_canvas; }
    // The sample whose image is on screen (0: none, or still loading); for tests and the latency bench.
    qint64 shownImageId() const { return m_loadedId; }

Q_SIGNALS:
    void imageShown(qint64 sampleId); // its picture, or the reason there is none, is on screen

protected:
    void showContent(const LabelingSession::Shown &shown) override;
    void showContentMessage(const QString &message) override;
    bool readyToAnswer() override;
    void changeEvent(QEvent *event) override;

private:
    void onLoaded(const ImageLoader::Loaded &loaded);
    void updateInfo();
    void retranslateUi();

    ImageLoader *m_loader;
    ImageCanvas *m_canvas;
    QLabel *m_info;
    QToolButton *m_fit;
    QToolButton *m_oneToOne;
    QToolButton *m_zoomOut;
    QToolButton *m_zoomIn;
    QTimer *m_slow; // says "loading" only when the image takes long: a quick one would just flicker
    QString m_file;        // the sample's image path, relative to the project
    qint64 m_wantedId = 0; // the sample shown
    qint64 m_loadedId = 0; // the sample whose image (or message) is on screen
    QString m_error;       // why the shown sample's image cannot be shown
};

} // namespace marginalia::ui
