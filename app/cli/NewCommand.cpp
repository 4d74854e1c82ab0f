// marginalia new PROJECT --task textcat|multilabel|ner|image [--labels a,b,c]
#include "cli/CommandRegistry.h"
#include "store/ProjectStore.h"
#include "store/ServerLocation.h"

#include <QCoreApplication>

namespace marginalia::cli {

namespace {
int runNew(const QStringList &arguments)
{
    const QString name = QStringLiteral("new");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
                                 QCoreApplication::translate("Cli", "The project file to create (e.g. news.marginalia)."));
    const QCommandLineOption task(QStringLiteral("task"),
                                  QCoreApplication::translate("Cli", "textcat (one label per text), multilabel, ner (spans in the text), or image (one label per image)."),
                                  QStringLiteral("TASK"));
    const QCommandLineOption labels(QStringLiteral("labels"),
                                    QCoreApplication::translate("Cli", "Comma-separated label names."),
                                    QStringLiteral("LIST"));
    parser.addOptions({task, labels});
    int code = Success;
    if (!parseArguments(parser, name, QCoreApplication::translate("Cli", "Create an empty project."), arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, QCoreApplication::translate("Cli", "expected exactly one PROJECT path."));
    if (!parser.isSet(task))
        return usageError(name, QCoreApplication::translate("Cli", "--task is required (textcat, multilabel, ner or image)."));
    const auto taskType = taskTypeFromName(parser.value(task));
    if (!taskType)
        return usageError(name, QCoreApplication::translate("Cli", "unknown task '%1'; use textcat, multilabel, ner or image.")
                                    .arg(parser.value(task)));
    const QStringList names = parser.value(labels).split(QLatin1Char(','), Qt::SkipEmptyParts);
    auto store = ProjectStore::create(parser.positionalArguments().first(), *taskType, names);
    if (!store)
        return dataError(store.error());
    err() << QCoreApplication::translate("Cli", "Created %1 (%2, %n label(s)).", nullptr, int(names.size()))
                 .arg(displayLocation(parser.positionalArguments().first()), taskTypeName(*taskType))
          << '\n';
    return Success;
}

} // namespace

[[maybe_unused]] const bool registered =
    registerCommand({10, "new", QT_TRANSLATE_NOOP("Cli", "create an empty project"), &runNew});

} // namespace marginalia::cli
