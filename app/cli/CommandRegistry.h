#pragma once
#include "cli/CliCommand.h"
#include <QVector>

namespace marginalia::cli {

// Every command the CLI knows, sorted by `order` (the order `marginalia --help` lists them).
const QVector<CliCommand> &commands();
const CliCommand *findCommand(const QString &name);
// Runs `marginalia ARGS...` (args without the program name); returns the exit status.
int runCli(const QStringList &args);

// Commands register themselves from their own file:
//   static const bool registered = registerCommand({10, "new", QT_TRANSLATE_NOOP("Cli", "..."), &runNew});
struct CommandEntry
{
    int order;
    const char *name;
    const char *summary; // translated in context "Cli"
    int (*run)(const QStringList &arguments);
};
bool registerCommand(const CommandEntry &entry);

} // namespace marginalia::cli
