// marginalia team add URL NAME --role owner|reviewer|annotator
// marginalia team list URL [--json]
// Who may do what in a project on a PostgreSQL server (store/ServerTeam.h); the server enforces it.
#include "cli/CommandRegistry.h"
#include "store/ServerTeam.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int runTeam(const QStringList &arguments)
{
    const QString name = QStringLiteral("team");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("ACTION"), Tr::tr("add or list."));
    parser.addPositionalArgument(QStringLiteral("URL"), Tr::tr("postgresql://…/DATABASE?project=NAME (see push)."));
    parser.addPositionalArgument(QStringLiteral("NAME"), Tr::tr("add: the person's login name on the server."));
    const QCommandLineOption role(QStringLiteral("role"), Tr::tr("add: owner, reviewer or annotator."), QStringLiteral("ROLE"));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("list: print one JSON object."));
    parser.addOptions({role, json});
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Who may do what in a project on a PostgreSQL server, enforced by the server (grants and "
                               "row-level security): owners change everything; reviewers read every label and set final "
                               "ones; annotators add labels of their own and do not see others' labels of an overlap "
                               "sample before it is reviewed. 'add' creates the login role if needed (set its password, "
                               "if any, on the server) and needs an administrator's connection."),
                        arguments, code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() < 2)
        return usageError(name, Tr::tr("expected add URL NAME --role ROLE, or list URL."));
    const auto location = parseServerLocation(args.at(1));
    if (!location)
        return usageError(name, location.error());
    if (args.at(0) == QLatin1String("add")) {
        if (args.size() != 3)
            return usageError(name, Tr::tr("add needs the person's NAME."));
        const auto teamRole = teamRoleFromName(parser.value(role));
        if (!teamRole)
            return usageError(name, Tr::tr("--role needs owner, reviewer or annotator."));
        if (auto s = addTeamMember(*location, args.at(2), *teamRole); !s)
            return dataError(s.error());
        err() << Tr::tr("%1 is now %2 of %3.").arg(args.at(2), teamRoleName(*teamRole), location->project) << '\n';
        return Success;
    }
    if (args.at(0) != QLatin1String("list") || args.size() != 2)
        return usageError(name, Tr::tr("expected add URL NAME --role ROLE, or list URL."));
    const auto members = teamMembers(*location);
    if (!members)
        return dataError(members.error());
    if (parser.isSet(json)) {
        QJsonArray rows;
        for (const TeamMember &m : *members)
            rows.append(QJsonObject{{QStringLiteral("name"), m.name}, {QStringLiteral("role"), teamRoleName(m.role)}});
        out() << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("members"), rows}}).toJson(QJsonDocument::Compact))
              << '\n';
        return Success;
    }
    for (const TeamMember &m : *members)
        out() << m.name << '\t' << teamRoleName(m.role) << '\n';
    return Success;
}

} // namespace

[[maybe_unused]] const bool teamRegistered = registerCommand(
    {82, "team", QT_TRANSLATE_NOOP("Cli", "who may do what in a project on a PostgreSQL server"), &runTeam});

} // namespace marginalia::cli
