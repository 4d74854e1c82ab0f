#include "ui/ThumbnailCache.h"
#include "io/ImageReader.h"
#include "store/ProjectStore.h"

#include <QtConcurrent>

namespace marginalia::ui {

ThumbnailCache::ThumbnailCache(QObject *parent) : QObject(parent)
{
    setMaxMegabytes(96);
    connect(&m_watcher, &QFutureWatcher<QVector<Made>>::finished, this, &ThumbnailCache::onBatchDone);
}

ThumbnailCache::~ThumbnailCache()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished(); // the batch holds its own store; let it close first
}

void ThumbnailCache::setMaxMegabytes(int megabytes) { m_cache.setMaxCost(qsizetype(megabytes) * 1024); }

void ThumbnailCache::setProject(const QString &projectPath)
{
    m_path = projectPath;
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation;
    m_cache.clear();
    m_failed.clear();
    m_queue.clear();
    m_queued.clear();
    m_inFlight.clear();
}

void ThumbnailCache::setSide(int pixels)
{
    if (pixels == m_side)
        return;
    m_side = pixels;
    setProject(m_path);
}

QImage ThumbnailCache::thumbnail(qint64 sampleId)
{
    if (const QImage *image = m_cache.object(sampleId))
        return *image;
    if (m_path.isEmpty() || m_failed.contains(sampleId) || m_inFlight.contains(sampleId))
        return {};
    if (m_queued.contains(sampleId))
        m_queue.removeOne(sampleId); // asked again: to the front
    m_queue.prepend(sampleId);
    m_queued.insert(sampleId);
    while (m_queue.size() > kMaxQueued) // scrolled past long ago
        m_queued.remove(m_queue.takeLast());
    if (!m_watcher.isRunning())
        QMetaObject::invokeMethod(this, &ThumbnailCache::startBatch, Qt::QueuedConnection); // after this paint
    return {};
}

void ThumbnailCache::startBatch()
{
    if (m_watcher.isRunning() || m_queue.isEmpty() || m_path.isEmpty())
        return;
    QVector<qint64> ids;
    while (!m_queue.isEmpty() && ids.size() < kBatch) {
        const qint64 id = m_queue.takeFirst();
        m_queued.remove(id);
        m_inFlight.insert(id);
        ids.push_back(id);
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_batchGeneration = m_generation;
    const QString path = m_path;
    const QSize size(m_side, m_side);
    const auto cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run([path, ids, size, cancel]() {
        QVector<Made> made;
        auto store = ProjectStore::open(path); // this pool thread's own connection, one for the batch
        for (const qint64 id : ids) {
            if (cancel->load())
                break;
            Made m;
            m.sampleId = id;
            if (!store) {
                m.error = store.error();
            } else if (auto bytes = (*store)->imageBytes(id); !bytes) {
                m.error = bytes.error();
            } else {
                const auto sample = (*store)->sample(id);
                // Decoded straight to the thumbnail's size where the format allows it (JPEG), never larger.
                auto image = decodeImage(*bytes, sample ? sample->text : QString::number(id), {}, size);
                if (image)
                    m.image = image->convertToFormat(QImage::Format_ARGB32_Premultiplied); // quick to paint
                else
                    m.error = image.error();
            }
            made.push_back(std::move(m));
        }
        return made;
    }));
}

void ThumbnailCache::onBatchDone()
{
    const QVector<Made> made = m_watcher.result();
    if (m_batchGeneration == m_generation) {
        QVector<qint64> ids;
        ids.reserve(made.size());
        for (const Made &m : made) {
            m_inFlight.remove(m.sampleId);
            if (m.image.isNull())
                m_failed.insert(m.sampleId, m.error);
            else
                m_cache.insert(m.sampleId, new QImage(m.image), qsizetype(m.image.sizeInBytes() / 1024 + 1));
            ids.push_back(m.sampleId);
        }
        m_inFlight.clear(); // a cancelled batch leaves the rest to be asked for again
        ++m_batches;
        if (!ids.isEmpty())
            Q_EMIT ready(ids);
    }
    startBatch();
}

} // namespace marginalia::ui
