#pragma once
#include <QString>

namespace marginalia::ml {

// Describes where torch work runs, decided at run time. `cuda`: the linked LibTorch has CUDA and sees a GPU.
// `name`: where the models compute, "CUDA" or "CPU".
struct DeviceInfo
{
    bool cuda = false;
    QString name;
};

DeviceInfo selectedDevice();
// Sets torch's intra-op thread count; call on the worker thread before its first op.
void configureTorchThreads(int threads);

} // namespace marginalia::ml
