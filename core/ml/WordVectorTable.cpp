#include "ml/WordVectorTable.h"
#include "text/FeatureHasher.h"

#include <QCoreApplication>
#include <QHash>
#include <QtEndian>
#include <cmath>
#include <cstring>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

constexpr char kMagic[] = "MRGNVECS";
constexpr qsizetype kMagicSize = 8;
constexpr quint32 kMaxDimension = 4096;
constexpr quint32 kMaxWordBytes = 1 << 16;

void appendU32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

// Reads from a byte range, failing (and staying failed) instead of reading past its end.
struct Cursor
{
    const QByteArray &bytes;
    qsizetype at = 0;
    bool ok = true;
    bool has(qsizetype n) { return ok = ok && n >= 0 && bytes.size() - at >= n; }
    quint32 u32()
    {
        if (!has(4))
            return 0;
        const quint32 v = qFromLittleEndian<quint32>(bytes.constData() + at);
        at += 4;
        return v;
    }
};

Error corrupt(const QString &what)
{
    return Error{Tr::tr("The project's learned word vectors are damaged (%1); learn them again.").arg(what)};
}
} // namespace

QByteArray encodeWordVectors(const WordVectorTable &table)
{
    QByteArray out(kMagic, kMagicSize);
    appendU32(out, quint32(table.dim));
    appendU32(out, quint32(table.words.size()));
    for (const QString &word : table.words) {
        const QByteArray utf8 = word.toUtf8();
        appendU32(out, quint32(utf8.size()));
        out.append(utf8);
    }
    for (float v : table.values) {
        char bytes[4];
        qToLittleEndian(v, bytes);
        out.append(bytes, 4);
    }
    return out;
}

Result<WordVectorTable> decodeWordVectors(const QByteArray &bytes)
{
    if (!bytes.startsWith(QByteArray(kMagic, kMagicSize)))
        return corrupt(Tr::tr("not a word vector table"));
    Cursor c{bytes, kMagicSize};
    const quint32 dim = c.u32();
    const quint32 count = c.u32();
    if (!c.ok || dim < 1 || dim > kMaxDimension)
        return corrupt(Tr::tr("dimension %1").arg(dim));
    // Each word takes at least 4 bytes plus its vector: a count the bytes cannot hold is refused before any
    // allocation sized by it.
    if (qint64(count) * (4 + qint64(dim) * 4) > bytes.size())
        return corrupt(Tr::tr("%1 words do not fit in %2 bytes").arg(count).arg(bytes.size()));
    WordVectorTable table;
    table.dim = int(dim);
    table.words.reserve(qsizetype(count));
    for (quint32 i = 0; i < count; ++i) {
        const quint32 length = c.u32();
        if (!c.ok || length > kMaxWordBytes || !c.has(qsizetype(length)))
            return corrupt(Tr::tr("word %1").arg(i + 1));
        table.words << QString::fromUtf8(bytes.constData() + c.at, qsizetype(length));
        c.at += qsizetype(length);
    }
    const qsizetype valueBytes = qsizetype(count) * qsizetype(dim) * 4;
    if (!c.has(valueBytes) || bytes.size() - c.at != valueBytes)
        return corrupt(Tr::tr("%1 bytes of values, %2 expected").arg(bytes.size() - c.at).arg(valueBytes));
    table.values.resize(std::size_t(count) * dim);
    for (std::size_t i = 0; i < table.values.size(); ++i) {
        const float v = qFromLittleEndian<float>(bytes.constData() + c.at + qsizetype(i) * 4);
        if (!std::isfinite(v))
            return corrupt(Tr::tr("a value that is not a number"));
        table.values[i] = v;
    }
    return table;
}

WordVectors bucketRows(const WordVectorTable &table, const text::FeatureHasher &hasher)
{
    WordVectors out;
    out.dim = table.dim;
    QHash<std::int64_t, std::size_t> slotOfRow;
    const std::size_t dim = std::size_t(table.dim);
    for (qsizetype w = 0; w < table.words.size(); ++w) {
        const std::int64_t row = hasher.bucketOf(table.words[w]);
        auto slot = slotOfRow.constFind(row);
        if (slot == slotOfRow.constEnd()) {
            slot = slotOfRow.insert(row, out.rows.size());
            out.rows.push_back(row);
            out.values.resize(out.values.size() + dim);
        }
        std::memcpy(out.values.data() + *slot * dim, table.values.data() + std::size_t(w) * dim, dim * sizeof(float));
    }
    return out;
}

} // namespace marginalia::ml
