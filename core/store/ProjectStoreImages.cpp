// Image projects (schema version 9): where a sample's picture is, and reading it back as the bytes that were
// labeled.
#include "store/ContentHash.h"
#include "store/ProjectFiles.h"
#include "store/ProjectStore.h"
#include "store/SqlHelpers.h"
#include "store/WriteGate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// Larger files are refused before they are read: an image folder may hold anything, and the reader's own
// limits (io/ImageReader.h) only apply once the bytes are in memory.
constexpr qint64 kMaxImageBytes = qint64(64) << 20;
} // namespace

QString ProjectStore::imageFolder() const
{
    return QFileInfo(m_path).absolutePath();
}

QString ProjectStore::imageFilePath(const Sample &sample) const
{
    return QDir::cleanPath(QDir(imageFolder()).absoluteFilePath(sample.text));
}

Status ProjectStore::embedImage(qint64 sampleId, const QByteArray &bytes)
{
    QSqlQuery query(database());
    return sql::run(query, QStringLiteral("INSERT INTO sample_images(sample_id, data) VALUES(?, ?)"
                                          " ON CONFLICT(sample_id) DO UPDATE SET data = excluded.data"),
                    {sampleId, bytes}, Tr::tr("embedding an image in the project"));
}

Result<qint64> ProjectStore::embeddedImageCount() const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query, QStringLiteral("SELECT count(*) FROM sample_images"), {}, Tr::tr("counting embedded images")); !s)
        return s;
    return query.next() ? query.value(0).toLongLong() : 0;
}

Result<QByteArray> ProjectStore::imageBytes(qint64 sampleId, bool *fromFile) const
{
    if (fromFile)
        *fromFile = false;
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT s.text, s.content_hash, i.data FROM samples s"
                                         " LEFT JOIN sample_images i ON i.sample_id = s.id WHERE s.id = ?"),
                          {sampleId}, Tr::tr("reading an image sample"));
        !s)
        return s;
    if (!query.next())
        return Error{Tr::tr("Sample %1 does not exist.").arg(sampleId)};
    Sample sample;
    sample.text = query.value(0).toString();
    const QByteArray hash = query.value(1).toByteArray();
    if (!query.value(2).isNull())
        return query.value(2).toByteArray(); // written by this program from bytes it had hashed
    const QString path = imageFilePath(sample);
    // A sample's path comes from the project file, which may come from anyone: it must not name an open project
    // (this one included), whose locks closing this descriptor would drop.
    if (auto s = refuseOpenProject(path); !s)
        return Error{s.error()};
    QFile file(path);
    if (!file.exists())
        return Error{Tr::tr("%1: the image is missing (moved, renamed or deleted since it was imported).").arg(sample.text)};
    if (file.size() > kMaxImageBytes)
        return Error{Tr::tr("%1: the file has grown to %2 MB since it was imported.").arg(sample.text).arg(file.size() >> 20)};
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("%1: cannot read the image (%2).").arg(sample.text, file.errorString())};
    QByteArray bytes = file.readAll();
    if (fromFile)
        *fromFile = true;
    if (sha256(bytes) != hash)
        return Error{Tr::tr("%1: the image has changed since it was imported; its label would no longer be about this "
                            "picture. Import it again as a new sample.").arg(sample.text)};
    return bytes;
}

Result<QHash<qint64, QByteArray>> ProjectStore::encoderFeatures(const QString &encoder) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (auto s = sql::run(query, QStringLiteral("SELECT sample_id, data FROM image_features WHERE backbone = ?"), {encoder},
                          Tr::tr("reading stored encoder features"));
        !s)
        return s;
    QHash<qint64, QByteArray> out;
    while (query.next())
        out.insert(query.value(0).toLongLong(), query.value(1).toByteArray());
    return out;
}

Status ProjectStore::storeEncoderFeatures(const QString &encoder, const QVector<QPair<qint64, QByteArray>> &rows)
{
    qsizetype next = 0;
    while (next < rows.size()) {
        Status chunk = bulkTransaction([&]() -> Status {
            QSqlQuery query(database());
            if (auto s = sql::prepare(query, QStringLiteral("INSERT INTO image_features(sample_id, backbone, data)"
                                                            " VALUES(?, ?, ?) ON CONFLICT(sample_id) DO UPDATE SET"
                                                            " backbone = excluded.backbone, data = excluded.data"));
                !s)
                return s;
            const WriteGate::Budget budget(writeGate());
            do {
                query.bindValue(0, rows[next].first);
                query.bindValue(1, encoder);
                query.bindValue(2, rows[next].second);
                ++next;
                if (auto s = sql::exec(query, Tr::tr("storing encoder features")); !s)
                    return s;
            } while (next < rows.size() && !budget.spent());
            return {};
        });
        if (!chunk)
            return chunk;
    }
    return {};
}

} // namespace marginalia
