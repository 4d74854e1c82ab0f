// marginalia pull URL FILE: a project from a PostgreSQL server into a new project file (store/ProjectTransfer.h).
#include "cli/CommandRegistry.h"
#include "cli/ProgressLine.h"
#include "store/ProjectTransfer.h"

#include <QCoreApplication>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int runPull(const QStringList &arguments)
{
    const QString name = QStringLiteral("pull");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("URL"),
                                 Tr::tr("postgresql://[user[:password]@][host][:port]/DATABASE?project=NAME "
                                        "(a password is better given in PGPASSWORD or ~/.pgpass)."));
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("The new project file."));
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Copy a whole project from a PostgreSQL server into a new project file, which appears "
                               "only once it is complete."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 2)
        return usageError(name, Tr::tr("expected a server URL and a new project FILE."));
    const auto location = parseServerLocation(parser.positionalArguments().at(0));
    if (!location)
        return usageError(name, location.error());
    Result<TransferSummary> pulled = Error{QString()};
    {
        ProgressLine line(Tr::tr("copying"));
        pulled = pullProject(*location, parser.positionalArguments().at(1), nullptr,
                             [&](qint64 done, qint64 total) { line.update(done, total); });
    }
    if (!pulled)
        return dataError(pulled.error());
    err() << Tr::tr("%1 rows in %2 tables copied from %3.").arg(pulled->rows).arg(pulled->tables).arg(location->text()) << '\n';
    return Success;
}

} // namespace

[[maybe_unused]] const bool pullRegistered = registerCommand(
    {81, "pull", QT_TRANSLATE_NOOP("Cli", "copy a project from a PostgreSQL server into a new file"), &runPull});

} // namespace marginalia::cli
