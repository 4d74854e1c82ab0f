#include "store/ServerTeam.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

const TeamRole kRoles[] = {TeamRole::Owner, TeamRole::Reviewer, TeamRole::Annotator};

QString quoted(const QString &identifier) { return QLatin1Char('"') + identifier + QLatin1Char('"'); }

QString groupRole(const ServerLocation &project, TeamRole role)
{
    return QStringLiteral("mrg_%1_%2").arg(project.project, teamRoleName(role));
}

// The statements that give the project's tables their grants and policies, idempotent: run again after a push
// with --replace (which drops the schema and everything in it) or by a newer version. %1 is the schema, %2 to %4
// the owner, reviewer and annotator groups, all quoted. Every policy names the groups it is for.
const char *const kTeamSetup[] = {
    "GRANT USAGE ON SCHEMA %1 TO %2, %3, %4",
    "GRANT ALL ON ALL TABLES IN SCHEMA %1 TO %2",
    "GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %3, %4",
    "GRANT INSERT ON %1.annotations, %1.annotation_labels, %1.annotation_spans, %1.label_rejections,"
    " %1.sample_flags TO %3, %4",
    "GRANT UPDATE ON %1.sample_flags TO %3, %4",
    "GRANT INSERT, UPDATE, DELETE ON %1.assignments TO %3, %4",
    // New versions get their ids from the sequences a push made (store/ProjectTransfer.cpp), and a lease asks who
    // labeled a sample, and which overlap samples wait, through the push's security-definer functions.
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA %1 TO %2, %3, %4",
    "REVOKE ALL ON FUNCTION %1.sample_labelers(bigint), %1.overlap_waiting(text, bigint, bigint, bigint) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION %1.sample_labelers(bigint), %1.overlap_waiting(text, bigint, bigint, bigint)"
    " TO %2, %3, %4",
    // The overlap as store/Assignments.cpp computes it, from the project's own setting.
    "CREATE OR REPLACE FUNCTION %1.is_overlap(sample bigint) RETURNS boolean LANGUAGE sql STABLE AS $$"
    " SELECT (sample * 2654435761) % 10007 < floor(coalesce((SELECT value FROM %1.settings"
    " WHERE key = 'team.overlap'), '0')::double precision * 10007 + 1e-9) $$",
    // Whether a reviewer decided the sample; it reads every version, whoever asks (a policy on annotations cannot
    // query annotations itself).
    "CREATE OR REPLACE FUNCTION %1.is_reviewed(sample bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER"
    " SET search_path = pg_catalog AS $$ SELECT EXISTS (SELECT 1 FROM %1.annotations WHERE sample_id = sample"
    " AND origin = 'review' AND cleared = 0) $$",
    "REVOKE ALL ON FUNCTION %1.is_reviewed(bigint) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION %1.is_overlap(bigint), %1.is_reviewed(bigint) TO %2, %3, %4",
    "ALTER TABLE %1.annotations ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE %1.annotation_labels ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE %1.annotation_spans ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE %1.label_rejections ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE %1.assignments ENABLE ROW LEVEL SECURITY",
    // Label versions: the owner all; a reviewer reads all and adds their own; an annotator adds their own (never a
    // review) and reads the others' except on an overlap sample nobody has decided yet.
    "DROP POLICY IF EXISTS owner_all ON %1.annotations",
    "CREATE POLICY owner_all ON %1.annotations FOR ALL TO %2 USING (true) WITH CHECK (true)",
    "DROP POLICY IF EXISTS reviewer_read ON %1.annotations",
    "CREATE POLICY reviewer_read ON %1.annotations FOR SELECT TO %3 USING (true)",
    "DROP POLICY IF EXISTS reviewer_add ON %1.annotations",
    "CREATE POLICY reviewer_add ON %1.annotations FOR INSERT TO %3 WITH CHECK (annotator = current_user)",
    "DROP POLICY IF EXISTS annotator_read ON %1.annotations",
    "CREATE POLICY annotator_read ON %1.annotations FOR SELECT TO %4 USING (annotator = current_user"
    " OR NOT %1.is_overlap(sample_id) OR %1.is_reviewed(sample_id))",
    "DROP POLICY IF EXISTS annotator_add ON %1.annotations",
    "CREATE POLICY annotator_add ON %1.annotations FOR INSERT TO %4 WITH CHECK (annotator = current_user"
    " AND coalesce(origin, '') <> 'review')",
    // A version's labels and spans are seen with the version, and added only to one's own.
    "DROP POLICY IF EXISTS owner_all ON %1.annotation_labels",
    "CREATE POLICY owner_all ON %1.annotation_labels FOR ALL TO %2 USING (true) WITH CHECK (true)",
    "DROP POLICY IF EXISTS member_read ON %1.annotation_labels",
    "CREATE POLICY member_read ON %1.annotation_labels FOR SELECT TO %3, %4 USING (EXISTS (SELECT 1 FROM"
    " %1.annotations a WHERE a.id = annotation_id))",
    "DROP POLICY IF EXISTS member_add ON %1.annotation_labels",
    "CREATE POLICY member_add ON %1.annotation_labels FOR INSERT TO %3, %4 WITH CHECK (EXISTS (SELECT 1 FROM"
    " %1.annotations a WHERE a.id = annotation_id AND a.annotator = current_user))",
    "DROP POLICY IF EXISTS owner_all ON %1.annotation_spans",
    "CREATE POLICY owner_all ON %1.annotation_spans FOR ALL TO %2 USING (true) WITH CHECK (true)",
    "DROP POLICY IF EXISTS member_read ON %1.annotation_spans",
    "CREATE POLICY member_read ON %1.annotation_spans FOR SELECT TO %3, %4 USING (EXISTS (SELECT 1 FROM"
    " %1.annotations a WHERE a.id = annotation_id))",
    "DROP POLICY IF EXISTS member_add ON %1.annotation_spans",
    "CREATE POLICY member_add ON %1.annotation_spans FOR INSERT TO %3, %4 WITH CHECK (EXISTS (SELECT 1 FROM"
    " %1.annotations a WHERE a.id = annotation_id AND a.annotator = current_user))",
    // "Not this label": as label versions.
    "DROP POLICY IF EXISTS owner_all ON %1.label_rejections",
    "CREATE POLICY owner_all ON %1.label_rejections FOR ALL TO %2 USING (true) WITH CHECK (true)",
    "DROP POLICY IF EXISTS reviewer_read ON %1.label_rejections",
    "CREATE POLICY reviewer_read ON %1.label_rejections FOR SELECT TO %3 USING (true)",
    "DROP POLICY IF EXISTS annotator_read ON %1.label_rejections",
    "CREATE POLICY annotator_read ON %1.label_rejections FOR SELECT TO %4 USING (annotator = current_user"
    " OR NOT %1.is_overlap(sample_id) OR %1.is_reviewed(sample_id))",
    "DROP POLICY IF EXISTS member_add ON %1.label_rejections",
    "CREATE POLICY member_add ON %1.label_rejections FOR INSERT TO %3, %4 WITH CHECK (annotator = current_user)",
    // Leases: everyone sees who holds what; one takes, renews and gives back one's own, and clears expired ones.
    "DROP POLICY IF EXISTS owner_all ON %1.assignments",
    "CREATE POLICY owner_all ON %1.assignments FOR ALL TO %2 USING (true) WITH CHECK (true)",
    "DROP POLICY IF EXISTS member_read ON %1.assignments",
    "CREATE POLICY member_read ON %1.assignments FOR SELECT TO %3, %4 USING (true)",
    "DROP POLICY IF EXISTS member_take ON %1.assignments",
    "CREATE POLICY member_take ON %1.assignments FOR INSERT TO %3, %4 WITH CHECK (annotator = current_user)",
    "DROP POLICY IF EXISTS member_renew ON %1.assignments",
    "CREATE POLICY member_renew ON %1.assignments FOR UPDATE TO %3, %4 USING (annotator = current_user)"
    " WITH CHECK (annotator = current_user)",
    "DROP POLICY IF EXISTS member_release ON %1.assignments",
    "CREATE POLICY member_release ON %1.assignments FOR DELETE TO %3, %4 USING (annotator = current_user"
    " OR expires_at <= (extract(epoch FROM clock_timestamp()) * 1000)::bigint)",
};

Error failure(const QSqlQuery &q, const QString &what)
{
    return Error{Tr::tr("%1: %2").arg(what, q.lastError().text().trimmed())};
}

Status ensureProjectExists(QSqlQuery &q, const ServerLocation &project)
{
    if (!q.exec(QStringLiteral("SELECT 1 FROM information_schema.schemata WHERE schema_name = '%1'").arg(project.schema())))
        return failure(q, Tr::tr("looking for the project on the server"));
    if (!q.next())
        return Error{Tr::tr("The server has no project \"%1\" (%2); push it first.").arg(project.project, project.text())};
    return {};
}

Status setUpTeam(QSqlQuery &q, const ServerLocation &project)
{
    for (TeamRole role : kRoles) {
        const QString group = groupRole(project, role);
        if (!q.exec(QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = '%1'").arg(group)))
            return failure(q, Tr::tr("setting up the project's roles"));
        if (!q.next() && !q.exec(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(quoted(group))))
            return failure(q, Tr::tr("setting up the project's roles"));
    }
    const QString schema = quoted(project.schema());
    for (const char *statement : kTeamSetup) {
        // Not QString::arg: most statements name only some of the four.
        const QString sql = QString::fromLatin1(statement)
                                .replace(QLatin1String("%1"), schema)
                                .replace(QLatin1String("%2"), quoted(groupRole(project, TeamRole::Owner)))
                                .replace(QLatin1String("%3"), quoted(groupRole(project, TeamRole::Reviewer)))
                                .replace(QLatin1String("%4"), quoted(groupRole(project, TeamRole::Annotator)));
        if (!q.exec(sql))
            return failure(q, Tr::tr("setting up the project's permissions"));
    }
    return {};
}
} // namespace

Status refreshTeamGrants(QSqlDatabase &db, const ServerLocation &project)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = '%1'").arg(groupRole(project, TeamRole::Owner))))
        return failure(q, Tr::tr("reading the project's team"));
    if (!q.next())
        return {}; // no team yet: `team add` sets it up
    return setUpTeam(q, project);
}

QString teamRoleName(TeamRole role)
{
    switch (role) {
    case TeamRole::Owner: return QStringLiteral("owner");
    case TeamRole::Reviewer: return QStringLiteral("reviewer");
    case TeamRole::Annotator: return QStringLiteral("annotator");
    }
    return {};
}

std::optional<TeamRole> teamRoleFromName(const QString &name)
{
    for (TeamRole role : kRoles)
        if (teamRoleName(role) == name)
            return role;
    return std::nullopt;
}

Status addTeamMember(const ServerLocation &project, const QString &name, TeamRole role)
{
    // A plain lower-case identifier: the name people log in with is the name their labels carry.
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    if (!plain.match(name).hasMatch())
        return Error{Tr::tr("\"%1\" is not a login name the server and the labels can share: lower-case letters, digits "
                            "and '_', starting with a letter, at most 63.")
                         .arg(name)};
    const ServerConnectionName connection;
    auto server = connectToServer(project, connection.name());
    if (!server)
        return Error{server.error()};
    QSqlDatabase db = *server;
    if (!db.transaction())
        return Error{Tr::tr("Cannot start a transaction on %1: %2").arg(project.text(), db.lastError().text())};
    const Status s = [&]() -> Status {
        QSqlQuery q(db);
        if (auto s = ensureProjectExists(q, project); !s)
            return s;
        if (auto s = setUpTeam(q, project); !s)
            return s;
        if (!q.exec(QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = '%1'").arg(name)))
            return failure(q, Tr::tr("adding %1").arg(name));
        if (!q.next() && !q.exec(QStringLiteral("CREATE ROLE %1 LOGIN").arg(quoted(name))))
            return failure(q, Tr::tr("adding %1").arg(name));
        for (TeamRole other : kRoles)
            if (other != role && !q.exec(QStringLiteral("REVOKE %1 FROM %2").arg(quoted(groupRole(project, other)), quoted(name))))
                return failure(q, Tr::tr("adding %1").arg(name));
        if (!q.exec(QStringLiteral("GRANT %1 TO %2").arg(quoted(groupRole(project, role)), quoted(name))))
            return failure(q, Tr::tr("adding %1").arg(name));
        return {};
    }();
    if (!s) {
        db.rollback();
        return s;
    }
    if (!db.commit())
        return Error{Tr::tr("The server did not take the change: %1").arg(db.lastError().text())};
    return {};
}

Result<QVector<TeamMember>> teamMembers(const ServerLocation &project)
{
    const ServerConnectionName connection;
    auto server = connectToServer(project, connection.name());
    if (!server)
        return Error{server.error()};
    QSqlQuery q(*server);
    if (auto s = ensureProjectExists(q, project); !s)
        return Error{s.error()};
    QVector<TeamMember> out;
    for (TeamRole role : kRoles) {
        if (!q.exec(QStringLiteral("SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
                                   " JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = '%1' ORDER BY r.rolname")
                        .arg(groupRole(project, role))))
            return failure(q, Tr::tr("reading the project's team"));
        while (q.next())
            out.push_back({q.value(0).toString(), role});
    }
    return out;
}

} // namespace marginalia
