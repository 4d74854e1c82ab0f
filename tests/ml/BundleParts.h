// Takes a checkpoint (ml/TensorBundle.h) apart and puts it back together, for tests that change its header or
// its bytes the way a project file made elsewhere could. The header is written back as given and the tensors'
// bytes as they were: a checkpoint taken apart and rebuilt unchanged is the same bytes.
#pragma once
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

namespace bundletest {

struct Parts
{
    quint32 version = 0;
    QJsonObject header;
    QByteArray data; // everything after the header's padding
};

inline qint64 dataStart(qint64 headerLength) { return (16 + headerLength + 63) / 64 * 64; }

inline Parts split(const QByteArray &bytes)
{
    Parts p;
    if (bytes.size() < 16)
        return p;
    p.version = qFromLittleEndian<quint32>(bytes.constData() + 8);
    const qint64 length = qFromLittleEndian<quint32>(bytes.constData() + 12);
    p.header = QJsonDocument::fromJson(bytes.mid(16, length)).object();
    p.data = bytes.mid(dataStart(length));
    return p;
}

// A checkpoint with these header bytes (any bytes, JSON or not) and data.
inline QByteArray join(const QByteArray &header, const QByteArray &data, quint32 version = 1)
{
    QByteArray out("MRGNTNSR", 8);
    char word[4];
    qToLittleEndian<quint32>(version, word);
    out.append(word, 4);
    qToLittleEndian<quint32>(static_cast<quint32>(header.size()), word);
    out.append(word, 4);
    out += header;
    out.append(dataStart(header.size()) - out.size(), '\0');
    return out + data;
}

inline QByteArray join(const Parts &p)
{
    return join(QJsonDocument(p.header).toJson(QJsonDocument::Compact), p.data, p.version);
}

// The header entry of the tensor named `name` (empty if none).
inline QJsonObject entry(const Parts &p, const QString &name)
{
    for (const QJsonValue &v : p.header.value(QStringLiteral("tensors")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    return {};
}

// Sets one field of the named tensor's header entry.
inline void setField(Parts &p, const QString &name, const QString &field, const QJsonValue &value)
{
    QJsonArray tensors = p.header.value(QStringLiteral("tensors")).toArray();
    for (int i = 0; i < tensors.size(); ++i) {
        QJsonObject e = tensors[i].toObject();
        if (e.value(QStringLiteral("name")).toString() == name) {
            e[field] = value;
            tensors[i] = e;
        }
    }
    p.header[QStringLiteral("tensors")] = tensors;
}

// Sets one field of the model's description ("meta").
inline void setMeta(Parts &p, const QString &field, const QJsonValue &value)
{
    QJsonObject meta = p.header.value(QStringLiteral("meta")).toObject();
    meta[field] = value;
    p.header[QStringLiteral("meta")] = meta;
}

// Where the named tensor's bytes start in `data`.
inline qint64 offsetOf(const Parts &p, const QString &name)
{
    return entry(p, name).value(QStringLiteral("offset")).toInteger(-1);
}

} // namespace bundletest
