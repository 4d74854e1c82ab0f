#pragma once
// Who may do what in a project on a PostgreSQL server, enforced by the server itself (GRANTs and row-level
// security), so that a person with psql and their own login can do no more than the studio lets them:
// - owner: everything (settings, labels, imports, exports, runs);
// - reviewer: reads everyone's labels, adds labels and final decisions of their own, flags;
// - annotator: reads the samples, settings and rankings, adds labels, rejections and leases of their own only, and
//   does not see other people's labels of an overlap sample (store/Assignments.h) until a reviewer decided it.
// Nobody but the owner changes or deletes a label version: the history is append-only on the server too.
// Each project has three group roles, mrg_<project>_owner / _reviewer / _annotator; a person is a login role that is
// a member of one of them. No password is set or stored here: people authenticate as the server is set up to (a
// password set by an administrator, peer, certificate).
#include "Result.h"
#include "store/ServerLocation.h"

#include <QString>
#include <QVector>
#include <optional>

namespace marginalia {

enum class TeamRole { Owner, Reviewer, Annotator };
QString teamRoleName(TeamRole role); // "owner", "reviewer", "annotator"
std::optional<TeamRole> teamRoleFromName(const QString &name);

struct TeamMember
{
    QString name;
    TeamRole role = TeamRole::Annotator;
};

// Makes `name` (created as a login role if it does not exist) a member of the project's team with `role`, and no
// other role of this project. Sets up the project's roles, grants and policies first (again after a push with
// --replace). Needs a connection allowed to create roles (an administrator).
Status addTeamMember(const ServerLocation &project, const QString &name, TeamRole role);
// The project's members by role, then name.
Result<QVector<TeamMember>> teamMembers(const ServerLocation &project);
// Runs the grants and policies again on `db` (inside the caller's transaction) when the project has a team: after an
// upgrade added tables or functions the team's roles must reach.
Status refreshTeamGrants(QSqlDatabase &db, const ServerLocation &project);

} // namespace marginalia
