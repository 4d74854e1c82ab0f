#include "TinyTextEncoder.h"
#include "ml/TorchInclude.h"

#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <functional>

QStringList tinyVocabulary(const QStringList &words)
{
    return QStringList{QStringLiteral("[PAD]"), QStringLiteral("[UNK]"), QStringLiteral("[CLS]"), QStringLiteral("[SEP]"),
                       QStringLiteral("##s"), QStringLiteral("##ing")}
        + words;
}

namespace {
bool writeVocabularyBeside(const QString &path, const QStringList &vocabulary)
{
    QFile vocab(QFileInfo(path).dir().filePath(QStringLiteral("vocab.txt")));
    if (!vocab.open(QIODevice::WriteOnly))
        return false;
    return vocab.write((vocabulary.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8()) >= 0;
}

// Writes the vocabulary beside `path`, then the module `build` makes from a seeded generator; false (with the
// reason on the log) when either fails.
bool writeEncoder(const QString &path, const QStringList &vocabulary, int seed,
                  const std::function<torch::jit::Module()> &build)
{
    if (!writeVocabularyBeside(path, vocabulary))
        return false;
    try {
        torch::manual_seed(static_cast<std::uint64_t>(seed));
        build().save(QFile::encodeName(path).toStdString());
        return true;
    } catch (const std::exception &e) {
        qWarning("%s", e.what());
        return false;
    }
}
} // namespace

bool writeTinyTextEncoder(const QString &path, const QStringList &vocabulary, int dim, bool withMask, int seed)
{
    return writeEncoder(path, vocabulary, seed, [&] {
        torch::jit::Module module("TinyTextEncoder");
        module.register_parameter("table", torch::randn({std::int64_t(vocabulary.size()), dim}), false);
        module.register_attribute("max_length", c10::IntType::get(), c10::IValue(std::int64_t(24)));
        if (withMask)
            module.define(R"(
def forward(self, input_ids, attention_mask):
    states = torch.embedding(self.table, input_ids)
    return (states, states[:, 0])
)");
        else
            module.define(R"(
def forward(self, input_ids):
    return torch.embedding(self.table, input_ids).sum(1)
)");
        return module;
    });
}

bool writeTinyLayeredEncoder(const QString &path, const QStringList &vocabulary, int dim, int seed)
{
    return writeEncoder(path, vocabulary, seed, [&] {
        constexpr std::int64_t kLength = 24;
        torch::jit::Module layer("TinyLayer");
        layer.register_parameter("weight", torch::randn({dim, dim}) / std::sqrt(double(dim)), false);
        layer.register_parameter("bias", torch::zeros({dim}), false);
        torch::jit::Module module("TinyLayeredEncoder");
        module.register_parameter("words", torch::randn({std::int64_t(vocabulary.size()), dim}), false);
        module.register_parameter("positions", torch::randn({kLength, dim}) * 0.1, false);
        module.register_buffer("position_ids", torch::arange(kLength, torch::kInt64).unsqueeze(0));
        module.register_module("layer", layer);
        module.register_attribute("max_length", c10::IntType::get(), c10::IValue(kLength));
        module.define(R"(
def forward(self, input_ids, attention_mask):
    length = input_ids.size(1)
    positions = torch.embedding(self.positions, self.position_ids[:, :length])
    states = torch.embedding(self.words, input_ids) + positions
    states = torch.layer_norm(states, [states.size(2)])
    states = torch.tanh(torch.matmul(states, self.layer.weight) + self.layer.bias)
    return (states, states[:, 0])
)");
        return module;
    });
}
