#include "cli/CommandRegistry.h"
#include "EngineLoader.h"

#include <MarginaliaVersion.h>
#include <QCoreApplication>
#include <algorithm>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

void printHelp()
{
    out() << Tr::tr("Usage: marginalia [PROJECT]            open the labeling studio\n"
                "       marginalia --demo               open the studio on the bundled demo project\n"
                "       marginalia COMMAND [OPTIONS]    work on a project from the command line\n\nCommands:\n");
    for (const CliCommand &c : commands())
        out() << QStringLiteral("  %1%2\n").arg(c.name.leftJustified(12), c.summary);
    out() << Tr::tr("\nRun 'marginalia COMMAND --help' for a command's options.\n"
                "Exit status: 0 success, 1 usage error, 2 data error.\n");
    out().flush();
}
} // namespace

namespace {
QVector<CommandEntry> &entries()
{
    static QVector<CommandEntry> all;
    return all;
}
} // namespace

bool registerCommand(const CommandEntry &entry)
{
    entries().push_back(entry);
    return true;
}

const QVector<CliCommand> &commands()
{
    // Rebuilt when the engine module has registered more commands since the last call.
    static QVector<CliCommand> all;
    static int built = -1;
    if (built != entries().size()) {
        QVector<CommandEntry> sorted = entries();
        std::sort(sorted.begin(), sorted.end(), [](const CommandEntry &a, const CommandEntry &b) { return a.order < b.order; });
        all.clear();
        for (const CommandEntry &e : sorted)
            all.push_back(CliCommand{QString::fromLatin1(e.name), QCoreApplication::translate("Cli", e.summary), e.run});
        built = int(entries().size());
    }
    return all;
}

const CliCommand *findCommand(const QString &name)
{
    for (const CliCommand &c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

int runCli(const QStringList &args)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")
        || args.first() == QLatin1String("help")) {
        // The list names the engine's commands too; without the engine it names the rest.
        app::loadEngine();
        printHelp();
        return Success;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("-v")) {
        out() << QStringLiteral("marginalia %1\n").arg(QLatin1String(MARGINALIA_VERSION_STRING));
        out().flush();
        return Success;
    }
    const CliCommand *command = findCommand(args.first());
    QString engineError;
    if (!command && app::loadEngine(&engineError))
        command = findCommand(args.first());
    if (!command) {
        if (!engineError.isEmpty())
            err() << engineError << '\n';
        err() << Tr::tr("marginalia: unknown command '%1'. Run 'marginalia --help' for the list.").arg(args.first()) << '\n';
        err().flush();
        return UsageError;
    }
    return command->run(args.mid(1));
}

} // namespace marginalia::cli
