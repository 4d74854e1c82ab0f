// Roles on a project on a PostgreSQL server, enforced by the server: each person connects as their own login (as
// they would with psql) and every forbidden action is refused by the server itself; an annotator does not see
// another annotator's label of an overlap sample until a reviewer decided it. On a cluster the test starts itself.
#include "PgCluster.h"
#include "store/Assignments.h"
#include "store/ProjectStore.h"
#include "store/ProjectTransfer.h"
#include "store/ServerTeam.h"

#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace marginalia;

namespace {
// One person's own connection to the project's schema.
class Login
{
public:
    Login(const QString &socketDir, const QString &user)
        : m_name(QStringLiteral("login-") + QUuid::createUuid().toString(QUuid::Id128))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        db.setHostName(socketDir);
        db.setDatabaseName(QStringLiteral("postgres"));
        db.setUserName(user);
        m_open = db.open();
        if (m_open)
            QSqlQuery(db).exec(QStringLiteral("SET search_path = marginalia_team"));
    }
    ~Login()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    // Runs one statement; the server's error, or empty when it was taken.
    QString run(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql) ? QString() : q.lastError().text();
    }
    // The annotators whose versions of a sample this login can see.
    QStringList annotatorsOf(qint64 sampleId) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        q.exec(QStringLiteral("SELECT annotator FROM annotations WHERE sample_id = %1 ORDER BY id").arg(sampleId));
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    }
    // Adds a label version of their own (the id from the server), with its label; the server's error or empty.
    QString label(qint64 sampleId, const QString &annotator, const QString &origin = QStringLiteral("ranked")) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(QStringLiteral("INSERT INTO annotations(sample_id, cleared, annotator, source, created_at, origin)"
                                   " VALUES(%1, 0, '%2', 'human', 0, '%3') RETURNING id")
                        .arg(sampleId)
                        .arg(annotator, origin)))
            return q.lastError().text();
        q.next();
        const qint64 id = q.value(0).toLongLong();
        if (!q.exec(QStringLiteral("INSERT INTO annotation_labels(annotation_id, label_id) VALUES(%1, 1)").arg(id)))
            return q.lastError().text();
        return {};
    }

private:
    QString m_name;
    bool m_open = false;
};
} // namespace

class TestServerTeam : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    testing::PgCluster m_cluster;
    ServerLocation m_location;
    qint64 m_overlapSample = 0, m_soloSample = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // a store on the server keeps its outbox in the test's data folder
        QString why;
        QVERIFY2(m_cluster.start(&why), qPrintable(why));
        const QString path = m_dir.filePath(QStringLiteral("team.marginalia"));
        auto store = std::move(ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")})).value();
        for (int i = 0; i < 40; ++i) {
            Sample s;
            s.text = QStringLiteral("sample %1").arg(i);
            (void)store->addSample(s);
        }
        QVERIFY(store->setSetting(QStringLiteral("team.overlap"), QStringLiteral("0.5")));
        for (qint64 id = 1; id <= 40; ++id) {
            if (isOverlapSample(id, 0.5) && !m_overlapSample)
                m_overlapSample = id;
            if (!isOverlapSample(id, 0.5) && !m_soloSample)
                m_soloSample = id;
        }
        QVERIFY(m_overlapSample && m_soloSample);
        m_location = *parseServerLocation(m_cluster.url(QStringLiteral("team")));
        const auto pushed = pushProject(*store, m_location, false);
        QVERIFY2(pushed, qPrintable(pushed.error()));
    }

    void membersAndRoles()
    {
        QVERIFY(addTeamMember(m_location, QStringLiteral("ann"), TeamRole::Annotator));
        QVERIFY(addTeamMember(m_location, QStringLiteral("bob"), TeamRole::Annotator));
        QVERIFY(addTeamMember(m_location, QStringLiteral("rita"), TeamRole::Reviewer));
        QVERIFY(addTeamMember(m_location, QStringLiteral("olga"), TeamRole::Annotator));
        QVERIFY(addTeamMember(m_location, QStringLiteral("olga"), TeamRole::Owner)); // a new role replaces the old
        QVERIFY(!addTeamMember(m_location, QStringLiteral("Robert'); DROP"), TeamRole::Annotator));
        const auto members = teamMembers(m_location);
        QVERIFY2(members, qPrintable(members.error()));
        QStringList listed;
        for (const TeamMember &m : *members)
            listed << m.name + QLatin1Char(':') + teamRoleName(m.role);
        QCOMPARE(listed, (QStringList{"olga:owner", "rita:reviewer", "ann:annotator", "bob:annotator"}));
        const auto missing = teamMembers(*parseServerLocation(m_cluster.url(QStringLiteral("nothere"))));
        QVERIFY(!missing && missing.error().contains(QStringLiteral("push it first")));
    }

    // What an annotator with psql cannot do, refused by the server.
    void anAnnotatorCannot()
    {
        const Login ann(m_cluster.socketDir(), QStringLiteral("ann"));
        QVERIFY(ann.isOpen());
        const QStringList refused{
            ann.run(QStringLiteral("UPDATE settings SET value = '1' WHERE key = 'team.overlap'")),  // settings
            ann.run(QStringLiteral("INSERT INTO labels(id, name, color, shortcut, position) VALUES(9, 'c', '', '', 9)")),
            ann.run(QStringLiteral("DELETE FROM annotations")),                                      // history
            ann.run(QStringLiteral("UPDATE annotations SET annotator = 'ann'")),
            ann.run(QStringLiteral("DELETE FROM samples")),
            ann.label(m_soloSample, QStringLiteral("bob")),                                          // another's label
            ann.label(m_soloSample, QStringLiteral("ann"), QStringLiteral("review")),                // a final label
            ann.run(QStringLiteral("INSERT INTO assignments(sample_id, annotator, expires_at) VALUES(1, 'bob', 0)")),
        };
        for (const QString &error : refused)
            QVERIFY2(!error.isEmpty(), "the server took a forbidden change");
        QVERIFY(refused.first().contains(QStringLiteral("permission denied")));
        QVERIFY(refused.at(5).contains(QStringLiteral("row-level security")));
        // What is theirs to do is taken.
        QCOMPARE(ann.label(m_soloSample, QStringLiteral("ann")), QString());
        QCOMPARE(ann.run(QStringLiteral("INSERT INTO assignments(sample_id, annotator, expires_at) VALUES(2, 'ann', 9e15)")),
                 QString());
        QCOMPARE(ann.run(QStringLiteral("DELETE FROM assignments WHERE sample_id = 2")), QString());
    }

    // Overlap samples are labeled blind until a reviewer decides them; other samples' labels are shared.
    void overlapLabelsStayHiddenUntilReviewed()
    {
        const Login ann(m_cluster.socketDir(), QStringLiteral("ann")), bob(m_cluster.socketDir(), QStringLiteral("bob")),
            rita(m_cluster.socketDir(), QStringLiteral("rita"));
        QCOMPARE(bob.label(m_overlapSample, QStringLiteral("bob")), QString());
        QCOMPARE(bob.label(m_soloSample, QStringLiteral("bob")), QString());
        QCOMPARE(ann.annotatorsOf(m_overlapSample), QStringList());                                  // blind
        QCOMPARE(ann.annotatorsOf(m_soloSample), (QStringList{"ann", "bob"}));                       // shared
        QCOMPARE(ann.label(m_overlapSample, QStringLiteral("ann")), QString());
        QCOMPARE(ann.annotatorsOf(m_overlapSample), QStringList{QStringLiteral("ann")});             // only her own
        QCOMPARE(rita.annotatorsOf(m_overlapSample), (QStringList{"bob", "ann"}));                   // a reviewer sees all
        QVERIFY(!rita.run(QStringLiteral("UPDATE settings SET value = '0' WHERE key = 'team.overlap'")).isEmpty());
        QCOMPARE(rita.label(m_overlapSample, QStringLiteral("rita"), QStringLiteral("review")), QString());
        QCOMPARE(ann.annotatorsOf(m_overlapSample), (QStringList{"bob", "ann", "rita"}));            // decided: open
        // The owner changes settings.
        const Login olga(m_cluster.socketDir(), QStringLiteral("olga"));
        QCOMPARE(olga.run(QStringLiteral("UPDATE settings SET value = '0.5' WHERE key = 'team.overlap'")), QString());
    }

    // An annotator labeling through the store under their own login: their labels go in, another's name is refused
    // (and not kept for later), and leases and the overlap count everyone's labels although the server hides them.
    void anAnnotatorLabelsThroughTheStore()
    {
        QVector<qint64> overlap;
        for (qint64 id = 1; id <= 40; ++id)
            if (isOverlapSample(id, 0.5) && id != m_overlapSample)
                overlap << id;
        QVERIFY(overlap.size() >= 3);
        const Login bob(m_cluster.socketDir(), QStringLiteral("bob")), olga(m_cluster.socketDir(), QStringLiteral("olga"));
        QCOMPARE(bob.label(overlap[0], QStringLiteral("bob")), QString());   // two annotators: full
        QCOMPARE(olga.label(overlap[0], QStringLiteral("olga")), QString());
        QCOMPARE(bob.label(overlap[1], QStringLiteral("bob")), QString());   // one: waiting for a second

        const QString url = QStringLiteral("postgresql://ann@/postgres?project=team&host=%1").arg(m_cluster.socketDir());
        auto opened = ProjectStore::open(url);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        ProjectStore &store = **opened;
        QCOMPARE(store.annotationHistory(overlap[0])->size(), 0); // hidden from her
        AnnotationInput mine;
        mine.labels = {QStringLiteral("a")};
        mine.annotator = QStringLiteral("ann");
        QVERIFY(store.annotate(m_soloSample, mine));
        AnnotationInput forged = mine;
        forged.annotator = QStringLiteral("bob");
        const auto refused = store.annotate(m_soloSample, forged);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("row-level security")), qPrintable(refused.error()));
        QCOMPARE(store.outboxSize(), 0); // a refusal is no outage

        AssignmentPolicy policy;
        policy.overlap = 0.5;
        const auto claimed = claimSamples(store, QStringLiteral("ann"), {overlap[0], overlap[1]}, 2, policy);
        QVERIFY2(claimed, qPrintable(claimed ? QString() : claimed.error()));
        QCOMPARE(*claimed, QVector<qint64>{overlap[1]}); // the full one is not hers to take
        const auto waiting = overlapWaiting(store, QStringLiteral("ann"), policy, 10);
        QVERIFY2(waiting, qPrintable(waiting ? QString() : waiting.error()));
        QVERIFY(waiting->contains(overlap[1]));
        QVERIFY(!waiting->contains(overlap[0]));
        QVERIFY(releaseSamples(store, QStringLiteral("ann")));
    }

    void theCommands()
    {
        const auto cli = [](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral(MARGINALIA_BINARY), args);
            p.waitForFinished(60000);
            return QPair<int, QByteArray>(p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError());
        };
        const QString url = m_cluster.url(QStringLiteral("team"));
        const auto added = cli({QStringLiteral("team"), QStringLiteral("add"), url, QStringLiteral("cid"), QStringLiteral("--role"),
                                QStringLiteral("annotator")});
        QVERIFY2(added.first == 0, added.second.constData());
        const auto listed = cli({QStringLiteral("team"), QStringLiteral("list"), url, QStringLiteral("--json")});
        QVERIFY2(listed.first == 0, listed.second.constData());
        QVERIFY(listed.second.contains("{\"name\":\"cid\",\"role\":\"annotator\"}"));
        QCOMPARE(cli({QStringLiteral("team"), QStringLiteral("add"), url, QStringLiteral("dan"), QStringLiteral("--role"),
                      QStringLiteral("boss")})
                     .first,
                 1);
    }
};

QTEST_GUILESS_MAIN(TestServerTeam)
#include "tst_serverteam.moc"
