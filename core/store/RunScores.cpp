#include "store/RunScores.h"
#include "store/RawStatement.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

namespace marginalia::runscores {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

constexpr char kMagic[] = "MRGNSCR1";
constexpr int kMagicSize = 8;
// The decompressed size a part may claim: 4,096 samples' columns are 100 KB; the rest is detail JSON.
constexpr quint32 kMaxPayload = 256u << 20;

// Little-endian columns, appended.
class Writer
{
public:
    template <typename T> void put(T value)
    {
        const T le = qToLittleEndian(value);
        m_bytes.append(reinterpret_cast<const char *>(&le), sizeof(T));
    }
    void putDouble(double value)
    {
        quint64 bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        put(bits);
    }
    void putBytes(const QByteArray &bytes)
    {
        put(static_cast<quint32>(bytes.size()));
        m_bytes.append(bytes);
    }
    QByteArray &bytes() { return m_bytes; }

private:
    QByteArray m_bytes;
};

// Reads what Writer wrote; every read checks the bytes left first, and a short read sets failed().
class Reader
{
public:
    explicit Reader(const QByteArray &bytes) : m_bytes(bytes) {}
    template <typename T> T get()
    {
        if (!has(sizeof(T)))
            return T{};
        T value;
        std::memcpy(&value, m_bytes.constData() + m_at, sizeof(T));
        m_at += sizeof(T);
        return qFromLittleEndian(value);
    }
    double getDouble()
    {
        const quint64 bits = get<quint64>();
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }
    QByteArray getBytes(qsizetype size)
    {
        if (size < 0 || !has(static_cast<std::size_t>(size)))
            return {};
        const QByteArray out = m_bytes.mid(m_at, size);
        m_at += size;
        return out;
    }
    bool failed() const { return m_failed; }
    bool atEnd() const { return m_at == m_bytes.size(); }
    qsizetype left() const { return m_bytes.size() - m_at; }

private:
    bool has(std::size_t size)
    {
        if (m_failed || static_cast<std::size_t>(m_bytes.size() - m_at) < size)
            m_failed = true;
        return !m_failed;
    }
    const QByteArray &m_bytes;
    qsizetype m_at = 0;
    bool m_failed = false;
};

Error damaged()
{
    return Error{Tr::tr("A run's stored predictions are damaged; the next training round stores new ones.")};
}

} // namespace

int ScorePart::find(qint64 id) const
{
    const auto it = std::lower_bound(ids.begin(), ids.end(), id);
    return it != ids.end() && *it == id ? static_cast<int>(it - ids.begin()) : -1;
}

QString ScorePart::detail(int i) const
{
    const quint32 begin = i > 0 ? detailEnd[static_cast<std::size_t>(i - 1)] : 0;
    const quint32 end = detailEnd[static_cast<std::size_t>(i)];
    return QString::fromUtf8(details.constData() + begin, static_cast<qsizetype>(end - begin));
}

PredictionRow ScorePart::row(int i) const
{
    const std::size_t at = static_cast<std::size_t>(i);
    PredictionRow p;
    p.sampleId = ids[at];
    p.label = label[at] >= 0 ? labels.at(label[at]) : QString();
    p.confidence = confidence[at];
    if (!std::isnan(score[at]))
        p.score = score[at];
    if (rank[at] > 0)
        p.rank = rank[at];
    p.detailJson = detail(i);
    return p;
}

QByteArray encode(const PredictionRow *const *rows, int count)
{
    Writer w;
    w.put(static_cast<quint32>(count));
    QStringList labels;
    std::vector<qint32> labelOf(static_cast<std::size_t>(count), -1);
    for (int i = 0; i < count; ++i) {
        const QString &l = rows[i]->label;
        if (l.isEmpty())
            continue;
        qsizetype k = labels.indexOf(l); // a part has a few distinct labels (multi-label: a few sets)
        if (k < 0) {
            k = labels.size();
            labels << l;
        }
        labelOf[static_cast<std::size_t>(i)] = static_cast<qint32>(k);
    }
    w.put(static_cast<quint32>(labels.size()));
    for (const QString &l : std::as_const(labels))
        w.putBytes(l.toUtf8());
    // Ids as the first and the steps to the next: ascending ids compress to almost nothing.
    w.put(static_cast<qint64>(count > 0 ? rows[0]->sampleId : 0));
    for (int i = 1; i < count; ++i)
        w.put(static_cast<quint32>(rows[i]->sampleId - rows[i - 1]->sampleId));
    for (int i = 0; i < count; ++i)
        w.put(labelOf[static_cast<std::size_t>(i)]);
    for (int i = 0; i < count; ++i)
        w.putDouble(rows[i]->confidence);
    for (int i = 0; i < count; ++i)
        w.putDouble(rows[i]->score ? *rows[i]->score : std::numeric_limits<double>::quiet_NaN());
    for (int i = 0; i < count; ++i)
        w.put(static_cast<qint32>(rows[i]->rank.value_or(0)));
    QByteArray details;
    for (int i = 0; i < count; ++i) {
        details += rows[i]->detailJson.toUtf8();
        w.put(static_cast<quint32>(details.size()));
    }
    w.bytes().append(details);
    QByteArray blob(kMagic, kMagicSize);
    blob += qCompress(w.bytes(), 1); // the fastest level: most of a part is small integers and repeats
    return blob;
}

Result<ScorePart> decode(const QByteArray &blob)
{
    if (blob.size() < kMagicSize + 4 || std::memcmp(blob.constData(), kMagic, kMagicSize) != 0)
        return damaged();
    // qUncompress allocates the size the blob claims: check it before believing it.
    const quint32 claimed = qFromBigEndian<quint32>(blob.constData() + kMagicSize);
    if (claimed > kMaxPayload)
        return damaged();
    const QByteArray payload = qUncompress(reinterpret_cast<const uchar *>(blob.constData() + kMagicSize),
                                           blob.size() - kMagicSize);
    if (payload.isEmpty())
        return damaged();
    Reader r(payload);
    ScorePart part;
    const quint32 count = r.get<quint32>();
    const quint32 labelCount = r.get<quint32>();
    // Each sample takes at least 28 bytes of columns; each label at least 4: no count can claim more.
    if (r.failed() || count > static_cast<quint64>(r.left()) / 28 || labelCount > static_cast<quint64>(r.left()) / 4)
        return damaged();
    for (quint32 k = 0; k < labelCount; ++k)
        part.labels << QString::fromUtf8(r.getBytes(r.get<quint32>()));
    const std::size_t n = count;
    part.ids.resize(n);
    if (n > 0)
        part.ids[0] = r.get<qint64>();
    for (std::size_t i = 1; i < n; ++i) {
        const quint32 step = r.get<quint32>();
        if (step == 0)
            return damaged(); // ids ascend
        part.ids[i] = part.ids[i - 1] + step;
    }
    part.label.resize(n);
    for (qint32 &k : part.label) {
        k = r.get<qint32>();
        if (k < -1 || k >= static_cast<qint64>(labelCount))
            return damaged();
    }
    part.confidence.resize(n);
    for (double &c : part.confidence)
        c = r.getDouble();
    part.score.resize(n);
    for (double &s : part.score)
        s = r.getDouble();
    part.rank.resize(n);
    for (qint32 &k : part.rank)
        k = r.get<qint32>();
    part.detailEnd.resize(n);
    quint32 previous = 0;
    for (quint32 &end : part.detailEnd) {
        end = r.get<quint32>();
        if (end < previous)
            return damaged();
        previous = end;
    }
    part.details = r.getBytes(previous);
    if (r.failed() || !r.atEnd())
        return damaged();
    return part;
}

Status insertPart(QSqlQuery &insert, qint64 runId, const PredictionRow *const *rows, int count)
{
    if (count <= 0)
        return {};
    insert.bindValue(0, runId);
    insert.bindValue(1, rows[0]->sampleId);
    insert.bindValue(2, rows[count - 1]->sampleId);
    insert.bindValue(3, encode(rows, count));
    return sql::exec(insert, Tr::tr("saving predictions"));
}

namespace {
Error readError(const sql::RawStatement &q)
{
    if (q.interrupted())
        return Error{Tr::tr("The search was cancelled.")};
    return q.error(Tr::tr("reading predictions"));
}
} // namespace

Status forEachPart(sqlite3 *db, qint64 runId, const std::function<bool(const ScorePart &)> &visit,
                   const std::atomic_bool *cancel)
{
    sql::RawStatement q(db, QStringLiteral("SELECT data FROM run_scores WHERE run_id = ? ORDER BY first_sample"));
    if (!q.prepared())
        return readError(q);
    q.bind(1, runId);
    while (q.next()) {
        if (cancel && cancel->load())
            return Error{Tr::tr("The search was cancelled.")};
        const auto part = decode(q.blob(0));
        if (!part)
            return Error{part.error()};
        if (!visit(*part))
            return {};
    }
    if (q.failed())
        return readError(q);
    return {};
}

namespace {
// The part whose first sample is the highest at or below an id: its last sample and data; none below the first part.
using PartAtOrBelow = std::function<Result<std::optional<std::pair<qint64, QByteArray>>>(qint64 id)>;

// The rows of `ids` from the parts `partAt` finds: ids are sorted, and the ids one part holds are found with one read.
Result<QHash<qint64, PredictionRow>> rowsFromParts(QVector<qint64> ids, const PartAtOrBelow &partAt)
{
    QHash<qint64, PredictionRow> out;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (qsizetype i = 0; i < ids.size();) {
        const auto found = partAt(ids[i]);
        if (!found)
            return Error{found.error()};
        if (!*found || ids[i] > (*found)->first) {
            ++i; // below the first part or between parts: no prediction
            continue;
        }
        const qint64 last = (*found)->first;
        const auto part = decode((*found)->second);
        if (!part)
            return Error{part.error()};
        for (; i < ids.size() && ids[i] <= last; ++i)
            if (const int at = part->find(ids[i]); at >= 0)
                out.insert(ids[i], part->row(at));
    }
    return out;
}

const char kPartAtOrBelow[] =
    "SELECT last_sample, data FROM run_scores WHERE run_id = ? AND first_sample <= ? ORDER BY first_sample DESC LIMIT 1";
} // namespace

Result<QHash<qint64, PredictionRow>> rowsOf(sqlite3 *db, qint64 runId, QVector<qint64> ids)
{
    sql::RawStatement q(db, QString::fromLatin1(kPartAtOrBelow));
    if (!q.prepared())
        return readError(q);
    return rowsFromParts(std::move(ids), [&](qint64 id) -> Result<std::optional<std::pair<qint64, QByteArray>>> {
        q.reset();
        q.bind(1, runId);
        q.bind(2, id);
        if (q.next())
            return std::optional<std::pair<qint64, QByteArray>>{{q.integer(0), q.blob(1)}};
        if (q.failed())
            return readError(q);
        return std::optional<std::pair<qint64, QByteArray>>{};
    });
}

Status forEachPart(const QSqlDatabase &db, qint64 runId, const std::function<bool(const ScorePart &)> &visit,
                   const std::atomic_bool *cancel)
{
    QSqlQuery q(db);
    if (auto s = sql::run(q, QStringLiteral("SELECT data FROM run_scores WHERE run_id = ? ORDER BY first_sample"), {runId},
                          Tr::tr("reading predictions"));
        !s)
        return s;
    while (q.next()) {
        if (cancel && cancel->load())
            return Error{Tr::tr("The search was cancelled.")};
        const auto part = decode(q.value(0).toByteArray());
        if (!part)
            return Error{part.error()};
        if (!visit(*part))
            return {};
    }
    return {};
}

Result<QHash<qint64, PredictionRow>> rowsOf(const QSqlDatabase &db, qint64 runId, QVector<qint64> ids)
{
    QSqlQuery q(db);
    if (auto s = sql::prepare(q, QString::fromLatin1(kPartAtOrBelow)); !s)
        return s;
    return rowsFromParts(std::move(ids), [&](qint64 id) -> Result<std::optional<std::pair<qint64, QByteArray>>> {
        q.addBindValue(runId);
        q.addBindValue(id);
        if (auto s = sql::exec(q, Tr::tr("reading predictions")); !s)
            return Error{s.error()};
        if (q.next())
            return std::optional<std::pair<qint64, QByteArray>>{{q.value(0).toLongLong(), q.value(1).toByteArray()}};
        return std::optional<std::pair<qint64, QByteArray>>{};
    });
}

} // namespace marginalia::runscores
