#include "ui/ImageLoader.h"
#include "io/ImageReader.h"
#include "store/ProjectStore.h"

#include <QtConcurrent>

namespace marginalia::ui {

Result<QImage> readSampleImage(const QString &projectPath, qint64 sampleId)
{
    auto store = ProjectStore::open(projectPath); // this pool thread's own connection
    if (!store)
        return Error{store.error()};
    auto bytes = (*store)->imageBytes(sampleId);
    if (!bytes)
        return Error{bytes.error()};
    const auto sample = (*store)->sample(sampleId);
    return decodeImage(*bytes, sample ? sample->text : QString::number(sampleId));
}

ImageLoader::ImageLoader(std::function<void(const Loaded &)> onLoaded, QObject *parent)
    : QObject(parent), m_onLoaded(std::move(onLoaded))
{
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, &ImageLoader::onFinished);
}

ImageLoader::~ImageLoader()
{
    m_watcher.waitForFinished(); // the job holds its own store; let it close before the view goes
}

void ImageLoader::request(const QString &projectPath, qint64 sampleId)
{
    m_path = projectPath;
    m_wanted = sampleId;
    if (!m_watcher.isRunning())
        start(projectPath, sampleId);
}

void ImageLoader::cancel() { m_wanted = 0; }

void ImageLoader::start(const QString &projectPath, qint64 sampleId)
{
    m_running = sampleId;
    m_runningPath = projectPath;
    m_watcher.setFuture(QtConcurrent::run([projectPath, sampleId]() {
        Loaded loaded{sampleId, readSampleImage(projectPath, sampleId), QImage()};
        // Scaling a photo down smoothly takes long enough to stall the window: done here, once.
        if (loaded.image && std::max(loaded.image->width(), loaded.image->height()) > kPreviewSide)
            loaded.preview = loaded.image->scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        return loaded;
    }));
}

void ImageLoader::onFinished()
{
    const Loaded loaded = m_watcher.result();
    if (m_wanted == 0)
        return;
    if (loaded.sampleId != m_wanted || m_runningPath != m_path) { // the annotator moved on while it was read
        start(m_path, m_wanted);
        return;
    }
    m_wanted = 0;
    m_onLoaded(loaded);
}

} // namespace marginalia::ui
