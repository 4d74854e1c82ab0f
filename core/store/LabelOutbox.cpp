#include "store/LabelOutbox.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

QByteArray toJson(const AnnotationInput &input)
{
    QJsonArray spans;
    for (const Span &s : input.spans)
        spans.append(QJsonArray{s.start, s.end, s.label});
    QJsonObject p{{QStringLiteral("origin"), input.provenance.origin},
                  {QStringLiteral("run"), input.provenance.runId},
                  {QStringLiteral("strategy"), input.provenance.strategy}};
    if (input.provenance.score)
        p.insert(QStringLiteral("score"), *input.provenance.score);
    if (input.provenance.rank)
        p.insert(QStringLiteral("rank"), *input.provenance.rank);
    if (input.provenance.seconds)
        p.insert(QStringLiteral("seconds"), *input.provenance.seconds);
    const QJsonObject o{{QStringLiteral("labels"), QJsonArray::fromStringList(input.labels)},
                        {QStringLiteral("spans"), spans},
                        {QStringLiteral("cleared"), input.cleared},
                        {QStringLiteral("annotator"), input.annotator},
                        {QStringLiteral("source"), sourceName(input.source)},
                        {QStringLiteral("provenance"), p},
                        {QStringLiteral("key"), input.clientKey},
                        {QStringLiteral("at"), QString::number(input.createdAtMs)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

AnnotationInput fromJson(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    AnnotationInput input;
    for (const QJsonValue &v : o.value(QStringLiteral("labels")).toArray())
        input.labels << v.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("spans")).toArray()) {
        const QJsonArray s = v.toArray();
        input.spans.push_back(Span{s.at(0).toInt(), s.at(1).toInt(), s.at(2).toString()});
    }
    input.cleared = o.value(QStringLiteral("cleared")).toBool();
    input.annotator = o.value(QStringLiteral("annotator")).toString();
    input.source = sourceFromName(o.value(QStringLiteral("source")).toString()).value_or(AnnotationSource::Human);
    const QJsonObject p = o.value(QStringLiteral("provenance")).toObject();
    input.provenance.origin = p.value(QStringLiteral("origin")).toString();
    input.provenance.runId = p.value(QStringLiteral("run")).toInteger();
    input.provenance.strategy = p.value(QStringLiteral("strategy")).toString();
    if (p.contains(QStringLiteral("score")))
        input.provenance.score = p.value(QStringLiteral("score")).toDouble();
    if (p.contains(QStringLiteral("rank")))
        input.provenance.rank = p.value(QStringLiteral("rank")).toInt();
    if (p.contains(QStringLiteral("seconds")))
        input.provenance.seconds = p.value(QStringLiteral("seconds")).toDouble();
    input.clientKey = o.value(QStringLiteral("key")).toString();
    input.createdAtMs = o.value(QStringLiteral("at")).toString().toLongLong();
    return input;
}
} // namespace

QString LabelOutbox::folder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/marginalia/outbox");
}

LabelOutbox::LabelOutbox(QString path, QString connection) : m_path(std::move(path)), m_connection(std::move(connection)) {}

LabelOutbox::~LabelOutbox()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<LabelOutbox>> LabelOutbox::open(const ServerLocation &location)
{
    if (!QDir().mkpath(folder()))
        return Error{Tr::tr("Cannot create the folder %1 for labels waiting for the server.").arg(folder())};
    // One file per person and project: the name is a digest of who, where and which project, never a password.
    const QByteArray who = (location.user.isEmpty() ? qgetenv("USER") : location.user.toUtf8()) + '@'
        + location.host.toUtf8() + ':' + QByteArray::number(location.port) + '/' + location.database.toUtf8() + '/'
        + location.project.toUtf8();
    const QString path = folder() + QStringLiteral("/%1-%2.sqlite")
                                        .arg(location.project,
                                             QString::fromLatin1(QCryptographicHash::hash(who, QCryptographicHash::Sha256)
                                                                     .toHex()
                                                                     .left(16)));
    const QString connection = QStringLiteral("marginalia-outbox-") + QUuid::createUuid().toString(QUuid::Id128);
    std::unique_ptr<LabelOutbox> outbox(new LabelOutbox(path, connection));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    if (!db.open())
        return sql::failure(db, Tr::tr("opening %1").arg(path));
    QSqlQuery q(db);
    for (const char *statement : {"PRAGMA busy_timeout = 10000", "PRAGMA synchronous = FULL",
                                  "CREATE TABLE IF NOT EXISTS pending(row INTEGER PRIMARY KEY, sample_id INTEGER NOT NULL,"
                                  " input TEXT NOT NULL)",
                                  "CREATE TABLE IF NOT EXISTS refused(row INTEGER PRIMARY KEY, sample_id INTEGER NOT NULL,"
                                  " input TEXT NOT NULL, reason TEXT NOT NULL)"})
        if (!q.exec(QString::fromLatin1(statement)))
            return sql::failure(q, Tr::tr("opening %1").arg(path));
    return outbox;
}

Status LabelOutbox::add(qint64 sampleId, const AnnotationInput &input)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    return sql::run(q, QStringLiteral("INSERT INTO pending(sample_id, input) VALUES(?, ?)"),
                    {sampleId, QString::fromUtf8(toJson(input))}, Tr::tr("keeping a label for the server"));
}

Result<QVector<LabelOutbox::Pending>> LabelOutbox::pending(int limit) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (auto s = sql::run(q, QStringLiteral("SELECT row, sample_id, input FROM pending ORDER BY row LIMIT ?"), {limit},
                          Tr::tr("reading the labels waiting for the server"));
        !s)
        return s;
    QVector<Pending> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), fromJson(q.value(2).toString().toUtf8())});
    return out;
}

Status LabelOutbox::remove(qint64 row)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    return sql::run(q, QStringLiteral("DELETE FROM pending WHERE row = ?"), {row}, Tr::tr("sending a label to the server"));
}

Status LabelOutbox::setAside(qint64 row, const QString &reason)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    return sql::inTransaction(db, [&]() -> Status {
        QSqlQuery q(db);
        if (auto s = sql::run(q, QStringLiteral("INSERT INTO refused(sample_id, input, reason) SELECT sample_id, input, ?"
                                                " FROM pending WHERE row = ?"),
                              {reason, row}, Tr::tr("keeping a refused label"));
            !s)
            return s;
        return sql::run(q, QStringLiteral("DELETE FROM pending WHERE row = ?"), {row}, Tr::tr("keeping a refused label"));
    });
}

int LabelOutbox::size() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    return q.exec(QStringLiteral("SELECT count(*) FROM pending")) && q.next() ? q.value(0).toInt() : 0;
}

} // namespace marginalia
