#include "store/WriteGate.h"

#include <QHash>
#include <QMutex>
#include <chrono>
#include <thread>

namespace marginalia {

namespace {
QMutex g_gatesMutex;
QHash<QString, std::weak_ptr<WriteGate>> g_gates;
} // namespace

std::shared_ptr<WriteGate> WriteGate::forFile(const QString &canonicalPath)
{
    const QMutexLocker lock(&g_gatesMutex);
    std::shared_ptr<WriteGate> gate = g_gates.value(canonicalPath).lock();
    if (!gate) {
        gate = std::make_shared<WriteGate>();
        g_gates.insert(canonicalPath, gate);
    }
    return gate;
}

QStringList WriteGate::openFiles()
{
    const QMutexLocker lock(&g_gatesMutex);
    QStringList paths;
    for (auto it = g_gates.cbegin(); it != g_gates.cend(); ++it)
        if (!it.value().expired())
            paths << it.key();
    return paths;
}

void WriteGate::yieldToInteractive(int maxWaitMs) const
{
    for (int waited = 0; interactiveWaiting() && waited < maxWaitMs; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

} // namespace marginalia
