#include "ml/Device.h"
#include "ml/TorchInclude.h"

namespace marginalia::ml {

DeviceInfo selectedDevice()
{
    // The bag-of-n-grams classifier keeps its table on the CPU (plain loops over random rows beat a device
    // round trip at this size), so the device a run reports is the CPU; `cuda` still says whether the linked
    // LibTorch sees a GPU, for models that can use one.
    DeviceInfo info;
    info.cuda = torch::cuda::is_available();
    info.name = QStringLiteral("CPU");
    return info;
}

DeviceInfo taggerDevice()
{
    DeviceInfo info;
    info.cuda = torch::cuda::is_available();
    info.name = info.cuda ? QStringLiteral("CUDA") : QStringLiteral("CPU");
    return info;
}

TorchThreads::TorchThreads(int threads) : m_previous(torch::get_num_threads())
{
    torch::set_num_threads(threads > 0 ? threads : 1);
}

TorchThreads::~TorchThreads()
{
    torch::set_num_threads(m_previous);
}

void configureTorchThreads(int threads)
{
    torch::set_num_threads(threads > 0 ? threads : 1);
}

} // namespace marginalia::ml
