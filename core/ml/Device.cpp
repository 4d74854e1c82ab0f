#include "ml/Device.h"
#include "ml/TorchInclude.h"

namespace marginalia::ml {

DeviceInfo selectedDevice()
{
    DeviceInfo info;
    if (torch::cuda::is_available()) {
        info.cuda = true;
        info.name = QStringLiteral("CUDA");
    } else {
        info.name = QStringLiteral("CPU");
    }
    return info;
}

void configureTorchThreads(int threads)
{
    torch::set_num_threads(threads > 0 ? threads : 1);
}

} // namespace marginalia::ml
