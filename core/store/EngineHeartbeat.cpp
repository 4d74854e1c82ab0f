#include "store/EngineHeartbeat.h"
#include "store/ProcessTag.h"
#include "store/ProjectStore.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};
} // namespace

Status writeEngineHeartbeat(ProjectStore &store)
{
    return store.setSetting(QLatin1String(kEngineHeartbeatKey),
                            QStringLiteral("%1 %2").arg(QDateTime::currentMSecsSinceEpoch()).arg(thisProcessTag()));
}

Status clearEngineHeartbeat(ProjectStore &store)
{
    return store.setSetting(QLatin1String(kEngineHeartbeatKey), QString());
}

Result<std::optional<EngineHeartbeat>> activeEngine(const ProjectStore &store)
{
    const auto value = store.setting(QLatin1String(kEngineHeartbeatKey));
    if (!value)
        return Error{value.error()};
    const qsizetype space = value->indexOf(QLatin1Char(' '));
    bool ok = false;
    const qint64 ms = value->left(space).toLongLong(&ok);
    if (space <= 0 || !ok)
        return std::optional<EngineHeartbeat>(); // none, cleared, or not ours to read
    EngineHeartbeat beat;
    beat.at = QDateTime::fromMSecsSinceEpoch(ms);
    beat.process = value->mid(space + 1);
    const qint64 age = QDateTime::currentMSecsSinceEpoch() - ms;
    if (age > kEngineStaleMs || processState(beat.process) == ProcessState::Gone)
        return std::optional<EngineHeartbeat>();
    return std::optional<EngineHeartbeat>(beat);
}

Result<qint64> latestAnnotationVersion(const ProjectStore &store)
{
    QSqlQuery query(store.database());
    if (auto s = sql::run(query, QStringLiteral("SELECT coalesce(max(id), 0) FROM annotations"), {},
                          Tr::tr("counting labels"));
        !s)
        return s;
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

} // namespace marginalia
