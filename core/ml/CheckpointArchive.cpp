#include "ml/CheckpointArchive.h"
#include "ml/TensorPickle.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>
#include <algorithm>

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

qint64 le64(const QByteArray &b, qint64 at)
{
    return static_cast<qint64>((quint64(le(b, at + 4, 4)) << 32) | le(b, at, 4));
}

struct Entry
{
    quint32 method = 0;
    quint32 crc = 0;
    qint64 unpacked = 0;
    QByteArray stored; // the entry's bytes as they sit in the archive (compressed when method != 0)
};

// The general-purpose flags torch writes: sizes in a descriptor after the data (bit 3), UTF-8 names (bit 11).
// Any other bit (encryption, patch data) makes torch's reader throw from its constructor, which leaks the zip
// reader's state in LibTorch 1.13.
constexpr quint32 kTorchZipFlags = 0x0808;

// Name -> entry, from the central directory; false when the directory or an entry reaches outside `zip`, or when
// torch could read another directory or another entry of the same name than the one checked here.
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
    // torch writes a zip64 end record too, and its reader takes the directory from that one when the locator
    // just before the end record points at it: both must name the directory read here.
    if (eocd >= 20 && le(zip, eocd - 20, 4) == 0x07064b50) {
        const qint64 record = le64(zip, eocd - 20 + 8);
        if (record < 0 || record + 56 > eocd - 20)
            return false;
        if (le(zip, record, 4) == 0x06064b50 && (le64(zip, record + 32) != count || le64(zip, record + 48) != at))
            return false;
    }
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
        if ((le(zip, at + 8, 2) & ~kTorchZipFlags) != 0 || (le(zip, local + 6, 2) & ~kTorchZipFlags) != 0
            || le(zip, local + 8, 2) != e.method)
            return false;
        e.crc = le(zip, at + 16, 4);
        const QByteArray name = zip.mid(at + 46, nameLength);
        const qint64 data = local + 30 + le(zip, local + 26, 2) + le(zip, local + 28, 2);
        // Stored entries must be exactly as long as declared; torch allocates the declared size before reading.
        if (data + packed > size || (e.method == 0 && packed != unpacked) || unpacked > 1032 * packed + 1024
            || entries.contains(name))
            return false;
        e.unpacked = unpacked;
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

bool isPickle(const QByteArray &name)
{
    return name == "data.pkl" || name.endsWith("/data.pkl");
}

struct Archive
{
    QMap<QByteArray, Entry> entries;
    QByteArray prefix; // "archive/": the folder of data.pkl and data/
    TensorPickle pickle;
};

// The archive's data.pkl, which torch writes uncompressed (so it is no longer than the bytes holding it).
bool readPickle(Archive &a)
{
    const Entry *pickle = nullptr;
    for (auto it = a.entries.cbegin(); it != a.entries.cend(); ++it) {
        if (!isPickle(it.key()))
            continue;
        if (pickle || it->method != 0)
            return false;
        pickle = &it.value();
        a.prefix = it.key().chopped(8);
    }
    if (!pickle)
        return false;
    auto read = readTensorPickle(pickle->stored);
    if (!read)
        return false;
    a.pickle = std::move(*read);
    return true;
}

// The tensors data.pkl describes, with their records. False unless every tensor is contiguous from the start of
// its storage, the storage's record is stored uncompressed and holds exactly the storage's elements, and every
// record belongs to exactly one tensor: then torch allocates no more than the records hold.
bool describeTensors(const Archive &a, QVector<StoredTensor> &out)
{
    constexpr qint64 kLargest = qint64(1) << 40; // no real tensor has more elements; keeps the products exact
    int records = 0;
    for (auto it = a.entries.cbegin(); it != a.entries.cend(); ++it)
        records += kindOf(it.key()) == a.prefix + "data/" ? 1 : 0;
    if (records != a.pickle.tensors.size())
        return false;
    QSet<QByteArray> keys;
    for (const PickledTensor &t : a.pickle.tensors) {
        const auto record = a.entries.constFind(a.prefix + "data/" + t.key);
        const int element = storageElementSize(t.storageType);
        if (record == a.entries.cend() || record->method != 0 || element == 0 || keys.contains(t.key) || t.offset != 0
            || t.storageNumel < 0 || t.storageNumel > record->stored.size() / std::max(element, 1)
            || t.storageNumel * element != record->stored.size()
            || t.strides.size() != t.sizes.size())
            return false;
        keys.insert(t.key);
        // Row-major strides, as contiguous() leaves them (a size 0 counts as 1), and exactly the storage's elements.
        qint64 stride = 1;
        qint64 elements = 1;
        for (int i = static_cast<int>(t.sizes.size()) - 1; i >= 0; --i) {
            if (t.sizes[i] < 0 || t.sizes[i] > kLargest || t.strides[i] != stride)
                return false;
            stride *= std::max<qint64>(t.sizes[i], 1);
            elements *= t.sizes[i];
            if (stride > kLargest)
                return false;
        }
        if (elements != t.storageNumel)
            return false;
        out.append(StoredTensor{t.storageType, t.sizes, record->stored});
    }
    return true;
}

QString damaged()
{
    return Tr::tr("The stored model is damaged.");
}
QString notLoaded()
{
    return Tr::tr("The stored model does not match the model it is loaded into; it is not loaded.");
}
} // namespace

Status checkArchiveMatches(const QByteArray &archive, const QByteArray &reference)
{
    Archive got, want;
    if (!readEntries(archive, got.entries))
        return fail(damaged());
    if (!readEntries(reference, want.entries) || !readPickle(want))
        return fail(Tr::tr("The stored model cannot be checked."));
    QMap<QByteArray, int> gotKinds, wantKinds;
    for (auto it = got.entries.cbegin(); it != got.entries.cend(); ++it)
        gotKinds[kindOf(it.key())] += 1;
    for (auto it = want.entries.cbegin(); it != want.entries.cend(); ++it)
        wantKinds[kindOf(it.key())] += 1;
    if (QList<QByteArray>(gotKinds.keyBegin(), gotKinds.keyEnd())
        != QList<QByteArray>(wantKinds.keyBegin(), wantKinds.keyEnd()))
        return fail(Tr::tr("The stored model was not written by this version of Marginalia."));
    // Code is compiled by torch when it loads: only the code this build writes itself is let through. The other
    // entries besides the tensors (format version, constants) must be this build's too.
    for (auto it = want.entries.cbegin(); it != want.entries.cend(); ++it) {
        if (isPickle(it.key()) || kindOf(it.key()) != it.key())
            continue;
        const Entry &mine = it.value();
        const Entry &theirs = got.entries.value(it.key());
        // The checksum too: torch reads the format version inside its reader's constructor, and a mismatch
        // thrown from there leaks (see kTorchZipFlags).
        if (theirs.method == mine.method && theirs.unpacked == mine.unpacked && theirs.stored == mine.stored
            && theirs.crc == mine.crc)
            continue;
        if (it.key().contains("/code/"))
            return fail(Tr::tr("The stored model holds code that this version of Marginalia did not write; it "
                               "is not loaded."));
        return fail(Tr::tr("The stored model was not written by this version of Marginalia."));
    }
    // The pickle that describes the tensors is the reference's but for its integers, so it builds the same
    // objects; the integers are storage and tensor sizes, checked against the records and the reference's sizes.
    QVector<StoredTensor> mine, theirs;
    if (!describeTensors(want, mine))
        return fail(Tr::tr("The stored model cannot be checked."));
    if (!readPickle(got) || got.pickle.skeleton != want.pickle.skeleton || !describeTensors(got, theirs)
        || theirs.size() != mine.size())
        return fail(notLoaded());
    for (int i = 0; i < mine.size(); ++i)
        if (theirs[i].storageType != mine[i].storageType || theirs[i].sizes.size() != mine[i].sizes.size()
            || theirs[i].sizes.mid(1) != mine[i].sizes.mid(1))
            return fail(notLoaded());
    return {};
}

Result<QVector<StoredTensor>> readArchiveTensors(const QByteArray &archive)
{
    Archive a;
    QVector<StoredTensor> tensors;
    if (!readEntries(archive, a.entries) || !readPickle(a) || !describeTensors(a, tensors))
        return fail(damaged());
    return tensors;
}

std::optional<QVector<qint64>> int64Values(const StoredTensor &tensor)
{
    if (tensor.storageType != "torch LongStorage" || tensor.bytes.size() % 8 != 0)
        return std::nullopt;
    QVector<qint64> values;
    for (int at = 0; at < tensor.bytes.size(); at += 8) {
        quint64 v = 0;
        for (int i = 7; i >= 0; --i)
            v = (v << 8) | static_cast<unsigned char>(tensor.bytes[at + i]);
        values.append(static_cast<qint64>(v));
    }
    return values;
}

} // namespace marginalia::ml
