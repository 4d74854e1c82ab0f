#include "store/BrowseQuery.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <algorithm>
#include <sqlite3.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// The current annotation of every sample that has one (the highest id per sample; annotations_sample covers it).
const char kCurrent[] = "annotations a JOIN (SELECT max(id) AS m FROM annotations GROUP BY sample_id) c ON a.id = c.m";

// One prepared statement; bind, step, finalize.
class Statement
{
public:
    Statement(sqlite3 *db, const QString &sql) : m_db(db)
    {
        const QByteArray utf8 = sql.toUtf8();
        m_rc = sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &m_statement, nullptr);
        m_prepared = m_rc == SQLITE_OK;
    }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool prepared() const { return m_prepared; }
    void bind(int index, qint64 value) { sqlite3_bind_int64(m_statement, index, value); }
    void bind(int index, double value) { sqlite3_bind_double(m_statement, index, value); }
    void bind(int index, const QString &value)
    {
        const QByteArray utf8 = value.toUtf8();
        sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    // Steps once; false at the end or on an error (then failed() says so).
    bool next()
    {
        if (!prepared())
            return false;
        m_rc = sqlite3_step(m_statement);
        return m_rc == SQLITE_ROW;
    }
    bool failed() const { return m_rc != SQLITE_DONE && m_rc != SQLITE_ROW && m_rc != SQLITE_OK; }
    qint64 integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    double real(int column) const { return sqlite3_column_double(m_statement, column); }
    bool isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    QString text(int column) const
    {
        const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QString::fromUtf8(bytes, sqlite3_column_bytes(m_statement, column));
    }
    Error error(const QString &what) const
    {
        if (m_rc == SQLITE_INTERRUPT)
            return Error{Tr::tr("The search was cancelled.")};
        return Error{Tr::tr("Error while %1: %2").arg(what, sql::explain(QString::fromUtf8(sqlite3_errmsg(m_db))))};
    }

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
    int m_rc = SQLITE_OK;
    bool m_prepared = false;
};

// A set of sample ids as one bit per id up to the largest: a million samples take 128 KB, and meeting two
// sets is a pass over the words.
class IdBits
{
public:
    explicit IdBits(qint64 maxId) : m_words(std::size_t(maxId / 64 + 1), 0) {}
    void set(qint64 id)
    {
        if (id >= 0 && std::size_t(id / 64) < m_words.size())
            m_words[std::size_t(id / 64)] |= quint64(1) << (id % 64);
    }
    bool has(qint64 id) const
    {
        return id >= 0 && std::size_t(id / 64) < m_words.size() && (m_words[std::size_t(id / 64)] >> (id % 64)) & 1;
    }
    void intersect(const IdBits &other)
    {
        for (std::size_t i = 0; i < m_words.size(); ++i)
            m_words[i] &= i < other.m_words.size() ? other.m_words[i] : 0;
    }
    void subtract(const IdBits &other)
    {
        for (std::size_t i = 0; i < m_words.size() && i < other.m_words.size(); ++i)
            m_words[i] &= ~other.m_words[i];
    }
    qint64 count() const
    {
        qint64 n = 0;
        for (quint64 w : m_words)
            n += __builtin_popcountll(w);
        return n;
    }
    template<typename F>
    void forEach(F visit) const
    {
        for (std::size_t i = 0; i < m_words.size(); ++i)
            for (quint64 w = m_words[i]; w; w &= w - 1)
                visit(qint64(i * 64 + std::size_t(__builtin_ctzll(w))));
    }

private:
    std::vector<quint64> m_words;
};

int stopWhenCancelled(void *flag) { return static_cast<const std::atomic_bool *>(flag)->load() ? 1 : 0; }

// Installs the cancel check for the length of one browseIds call.
class CancelGuard
{
public:
    CancelGuard(sqlite3 *db, const std::atomic_bool *cancel) : m_db(db), m_on(cancel != nullptr)
    {
        if (m_on)
            sqlite3_progress_handler(db, 4000, stopWhenCancelled, const_cast<std::atomic_bool *>(cancel));
    }
    ~CancelGuard()
    {
        if (m_on)
            sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
    }

private:
    sqlite3 *m_db;
    bool m_on;
};

// Reads the first column of every row into `bits`.
Status collect(Statement &statement, IdBits &bits, const QString &what)
{
    while (statement.next())
        bits.set(statement.integer(0));
    if (statement.failed())
        return statement.error(what);
    return {};
}

// Where the rows of the query go: narrowing the candidates one set at a time ("all samples" until the first).
class Candidates
{
public:
    Candidates(sqlite3 *db, qint64 maxId) : m_db(db), m_maxId(maxId) {}
    qint64 maxId() const { return m_maxId; }
    Status intersect(const QString &sql, const std::function<void(Statement &)> &bindAll, const QString &what)
    {
        IdBits bits(m_maxId);
        if (auto s = read(sql, bindAll, bits, what); !s)
            return s;
        intersect(std::move(bits));
        return {};
    }
    void intersect(IdBits bits)
    {
        if (m_set)
            m_set->intersect(bits);
        else
            m_set = std::move(bits);
    }
    Status subtract(const IdBits &bits)
    {
        if (auto s = ensure(); !s)
            return s;
        m_set->subtract(bits);
        return {};
    }
    Status read(const QString &sql, const std::function<void(Statement &)> &bindAll, IdBits &bits,
                const QString &what) const
    {
        Statement statement(m_db, sql);
        if (!statement.prepared())
            return statement.error(what);
        if (bindAll)
            bindAll(statement);
        return collect(statement, bits, what);
    }
    // Every sample id, from the narrowest index that holds them all (the content hashes: 40 bytes a row
    // against the table's whole text).
    Status ensure()
    {
        if (m_set)
            return {};
        IdBits all(m_maxId);
        Statement indexed(m_db, QStringLiteral("SELECT id FROM samples INDEXED BY samples_content_hash"));
        if (indexed.prepared()) {
            if (auto s = collect(indexed, all, Tr::tr("listing samples")); !s)
                return s;
        } else if (auto s = read(QStringLiteral("SELECT id FROM samples"), {}, all, Tr::tr("listing samples")); !s) {
            return s;
        }
        m_set = std::move(all);
        return {};
    }
    const IdBits &set() const { return *m_set; }

private:
    sqlite3 *m_db;
    qint64 m_maxId;
    std::optional<IdBits> m_set;
};

QString quoted(const QString &s) { return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); }

// A sample's labels (or span types) and, for span labeling, its spans as "start:end:type" words.
struct CurrentLabels
{
    QHash<qint64, QString> names;
    QHash<qint64, QString> spans;
};

Result<CurrentLabels> currentLabels(sqlite3 *db)
{
    Statement q(db, QStringLiteral(
        "SELECT a.sample_id,"
        " (SELECT group_concat(name, ', ') FROM (SELECT l.name FROM annotation_labels al JOIN labels l"
        "   ON l.id = al.label_id WHERE al.annotation_id = a.id ORDER BY l.position, l.id)),"
        " (SELECT group_concat(name, ', ') FROM (SELECT l.name FROM annotation_spans sp JOIN labels l"
        "   ON l.id = sp.label_id WHERE sp.annotation_id = a.id ORDER BY sp.start, sp.end)),"
        " (SELECT group_concat(start || ':' || end || ':' || name, ' ') FROM (SELECT sp.start, sp.end, l.name"
        "   FROM annotation_spans sp JOIN labels l ON l.id = sp.label_id WHERE sp.annotation_id = a.id"
        "   ORDER BY sp.start, sp.end, l.name))"
        " FROM %1 WHERE a.cleared = 0").arg(QLatin1String(kCurrent)));
    CurrentLabels out;
    while (q.next()) {
        const qint64 id = q.integer(0);
        out.names.insert(id, q.isNull(1) ? q.text(2) : q.text(1));
        out.spans.insert(id, q.text(3));
    }
    if (q.failed())
        return q.error(Tr::tr("reading labels"));
    return out;
}

QString sortedLabelSet(const QString &joined, QChar separator)
{
    QStringList parts;
    for (const QString &p : joined.split(separator, Qt::SkipEmptyParts))
        parts << p.trimmed();
    parts.sort();
    return parts.join(QLatin1Char(','));
}

QString spansOfDetail(const QString &detailJson)
{
    QStringList out;
    const QJsonArray spans =
        QJsonDocument::fromJson(detailJson.toUtf8()).object().value(QStringLiteral("spans")).toArray();
    QVector<std::tuple<int, int, QString>> list;
    for (const QJsonValue &v : spans) {
        const QJsonObject o = v.toObject();
        list.push_back({o.value(QStringLiteral("start")).toInt(), o.value(QStringLiteral("end")).toInt(),
                        o.value(QStringLiteral("label")).toString()});
    }
    std::sort(list.begin(), list.end());
    for (const auto &[start, end, label] : list)
        out << QStringLiteral("%1:%2:%3").arg(start).arg(end).arg(label);
    return out.join(QLatin1Char(' '));
}

// Puts each id of `ids` (ascending) in the bucket of its key's place among the distinct keys, sorted; ids
// without a key first. Few distinct keys (labels), so this is a counting sort.
template<typename KeyOf>
QVector<qint64> byKey(const QVector<qint64> &ids, KeyOf keyOf)
{
    QMap<QString, QVector<qint64>> buckets;
    QVector<qint64> none;
    for (qint64 id : ids) {
        const QString *key = keyOf(id);
        if (key)
            buckets[*key].push_back(id);
        else
            none.push_back(id);
    }
    for (const QVector<qint64> &bucket : std::as_const(buckets))
        none += bucket;
    return none;
}

} // namespace

bool BrowseQuery::scans() const
{
    if (!text.pattern.isEmpty())
        return true;
    return !text.keywords.isEmpty() && ftsTrigramQuery(text.keywords).isEmpty();
}

QString ftsTrigramQuery(const QStringList &words)
{
    QStringList trigrams;
    for (const QString &word : words) {
        const QList<uint> points = word.toUcs4();
        for (qsizetype i = 0; i + 3 <= points.size(); ++i) {
            const QString trigram = QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData() + i), 3);
            const QString term = quoted(trigram);
            if (!trigrams.contains(term))
                trigrams << term;
        }
    }
    return trigrams.join(QStringLiteral(" AND "));
}

Result<QVector<qint64>> browseIds(sqlite3 *db, TaskType task, qint64 runId, const BrowseQuery &query,
                                  const std::atomic_bool *cancel)
{
    const CancelGuard guard(db, cancel);
    const bool spans = task == TaskType::Ner;
    qint64 maxId = 0;
    {
        Statement q(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM samples"));
        if (!q.next())
            return q.error(Tr::tr("counting samples"));
        maxId = q.integer(0);
    }
    Candidates candidates(db, maxId);
    const QString listing = Tr::tr("listing samples");

    // The text first: a rare word leaves few candidates. Words of three characters and more are looked up in the
    // trigram index (with the rows above its mark, which no writer indexed yet), then every word is checked in
    // the text (ASCII case folded, as before the index).
    if (!query.text.pattern.isEmpty()) {
        if (auto s = candidates.intersect(QStringLiteral("SELECT id FROM samples WHERE marginalia_regexp(?, text)"),
                                          [&](Statement &q) { q.bind(1, query.text.pattern); }, Tr::tr("searching"));
            !s)
            return s;
    } else if (!query.text.keywords.isEmpty()) {
        const QString match = ftsTrigramQuery(query.text.keywords);
        QString sql = match.isEmpty() ? QStringLiteral("SELECT id FROM samples s WHERE 1")
                                      : QStringLiteral("SELECT s.id FROM samples s WHERE s.id IN"
                                                       " (SELECT rowid FROM samples_fts WHERE samples_fts MATCH ?"
                                                       " UNION ALL SELECT id FROM samples WHERE id >"
                                                       " (SELECT indexed_to FROM samples_fts_state WHERE id = 1))");
        for (qsizetype i = 0; i < query.text.keywords.size(); ++i)
            sql += QStringLiteral(" AND instr(lower(s.text), ?) > 0");
        if (auto s = candidates.intersect(
                sql,
                [&](Statement &q) {
                    int index = 1;
                    if (!match.isEmpty())
                        q.bind(index++, match);
                    for (const QString &word : query.text.keywords)
                        q.bind(index++, word.toLower());
                },
                Tr::tr("searching"));
            !s)
            return s;
    }
    if (query.split == Split::Eval) {
        if (auto s = candidates.intersect(QStringLiteral("SELECT id FROM samples WHERE split = 'eval'"), {}, listing); !s)
            return s;
    }
    if (query.flaggedOnly) {
        if (auto s = candidates.intersect(QStringLiteral("SELECT sample_id FROM sample_flags"), {}, listing); !s)
            return s;
    }
    if (!query.label.isEmpty()) {
        if (auto s = candidates.intersect(
                QStringLiteral("SELECT a.sample_id FROM %1 WHERE a.cleared = 0 AND (EXISTS(SELECT 1 FROM"
                               " annotation_labels al JOIN labels l ON l.id = al.label_id WHERE al.annotation_id = a.id"
                               " AND l.name = ?1) OR EXISTS(SELECT 1 FROM annotation_spans sp JOIN labels l ON"
                               " l.id = sp.label_id WHERE sp.annotation_id = a.id AND l.name = ?1))")
                    .arg(QLatin1String(kCurrent)),
                [&](Statement &q) { q.bind(1, query.label); }, listing);
            !s)
            return s;
    }
    const bool predictionFilter = !query.predicted.isEmpty() || query.minConfidence > 0 || query.maxConfidence < 1;
    if (predictionFilter || query.rankedQueue) {
        if (runId == 0)
            return QVector<qint64>{}; // no run, no predictions: nothing matches
    }
    if (predictionFilter) {
        QString sql = QStringLiteral("SELECT sample_id FROM predictions WHERE run_id = ?1 AND confidence >= ?2"
                                     " AND confidence <= ?3");
        if (!query.predicted.isEmpty())
            sql += spans ? QStringLiteral(" AND EXISTS(SELECT 1 FROM json_each(detail, '$.spans') j"
                                          " WHERE json_extract(j.value, '$.label') = ?4)")
                         : task == TaskType::MultiLabel
                               ? QStringLiteral(" AND instr(',' || replace(label, ', ', ',') || ',', ',' || ?4 || ',') > 0")
                               : QStringLiteral(" AND label = ?4");
        if (auto s = candidates.intersect(
                sql,
                [&](Statement &q) {
                    q.bind(1, runId);
                    q.bind(2, query.minConfidence);
                    q.bind(3, query.maxConfidence);
                    if (!query.predicted.isEmpty())
                        q.bind(4, query.predicted);
                },
                Tr::tr("reading predictions"));
            !s)
            return s;
    }
    // Ranked queue: the ranked unlabeled pool samples (rank order below).
    QVector<qint64> ranked;
    const bool needRanks = query.rankedQueue || query.sort == BrowseQuery::Sort::Score;
    if (needRanks && runId != 0) {
        Statement q(db, QStringLiteral("SELECT sample_id FROM predictions WHERE run_id = ? AND rank IS NOT NULL"
                                       " ORDER BY rank"));
        q.bind(1, runId);
        while (q.next())
            ranked.push_back(q.integer(0));
        if (q.failed())
            return q.error(Tr::tr("reading the ranking"));
    }
    if (query.rankedQueue) {
        IdBits bits(maxId);
        for (qint64 id : std::as_const(ranked))
            bits.set(id);
        candidates.intersect(std::move(bits));
    }
    // Subtractions last: the split's pool, the labeled samples.
    if (query.split == Split::Pool || query.rankedQueue) {
        IdBits eval(maxId);
        if (auto s = candidates.read(QStringLiteral("SELECT id FROM samples WHERE split = 'eval'"), {}, eval, listing);
            !s)
            return s;
        if (auto s = candidates.subtract(eval); !s)
            return s;
    }
    const bool wantLabeled = query.labelState == SampleFilter::LabelState::Labeled || query.disagreement;
    const bool wantUnlabeled = query.labelState == SampleFilter::LabelState::Unlabeled || query.rankedQueue;
    if (wantLabeled || wantUnlabeled) {
        IdBits labeled(maxId);
        if (auto s = candidates.read(QStringLiteral("SELECT a.sample_id FROM %1 WHERE a.cleared = 0")
                                         .arg(QLatin1String(kCurrent)),
                                     {}, labeled, listing);
            !s)
            return s;
        if (wantUnlabeled) {
            if (auto s = candidates.subtract(labeled); !s)
                return s;
        } else {
            candidates.intersect(std::move(labeled));
        }
    }
    std::optional<CurrentLabels> labels;
    if (query.disagreement || query.sort == BrowseQuery::Sort::Label) {
        auto read = currentLabels(db);
        if (!read)
            return Error{read.error()};
        labels = std::move(read).value();
    }
    if (query.disagreement) {
        if (runId == 0)
            return QVector<qint64>{};
        // The label and the guess compared as sets (multi-label guesses are comma-separated), spans as spans.
        IdBits differ(maxId);
        Statement q(db, QStringLiteral("SELECT a.sample_id, p.label, p.detail FROM %1 JOIN predictions p"
                                       " ON p.run_id = ? AND p.sample_id = a.sample_id WHERE a.cleared = 0")
                            .arg(QLatin1String(kCurrent)));
        q.bind(1, runId);
        while (q.next()) {
            const qint64 id = q.integer(0);
            const bool same = spans ? labels->spans.value(id) == spansOfDetail(q.text(2))
                                    : sortedLabelSet(labels->names.value(id), QLatin1Char(','))
                                          == sortedLabelSet(q.text(1), QLatin1Char(','));
            if (!same)
                differ.set(id);
        }
        if (q.failed())
            return q.error(Tr::tr("reading predictions"));
        candidates.intersect(std::move(differ));
    }
    if (auto s = candidates.ensure(); !s)
        return s;
    if (cancel && cancel->load())
        return Error{Tr::tr("The search was cancelled.")};

    const IdBits &matching = candidates.set();
    QVector<qint64> ids;
    ids.reserve(qsizetype(matching.count()));
    matching.forEach([&](qint64 id) { ids.push_back(id); });

    BrowseQuery::Sort sort = query.sort;
    if (sort == BrowseQuery::Sort::Natural && query.rankedQueue)
        sort = BrowseQuery::Sort::Score;
    QVector<qint64> ordered;
    switch (sort) {
    case BrowseQuery::Sort::Natural:
    case BrowseQuery::Sort::Id:
        ordered = std::move(ids);
        break;
    case BrowseQuery::Sort::Split: {
        IdBits eval(maxId);
        if (auto s = candidates.read(QStringLiteral("SELECT id FROM samples WHERE split = 'eval'"), {}, eval, listing);
            !s)
            return s;
        ordered.reserve(ids.size());
        for (qint64 id : std::as_const(ids))
            if (eval.has(id))
                ordered.push_back(id);
        for (qint64 id : std::as_const(ids))
            if (!eval.has(id))
                ordered.push_back(id);
        break;
    }
    case BrowseQuery::Sort::Label:
        ordered = byKey(ids, [&](qint64 id) -> const QString * {
            const auto it = labels->names.constFind(id);
            return it == labels->names.constEnd() ? nullptr : &*it;
        });
        break;
    case BrowseQuery::Sort::Predicted: {
        // The label of every prediction: few distinct ones, so each sample keeps an index into them.
        std::vector<int> keyOf(std::size_t(maxId + 1), -1);
        QStringList keys;
        QHash<QString, int> keyIndex;
        if (runId != 0) {
            Statement q(db, QStringLiteral("SELECT sample_id, label FROM predictions WHERE run_id = ?"));
            q.bind(1, runId);
            while (q.next()) {
                const qint64 id = q.integer(0);
                if (id < 0 || id > maxId || !matching.has(id))
                    continue;
                const QString label = q.text(1);
                auto it = keyIndex.constFind(label);
                if (it == keyIndex.constEnd()) {
                    it = keyIndex.insert(label, int(keys.size()));
                    keys << label;
                }
                keyOf[std::size_t(id)] = *it;
            }
            if (q.failed())
                return q.error(Tr::tr("reading predictions"));
        }
        ordered = byKey(ids, [&](qint64 id) -> const QString * {
            const int k = keyOf[std::size_t(id)];
            return k < 0 ? nullptr : &keys.at(k);
        });
        break;
    }
    case BrowseQuery::Sort::Confidence: {
        // Samples without a prediction first, then the index's order of confidence.
        IdBits predicted(maxId);
        QVector<qint64> byConfidence;
        if (runId != 0) {
            Statement q(db, QStringLiteral("SELECT sample_id FROM predictions WHERE run_id = ? ORDER BY confidence"));
            q.bind(1, runId);
            while (q.next()) {
                const qint64 id = q.integer(0);
                if (matching.has(id)) {
                    byConfidence.push_back(id);
                    predicted.set(id);
                }
            }
            if (q.failed())
                return q.error(Tr::tr("reading predictions"));
        }
        ordered.reserve(ids.size());
        for (qint64 id : std::as_const(ids))
            if (!predicted.has(id))
                ordered.push_back(id);
        ordered += byConfidence;
        break;
    }
    case BrowseQuery::Sort::Score: {
        // Ranked samples by rank (the highest score first), then the rest.
        IdBits placed(maxId);
        ordered.reserve(ids.size());
        for (qint64 id : std::as_const(ranked))
            if (matching.has(id) && !placed.has(id)) {
                ordered.push_back(id);
                placed.set(id);
            }
        for (qint64 id : std::as_const(ids))
            if (!placed.has(id))
                ordered.push_back(id);
        break;
    }
    }
    if (query.descending)
        std::reverse(ordered.begin(), ordered.end());
    return ordered;
}

Result<QVector<qint64>> browseIds(const QString &path, TaskType task, qint64 runId, const BrowseQuery &query,
                                  const std::atomic_bool *cancel)
{
    struct Connection
    {
        sqlite3 *db = nullptr;
        ~Connection() { sqlite3_close(db); }
    } c;
    if (sqlite3_open_v2(path.toUtf8().constData(), &c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
            != SQLITE_OK
        || !registerTextSearch(c.db))
        return Error{Tr::tr("The project could not be searched: %1").arg(QString::fromUtf8(sqlite3_errmsg(c.db)))};
    sqlite3_busy_timeout(c.db, sql::kBusyTimeoutMs);
    // As every connection to a project (ProjectStore.cpp): the file's schema is data.
    sqlite3_exec(c.db, "PRAGMA trusted_schema = OFF", nullptr, nullptr, nullptr);
    return browseIds(c.db, task, runId, query, cancel);
}

Result<QHash<qint64, PredictionRow>> predictionsOf(sqlite3 *db, qint64 runId, const QVector<qint64> &ids)
{
    QHash<qint64, PredictionRow> out;
    if (runId == 0 || ids.isEmpty())
        return out;
    QJsonArray list;
    for (qint64 id : ids)
        list.append(id);
    Statement q(db, QStringLiteral("SELECT sample_id, label, confidence, score, rank, detail FROM predictions"
                                   " WHERE run_id = ? AND sample_id IN (SELECT value FROM json_each(?))"));
    q.bind(1, runId);
    q.bind(2, QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
    while (q.next()) {
        PredictionRow p;
        p.sampleId = q.integer(0);
        p.label = q.text(1);
        p.confidence = q.real(2);
        if (!q.isNull(3))
            p.score = q.real(3);
        if (!q.isNull(4))
            p.rank = int(q.integer(4));
        p.detailJson = q.text(5);
        out.insert(p.sampleId, p);
    }
    if (q.failed())
        return q.error(Tr::tr("reading predictions"));
    return out;
}

} // namespace marginalia
