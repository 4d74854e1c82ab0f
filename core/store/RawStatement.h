#pragma once
// One prepared statement on a connection's raw SQLite handle, finalized on every path. For the reads that visit a
// million rows, where a QSqlQuery's QVariant per column and UTF-16 round trip cost more than SQLite itself.
#include "Result.h"
#include "store/SqlHelpers.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QVariant>
#include <sqlite3.h>

namespace marginalia::sql {

class RawStatement
{
public:
    RawStatement(sqlite3 *db, const QString &sql) : m_db(db)
    {
        if (!db) { // a project on a server has no SQLite handle: nothing is prepared, error() says why
            m_rc = SQLITE_MISUSE;
            return;
        }
        const QByteArray utf8 = sql.toUtf8();
        m_rc = sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &m_statement, nullptr);
        m_prepared = m_statement && m_rc == SQLITE_OK;
    }
    ~RawStatement() { sqlite3_finalize(m_statement); }
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;

    bool prepared() const { return m_prepared; }
    sqlite3_stmt *handle() const { return m_statement; }
    // Binds a value of the kinds the store's filters use (null, integers, reals, text) at 1-based `index`.
    void bind(int index, const QVariant &value)
    {
        switch (value.typeId()) {
        case QMetaType::UnknownType:
            sqlite3_bind_null(m_statement, index);
            break;
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
        case QMetaType::Bool:
            sqlite3_bind_int64(m_statement, index, value.toLongLong());
            break;
        case QMetaType::Double:
            sqlite3_bind_double(m_statement, index, value.toDouble());
            break;
        default:
            if (value.isNull()) {
                sqlite3_bind_null(m_statement, index);
            } else {
                const QByteArray utf8 = value.toString().toUtf8();
                sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            }
        }
    }
    // Steps once: true on a row; false at the end or on an error (then failed() says so).
    bool next()
    {
        if (!prepared())
            return false;
        m_rc = sqlite3_step(m_statement);
        return m_rc == SQLITE_ROW;
    }
    bool failed() const { return m_rc != SQLITE_DONE && m_rc != SQLITE_ROW && m_rc != SQLITE_OK; }
    bool interrupted() const { return m_rc == SQLITE_INTERRUPT; }
    Error error(const QString &what) const
    {
        return Error{QCoreApplication::translate("Store", "Error while %1: %2")
                         .arg(what, m_db ? explain(QString::fromUtf8(sqlite3_errmsg(m_db)))
                                         : QCoreApplication::translate("Store", "this works on a project file only"))};
    }

    bool isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    qint64 integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    double real(int column) const { return sqlite3_column_double(m_statement, column); }
    // The column's UTF-8 bytes, valid until the next step.
    QByteArray bytes(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QByteArray::fromRawData(data, sqlite3_column_bytes(m_statement, column));
    }
    // The column's bytes as a blob, valid until the next step.
    QByteArray blob(int column) const
    {
        return QByteArray::fromRawData(static_cast<const char *>(sqlite3_column_blob(m_statement, column)),
                                       sqlite3_column_bytes(m_statement, column));
    }
    // Ready to step again from the start, with new bindings.
    void reset()
    {
        sqlite3_reset(m_statement);
        m_rc = SQLITE_OK;
    }
    QString text(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        const int size = sqlite3_column_bytes(m_statement, column);
        // QString::fromUtf8 drops a leading byte order mark, which is part of a sample's text as stored.
        if (size >= 3 && static_cast<unsigned char>(data[0]) == 0xEF && static_cast<unsigned char>(data[1]) == 0xBB
            && static_cast<unsigned char>(data[2]) == 0xBF)
            return QChar(0xFEFF) + QString::fromUtf8(data + 3, size - 3);
        return QString::fromUtf8(data, size);
    }

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
    int m_rc = SQLITE_OK;
    bool m_prepared = false;
};

} // namespace marginalia::sql
