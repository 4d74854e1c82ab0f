#include "ml/Device.h"
#include "ml/TorchInclude.h"

namespace marginalia::ml {

DeviceInfo selectedDevice()
{
    // Models put their tensors on CUDA when the linked LibTorch sees a GPU (TextClassifier's Automatic backend),
    // else on the CPU.
    DeviceInfo info;
    info.cuda = torch::cuda::is_available();
    info.name = info.cuda ? QStringLiteral("CUDA") : QStringLiteral("CPU");
    return info;
}

void configureTorchThreads(int threads)
{
    torch::set_num_threads(threads > 0 ? threads : 1);
}

} // namespace marginalia::ml
