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

// Sets torch's intra-op thread count for its lifetime and restores the previous count after: the sequence
// tagger's convolutions use the round's threads while the rest of the worker stays single-threaded.
class TorchThreads
{
public:
    explicit TorchThreads(int threads);
    ~TorchThreads();
    TorchThreads(const TorchThreads &) = delete;
    TorchThreads &operator=(const TorchThreads &) = delete;

private:
    int m_previous = 1;
};

} // namespace marginalia::ml
