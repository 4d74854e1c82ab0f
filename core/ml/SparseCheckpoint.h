#pragma once
// Internal to core/ml (includes torch): what the classifier's and the tagger's checkpoints share. Both models have
// a large hashed embedding table of which only the rows some input touched are nonzero: a checkpoint
// (TensorBundle.h) holds those rows ("<table>.rows", "<table>.values") and every other parameter and buffer
// whole, and is read back only after checkLayout has vetted each tensor against the model.
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

// A CPU copy of a vetted tensor. Copied bytewise: the view need not be aligned for its element type.
torch::Tensor hostTensor(const TensorView &view);

// Sets `table` (on its device) to the stored rows, zero elsewhere, from a vetted checkpoint.
void loadSparseTable(torch::Tensor table, const TensorBundle &bundle, const std::string &tableName);

} // namespace marginalia::ml
