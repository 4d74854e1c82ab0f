#include "ml/TensorBundle.h"
#include "ml/TrainingTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QtEndian>
#include <algorithm>
#include <cstring>
#include <optional>

namespace marginalia::ml {

// Elements are written and viewed as they lie in memory.
static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "checkpoints hold little-endian elements");

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

constexpr qint64 kMagicSize = 8;
constexpr qint64 kPreamble = kMagicSize + 4 + 4; // magic, version, header length
constexpr int kMaxNameLength = 256;
constexpr int kMaxKindLength = 64;
const qint64 kMaxElements = static_cast<qint64>(kMaxModelParameters);

qint64 aligned(qint64 at) { return (at + kBundleAlignment - 1) / kBundleAlignment * kBundleAlignment; }

Error damaged(const QString &why) { return fail(Tr::tr("The stored model is damaged: %1").arg(why)); }

Error mismatch(const QString &why) { return fail(Tr::tr("The stored model does not match this model: %1").arg(why)); }

QString dtypeName(DType dtype) { return dtype == DType::Int64 ? QStringLiteral("int64") : QStringLiteral("float32"); }

std::optional<DType> dtypeNamed(const QString &name)
{
    if (name == QLatin1String("float32"))
        return DType::Float32;
    if (name == QLatin1String("int64"))
        return DType::Int64;
    return std::nullopt;
}

QString shapeText(const QVector<qint64> &shape)
{
    QStringList dims;
    for (qint64 d : shape)
        dims << (d == kStoredRows ? QStringLiteral("rows") : QString::number(d));
    return QLatin1Char('[') + dims.join(QLatin1String(", ")) + QLatin1Char(']');
}

// The element count of a shape; nullopt for a negative size or more than kMaxElements. Each factor is at most
// kMaxElements (2^30) and so is the product so far: no step can overflow.
std::optional<qint64> elementCount(const QVector<qint64> &shape)
{
    qint64 count = 1;
    for (qint64 d : shape) {
        if (d < 0 || d > kMaxElements)
            return std::nullopt;
        count *= d;
        if (count > kMaxElements)
            return std::nullopt;
    }
    return count;
}

// A whole number >= 0 from the header; -1 for anything else (a fraction, a string, 1e300).
qint64 wholeNumber(const QJsonValue &v)
{
    if (!v.isDouble())
        return -1;
    const qint64 n = v.toInteger(-1);
    return n >= 0 ? n : -1;
}

// The fields of one tensor's entry in the header, in the writer's spelling.
const QStringList &entryFields()
{
    static const QStringList fields{QStringLiteral("dtype"), QStringLiteral("length"), QStringLiteral("name"),
                                    QStringLiteral("offset"), QStringLiteral("shape")};
    return fields;
}

Result<TensorView> readEntry(const QJsonValue &value, int index)
{
    if (!value.isObject())
        return damaged(Tr::tr("entry %1 of its tensor list is not an object.").arg(index));
    const QJsonObject entry = value.toObject();
    if (entry.keys() != entryFields())
        return damaged(Tr::tr("entry %1 of its tensor list does not have exactly the fields %2.")
                           .arg(index)
                           .arg(entryFields().join(QLatin1String(", "))));
    TensorView view;
    view.name = entry.value(QStringLiteral("name")).toString();
    if (view.name.isEmpty() || view.name.size() > kMaxNameLength)
        return damaged(Tr::tr("entry %1 of its tensor list has no name or one longer than %2 characters.")
                           .arg(index)
                           .arg(kMaxNameLength));
    const auto dtype = dtypeNamed(entry.value(QStringLiteral("dtype")).toString());
    if (!dtype)
        return damaged(Tr::tr("tensor \"%1\" has an unknown element type.").arg(view.name));
    view.dtype = *dtype;
    const QJsonValue shape = entry.value(QStringLiteral("shape"));
    if (!shape.isArray() || shape.toArray().size() > kMaxTensorRank)
        return damaged(Tr::tr("tensor \"%1\" has no shape, or more than %2 dimensions.").arg(view.name).arg(kMaxTensorRank));
    for (const QJsonValue &d : shape.toArray()) {
        const qint64 size = wholeNumber(d);
        if (size < 0)
            return damaged(Tr::tr("tensor \"%1\" has a size that is not a whole number of at least 0.").arg(view.name));
        view.shape << size;
    }
    const auto elements = elementCount(view.shape);
    if (!elements)
        return damaged(Tr::tr("tensor \"%1\" has more than %2 elements.").arg(view.name).arg(kMaxElements));
    view.bytes = wholeNumber(entry.value(QStringLiteral("length")));
    if (view.bytes != *elements * itemSize(view.dtype))
        return damaged(Tr::tr("tensor \"%1\" of shape %2 needs %3 bytes, not the %4 its entry gives.")
                           .arg(view.name, shapeText(view.shape))
                           .arg(*elements * itemSize(view.dtype))
                           .arg(entry.value(QStringLiteral("length")).toVariant().toString()));
    return view;
}
} // namespace

int itemSize(DType dtype) { return dtype == DType::Int64 ? 8 : 4; }

qint64 TensorView::elements() const { return elementCount(shape).value_or(0); }

const TensorView *TensorBundle::find(const QString &name) const
{
    for (const TensorView &t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

Result<QByteArray> writeTensorBundle(const QString &kind, const QJsonObject &meta, const QVector<TensorSource> &tensors)
{
    // What the reader would refuse is not written: every checkpoint saved can be read back.
    if (kind.isEmpty() || kind.size() > kMaxKindLength || tensors.size() > kMaxBundleTensors)
        return fail(Tr::tr("Could not save the model: it has no kind or too many tensors."));
    QJsonArray entries;
    QSet<QString> names;
    QVector<qint64> offsets, lengths;
    qint64 end = 0;
    qint64 totals[2] = {0, 0};
    for (const TensorSource &t : tensors) {
        const auto elements = elementCount(t.shape);
        qint64 &total = totals[t.dtype == DType::Int64 ? 1 : 0];
        if (t.name.isEmpty() || t.name.size() > kMaxNameLength || names.contains(t.name) || !elements
            || t.shape.size() > kMaxTensorRank || (*elements > 0 && !t.data) || (total += *elements) > kMaxElements)
            return fail(Tr::tr("Could not save the model: tensor \"%1\" cannot be stored.").arg(t.name));
        names.insert(t.name);
        const qint64 offset = aligned(end);
        const qint64 length = *elements * itemSize(t.dtype);
        QJsonArray shape;
        for (qint64 d : t.shape)
            shape.append(d);
        entries.append(QJsonObject{{QStringLiteral("name"), t.name},
                                   {QStringLiteral("dtype"), dtypeName(t.dtype)},
                                   {QStringLiteral("shape"), shape},
                                   {QStringLiteral("offset"), offset},
                                   {QStringLiteral("length"), length}});
        offsets << offset;
        lengths << length;
        end = offset + length;
    }
    const QByteArray header = QJsonDocument(QJsonObject{{QStringLiteral("kind"), kind},
                                                        {QStringLiteral("meta"), meta},
                                                        {QStringLiteral("tensors"), entries}})
                                  .toJson(QJsonDocument::Compact);
    if (header.size() > kMaxBundleHeader)
        return fail(Tr::tr("Could not save the model: its description is larger than %1 bytes.").arg(kMaxBundleHeader));
    const qint64 dataStart = aligned(kPreamble + header.size());
    QByteArray out;
    out.reserve(dataStart + end);
    out.append(kBundleMagic, kMagicSize);
    char word[4];
    qToLittleEndian<quint32>(kBundleVersion, word);
    out.append(word, 4);
    qToLittleEndian<quint32>(static_cast<quint32>(header.size()), word);
    out.append(word, 4);
    out.append(header);
    out.append(dataStart - out.size(), '\0');
    for (int i = 0; i < tensors.size(); ++i) {
        out.append(dataStart + offsets[i] - out.size(), '\0');
        if (lengths[i] > 0)
            out.append(static_cast<const char *>(tensors[i].data), lengths[i]);
    }
    return out;
}

Result<TensorBundle> readTensorBundle(const QByteArray &bytes)
{
    const qint64 size = bytes.size();
    if (size < kMagicSize || std::memcmp(bytes.constData(), kBundleMagic, kMagicSize) != 0)
        return fail(Tr::tr("The stored model is not in the format this version of Marginalia saves models in."));
    if (size < kPreamble)
        return damaged(Tr::tr("it is cut short."));
    const quint32 version = qFromLittleEndian<quint32>(bytes.constData() + kMagicSize);
    if (version > quint32(kBundleVersion))
        return fail(Tr::tr("The stored model was saved by a newer version of Marginalia (model format %1; this "
                           "version reads format %2).")
                        .arg(version)
                        .arg(kBundleVersion));
    if (version != quint32(kBundleVersion))
        return damaged(Tr::tr("its format version is %1.").arg(version));
    const qint64 headerLength = qFromLittleEndian<quint32>(bytes.constData() + kMagicSize + 4);
    if (headerLength > kMaxBundleHeader)
        return damaged(Tr::tr("its header claims %1 bytes, more than the %2 allowed.").arg(headerLength).arg(kMaxBundleHeader));
    const qint64 dataStart = aligned(kPreamble + headerLength);
    if (dataStart > size)
        return damaged(Tr::tr("it is cut short within its header."));

    QJsonParseError parsed;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(bytes.constData() + kPreamble, headerLength), &parsed);
    if (parsed.error != QJsonParseError::NoError)
        return damaged(Tr::tr("its header is not valid JSON (%1 at byte %2).").arg(parsed.errorString()).arg(parsed.offset));
    if (!document.isObject())
        return damaged(Tr::tr("its header is not a JSON object."));
    const QJsonObject header = document.object();
    if (header.keys() != QStringList{QStringLiteral("kind"), QStringLiteral("meta"), QStringLiteral("tensors")})
        return damaged(Tr::tr("its header does not have exactly the fields kind, meta and tensors."));
    TensorBundle bundle;
    bundle.kind = header.value(QStringLiteral("kind")).toString();
    if (bundle.kind.isEmpty() || bundle.kind.size() > kMaxKindLength)
        return damaged(Tr::tr("its header names no kind of model."));
    if (!header.value(QStringLiteral("meta")).isObject())
        return damaged(Tr::tr("its description of the model is not a JSON object."));
    bundle.meta = header.value(QStringLiteral("meta")).toObject();
    if (!header.value(QStringLiteral("tensors")).isArray())
        return damaged(Tr::tr("its list of tensors is not a JSON array."));
    const QJsonArray entries = header.value(QStringLiteral("tensors")).toArray();
    if (entries.size() > kMaxBundleTensors)
        return damaged(Tr::tr("it lists more than %1 tensors.").arg(kMaxBundleTensors));

    // Each tensor starts where the one before it ends, rounded up to the alignment: ranges can neither overlap
    // nor hide unused bytes, and the last one ends with the data.
    const qint64 dataSize = size - dataStart;
    QSet<QString> names;
    qint64 end = 0;
    qint64 totals[2] = {0, 0};
    for (int i = 0; i < entries.size(); ++i) {
        auto view = readEntry(entries.at(i), i);
        if (!view)
            return Error{view.error()};
        if (names.contains(view->name))
            return damaged(Tr::tr("it holds two tensors named \"%1\".").arg(view->name));
        names.insert(view->name);
        qint64 &total = totals[view->dtype == DType::Int64 ? 1 : 0];
        total += view->elements();
        if (total > kMaxElements)
            return damaged(Tr::tr("its tensors hold more than %1 elements.").arg(kMaxElements));
        const QJsonValue offsetValue = entries.at(i).toObject().value(QStringLiteral("offset"));
        const qint64 offset = wholeNumber(offsetValue);
        if (offset < 0 || offset % kBundleAlignment != 0)
            return damaged(Tr::tr("tensor \"%1\" does not start at a multiple of %2 bytes.")
                               .arg(view->name)
                               .arg(kBundleAlignment));
        if (offset < end)
            return damaged(Tr::tr("tensor \"%1\" overlaps the tensor before it.").arg(view->name));
        if (offset != aligned(end))
            return damaged(Tr::tr("there are unused bytes before tensor \"%1\".").arg(view->name));
        if (offset > dataSize || view->bytes > dataSize - offset)
            return damaged(Tr::tr("tensor \"%1\" reaches past the end of the stored bytes (it is cut short).")
                               .arg(view->name));
        view->data = bytes.constData() + dataStart + offset;
        end = offset + view->bytes;
        bundle.tensors << std::move(*view);
    }
    if (end != dataSize)
        return damaged(Tr::tr("its last tensor is followed by %n more byte(s).", nullptr, static_cast<int>(qMin<qint64>(dataSize - end, 1 << 30))));
    return bundle;
}

Status checkLayout(const TensorBundle &bundle, const ExpectedLayout &layout)
{
    qint64 rows = -1;
    for (const ExpectedTensor &e : layout.tensors) {
        const TensorView *t = bundle.find(e.name);
        if (!t)
            return mismatch(Tr::tr("it has no tensor \"%1\".").arg(e.name));
        if (t->dtype != e.dtype)
            return mismatch(Tr::tr("its tensor \"%1\" holds %2, not %3.").arg(e.name, dtypeName(t->dtype), dtypeName(e.dtype)));
        bool same = t->shape.size() == e.shape.size();
        for (int i = 0; same && i < e.shape.size(); ++i) {
            if (e.shape[i] != kStoredRows)
                same = t->shape[i] == e.shape[i];
            else if (rows < 0)
                rows = t->shape[i];
            else
                same = t->shape[i] == rows;
        }
        if (!same)
            return mismatch(Tr::tr("its tensor \"%1\" has the shape %2, where this model's is %3.")
                                .arg(e.name, shapeText(t->shape), shapeText(e.shape)));
    }
    for (const TensorView &t : bundle.tensors) {
        const bool expected = std::any_of(layout.tensors.begin(), layout.tensors.end(),
                                          [&](const ExpectedTensor &e) { return e.name == t.name; });
        if (!expected)
            return mismatch(Tr::tr("it has a tensor \"%1\" this model does not have.").arg(t.name));
    }
    if (rows > layout.tableRows)
        return mismatch(Tr::tr("it stores %1 table rows, and this model's table has %2.").arg(rows).arg(layout.tableRows));
    if (layout.rowIndex.isEmpty())
        return {};
    const TensorView *index = bundle.find(layout.rowIndex);
    if (!index || index->dtype != DType::Int64 || index->shape.size() != 1)
        return mismatch(Tr::tr("it has no list of table rows."));
    // Row numbers in strictly increasing order: each inside the table, none twice.
    qint64 previous = -1;
    for (qint64 i = 0; i < index->shape[0]; ++i) {
        const qint64 row = qFromLittleEndian<qint64>(index->data + i * 8);
        if (row <= previous || row >= layout.tableRows)
            return damaged(Tr::tr("table row number %1 (entry %2) is out of order or outside the table of %3 rows.")
                               .arg(row)
                               .arg(i)
                               .arg(layout.tableRows));
        previous = row;
    }
    return {};
}

} // namespace marginalia::ml
