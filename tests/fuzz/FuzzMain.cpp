// libFuzzer entry point; MARGINALIA_FUZZ_TARGET names the target (see FuzzTargets.h).
#include "FuzzTargets.h"

#include <QCoreApplication>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The SQLite driver is a Qt plugin: it needs an application object to be found.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<int>(size));
#if defined(MARGINALIA_FUZZ_CHECKPOINT)
    marginalia::fuzz::runCheckpointTarget(input);
#elif defined(MARGINALIA_FUZZ_IMAGE)
    marginalia::fuzz::runImageTarget(input);
#else
    marginalia::fuzz::check(marginalia::fuzz::runCoreTarget(QStringLiteral(MARGINALIA_FUZZ_TARGET), input),
                            "the target exists");
#endif
    return 0;
}
