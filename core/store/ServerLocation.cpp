#include "store/ServerLocation.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};
} // namespace

bool isServerLocation(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"));
}

QString ServerLocation::text() const
{
    QString who = user;
    if (!password.isEmpty())
        who += QStringLiteral(":***");
    if (!who.isEmpty())
        who += QLatin1Char('@');
    const bool socket = host.startsWith(QLatin1Char('/'));
    QString out = QStringLiteral("postgresql://%1%2").arg(who, socket ? QString() : host);
    if (!socket && port != 5432)
        out += QStringLiteral(":%1").arg(port);
    out += QStringLiteral("/%1?project=%2").arg(database, project);
    if (socket)
        out += QStringLiteral("&host=%1").arg(host);
    if (!sslmode.isEmpty())
        out += QStringLiteral("&sslmode=%1").arg(sslmode);
    return out;
}

Result<ServerLocation> parseServerLocation(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!isServerLocation(text) || !url.isValid())
        return Error{Tr::tr("\"%1\" is not a server location: postgresql://[user[:password]@][host][:port]/DATABASE"
                            "?project=NAME")
                         .arg(text.section(QLatin1Char('@'), -1))};
    ServerLocation l;
    l.user = url.userName(QUrl::FullyDecoded);
    l.password = url.password(QUrl::FullyDecoded);
    l.host = url.host(QUrl::FullyDecoded);
    l.port = url.port(5432);
    l.database = url.path(QUrl::FullyDecoded).mid(1);
    const QUrlQuery query(url);
    l.project = query.queryItemValue(QStringLiteral("project"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("host")))
        l.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    l.sslmode = query.queryItemValue(QStringLiteral("sslmode"), QUrl::FullyDecoded);
    if (l.database.isEmpty() || l.database.contains(QLatin1Char('/')))
        return Error{Tr::tr("%1 names no database (…/DATABASE?project=NAME).").arg(l.text())};
    // The project names a schema: letters, digits, '_' and '-' keep it a plain identifier everywhere.
    static const QRegularExpression projectName(QStringLiteral("^[A-Za-z0-9_-]{1,48}$"));
    if (!projectName.match(l.project).hasMatch())
        return Error{Tr::tr("%1 needs ?project=NAME, NAME of 1 to 48 letters, digits, '_' or '-'.").arg(l.text())};
    static const QStringList sslModes{QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                                      QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (!l.sslmode.isEmpty() && !sslModes.contains(l.sslmode))
        return Error{Tr::tr("Unknown sslmode \"%1\" (one of %2).").arg(l.sslmode, sslModes.join(QStringLiteral(", ")))};
    return l;
}

QString displayLocation(const QString &location)
{
    if (!isServerLocation(location))
        return location;
    const auto parsed = parseServerLocation(location);
    return parsed ? parsed->text() : QStringLiteral("postgresql://…");
}

QString projectTitle(const QString &location)
{
    if (!isServerLocation(location))
        return QFileInfo(location).completeBaseName();
    const auto parsed = parseServerLocation(location);
    return parsed ? parsed->project : QString();
}

QString rememberedLocation(const QString &location)
{
    if (!isServerLocation(location))
        return QFileInfo(location).absoluteFilePath();
    auto parsed = parseServerLocation(location);
    if (!parsed)
        return {};
    parsed->password.clear();
    return parsed->text();
}

Result<QSqlDatabase> connectToServer(const ServerLocation &location, const QString &connection)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error{Tr::tr("Qt's PostgreSQL driver is not installed (Debian: libqt6sql6-psql).")};
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    if (!location.host.isEmpty())
        db.setHostName(location.host);
    db.setPort(location.port);
    db.setDatabaseName(location.database);
    if (!location.user.isEmpty())
        db.setUserName(location.user);
    if (!location.password.isEmpty())
        db.setPassword(location.password);
    QStringList options{QStringLiteral("connect_timeout=10"), QStringLiteral("application_name=marginalia")};
    if (!location.sslmode.isEmpty())
        options << QStringLiteral("sslmode=%1").arg(location.sslmode);
    db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!db.open())
        return Error{Tr::tr("Cannot connect to %1: %2").arg(location.text(), db.lastError().text().trimmed())};
    return db;
}

ServerConnectionName::ServerConnectionName()
    : m_name(QStringLiteral("marginalia-server-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

ServerConnectionName::~ServerConnectionName()
{
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
}

} // namespace marginalia
