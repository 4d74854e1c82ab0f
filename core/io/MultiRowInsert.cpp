#include "io/MultiRowInsert.h"

#include <sqlite3.h>

namespace marginalia {

MultiRowInsert::MultiRowInsert(sqlite3 *db, QByteArray head, QByteArray row, int columns, int rowsPerStatement)
    : m_db(db), m_head(std::move(head)), m_row(std::move(row)), m_columns(columns),
      m_rowsPerStatement(qMax(1, rowsPerStatement))
{
    m_values.reserve(m_columns * m_rowsPerStatement);
}

MultiRowInsert::~MultiRowInsert()
{
    sqlite3_finalize(m_many);
    sqlite3_finalize(m_one);
}

bool MultiRowInsert::prepare()
{
    if (m_many && m_one)
        return true;
    QByteArray many = m_head;
    for (int i = 0; i < m_rowsPerStatement; ++i) {
        many += i == 0 ? " " : ", ";
        many += m_row;
    }
    const QByteArray one = m_head + ' ' + m_row;
    return sqlite3_prepare_v2(m_db, many.constData(), int(many.size()), &m_many, nullptr) == SQLITE_OK
           && sqlite3_prepare_v2(m_db, one.constData(), int(one.size()), &m_one, nullptr) == SQLITE_OK;
}

void MultiRowInsert::addInt(qint64 value)
{
    m_values.append(Value{Value::Kind::Int, 0, value, nullptr});
}

void MultiRowInsert::addText(const QByteArray &value)
{
    // constData() of a null QByteArray is "", never a null pointer (which SQLite would bind as NULL).
    m_values.append(Value{Value::Kind::Text, int(value.size()), 0, value.constData()});
}

void MultiRowInsert::addTextOrNull(const QByteArray &value)
{
    if (value.isEmpty())
        m_values.append(Value{});
    else
        addText(value);
}

void MultiRowInsert::addBlob(const QByteArray &value)
{
    m_values.append(Value{Value::Kind::Blob, int(value.size()), 0, value.constData()});
}

bool MultiRowInsert::run(sqlite3_stmt *statement, int firstRow, int rows)
{
    sqlite3_reset(statement);
    const Value *value = m_values.constData() + firstRow * m_columns;
    for (int i = 1; i <= rows * m_columns; ++i, ++value) {
        switch (value->kind) {
        case Value::Kind::Null: sqlite3_bind_null(statement, i); break;
        case Value::Kind::Int: sqlite3_bind_int64(statement, i, value->number); break;
        case Value::Kind::Text: sqlite3_bind_text(statement, i, value->bytes, value->size, SQLITE_STATIC); break;
        case Value::Kind::Blob: sqlite3_bind_blob(statement, i, value->bytes, value->size, SQLITE_STATIC); break;
        }
    }
    if (sqlite3_step(statement) != SQLITE_DONE)
        return false; // left as it is until reset(), so sqlite3_errmsg still tells why
    sqlite3_reset(statement);
    return true;
}

bool MultiRowInsert::flush()
{
    Q_ASSERT(m_values.size() == m_rows * m_columns);
    bool ok = true;
    int row = 0;
    for (; ok && m_rows - row >= m_rowsPerStatement; row += m_rowsPerStatement)
        ok = run(m_many, row, m_rowsPerStatement);
    for (; ok && row < m_rows; ++row)
        ok = run(m_one, row, 1);
    discard();
    return ok;
}

void MultiRowInsert::discard()
{
    m_values.resize(0);
    m_rows = 0;
}

void MultiRowInsert::reset()
{
    if (m_many)
        sqlite3_reset(m_many);
    if (m_one)
        sqlite3_reset(m_one);
}

} // namespace marginalia
