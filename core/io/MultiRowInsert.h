#pragma once
#include <QByteArray>
#include <QVector>

struct sqlite3;
struct sqlite3_stmt;

namespace marginalia {

// Collects rows for one table and writes them `rowsPerStatement` at a time with a multi-row
// INSERT ... VALUES (...), (...): SQLite's cost per statement (step, reset, opening the table) then falls on
// many rows. Measured on the bulk import: half the time for the annotation rows, a fifth off the sample rows.
// Text and blob values are referenced, not copied (a copy of a QByteArray made on the reading thread costs a
// cache miss on its shared count): they must stay valid until flush(). The rows of an import that fails are
// discarded with its transaction.
class MultiRowInsert
{
public:
    // `head` is "INSERT INTO t(a, b, c) VALUES", `row` the placeholder tuple "(?, ?, ?)" (literals allowed),
    // `columns` the number of ? in it.
    MultiRowInsert(sqlite3 *db, QByteArray head, QByteArray row, int columns, int rowsPerStatement = 32);
    ~MultiRowInsert();
    MultiRowInsert(const MultiRowInsert &) = delete;
    MultiRowInsert &operator=(const MultiRowInsert &) = delete;

    // Prepares both statements; false with the connection's error message set when the SQL is wrong.
    bool prepare();

    // The values of the next row, in placeholder order, then endRow(). Nothing is written until flush(): the
    // caller flushes its tables in foreign-key order once one of them isFull().
    void addInt(qint64 value);
    void addText(const QByteArray &value);
    void addTextOrNull(const QByteArray &value); // an empty value is stored as NULL
    void addBlob(const QByteArray &value);
    void endRow() { ++m_rows; }
    bool isFull() const { return m_rows >= m_rowsPerStatement; }

    // Writes what is pending: full statements, then the rest one row at a time. False on a SQLite error
    // (sqlite3_errmsg says which).
    bool flush();
    void discard();
    bool isEmpty() const { return m_rows == 0; }
    // A statement left reset, so the connection holds no read transaction through it.
    void reset();

private:
    struct Value
    {
        enum class Kind : unsigned char { Null, Int, Text, Blob } kind = Kind::Null;
        int size = 0;
        qint64 number = 0;
        const char *bytes = nullptr;
    };
    bool run(sqlite3_stmt *statement, int firstRow, int rows);

    sqlite3 *m_db;
    QByteArray m_head, m_row;
    int m_columns;
    int m_rowsPerStatement;
    sqlite3_stmt *m_many = nullptr;
    sqlite3_stmt *m_one = nullptr;
    QVector<Value> m_values;
    int m_rows = 0;
};

} // namespace marginalia
