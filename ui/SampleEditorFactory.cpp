#include "ui/SampleEditorFactory.h"
#include "ui/ImageEditor.h"
#include "ui/LabelButtonsEditor.h"
#include "ui/SpanEditor.h"

namespace marginalia::ui {

SampleEditor *createSampleEditor(TaskType task, LabelingSession *session, QWidget *parent)
{
    switch (task) {
    case TaskType::Ner:
        return new SpanEditor(session, parent);
    case TaskType::Image:
        return new ImageEditor(session, parent);
    case TaskType::MultiLabel:
        return new LabelButtonsEditor(session, true, parent);
    case TaskType::TextCat:
        break;
    }
    return new LabelButtonsEditor(session, false, parent);
}

} // namespace marginalia::ui
