#pragma once
// Where a model keeps a frozen encoder's features of a project's samples (an image backbone's, a text encoder's),
// so that a round after a restart does not run the encoder over every sample again (ProjectStore::encoderFeatures).
// Both functions may be empty: then nothing is read or kept.
#include <QByteArray>
#include <QHash>
#include <QPair>
#include <QString>
#include <QVector>
#include <functional>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

struct StoredFeatures
{
    // One encoder's features by sample id (`encoder`: its fingerprint); float32 each.
    std::function<QHash<qint64, QByteArray>(const QString &encoder)> read;
    std::function<void(const QString &encoder, const QVector<QPair<qint64, QByteArray>> &rows)> write;
};

// Read through `store` (which must outlive the functions); written to `writable` when given (the same store, when
// the caller may write). A cache: what cannot be read is computed again, what cannot be written is only warned of.
StoredFeatures projectStoredFeatures(const ProjectStore &store, ProjectStore *writable);

} // namespace marginalia::ml
