#include "TinyBackbone.h"
#include "ml/TorchInclude.h"

#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

#include <QFile>

bool writeTinyBackbone(const QString &path, int side, int channels, double scale)
{
    try {
        torch::jit::Module module("TinyBackbone");
        module.register_parameter("scale", torch::full({1}, scale), false);
        module.register_attribute("input_side", c10::IntType::get(), c10::IValue(std::int64_t(side)));
        module.register_attribute("input_channels", c10::IntType::get(), c10::IValue(std::int64_t(channels)));
        module.define(R"(
def forward(self, x):
    rows = torch.amax(x.mean(3), [2])
    cols = torch.amax(x.mean(2), [2])
    return torch.cat([rows, cols], 1) * self.scale
)");
        module.save(QFile::encodeName(path).toStdString());
        return true;
    } catch (const std::exception &e) {
        qWarning("%s", e.what());
        return false;
    }
}
