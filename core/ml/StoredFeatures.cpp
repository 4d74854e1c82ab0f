#include "ml/StoredFeatures.h"
#include "store/ProjectStore.h"

namespace marginalia::ml {

StoredFeatures projectStoredFeatures(const ProjectStore &store, ProjectStore *writable)
{
    StoredFeatures f;
    f.read = [&store](const QString &encoder) {
        auto stored = store.encoderFeatures(encoder);
        return stored ? *stored : QHash<qint64, QByteArray>{};
    };
    if (writable)
        f.write = [writable](const QString &encoder, const QVector<QPair<qint64, QByteArray>> &rows) {
            if (auto s = writable->storeEncoderFeatures(encoder, rows); !s)
                qWarning("%s", qPrintable(s.error()));
        };
    return f;
}

} // namespace marginalia::ml
