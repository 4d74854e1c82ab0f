// marginalia push FILE URL [--replace]: the whole project onto a PostgreSQL server (store/ProjectTransfer.h).
#include "cli/CommandRegistry.h"
#include "cli/ProgressLine.h"
#include "store/ProjectStore.h"
#include "store/ProjectTransfer.h"

#include <QCoreApplication>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int runPush(const QStringList &arguments)
{
    const QString name = QStringLiteral("push");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("The project file."));
    parser.addPositionalArgument(QStringLiteral("URL"),
                                 Tr::tr("postgresql://[user[:password]@][host][:port]/DATABASE?project=NAME "
                                        "(a password is better given in PGPASSWORD or ~/.pgpass)."));
    const QCommandLineOption replace(QStringLiteral("replace"), Tr::tr("Replace a project of the same name on the server."));
    parser.addOption(replace);
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Copy a whole project (samples, every annotation version, settings, runs and models) "
                               "onto a PostgreSQL server, in one transaction: it is there whole, or not at all."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 2)
        return usageError(name, Tr::tr("expected a project FILE and a server URL."));
    const auto location = parseServerLocation(parser.positionalArguments().at(1));
    if (!location)
        return usageError(name, location.error());
    auto store = openProject(parser.positionalArguments().at(0));
    if (!store)
        return dataError(store.error());
    Result<TransferSummary> pushed = Error{QString()};
    {
        ProgressLine line(Tr::tr("copying"));
        pushed = pushProject(**store, *location, parser.isSet(replace), nullptr,
                             [&](qint64 done, qint64 total) { line.update(done, total); });
    }
    if (!pushed)
        return dataError(pushed.error());
    err() << Tr::tr("%1 rows in %2 tables copied to %3.").arg(pushed->rows).arg(pushed->tables).arg(location->text()) << '\n';
    return Success;
}

} // namespace

[[maybe_unused]] const bool pushRegistered = registerCommand(
    {80, "push", QT_TRANSLATE_NOOP("Cli", "copy a project onto a PostgreSQL server"), &runPush});

} // namespace marginalia::cli
