#pragma once
#include <QString>

namespace marginalia {

// Names the process that runs a model round, so that a later process can tell a round still running elsewhere
// from one whose process died (killed, crashed, power cut) and left it "running" for good.
// The tag is "HOST PID START": START is the process's start time in clock ticks since boot, which tells a live
// process from a later one that reused the pid.
QString thisProcessTag();

enum class ProcessState { Alive, Gone, Unknown };
// Unknown for another host's process (a project on a shared folder) or a tag this version cannot read.
ProcessState processState(const QString &tag);

} // namespace marginalia
