// marginalia backup PROJECT OUT [--force]
#include "cli/CommandRegistry.h"
#include "cli/ProgressLine.h"
#include "store/ProjectBackup.h"

#include <QCoreApplication>
#include <memory>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int runBackup(const QStringList &arguments)
{
    const QString name = QStringLiteral("backup");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
                                 Tr::tr("The project file (it may be open in the studio)."));
    parser.addPositionalArgument(QStringLiteral("OUT"), Tr::tr("The copy to write."));
    const QCommandLineOption force(QStringLiteral("force"), Tr::tr("Replace OUT if it exists."));
    parser.addOption(force);
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Copy a project into one self-contained file, also while the studio has it open and "
                               "labels are being saved: the copy is the project as it was when the backup began. "
                               "It is written under a temporary name, checked and renamed into place. An existing "
                               "OUT is refused (exit status 2) unless --force is given."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 2)
        return usageError(name, Tr::tr("expected PROJECT and OUT."));
    const QString project = parser.positionalArguments().at(0);
    const QString target = parser.positionalArguments().at(1);

    auto line = std::make_unique<ProgressLine>(Tr::tr("copying"));
    const auto progress = [&](qint64 done, qint64 total) {
        line->update(done, total);
        return true;
    };
    BackupOptions options;
    options.overwrite = parser.isSet(force);
    const Status copied = backupProject(project, target, progress, options);
    line.reset(); // erased before what follows is said
    if (!copied)
        return dataError(copied.error());
    out() << Tr::tr("copied %1 to %2").arg(project, target) << '\n';
    out().flush();
    return Success;
}

} // namespace

[[maybe_unused]] const bool registered = registerCommand(
    {35, "backup", QT_TRANSLATE_NOOP("Cli", "copy a project into one file, also while it is in use"), &runBackup});

} // namespace marginalia::cli
