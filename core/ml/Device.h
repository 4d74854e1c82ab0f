#pragma once
#include <QString>

namespace marginalia::ml {

// Describes where torch work runs; chosen once at run time (CUDA when the linked LibTorch has it and a GPU is
// present, else CPU).
struct DeviceInfo
{
    bool cuda = false;
    QString name; // "CPU" or "CUDA (device name)"
};

DeviceInfo selectedDevice();
// Sets torch's intra-op thread count; call on the worker thread before its first op.
void configureTorchThreads(int threads);

} // namespace marginalia::ml
