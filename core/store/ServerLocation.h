#pragma once
// A project on a PostgreSQL server, as a user names it:
//   postgresql://[user[:password]@][host][:port]/DBNAME?project=NAME[&host=SOCKET_DIR][&sslmode=MODE]
// (`host` in the query names a Unix-socket folder, as libpq reads it). Each project lives in a schema of its own,
// "marginalia_NAME", so one database holds several. A password is never shown: text() masks it, and one given
// neither here nor in PGPASSWORD or ~/.pgpass is left to the server's own authentication (peer, certificate).
#include "Result.h"

#include <QSqlDatabase>
#include <QString>

namespace marginalia {

struct ServerLocation
{
    QString user;
    QString password;
    QString host; // a name, an address, or a Unix-socket folder (starts with '/')
    int port = 5432;
    QString database;
    QString project;
    QString sslmode;

    QString schema() const { return QStringLiteral("marginalia_") + project; }
    QString text() const; // the location as given, password masked
};

bool isServerLocation(const QString &text);
Result<ServerLocation> parseServerLocation(const QString &text);

// A project location either way (a file path or a server location), as shown to the user: the server's with its
// password masked.
QString displayLocation(const QString &location);
// A short name for window titles: the file's base name, or the server project's name.
QString projectTitle(const QString &location);
// What a list of recent projects keeps: a file's absolute path, or the server location without its password.
QString rememberedLocation(const QString &location);

// A connection to the server (QPSQL), named `connection`; the caller removes it (QSqlDatabase::removeDatabase).
Result<QSqlDatabase> connectToServer(const ServerLocation &location, const QString &connection);

// The name of one job's connection to the server, removed when it goes out of scope: declare it before every
// QSqlDatabase and QSqlQuery that uses the connection, so that they are gone first.
class ServerConnectionName
{
public:
    ServerConnectionName();
    ~ServerConnectionName();
    ServerConnectionName(const ServerConnectionName &) = delete;
    ServerConnectionName &operator=(const ServerConnectionName &) = delete;
    const QString &name() const { return m_name; }

private:
    QString m_name;
};

} // namespace marginalia
