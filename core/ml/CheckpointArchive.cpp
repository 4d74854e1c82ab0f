#include "ml/CheckpointArchive.h"

#include <QCoreApplication>
#include <QMap>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

quint32 le(const QByteArray &b, qint64 at, int bytes)
{
    quint32 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

struct Entry
{
    quint32 method = 0;
    QByteArray stored; // the entry's bytes as they sit in the archive (compressed when method != 0)
};

// Name -> entry, from the central directory; false when the directory or an entry reaches outside `zip`.
bool readEntries(const QByteArray &zip, QMap<QByteArray, Entry> &entries)
{
    const qint64 size = zip.size();
    if (size < 22)
        return false;
    const qint64 eocd = zip.lastIndexOf(QByteArray("PK\x05\x06", 4));
    if (eocd < 0 || eocd + 22 > size)
        return false;
    const quint32 count = le(zip, eocd + 10, 2);
    qint64 at = le(zip, eocd + 16, 4);
    for (quint32 i = 0; i < count; ++i) {
        if (at + 46 > size || le(zip, at, 4) != 0x02014b50)
            return false;
        Entry e;
        e.method = le(zip, at + 10, 2);
        const qint64 packed = le(zip, at + 20, 4);
        const qint64 unpacked = le(zip, at + 24, 4);
        const qint64 nameLength = le(zip, at + 28, 2);
        const qint64 skip = nameLength + le(zip, at + 30, 2) + le(zip, at + 32, 2);
        const qint64 local = le(zip, at + 42, 4);
        if (at + 46 + skip > size || local + 30 > size || le(zip, local, 4) != 0x04034b50)
            return false;
        const QByteArray name = zip.mid(at + 46, nameLength);
        const qint64 data = local + 30 + le(zip, local + 26, 2) + le(zip, local + 28, 2);
        // Stored entries must be exactly as long as declared; torch allocates the declared size before reading.
        if (data + packed > size || (e.method == 0 && packed != unpacked) || unpacked > 1032 * packed + 1024)
            return false;
        e.stored = zip.mid(data, packed);
        entries.insert(name, e);
        at += 46 + skip;
    }
    return true;
}

// "archive/data/17" -> "archive/data/": the tensor records, whose number and contents are data.
QByteArray kindOf(const QByteArray &name)
{
    const int slash = name.lastIndexOf('/');
    if (slash > 0 && name.mid(0, slash).endsWith("/data")) {
        bool number = false;
        name.mid(slash + 1).toLongLong(&number);
        if (number)
            return name.left(slash + 1);
    }
    return name;
}
} // namespace

Status checkArchiveMatches(const QByteArray &archive, const QByteArray &reference)
{
    QMap<QByteArray, Entry> got, want;
    if (!readEntries(archive, got))
        return fail(Tr::tr("The stored model is damaged."));
    if (!readEntries(reference, want))
        return fail(Tr::tr("The stored model cannot be checked."));
    QMap<QByteArray, int> gotKinds, wantKinds;
    for (auto it = got.cbegin(); it != got.cend(); ++it)
        gotKinds[kindOf(it.key())] += 1;
    for (auto it = want.cbegin(); it != want.cend(); ++it)
        wantKinds[kindOf(it.key())] += 1;
    if (QList<QByteArray>(gotKinds.keyBegin(), gotKinds.keyEnd())
        != QList<QByteArray>(wantKinds.keyBegin(), wantKinds.keyEnd()))
        return fail(Tr::tr("The stored model was not written by this version of Marginalia."));
    // Code is compiled by torch when it loads: only the code this build writes itself is let through.
    for (auto it = want.cbegin(); it != want.cend(); ++it) {
        if (!it.key().contains("/code/"))
            continue;
        const Entry &mine = it.value();
        const Entry &theirs = got.value(it.key());
        if (theirs.method != mine.method || theirs.stored != mine.stored)
            return fail(Tr::tr("The stored model holds code that this version of Marginalia did not write; it "
                               "is not loaded."));
    }
    return {};
}

} // namespace marginalia::ml
