#pragma once
// `marginalia engine` trains for a project while studios label it. It says so in the project itself: the setting
// row `engine.heartbeat` ("MS TAG": when, and which process, store/ProcessTag.h), renewed every few seconds. A
// studio that finds a fresh heartbeat leaves training to the engine and shows its runs as they arrive; a heartbeat
// that stopped (the engine was closed or killed) is stale after kEngineStaleMs, or at once when its process is gone.
#include "Result.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace marginalia {

class ProjectStore;

inline constexpr qint64 kEngineStaleMs = 15000;
inline constexpr char kEngineHeartbeatKey[] = "engine.heartbeat";

struct EngineHeartbeat
{
    QDateTime at;
    QString process; // "HOST PID START"
};

Status writeEngineHeartbeat(ProjectStore &store);
Status clearEngineHeartbeat(ProjectStore &store);
// The engine that trains for the project now, if any (a fresh heartbeat of a process that is not known to be gone).
Result<std::optional<EngineHeartbeat>> activeEngine(const ProjectStore &store);

// The newest annotation version's id (0 when nothing was ever labeled): grows with every label, relabel and undo
// by anyone, so an engine counts new labels without counting rows.
Result<qint64> latestAnnotationVersion(const ProjectStore &store);

} // namespace marginalia
