#pragma once
// Labels made on a server project while the server could not be reached: kept in a small SQLite file on this
// computer (one per person and server project, in the user's data folder) and sent, oldest first, once the server
// answers again. Each carries its client key (AnnotationInput::clientKey), so one sent twice (two processes of the
// same person flushing at once, a crash between the server's commit and the local delete) is stored once.
#include "Result.h"
#include "store/ProjectTypes.h"
#include "store/ServerLocation.h"

#include <QString>
#include <QVector>
#include <memory>

namespace marginalia {

class LabelOutbox
{
public:
    struct Pending
    {
        qint64 row = 0;
        qint64 sampleId = 0;
        AnnotationInput input;
    };

    // The outbox of `location` for the user it names (or the login name), created on first use.
    static Result<std::unique_ptr<LabelOutbox>> open(const ServerLocation &location);
    ~LabelOutbox();
    LabelOutbox(const LabelOutbox &) = delete;
    LabelOutbox &operator=(const LabelOutbox &) = delete;

    QString path() const { return m_path; }
    // Committed to disk (synchronous=FULL) before it returns: a label kept here is as safe as one on the server.
    Status add(qint64 sampleId, const AnnotationInput &input);
    Result<QVector<Pending>> pending(int limit) const; // oldest first
    Status remove(qint64 row);
    // Moves a label the server refused for good into the file's `refused` table, with the server's reason.
    Status setAside(qint64 row, const QString &reason);
    int size() const;

    static QString folder(); // where outboxes live (the user's data folder)

private:
    LabelOutbox(QString path, QString connection);
    QString m_path;
    QString m_connection;
};

} // namespace marginalia
