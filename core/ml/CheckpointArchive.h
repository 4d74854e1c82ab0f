#pragma once
#include "Result.h"

#include <QByteArray>
#include <QVector>
#include <optional>

namespace marginalia::ml {

// torch::load reads a checkpoint as a TorchScript archive: a zip whose code/ entries it compiles, whose data.pkl
// it unpickles, and whose tensor records data/N it allocates at the sizes data.pkl declares. A checkpoint comes
// from the project file, which may come from someone else, so before torch sees it: every entry must lie inside
// the bytes given, and the archive must hold the same entries, the same code and the same data.pkl (up to the
// integers in it) as `reference`, a checkpoint this build just wrote for a model of the same shape. Every tensor
// must be contiguous, have the reference's sizes after the first (the first counts the rows a model touched or
// the tags it has) and a stored record of exactly its bytes: torch then allocates no more than the archive holds.
// Plain C++, no torch.
Status checkArchiveMatches(const QByteArray &archive, const QByteArray &reference);

// One tensor of a checkpoint, read without torch.
struct StoredTensor
{
    QByteArray storageType; // as data.pkl names it: "torch LongStorage"
    QVector<qint64> sizes;
    QByteArray bytes;       // its elements, little-endian, in row-major order
};

// The tensors of a checkpoint torch::save wrote for a list of tensors, read without torch, under the checks above
// that need no reference. For reading what a checkpoint says about its own shape before a model of that shape,
// and so a reference, can be made.
Result<QVector<StoredTensor>> readArchiveTensors(const QByteArray &archive);
// The elements of an int64 tensor (torch stores them little-endian); nullopt for another type.
std::optional<QVector<qint64>> int64Values(const StoredTensor &tensor);

} // namespace marginalia::ml
