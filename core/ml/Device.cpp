#include "ml/Device.h"
#include "ml/TorchInclude.h"

namespace marginalia::ml {

DeviceInfo selectedDevice()
{
    // Models put their tensors on CUDA when the linked LibTorch sees a GPU (TextClassifier's Automatic backend,
    // SequenceTagger), else on the CPU.
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
