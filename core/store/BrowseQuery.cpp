#include "store/BrowseQuery.h"
#include "store/PredictionDetail.h"
#include "store/RawStatement.h"
#include "store/RunScores.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <algorithm>
#include <numeric>
#include <sqlite3.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// One prepared statement on the browse connection; an interrupted step (a cancelled search) says so.
class Statement : public sql::RawStatement
{
public:
    using RawStatement::RawStatement;
    Error error(const QString &what) const
    {
        if (interrupted())
            return Error{Tr::tr("The search was cancelled.")};
        return RawStatement::error(what);
    }
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
    // Every id from `first` to `last` (within the set's range).
    void setRange(qint64 first, qint64 last)
    {
        first = qMax<qint64>(first, 0);
        last = qMin<qint64>(last, qint64(m_words.size()) * 64 - 1);
        for (qint64 id = first; id <= last;) {
            if (id % 64 == 0 && id + 63 <= last) {
                m_words[std::size_t(id / 64)] = ~quint64(0);
                id += 64;
            } else {
                set(id++);
            }
        }
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
    // Every sample id. Ids run without gaps unless samples were deleted: then the count (from the narrowest
    // index) and the least id say so, and the range is the set, without reading a million ids (30-40 ms).
    // Otherwise they are read from the narrowest index that holds them all (the content hashes: 40 bytes a row
    // against the table's whole text).
    Status ensure()
    {
        if (m_set)
            return {};
        IdBits all(m_maxId);
        Statement count(m_db, QStringLiteral("SELECT count(*) FROM samples"));
        Statement least(m_db, QStringLiteral("SELECT min(id) FROM samples"));
        if (!count.next() || !least.next())
            return (count.failed() ? count : least).error(Tr::tr("listing samples"));
        if (count.integer(0) == 0 || (!least.isNull(0) && count.integer(0) == m_maxId - least.integer(0) + 1)) {
            if (count.integer(0) > 0)
                all.setRange(least.integer(0), m_maxId);
            m_set = std::move(all);
            return {};
        }
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

// Every sample's current annotation, from one pass over the annotations in id order (the last one of a sample
// is its current one): a join with max(id) per sample costs four times as much at 100,000 labels.
struct Current
{
    std::vector<qint64> annotationOf; // by sample id: the current annotation, 0 if none or cleared
    std::vector<qint64> sampleOf;     // by annotation id: its sample if it is current and not cleared, else 0
    IdBits labeled;
};

Result<Current> currentAnnotations(sqlite3 *db, qint64 maxId)
{
    qint64 maxAnnotation = 0;
    {
        Statement q(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM annotations"));
        if (!q.next())
            return q.error(Tr::tr("reading labels"));
        maxAnnotation = q.integer(0);
    }
    Current c{std::vector<qint64>(std::size_t(maxId + 1), 0), std::vector<qint64>(std::size_t(maxAnnotation + 1), 0),
              IdBits(maxId)};
    Statement q(db, QStringLiteral("SELECT sample_id, id, cleared FROM annotations ORDER BY id"));
    while (q.next()) {
        const qint64 sample = q.integer(0), id = q.integer(1);
        if (sample >= 0 && sample <= maxId && id >= 0 && id <= maxAnnotation)
            c.annotationOf[std::size_t(sample)] = q.integer(2) ? 0 : id;
    }
    if (q.failed())
        return q.error(Tr::tr("reading labels"));
    for (qint64 sample = 0; sample <= maxId; ++sample)
        if (const qint64 a = c.annotationOf[std::size_t(sample)]) {
            c.sampleOf[std::size_t(a)] = sample;
            c.labeled.set(sample);
        }
    return c;
}

// Few distinct strings (labels), each sample an index into them: sorting and comparing ints, not strings.
struct Keys
{
    std::vector<int> of; // by sample id; -1: none
    QStringList keys;
    QHash<QString, int> index;
    explicit Keys(qint64 maxId) : of(std::size_t(maxId + 1), -1) {}
    void set(qint64 sample, const QString &key)
    {
        auto it = index.constFind(key);
        if (it == index.constEnd()) {
            it = index.insert(key, int(keys.size()));
            keys << key;
        }
        of[std::size_t(sample)] = *it;
    }
};

// Each labeled sample's labels in label order (span labeling: its span types in text order) joined with ", " as
// the browse view shows them; `spansOut` (span labeling) gets its spans as "start:end:type" words.
Result<Keys> labelKeys(sqlite3 *db, const Current &current, qint64 maxId, bool spans, Keys *spansOut)
{
    QHash<qint64, QPair<int, QString>> labels; // id -> position, name
    {
        Statement q(db, QStringLiteral("SELECT id, position, name FROM labels"));
        while (q.next())
            labels.insert(q.integer(0), {int(q.integer(1)), q.text(2)});
        if (q.failed())
            return q.error(Tr::tr("reading labels"));
    }
    Keys keys(maxId);
    // Rows of one annotation come together (the tables' keys start with the annotation id).
    Statement q(db, spans ? QStringLiteral("SELECT annotation_id, label_id, start, end FROM annotation_spans")
                          : QStringLiteral("SELECT annotation_id, label_id FROM annotation_labels"));
    qint64 annotation = -1;
    QVector<qint64> ids;
    QStringList words;
    const auto flush = [&] {
        const qint64 sample = annotation >= 0 && annotation < qint64(current.sampleOf.size())
                                  ? current.sampleOf[std::size_t(annotation)]
                                  : 0;
        if (sample > 0 && !ids.isEmpty()) {
            if (!spans)
                std::sort(ids.begin(), ids.end(), [&](qint64 x, qint64 y) {
                    return std::make_pair(labels.value(x).first, x) < std::make_pair(labels.value(y).first, y);
                });
            QStringList names;
            for (qint64 id : std::as_const(ids))
                names << labels.value(id).second;
            keys.set(sample, names.join(QStringLiteral(", ")));
            if (spansOut) {
                words.sort();
                spansOut->set(sample, words.join(QLatin1Char(' ')));
            }
        }
        ids.clear();
        words.clear();
    };
    while (q.next()) {
        if (q.integer(0) != annotation) {
            flush();
            annotation = q.integer(0);
        }
        ids << q.integer(1);
        if (spans)
            words << QStringLiteral("%1:%2:%3").arg(q.integer(2)).arg(q.integer(3)).arg(labels.value(q.integer(1)).second);
    }
    flush();
    if (q.failed())
        return q.error(Tr::tr("reading labels"));
    return keys;
}

QString spansOfDetail(const QString &detailJson) { return spanSetKey(spansFromDetailJson(detailJson)); }

// The entity types a prediction's detail names (span labeling).
QSet<QString> spanTypesOfDetail(const QString &detailJson)
{
    QSet<QString> out;
    for (const Span &s : spansFromDetailJson(detailJson))
        out.insert(s.label);
    return out;
}

// The ids (ascending) in the order of their keys, ties by id, ids without a key first: a counting sort over the
// few distinct keys.
QVector<qint64> byKey(const QVector<qint64> &ids, const Keys &keys)
{
    QVector<int> order(keys.keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return keys.keys.at(a) < keys.keys.at(b); });
    std::vector<int> place(std::size_t(keys.keys.size()));
    for (int i = 0; i < order.size(); ++i)
        place[std::size_t(order.at(i))] = i + 1;
    std::vector<QVector<qint64>> buckets(std::size_t(keys.keys.size() + 1));
    for (qint64 id : ids) {
        const int k = keys.of[std::size_t(id)];
        buckets[k < 0 ? 0 : std::size_t(place[std::size_t(k)])].push_back(id);
    }
    QVector<qint64> out;
    out.reserve(ids.size());
    for (const QVector<qint64> &bucket : buckets)
        out += bucket;
    return out;
}

// A LIKE pattern for text containing `word` (LIKE folds ASCII case as lower() does, without copying the text).
QString likePattern(const QString &word)
{
    QString escaped = word;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// The search's check of a sample's text `s.text`, as SQL whose parameters start at ?2 (?1 is the full-text
// query or the sample id): every word (case folded as LIKE folds), or the regular expression.
QString textCondition(const TextSearch &text)
{
    if (!text.pattern.isEmpty())
        return QStringLiteral("marginalia_regexp(?2, s.text)");
    QStringList words;
    for (qsizetype i = 0; i < text.keywords.size(); ++i)
        words << QStringLiteral("s.text LIKE ?%1 ESCAPE '\\'").arg(i + 2);
    return words.isEmpty() ? QStringLiteral("1") : words.join(QStringLiteral(" AND "));
}

void bindTextCondition(Statement &q, const TextSearch &text)
{
    if (!text.pattern.isEmpty()) {
        q.bind(2, text.pattern);
        return;
    }
    for (qsizetype i = 0; i < text.keywords.size(); ++i)
        q.bind(int(i) + 2, likePattern(text.keywords.at(i)));
}

// Visits every sample the search matches, in id order, as SQLite finds them (a common word's first hits come
// at once, long before the last). Words of three characters and more are looked up in the trigram index,
// then the rows above its mark (which no writer indexed yet) are scanned; each candidate's text is checked.
// A regular expression, or words all shorter than three characters, scan every text.
Status forEachTextMatch(sqlite3 *db, const TextSearch &text, const std::function<bool(qint64)> &visit)
{
    const QString match = text.pattern.isEmpty() ? ftsTrigramQuery(text.keywords) : QString();
    const QString condition = textCondition(text);
    // The index's rows all lie at or below its mark and come in ascending rowid order, so the union is in id
    // order without a sort (which would hold every hit back until the last).
    const QString sql = match.isEmpty()
                            ? QStringLiteral("SELECT s.id FROM samples s WHERE %1").arg(condition)
                            : QStringLiteral("SELECT s.id FROM samples_fts f JOIN samples s ON s.id = f.rowid"
                                             " WHERE samples_fts MATCH ?1 AND %1"
                                             " UNION ALL SELECT s.id FROM samples s WHERE s.id >"
                                             " (SELECT indexed_to FROM samples_fts_state WHERE id = 1) AND %1")
                                  .arg(condition);
    Statement q(db, sql);
    if (!q.prepared())
        return q.error(Tr::tr("searching"));
    if (!match.isEmpty())
        q.bind(1, match);
    bindTextCondition(q, text);
    while (q.next())
        if (!visit(q.integer(0)))
            return {};
    if (q.failed())
        return q.error(Tr::tr("searching"));
    return {};
}

// Whether `query` keeps every sample (no filter but, perhaps, a search).
bool keepsEverySample(const BrowseQuery &query)
{
    return !query.split && query.labelState == SampleFilter::LabelState::Any && query.label.isEmpty()
           && !query.flaggedOnly && query.predicted.isEmpty() && !query.disagreement && query.minConfidence <= 0
           && query.maxConfidence >= 1 && !query.rankedQueue;
}

} // namespace

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

Result<std::shared_ptr<const RunPredictions>> readRunPredictions(sqlite3 *db, qint64 runId,
                                                                 const std::atomic_bool *cancel)
{
    const CancelGuard guard(db, cancel);
    auto run = std::make_shared<RunPredictions>();
    run->runId = runId;
    qint64 maxId = 0;
    {
        Statement q(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM samples"));
        if (!q.next())
            return q.error(Tr::tr("counting samples"));
        maxId = q.integer(0);
    }
    run->confidence.assign(std::size_t(maxId + 1), -1.0);
    run->label.assign(std::size_t(maxId + 1), qint16(-1));
    QHash<QString, qint16> known;
    QVector<QPair<double, qint64>> order;
    QVector<QPair<qint32, qint64>> ranked;
    std::vector<qint16> global; // a part's label index -> the run's
    const Status read = runscores::forEachPart(
        db, runId,
        [&](const runscores::ScorePart &part) {
            global.assign(std::size_t(part.labels.size()), qint16(-1));
            for (int k = 0; k < part.labels.size(); ++k) {
                auto it = known.constFind(part.labels.at(k));
                if (it == known.constEnd() && known.size() < 32767) {
                    it = known.insert(part.labels.at(k), qint16(run->labels.size()));
                    run->labels << part.labels.at(k);
                }
                if (it != known.constEnd())
                    global[std::size_t(k)] = *it;
            }
            for (std::size_t i = 0; i < part.ids.size(); ++i) {
                const qint64 id = part.ids[i];
                if (id < 0 || id > maxId)
                    continue;
                const double confidence = part.confidence[i];
                run->label[std::size_t(id)] = part.label[i] >= 0 ? global[std::size_t(part.label[i])] : qint16(-1);
                run->confidence[std::size_t(id)] = confidence;
                order.push_back({confidence, id});
                if (part.rank[i] > 0)
                    ranked.push_back({part.rank[i], id});
            }
            return true;
        },
        cancel);
    if (!read)
        return Error{read.error()};
    std::sort(order.begin(), order.end());
    run->byConfidence.reserve(order.size());
    for (const auto &pair : std::as_const(order))
        run->byConfidence.push_back(pair.second);
    std::sort(ranked.begin(), ranked.end());
    run->byRank.reserve(ranked.size());
    for (const auto &pair : std::as_const(ranked))
        run->byRank.push_back(pair.second);
    return std::shared_ptr<const RunPredictions>(std::move(run));
}

bool needsRunPredictions(const BrowseQuery &query)
{
    // Span labeling's filters also read the run's parts (for each prediction's detail): the same cost, so the
    // same answer.
    return !query.predicted.isEmpty() || query.minConfidence > 0 || query.maxConfidence < 1 || query.disagreement
           || query.sort == BrowseQuery::Sort::Predicted || query.sort == BrowseQuery::Sort::Confidence
           || query.rankedQueue || query.sort == BrowseQuery::Sort::Score;
}

namespace {
// browseIds without its cancel guard, which the caller holds.
Result<QVector<qint64>> orderedIds(sqlite3 *db, TaskType task, qint64 runId, const RunPredictions *run,
                                   const BrowseQuery &query, const std::atomic_bool *cancel)
{
    std::shared_ptr<const RunPredictions> read;
    if (runId != 0 && needsRunPredictions(query) && (!run || run->runId != runId)) {
        auto predictions = readRunPredictions(db, runId, cancel);
        if (!predictions)
            return Error{predictions.error()};
        read = std::move(predictions).value();
        run = read.get();
    }
    if (runId == 0)
        run = nullptr;
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
    const bool predictionFilter = !query.predicted.isEmpty() || query.minConfidence > 0 || query.maxConfidence < 1;
    if ((predictionFilter || query.rankedQueue || query.disagreement) && runId == 0)
        return QVector<qint64>{}; // no run, no predictions: nothing matches

    // The text first: a rare word leaves few candidates.
    if (!query.text.isEmpty()) {
        IdBits bits(maxId);
        if (auto s = forEachTextMatch(db, query.text, [&](qint64 id) {
                bits.set(id);
                return true;
            });
            !s)
            return s;
        candidates.intersect(std::move(bits));
    }
    if (query.split == Split::Eval) {
        if (auto s = candidates.intersect(QStringLiteral("SELECT id FROM samples WHERE split = 'eval'"), {}, listing); !s)
            return s;
    }
    if (query.flaggedOnly) {
        if (auto s = candidates.intersect(QStringLiteral("SELECT sample_id FROM sample_flags"), {}, listing); !s)
            return s;
    }
    if (predictionFilter && spans) {
        // Span labeling: the predicted type is inside each prediction's detail.
        IdBits bits(maxId);
        const Status read = runscores::forEachPart(
            db, runId,
            [&](const runscores::ScorePart &part) {
                for (int i = 0; i < part.size(); ++i) {
                    const double c = part.confidence[std::size_t(i)];
                    if (c < query.minConfidence || c > query.maxConfidence)
                        continue;
                    if (query.predicted.isEmpty() || spanTypesOfDetail(part.detail(i)).contains(query.predicted))
                        bits.set(part.ids[std::size_t(i)]);
                }
                return true;
            },
            cancel);
        if (!read)
            return Error{read.error()};
        candidates.intersect(std::move(bits));
    } else if (predictionFilter) {
        // Which of the run's distinct labels are the one asked for (multi-label: a guess of several holds it).
        std::vector<char> wanted(std::size_t(run->labels.size()), query.predicted.isEmpty() ? 1 : 0);
        for (int k = 0; k < run->labels.size() && !query.predicted.isEmpty(); ++k)
            wanted[std::size_t(k)] = task == TaskType::MultiLabel
                                         ? sortedLabelSet(run->labels.at(k)).split(QLatin1Char(',')).contains(query.predicted)
                                         : run->labels.at(k) == query.predicted;
        const double low = query.minConfidence, high = query.maxConfidence;
        IdBits bits(maxId);
        const qint64 known = qMin(maxId, qint64(run->label.size()) - 1);
        for (qint64 id = 0; id <= known; ++id) {
            const qint16 k = run->label[std::size_t(id)];
            const double c = run->confidence[std::size_t(id)];
            if (k >= 0 && wanted[std::size_t(k)] && c >= low && c <= high)
                bits.set(id);
        }
        candidates.intersect(std::move(bits));
    }
    // The ranking (the ranked queue, the sort by score).
    const QVector<qint64> ranked = run ? run->byRank : QVector<qint64>();
    if (query.rankedQueue) {
        IdBits bits(maxId);
        for (qint64 id : std::as_const(ranked))
            bits.set(id);
        candidates.intersect(std::move(bits));
    }
    if (query.split == Split::Pool || query.rankedQueue) {
        IdBits eval(maxId);
        if (auto s = candidates.read(QStringLiteral("SELECT id FROM samples WHERE split = 'eval'"), {}, eval, listing);
            !s)
            return s;
        if (auto s = candidates.subtract(eval); !s)
            return s;
    }

    // Labels: the current annotation of every sample, once, when a filter or the sort needs it.
    const bool wantLabeled = query.labelState == SampleFilter::LabelState::Labeled || query.disagreement;
    const bool wantUnlabeled = query.labelState == SampleFilter::LabelState::Unlabeled || query.rankedQueue;
    const bool needKeys = query.disagreement || query.sort == BrowseQuery::Sort::Label;
    std::optional<Current> current;
    if (wantLabeled || wantUnlabeled || needKeys || !query.label.isEmpty()) {
        auto read = currentAnnotations(db, maxId);
        if (!read)
            return Error{read.error()};
        current = std::move(read).value();
    }
    if (wantUnlabeled) {
        if (auto s = candidates.subtract(current->labeled); !s)
            return s;
    } else if (wantLabeled) {
        candidates.intersect(current->labeled);
    }
    if (!query.label.isEmpty()) {
        IdBits withLabel(maxId);
        Statement q(db, QStringLiteral("SELECT annotation_id FROM annotation_labels WHERE label_id IN"
                                       " (SELECT id FROM labels WHERE name = ?1) UNION ALL SELECT annotation_id FROM"
                                       " annotation_spans WHERE label_id IN (SELECT id FROM labels WHERE name = ?1)"));
        q.bind(1, query.label);
        while (q.next()) {
            const qint64 a = q.integer(0);
            if (a >= 0 && a < qint64(current->sampleOf.size()) && current->sampleOf[std::size_t(a)] > 0)
                withLabel.set(current->sampleOf[std::size_t(a)]);
        }
        if (q.failed())
            return q.error(listing);
        candidates.intersect(std::move(withLabel));
    }
    std::optional<Keys> labelKey, spanKey;
    if (needKeys) {
        if (spans)
            spanKey.emplace(maxId);
        auto read = labelKeys(db, *current, maxId, spans, spanKey ? &*spanKey : nullptr);
        if (!read)
            return Error{read.error()};
        labelKey = std::move(read).value();
    }
    if (query.disagreement) {
        // The label and the guess compared as sets (multi-label guesses are comma-separated), spans as spans.
        IdBits differ(maxId);
        if (spans) {
            const Status read = runscores::forEachPart(
                db, runId,
                [&](const runscores::ScorePart &part) {
                    for (int i = 0; i < part.size(); ++i) {
                        const qint64 id = part.ids[std::size_t(i)];
                        if (id < 0 || id > maxId || !current->labeled.has(id))
                            continue;
                        const int k = spanKey->of[std::size_t(id)];
                        if (!(k >= 0 && spanKey->keys.at(k) == spansOfDetail(part.detail(i))))
                            differ.set(id);
                    }
                    return true;
                },
                cancel);
            if (!read)
                return Error{read.error()};
        } else {
            QVector<QString> normalized(labelKey->keys.size()), guesses(run->labels.size());
            for (int k = 0; k < labelKey->keys.size(); ++k)
                normalized[k] = sortedLabelSet(labelKey->keys.at(k));
            for (int k = 0; k < run->labels.size(); ++k)
                guesses[k] = sortedLabelSet(run->labels.at(k));
            current->labeled.forEach([&](qint64 id) {
                const int guess = id < qint64(run->label.size()) ? run->label[std::size_t(id)] : -1;
                const int k = labelKey->of[std::size_t(id)];
                if (guess >= 0 && !(k >= 0 && normalized.at(k) == guesses.at(guess)))
                    differ.set(id);
            });
        }
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
        ordered = byKey(ids, *labelKey);
        break;
    case BrowseQuery::Sort::Predicted: {
        Keys predicted(maxId);
        predicted.keys = run ? run->labels : QStringList();
        if (run)
            for (qint64 id : std::as_const(ids))
                predicted.of[std::size_t(id)] = id < qint64(run->label.size()) ? run->label[std::size_t(id)] : -1;
        ordered = byKey(ids, predicted);
        break;
    }
    case BrowseQuery::Sort::Confidence: {
        // Samples without a prediction first, then by confidence.
        ordered.reserve(ids.size());
        const auto predicted = [&](qint64 id) {
            return run && id < qint64(run->confidence.size()) && run->confidence[std::size_t(id)] >= 0;
        };
        for (qint64 id : std::as_const(ids))
            if (!predicted(id))
                ordered.push_back(id);
        if (run)
            for (qint64 id : run->byConfidence)
                if (matching.has(id))
                    ordered.push_back(id);
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

// A search in id order over every sample: one pass that hands its first hits over as soon as a page of them
// (or the first after a short wait) is in.
Result<QVector<qint64>> searchInIdOrder(sqlite3 *db, const TextSearch &text, const FirstIdsFn &firstIds)
{
    QVector<qint64> ids;
    bool handedOver = false;
    bool ascending = true;
    QElapsedTimer timer;
    timer.start();
    const Status s = forEachTextMatch(db, text, [&](qint64 id) {
        ascending = ascending && (ids.isEmpty() || id > ids.constLast());
        ids.push_back(id);
        if (!handedOver && ascending && (ids.size() >= kFirstIdsWanted || timer.elapsed() >= kFirstIdsWaitMs)) {
            firstIds(ids);
            handedOver = true;
        }
        return true;
    });
    if (!s)
        return Error{s.error()};
    if (!ascending) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    return ids;
}

// A search with filters or another order: the samples the rest of the query keeps, in its order, are checked
// one by one until a page of hits is found (a common word: a few hundred checks) or a short budget is spent;
// those go to `firstIds`. The answer is then that order with the search's hits kept.
Result<QVector<qint64>> searchInQueryOrder(sqlite3 *db, TaskType task, qint64 runId, const RunPredictions *run,
                                           const BrowseQuery &query, const FirstIdsFn &firstIds,
                                           const std::atomic_bool *cancel)
{
    BrowseQuery rest = query;
    rest.text = TextSearch{};
    auto ordered = orderedIds(db, task, runId, run, rest, cancel);
    if (!ordered)
        return ordered;
    QElapsedTimer timer;
    timer.start();
    Statement probe(db, QStringLiteral("SELECT 1 FROM samples s WHERE s.id = ?1 AND %1").arg(textCondition(query.text)));
    if (!probe.prepared())
        return probe.error(Tr::tr("searching"));
    bindTextCondition(probe, query.text); // kept across resets
    QVector<qint64> first;
    qsizetype checked = 0;
    for (; checked < ordered->size() && first.size() < kFirstIdsWanted; ++checked) {
        if (checked % 64 == 0 && timer.elapsed() >= kFirstIdsWaitMs)
            break;
        probe.reset();
        probe.bind(1, ordered->at(checked));
        if (probe.next())
            first.push_back(ordered->at(checked));
        else if (probe.failed())
            return probe.error(Tr::tr("searching"));
    }
    if (checked == ordered->size())
        return first; // every candidate checked: that is the answer
    if (!first.isEmpty())
        firstIds(first);
    qint64 maxId = 0;
    for (qint64 id : std::as_const(*ordered))
        maxId = qMax(maxId, id);
    IdBits hits(maxId);
    if (auto s = forEachTextMatch(db, query.text, [&](qint64 id) {
            hits.set(id);
            return true;
        });
        !s)
        return Error{s.error()};
    QVector<qint64> kept;
    for (qint64 id : std::as_const(*ordered))
        if (hits.has(id))
            kept.push_back(id);
    return kept;
}
} // namespace

Result<QVector<qint64>> browseIds(sqlite3 *db, TaskType task, qint64 runId, const RunPredictions *run,
                                  const BrowseQuery &query, const std::atomic_bool *cancel, const FirstIdsFn &firstIds)
{
    const CancelGuard guard(db, cancel);
    if (!firstIds || query.text.isEmpty())
        return orderedIds(db, task, runId, run, query, cancel);
    if (keepsEverySample(query)
        && (query.sort == BrowseQuery::Sort::Natural || (query.sort == BrowseQuery::Sort::Id && !query.descending)))
        return searchInIdOrder(db, query.text, firstIds);
    return searchInQueryOrder(db, task, runId, run, query, firstIds, cancel);
}

Result<QVector<qint64>> browseIds(const QString &path, TaskType task, qint64 runId, const RunPredictions *run,
                                  const BrowseQuery &query, const std::atomic_bool *cancel,
                                  std::shared_ptr<const RunPredictions> *readRun, const FirstIdsFn &firstIds)
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
    if (readRun && !run && runId != 0) {
        auto read = readRunPredictions(c.db, runId, cancel);
        if (!read)
            return Error{read.error()};
        *readRun = std::move(read).value();
        run = readRun->get();
    }
    // One snapshot for every statement of the query: the first ids handed over are then the answer's first.
    if (sqlite3_exec(c.db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error{Tr::tr("The project could not be searched: %1").arg(QString::fromUtf8(sqlite3_errmsg(c.db)))};
    auto ids = browseIds(c.db, task, runId, run, query, cancel, firstIds);
    sqlite3_exec(c.db, "COMMIT", nullptr, nullptr, nullptr);
    return ids;
}

Result<bool> textIndexLags(sqlite3 *db)
{
    Statement q(db, QStringLiteral("SELECT (SELECT indexed_to FROM samples_fts_state WHERE id = 1)"
                                   " < (SELECT coalesce(max(id), 0) FROM samples)"));
    if (!q.next())
        return q.error(Tr::tr("indexing the samples' text"));
    return q.integer(0) != 0;
}

Result<bool> indexTextStep(sqlite3 *db, int rows)
{
    const QString what = Tr::tr("indexing the samples' text");
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error{Tr::tr("Error while %1: %2").arg(what, sql::explain(QString::fromUtf8(sqlite3_errmsg(db))))};
    const auto rollback = [db](const Error &error) -> Result<bool> {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return error;
    };
    qint64 mark = 0, upTo = 0;
    {
        Statement q(db, QStringLiteral("SELECT indexed_to FROM samples_fts_state WHERE id = 1"));
        if (!q.next())
            return rollback(q.error(what));
        mark = q.integer(0);
    }
    {
        Statement q(db, QStringLiteral("SELECT max(id) FROM (SELECT id FROM samples WHERE id > ? ORDER BY id LIMIT ?)"));
        q.bind(1, mark);
        q.bind(2, qint64(rows));
        if (!q.next())
            return rollback(q.error(what));
        if (q.isNull(0)) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            return false;
        }
        upTo = q.integer(0);
    }
    for (const QString &sql : {QStringLiteral("INSERT INTO samples_fts(rowid, text) SELECT id, text FROM samples"
                                              " WHERE id > ?1 AND id <= ?2"),
                               QStringLiteral("UPDATE samples_fts_state SET indexed_to = ?2 WHERE id = 1 AND indexed_to = ?1")}) {
        Statement q(db, sql);
        q.bind(1, mark);
        q.bind(2, upTo);
        q.next();
        if (q.failed() || !q.prepared())
            return rollback(q.error(what));
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return rollback(Error{Tr::tr("Error while %1: %2").arg(what, sql::explain(QString::fromUtf8(sqlite3_errmsg(db))))});
    return textIndexLags(db);
}

Status indexText(const QString &path, int rowsPerStep, const std::atomic_bool *cancel)
{
    struct Connection
    {
        sqlite3 *db = nullptr;
        ~Connection() { sqlite3_close(db); }
    } c;
    if (sqlite3_open_v2(path.toUtf8().constData(), &c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK)
        return Error{Tr::tr("Error while %1: %2").arg(Tr::tr("indexing the samples' text"),
                                                        QString::fromUtf8(sqlite3_errmsg(c.db)))};
    sqlite3_busy_timeout(c.db, sql::kBusyTimeoutMs);
    sqlite3_exec(c.db, "PRAGMA trusted_schema = OFF", nullptr, nullptr, nullptr);
    sqlite3_exec(c.db, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr);
    while (!(cancel && cancel->load())) {
        auto more = indexTextStep(c.db, rowsPerStep);
        if (!more)
            return Error{more.error()};
        if (!*more)
            break;
    }
    return {};
}

Result<QHash<qint64, PredictionRow>> predictionsOf(sqlite3 *db, qint64 runId, const QVector<qint64> &ids)
{
    if (runId == 0 || ids.isEmpty())
        return QHash<qint64, PredictionRow>();
    return runscores::rowsOf(db, runId, ids);
}

} // namespace marginalia
