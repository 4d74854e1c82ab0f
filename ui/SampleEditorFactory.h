#pragma once
#include "store/ProjectTypes.h"

class QWidget;

namespace marginalia::ui {

class LabelingSession;
class SampleEditor;

// The one place that knows which editor labels a sample of each task; a new task adds its editor here and
// nowhere else. The editor belongs to `parent`.
SampleEditor *createSampleEditor(TaskType task, LabelingSession *session, QWidget *parent);

} // namespace marginalia::ui
