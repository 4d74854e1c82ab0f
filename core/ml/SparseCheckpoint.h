#pragma once
// Internal to core/ml (includes torch): what the models' checkpoints share. The classifier and the tagger have
// a large hashed embedding table of which only the rows some input touched are nonzero: a checkpoint
// (TensorBundle.h) holds those rows ("<table>.rows", "<table>.values") and every other parameter and buffer
// whole. The image classifier and the encoder head store every tensor whole (the dense functions below). Either
// is read back only after checkLayout has vetted each tensor against the model.
#include "ml/TensorBundle.h"
#include "ml/TorchInclude.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace marginalia::ml {

// The module's parameters and buffers, by name.
std::vector<std::pair<std::string, torch::Tensor>> moduleState(const torch::nn::Module &module);
QVector<qint64> tensorSizes(const torch::Tensor &tensor);

// The checkpoint of `module`, whose parameter `tableName` is stored sparsely. Throws what torch throws.
Result<QByteArray> writeSparseCheckpoint(const torch::nn::Module &module, const std::string &tableName,
                                         const QString &kind, const QJsonObject &meta);

// What such a checkpoint must hold for `module`; `adjust` (may be null) may change a tensor's expected sizes
// (the tagger's output rows follow the stored tags).
ExpectedLayout sparseCheckpointLayout(const torch::nn::Module &module, const std::string &tableName,
                                      const std::function<void(const std::string &name, QVector<qint64> &sizes)> &adjust = {});

// A model without a sparse table: every named tensor whole, int64 ones (batch-norm counters) as int64, the rest
// as float32. Throws what torch throws.
using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;
Result<QByteArray> writeDenseCheckpoint(const NamedTensors &state, const QString &kind, const QJsonObject &meta);
ExpectedLayout denseCheckpointLayout(const NamedTensors &state);
// Vets the bundle against `state` (checkLayout over denseCheckpointLayout) before any tensor is touched, then
// copies its tensors in, on each tensor's own device. `failed` ("Could not load ...: %1") says what went wrong
// when torch throws.
Status loadDenseCheckpoint(const NamedTensors &state, const TensorBundle &bundle, const QString &failed);

// A CPU copy of a vetted tensor. Copied bytewise: the view need not be aligned for its element type.
torch::Tensor hostTensor(const TensorView &view);

// Sets `table` (on its device) to the stored rows, zero elsewhere, from a vetted checkpoint.
void loadSparseTable(torch::Tensor table, const TensorBundle &bundle, const std::string &tableName);

} // namespace marginalia::ml
