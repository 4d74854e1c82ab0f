#pragma once
#include <QByteArray>
#include <QVector>
#include <optional>

namespace marginalia::ml {

// One tensor as the data.pkl of a torch::save(std::vector<Tensor>) archive describes it.
struct PickledTensor
{
    QByteArray storageType; // "torch FloatStorage"
    QByteArray key;         // its record is data/KEY
    qint64 storageNumel = 0;
    qint64 offset = 0;
    QVector<qint64> sizes;
    QVector<qint64> strides;
};

struct TensorPickle
{
    // The opcodes with their arguments, every integer replaced by one placeholder. Models of one shape write
    // the same skeleton; only the integers (storage and tensor sizes) differ with what a model learned.
    QByteArray skeleton;
    QVector<PickledTensor> tensors; // in the order the pickle rebuilds them
};

// Reads a pickle made only of the opcodes torch's pickler writes at protocol 2 for a module of tensors, without
// running anything: globals are names, reductions other than torch._utils._rebuild_tensor_v2 are left opaque.
// Any other opcode, a memo index that skips ahead, a short argument or bytes after STOP: nullopt.
std::optional<TensorPickle> readTensorPickle(const QByteArray &pickle);

// Bytes per element of a torch storage type named as in the pickle ("torch FloatStorage" -> 4); 0 if unknown.
int storageElementSize(const QByteArray &storageType);

} // namespace marginalia::ml
