// Takes a checkpoint's zip apart and puts it back together, for tests that tamper with one entry the way a
// project file made elsewhere could. The writer makes a plain zip (no zip64 records, no alignment padding), which
// torch reads as well as its own: a checkpoint taken apart and rebuilt unchanged still loads.
#pragma once
#include <QByteArray>
#include <QList>

namespace ziptest {

struct ZipEntry
{
    QByteArray name;
    quint16 method = 0; // 0 stored, 8 deflated
    quint32 crc = 0;
    quint32 size = 0;   // uncompressed
    QByteArray raw;     // as it sits in the archive
};

inline quint32 crc32(const QByteArray &bytes)
{
    quint32 crc = 0xffffffffu;
    for (const char c : bytes) {
        crc ^= static_cast<unsigned char>(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline quint32 le(const QByteArray &b, int at, int bytes)
{
    quint32 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

// The entries in central-directory order; empty when `zip` is not one.
inline QList<ZipEntry> unzip(const QByteArray &zip)
{
    QList<ZipEntry> out;
    const int eocd = static_cast<int>(zip.lastIndexOf(QByteArray("PK\x05\x06", 4)));
    if (eocd < 0)
        return out;
    int at = static_cast<int>(le(zip, eocd + 16, 4));
    for (quint32 i = 0, count = le(zip, eocd + 10, 2); i < count; ++i) {
        ZipEntry e;
        e.method = static_cast<quint16>(le(zip, at + 10, 2));
        e.crc = le(zip, at + 16, 4);
        const int packed = static_cast<int>(le(zip, at + 20, 4));
        e.size = le(zip, at + 24, 4);
        const int nameLength = static_cast<int>(le(zip, at + 28, 2));
        e.name = zip.mid(at + 46, nameLength);
        const int local = static_cast<int>(le(zip, at + 42, 4));
        const int data = local + 30 + static_cast<int>(le(zip, local + 26, 2) + le(zip, local + 28, 2));
        e.raw = zip.mid(data, packed);
        out << e;
        at += 46 + nameLength + static_cast<int>(le(zip, at + 30, 2) + le(zip, at + 32, 2));
    }
    return out;
}

inline void put(QByteArray &b, quint32 v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        b += static_cast<char>((v >> (8 * i)) & 0xff);
}

inline QByteArray zip(const QList<ZipEntry> &entries)
{
    QByteArray out, directory;
    for (const ZipEntry &e : entries) {
        const quint32 local = static_cast<quint32>(out.size());
        const auto common = [&](QByteArray &b) {
            put(b, 20, 2); // version needed
            put(b, 0, 2);  // flags
            put(b, e.method, 2);
            put(b, 0, 4);  // time and date
            put(b, e.crc, 4);
            put(b, static_cast<quint32>(e.raw.size()), 4);
            put(b, e.size, 4);
            put(b, static_cast<quint32>(e.name.size()), 2);
            put(b, 0, 2);  // extra
        };
        put(out, 0x04034b50, 4);
        common(out);
        out += e.name + e.raw;
        put(directory, 0x02014b50, 4);
        put(directory, 20, 2); // version made by
        common(directory);
        put(directory, 0, 2); // comment
        put(directory, 0, 4); // disk, internal attributes
        put(directory, 0, 4); // external attributes
        put(directory, local, 4);
        directory += e.name;
    }
    const quint32 start = static_cast<quint32>(out.size());
    out += directory;
    put(out, 0x06054b50, 4);
    put(out, 0, 4);
    put(out, static_cast<quint32>(entries.size()), 2);
    put(out, static_cast<quint32>(entries.size()), 2);
    put(out, static_cast<quint32>(directory.size()), 4);
    put(out, start, 4);
    put(out, 0, 2);
    return out;
}

// The entry whose name ends with `suffix` ("data.pkl", "data/3"); nullptr if none.
inline ZipEntry *entry(QList<ZipEntry> &entries, const QByteArray &suffix)
{
    for (ZipEntry &e : entries)
        if (e.name.endsWith('/' + suffix))
            return &e;
    return nullptr;
}

// Replaces an entry's contents, stored uncompressed with a matching checksum.
inline void setContents(ZipEntry &e, const QByteArray &bytes)
{
    e.method = 0;
    e.raw = bytes;
    e.size = static_cast<quint32>(bytes.size());
    e.crc = crc32(bytes);
}

} // namespace ziptest
