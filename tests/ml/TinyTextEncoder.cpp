#include "TinyTextEncoder.h"
#include "ml/TorchInclude.h"

#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

#include <QDir>
#include <QFile>
#include <QFileInfo>

QStringList tinyVocabulary(const QStringList &words)
{
    return QStringList{QStringLiteral("[PAD]"), QStringLiteral("[UNK]"), QStringLiteral("[CLS]"), QStringLiteral("[SEP]"),
                       QStringLiteral("##s"), QStringLiteral("##ing")}
        + words;
}

bool writeTinyTextEncoder(const QString &path, const QStringList &vocabulary, int dim, bool withMask, int seed)
{
    QFile vocab(QFileInfo(path).dir().filePath(QStringLiteral("vocab.txt")));
    if (!vocab.open(QIODevice::WriteOnly))
        return false;
    vocab.write((vocabulary.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    vocab.close();
    try {
        torch::manual_seed(static_cast<std::uint64_t>(seed));
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
        module.save(QFile::encodeName(path).toStdString());
        return true;
    } catch (const std::exception &e) {
        qWarning("%s", e.what());
        return false;
    }
}
