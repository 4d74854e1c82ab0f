#include "task/ModelClient.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace marginalia::task {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};
} // namespace

void ModelClient::requestPretraining()
{
    // Queued like every answer of a real client, so callers can connect after asking.
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT pretrainingEnded(false, Tr::tr("This studio has no model engine to learn with.")); },
        Qt::QueuedConnection);
}

void ModelClient::requestAudit()
{
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT auditEnded(false, Tr::tr("This studio has no model engine to audit with."), {}); },
        Qt::QueuedConnection);
}

} // namespace marginalia::task
