#pragma once
#include "Result.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <functional>

namespace marginalia::ui {

// Reads and decodes one image sample on a pool thread, with that thread's own connection to the project, so that
// the GUI thread never waits on a disk or a decoder. The latest request wins: one read at a time, a request made
// meanwhile replaces any other waiting one, and a result for a sample no longer wanted is dropped.
class ImageLoader : public QObject
{
    Q_OBJECT
public:
    struct Loaded
    {
        qint64 sampleId = 0;
        Result<QImage> image = QImage(); // or the store's or decoder's reason, naming the file
        QImage preview; // a large image smoothly scaled to kPreviewSide, for the zoom levels below it
    };
    static constexpr int kPreviewSide = 2048;
    // `onLoaded` runs on the GUI thread with the image of the latest request.
    explicit ImageLoader(std::function<void(const Loaded &)> onLoaded, QObject *parent = nullptr);
    ~ImageLoader() override;

    void request(const QString &projectPath, qint64 sampleId);
    void cancel(); // forget the request in flight and any waiting one
    bool isLoading() const { return m_wanted != 0; }

private:
    void start(const QString &projectPath, qint64 sampleId);
    void onFinished();

    std::function<void(const Loaded &)> m_onLoaded;
    QFutureWatcher<Loaded> m_watcher;
    QString m_path;
    QString m_runningPath;
    qint64 m_wanted = 0;  // the sample whose image is wanted now; 0 = none
    qint64 m_running = 0; // the sample of the read in flight
};

// The image of sample `sampleId` as the store has it (ProjectStore::imageBytes), decoded within ImageReader's
// limits; the reason naming the file when it cannot be. Opens its own store: for pool threads.
Result<QImage> readSampleImage(const QString &projectPath, qint64 sampleId);

} // namespace marginalia::ui
