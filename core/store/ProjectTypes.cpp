#include "store/ProjectTypes.h"

namespace marginalia {

namespace {
template<typename E, std::size_t N>
std::optional<E> lookup(const std::pair<E, const char *> (&table)[N], const QString &name)
{
    for (const auto &[value, text] : table)
        if (name == QLatin1String(text))
            return value;
    return std::nullopt;
}
template<typename E, std::size_t N>
QString nameOf(const std::pair<E, const char *> (&table)[N], E value)
{
    for (const auto &[v, text] : table)
        if (v == value)
            return QLatin1String(text);
    return {};
}

const std::pair<TaskType, const char *> kTasks[] = {
    {TaskType::TextCat, "textcat"}, {TaskType::MultiLabel, "multilabel"}, {TaskType::Ner, "ner"}, {TaskType::Image, "image"}};
const std::pair<Split, const char *> kSplits[] = {{Split::Pool, "pool"}, {Split::Eval, "eval"}};
const std::pair<AnnotationSource, const char *> kSources[] = {{AnnotationSource::Human, "human"},
                                                              {AnnotationSource::Imported, "imported"},
                                                              {AnnotationSource::ModelAccepted, "model-accepted"}};
} // namespace

QString taskTypeName(TaskType task) { return nameOf(kTasks, task); }
std::optional<TaskType> taskTypeFromName(const QString &name) { return lookup(kTasks, name); }
QString splitName(Split split) { return nameOf(kSplits, split); }
std::optional<Split> splitFromName(const QString &name) { return lookup(kSplits, name); }
QString sourceName(AnnotationSource source) { return nameOf(kSources, source); }
std::optional<AnnotationSource> sourceFromName(const QString &name) { return lookup(kSources, name); }

} // namespace marginalia
