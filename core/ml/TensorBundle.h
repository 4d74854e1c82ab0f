#pragma once
#include "Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

namespace marginalia::ml {

// How model weights are stored: plain named tensors, never code. A checkpoint comes from the project file, which
// may come from someone else, so the reader below checks every size and range before anything is allocated from
// it, and nothing else ever parses the bytes (not torch). Plain C++ and Qt Core, no torch.
//
//   "MRGNTNSR"  u32 format version (LE)  u32 header length (LE)  header  zero bytes up to a multiple of 64
//   then each tensor's elements, little-endian, row-major, each starting at a multiple of 64 from there.
//
// The header is compact JSON: {"kind": "...", "meta": {...}, "tensors": [{"name", "dtype", "shape", "offset",
// "length"}, ...]}. `kind` names the model ("embedding-bag", "sequence-cnn"), `meta` its own description (sizes,
// tag names); offsets count from the end of the padding, and the tensors lie in the order listed.

enum class DType { Float32, Int64 };

int itemSize(DType dtype);

constexpr char kBundleMagic[] = "MRGNTNSR"; // 8 bytes, without the terminating zero
constexpr int kBundleVersion = 1;
constexpr qint64 kBundleAlignment = 64;
constexpr qint64 kMaxBundleHeader = 1 << 20; // bytes: a few hundred bytes a tensor, tag names
constexpr int kMaxBundleTensors = 1024;
constexpr int kMaxTensorRank = 8;

// A tensor to write: `data` holds its elements in row-major order, in this machine's byte order.
struct TensorSource
{
    QString name;
    DType dtype = DType::Float32;
    QVector<qint64> shape;
    const void *data = nullptr;
};

// A tensor as read: its elements stay in the bytes given to readTensorBundle, which must outlive the view.
// `data` may not be aligned for the element type: copy the elements out with memcpy.
struct TensorView
{
    QString name;
    DType dtype = DType::Float32;
    QVector<qint64> shape;
    const char *data = nullptr;
    qint64 bytes = 0; // elements() * itemSize(dtype)
    qint64 elements() const;
};

struct TensorBundle
{
    QString kind;
    QJsonObject meta;
    QVector<TensorView> tensors; // in the header's (and the bytes') order
    const TensorView *find(const QString &name) const;
};

Result<QByteArray> writeTensorBundle(const QString &kind, const QJsonObject &meta, const QVector<TensorSource> &tensors);

// Every refusal names what is wrong. Checked: magic, version, the header's length and JSON, each tensor's name
// (unique), dtype, shape (at most kMaxTensorRank dimensions, none negative, the element count within
// kMaxModelParameters), byte length (elements * item size), range (aligned, inside the bytes, after the previous
// tensor's without overlap or unused room) and the total element count of each dtype (kMaxModelParameters).
Result<TensorBundle> readTensorBundle(const QByteArray &bytes);

// The tensors a model expects of a checkpoint, for checkLayout. A dimension of kStoredRows is the number of rows
// of a sparse table the checkpoint stores (the rows a model touched): the same wherever it appears, and at most
// `tableRows`. `rowIndex` names the int64 tensor with those rows' numbers, which must increase strictly and lie in
// [0, tableRows), so that every row copied lands in the table.
constexpr qint64 kStoredRows = -1;

struct ExpectedTensor
{
    QString name;
    DType dtype = DType::Float32;
    QVector<qint64> shape;
};

struct ExpectedLayout
{
    QVector<ExpectedTensor> tensors;
    QString rowIndex; // empty: no sparse table
    qint64 tableRows = 0;
};

// Exactly the expected tensors, each with its dtype and shape; nothing more.
Status checkLayout(const TensorBundle &bundle, const ExpectedLayout &layout);

} // namespace marginalia::ml
