#include "ml/SparseCheckpoint.h"

#include <algorithm>
#include <cstring>

namespace marginalia::ml {

namespace {
QString rowsName(const std::string &table) { return QString::fromStdString(table) + QStringLiteral(".rows"); }
QString valuesName(const std::string &table) { return QString::fromStdString(table) + QStringLiteral(".values"); }

torch::Tensor parameter(const torch::nn::Module &module, const std::string &name)
{
    for (const auto &[key, tensor] : moduleState(module))
        if (key == name)
            return tensor;
    throw std::runtime_error("the model has no parameter " + name);
}
} // namespace

std::vector<std::pair<std::string, torch::Tensor>> moduleState(const torch::nn::Module &module)
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto &p : module.named_parameters())
        out.emplace_back(p.key(), p.value());
    for (const auto &b : module.named_buffers())
        out.emplace_back(b.key(), b.value());
    return out;
}

QVector<qint64> tensorSizes(const torch::Tensor &tensor)
{
    QVector<qint64> sizes;
    for (const std::int64_t s : tensor.sizes())
        sizes << s;
    return sizes;
}

Result<QByteArray> writeSparseCheckpoint(const torch::nn::Module &module, const std::string &tableName,
                                         const QString &kind, const QJsonObject &meta)
{
    torch::NoGradGuard noGrad;
    // Only the table rows some input touched are stored; the rest are zero by construction.
    const torch::Tensor table = parameter(module, tableName).detach();
    // Found a block of rows at a time: a whole-table temporary would be as large as the table (256 MB by default).
    constexpr std::int64_t kRowBlock = 1 << 16;
    std::vector<torch::Tensor> touched;
    for (std::int64_t start = 0; start < table.size(0); start += kRowBlock) {
        const std::int64_t count = std::min(kRowBlock, table.size(0) - start);
        touched.push_back(table.narrow(0, start, count).ne(0).any(1).nonzero().squeeze(1) + start);
    }
    const torch::Tensor rows = touched.empty() ? torch::zeros({0}, torch::TensorOptions().dtype(torch::kInt64).device(table.device()))
                                               : torch::cat(touched);
    std::vector<torch::Tensor> kept{rows.to(torch::kCPU, torch::kInt64).contiguous(),
                                    table.index_select(0, rows).to(torch::kCPU, torch::kFloat32).contiguous()};
    QVector<TensorSource> sources{{rowsName(tableName), DType::Int64, tensorSizes(kept[0]), kept[0].data_ptr()},
                                  {valuesName(tableName), DType::Float32, tensorSizes(kept[1]), kept[1].data_ptr()}};
    kept.reserve(kept.size() + 16);
    for (const auto &[name, tensor] : moduleState(module)) {
        if (name == tableName)
            continue;
        kept.push_back(tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous());
        sources << TensorSource{QString::fromStdString(name), DType::Float32, tensorSizes(kept.back()),
                                kept.back().data_ptr()};
    }
    return writeTensorBundle(kind, meta, sources);
}

ExpectedLayout sparseCheckpointLayout(const torch::nn::Module &module, const std::string &tableName,
                                      const std::function<void(const std::string &name, QVector<qint64> &sizes)> &adjust)
{
    const torch::Tensor table = parameter(module, tableName);
    ExpectedLayout layout;
    layout.rowIndex = rowsName(tableName);
    layout.tableRows = table.size(0);
    layout.tensors << ExpectedTensor{rowsName(tableName), DType::Int64, {kStoredRows}}
                   << ExpectedTensor{valuesName(tableName), DType::Float32, {kStoredRows, table.size(1)}};
    for (const auto &[name, tensor] : moduleState(module)) {
        if (name == tableName)
            continue;
        QVector<qint64> sizes = tensorSizes(tensor);
        if (adjust)
            adjust(name, sizes);
        layout.tensors << ExpectedTensor{QString::fromStdString(name), DType::Float32, sizes};
    }
    return layout;
}

torch::Tensor hostTensor(const TensorView &view)
{
    const std::vector<std::int64_t> sizes(view.shape.begin(), view.shape.end());
    torch::Tensor t = torch::empty(sizes, view.dtype == DType::Int64 ? torch::kInt64 : torch::kFloat32);
    if (view.bytes > 0)
        std::memcpy(t.data_ptr(), view.data, static_cast<std::size_t>(view.bytes));
    return t;
}

void loadSparseTable(torch::Tensor table, const TensorBundle &bundle, const std::string &tableName)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor rows = hostTensor(*bundle.find(rowsName(tableName))).to(table.device());
    const torch::Tensor values = hostTensor(*bundle.find(valuesName(tableName))).to(table.device());
    table.zero_();
    table.index_copy_(0, rows, values);
}

Result<QByteArray> writeDenseCheckpoint(const NamedTensors &state, const QString &kind, const QJsonObject &meta)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> kept;
    kept.reserve(state.size()); // the sources point into these tensors
    QVector<TensorSource> sources;
    for (const auto &[name, tensor] : state) {
        const bool integer = tensor.scalar_type() == torch::kLong;
        kept.push_back(tensor.detach().to(torch::kCPU, integer ? torch::kInt64 : torch::kFloat32).contiguous());
        sources << TensorSource{QString::fromStdString(name), integer ? DType::Int64 : DType::Float32,
                                tensorSizes(kept.back()), kept.back().data_ptr()};
    }
    return writeTensorBundle(kind, meta, sources);
}

ExpectedLayout denseCheckpointLayout(const NamedTensors &state)
{
    ExpectedLayout layout;
    for (const auto &[name, tensor] : state)
        layout.tensors.push_back({QString::fromStdString(name),
                                  tensor.scalar_type() == torch::kLong ? DType::Int64 : DType::Float32,
                                  tensorSizes(tensor)});
    return layout;
}

Status loadDenseCheckpoint(const NamedTensors &state, const TensorBundle &bundle, const QString &failed)
{
    if (auto s = checkLayout(bundle, denseCheckpointLayout(state)); !s)
        return s;
    try {
        torch::NoGradGuard noGrad;
        for (const auto &[name, tensor] : state)
            tensor.copy_(hostTensor(*bundle.find(QString::fromStdString(name))).to(tensor.device()));
        return {};
    } catch (const std::exception &e) {
        return fail(failed.arg(firstLine(e)));
    }
}

} // namespace marginalia::ml
