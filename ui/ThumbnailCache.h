#pragma once
#include <QCache>
#include <QFutureWatcher>
#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QSet>
#include <atomic>
#include <memory>

namespace marginalia::ui {

// Thumbnails of a project's image samples, made on a pool thread in batches (one connection and one job for many
// images) and kept in a cache of bounded memory. A view asks for what it paints: a thumbnail not made yet is
// queued, the latest asked first (what is on screen now), and `ready` says when a batch of them is in; the oldest
// requests are dropped when the queue is long (rows scrolled past). An image the store cannot give keeps its
// reason instead.
class ThumbnailCache : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatch = 48;
    static constexpr int kMaxQueued = 600;

    explicit ThumbnailCache(QObject *parent = nullptr);
    ~ThumbnailCache() override;

    // Another project (or none: empty): everything cached or queued is forgotten.
    void setProject(const QString &projectPath);
    void setSide(int pixels); // the largest side of a thumbnail; changing it empties the cache
    int side() const { return m_side; }
    void setMaxMegabytes(int megabytes);

    // The thumbnail if it is made; else a null image, and it is queued unless it failed (see error()).
    QImage thumbnail(qint64 sampleId);
    QString error(qint64 sampleId) const { return m_failed.value(sampleId); }
    bool contains(qint64 sampleId) const { return m_cache.contains(sampleId); }
    int cachedCount() const { return int(m_cache.count()); }
    qint64 cachedBytes() const { return qint64(m_cache.totalCost()) * 1024; }
    int queuedCount() const { return int(m_queue.size()); }
    bool isBusy() const { return m_watcher.isRunning(); }
    int batchesDone() const { return m_batches; }
    void retryFailed() { m_failed.clear(); } // the files may have been put back

Q_SIGNALS:
    void ready(const QVector<qint64> &sampleIds); // made, or failed with a reason

private:
    struct Made
    {
        qint64 sampleId = 0;
        QImage image;
        QString error;
    };
    void startBatch();
    void onBatchDone();

    QString m_path;
    int m_side = 128;
    QCache<qint64, QImage> m_cache; // cost: kilobytes
    QHash<qint64, QString> m_failed;
    QList<qint64> m_queue; // latest request first
    QSet<qint64> m_queued;
    QSet<qint64> m_inFlight;
    QFutureWatcher<QVector<Made>> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    int m_generation = 0; // bumped when the project or size changes; a batch of an older one is dropped
    int m_batchGeneration = 0;
    int m_batches = 0;
};

} // namespace marginalia::ui
