// Model runs: their config, metrics, losses, checkpoints and per-sample predictions.
#include "store/ProcessTag.h"
#include "store/ProjectStore.h"
#include "store/RunScores.h"
#include "store/SqlDialect.h"
#include "store/SqlHelpers.h"
#include "store/WriteGate.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>
#include <algorithm>
#include <vector>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};


// Rows per statement for bulk deletes that may run beside an annotator: each is its own short transaction.
constexpr int kDeleteChunk = 500;
constexpr int kDeletePartChunk = 20;
// Bytes of a model checkpoint per row of run_checkpoint_parts: small enough that one part is written (and
// synced) within the few milliseconds a label may wait for the write lock.
constexpr qsizetype kCheckpointPart = 128 * 1024;

QVariant optionalValue(const std::optional<double> &v) { return v ? QVariant(*v) : QVariant(); }
std::optional<double> optionalDouble(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

const char kRunColumns[] = "id, created_at, finished_at, status, error, model_kind, config, device, strategy,"
                           " train_labels, eval_labels, seconds, accuracy, stop_kappa";

ModelRunRecord readRun(const QSqlQuery &q)
{
    ModelRunRecord r;
    r.id = q.value(0).toLongLong();
    r.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong());
    if (!q.value(2).isNull())
        r.finishedAt = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong());
    r.status = q.value(3).toString();
    r.error = q.value(4).toString();
    r.modelKind = q.value(5).toString();
    r.configJson = q.value(6).toString();
    r.device = q.value(7).toString();
    r.strategy = q.value(8).toString();
    r.trainLabels = q.value(9).toInt();
    r.evalLabels = q.value(10).toInt();
    r.seconds = q.value(11).toDouble();
    r.accuracy = optionalDouble(q.value(12));
    r.stopKappa = optionalDouble(q.value(13));
    return r;
}

PredictionRow readPrediction(const QSqlQuery &q)
{
    PredictionRow p;
    p.sampleId = q.value(0).toLongLong();
    p.label = q.value(1).toString();
    p.confidence = q.value(2).toDouble();
    p.score = optionalDouble(q.value(3));
    if (!q.value(4).isNull())
        p.rank = q.value(4).toInt();
    p.probabilities = q.value(5).toByteArray();
    p.detailJson = q.value(6).toString();
    return p;
}
} // namespace

Result<qint64> ProjectStore::beginRun(const QString &modelKind, const QString &configJson, const QString &device,
                                      const QString &strategy)
{
    QSqlQuery query(database());
    const auto inserted = sql::insertReturningId(
        query,
        QStringLiteral("INSERT INTO model_runs(created_at, status, model_kind, config, device, strategy, owner)"
                       " VALUES(?, 'running', ?, ?, ?, ?, ?)"),
        {sql::nowMs(), sql::text(modelKind), sql::text(configJson.isEmpty() ? QStringLiteral("{}") : configJson),
         sql::text(device), sql::text(strategy), thisProcessTag()},
        Tr::tr("starting a model run"));
    if (!inserted)
        return inserted;
    const qint64 id = *inserted;
    m_openRuns.push_back(id);
    return id;
}

Status ProjectStore::finishRun(qint64 runId, const RunResult &result)
{
    // The checkpoint goes in parts before the run is marked done: a crash in between leaves a run that is
    // still 'running', which nothing loads a model from. Each transaction writes parts for a few ms only and
    // stops at once when a label waits (see WriteGate).
    qsizetype offset = 0;
    qint64 part = 0;
    while (offset < result.checkpoint.size()) {
        Status written = bulkTransaction([&]() -> Status {
            QSqlQuery query(database());
            if (auto s = sql::prepare(query, QStringLiteral("INSERT INTO run_checkpoint_parts(run_id, part,"
                                                            " data) VALUES (?, ?, ?) ON CONFLICT(run_id, part)"
                                                            " DO UPDATE SET data = excluded.data"));
                !s)
                return s;
            const WriteGate::Budget budget(writeGate());
            do {
                query.bindValue(0, runId);
                query.bindValue(1, part);
                query.bindValue(2, result.checkpoint.mid(offset, kCheckpointPart));
                if (auto s = sql::exec(query, Tr::tr("saving a model run")); !s)
                    return s;
                offset += kCheckpointPart;
                ++part;
            } while (offset < result.checkpoint.size() && !budget.spent());
            return {};
        });
        if (!written)
            return written;
    }
    const Status done = bulkTransaction([&]() -> Status {
        QSqlQuery query(database());
        if (auto s = sql::run(query,
                                 QStringLiteral("UPDATE model_runs SET status = 'done', finished_at = ?, train_labels = ?,"
                                                " eval_labels = ?, seconds = ?, accuracy = ?, stop_kappa = ?,"
                                                " checkpoint = ? WHERE id = ?"),
                                 {sql::nowMs(), result.trainLabels, result.evalLabels, result.seconds,
                                  optionalValue(result.accuracy), optionalValue(result.stopKappa),
                                  QVariant(), runId},
                                 Tr::tr("saving a model run"));
            !s)
            return s;
        QSqlQuery epoch(database());
        for (const EpochRow &e : result.epochs)
            if (auto s = sql::run(epoch,
                                     QStringLiteral("INSERT INTO run_epochs(run_id, epoch, train_loss, dev_loss)"
                                                    " VALUES(?, ?, ?, ?)"),
                                     {runId, e.epoch, e.trainLoss, optionalValue(e.devLoss)}, Tr::tr("saving a model run"));
                !s)
                return s;
        QSqlQuery metric(database());
        int position = 0;
        for (const MetricRow &m : result.metrics)
            if (auto s = sql::run(metric,
                                     QStringLiteral("INSERT INTO run_metrics(run_id, level, name, is_average, precision,"
                                                    " recall, f1, support, position) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                                     {runId, m.level, m.name, m.isAverage ? 1 : 0, m.precision, m.recall, m.f1,
                                      m.support, position++},
                                     Tr::tr("saving a model run"));
                !s)
                return s;
        QSqlQuery cell(database());
        for (const ConfusionCell &c : result.confusion)
            if (auto s = sql::run(cell,
                                     QStringLiteral("INSERT INTO run_confusion(run_id, gold, predicted, count)"
                                                    " VALUES(?, ?, ?, ?)"),
                                     {runId, c.gold, c.predicted, c.count}, Tr::tr("saving a model run"));
                !s)
                return s;
        if (m_server) { // delivered to listening studios when this transaction commits
            QSqlQuery notify(database());
            return sql::run(notify, QStringLiteral("SELECT pg_notify(?, ?)"),
                            {changeChannel(), QStringLiteral("run %1").arg(runId)}, Tr::tr("saving a model run"));
        }
        return {};
    });
    if (done)
        m_openRuns.removeAll(runId);
    return done;
}

Status ProjectStore::failRun(qint64 runId, const QString &error, bool cancelled)
{
    QSqlQuery query(database());
    // Only a run still running: a late failure never turns a finished run into a failed one.
    const Status s = sql::run(query,
                              QStringLiteral("UPDATE model_runs SET status = ?, error = ?, finished_at = ?"
                                             " WHERE id = ? AND status = 'running'"),
                              {cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"), error, sql::nowMs(),
                               runId},
                              Tr::tr("saving a model run"));
    if (s)
        m_openRuns.removeAll(runId);
    return s;
}

Status ProjectStore::endOpenRuns(const QString &reason, bool cancelled)
{
    Status result;
    for (const qint64 runId : QVector<qint64>(m_openRuns))
        if (auto s = failRun(runId, reason, cancelled); !s && result)
            result = s;
    return result;
}

Status ProjectStore::endInterruptedRuns()
{
    QSqlQuery running(database());
    if (auto s = sql::run(running, QStringLiteral("SELECT id, owner FROM model_runs WHERE status = 'running'"), {},
                          Tr::tr("reading model runs"));
        !s)
        return s;
    QVector<qint64> interrupted;
    while (running.next()) {
        // A run without an owner was begun by a version before 4, which cannot open this file any more.
        const QString owner = running.value(1).toString();
        if (owner.isEmpty() || processState(owner) == ProcessState::Gone)
            interrupted.push_back(running.value(0).toLongLong());
    }
    running.finish();
    if (interrupted.isEmpty())
        return {};
    const QString reason = Tr::tr("Interrupted: the program running this round stopped before it finished "
                                  "(closed, killed or crashed).");
    return inTransaction([&]() -> Status {
        for (const qint64 runId : interrupted)
            if (auto s = failRun(runId, reason); !s)
                return s;
        return {};
    });
}

Status ProjectStore::storePredictions(qint64 runId, const QVector<PredictionRow> &rows, const std::atomic_bool *cancel)
{
    return storePredictions(runId, std::vector<const QVector<PredictionRow> *>{&rows}, cancel);
}

Status ProjectStore::storePredictions(qint64 runId, const std::vector<const QVector<PredictionRow> *> &lists,
                                      const std::atomic_bool *cancel)
{
    // Every row goes into the run's parts (id order; the last row of a sample wins), the top of the ranking also
    // into `predictions`, whole. Parts are encoded before any transaction, and written in short transactions:
    // an annotator's label written meanwhile waits for a few ms of writes, not the whole pool (see WriteGate).
    // The run stays "running" until finishRun, so nobody reads a half-written ranking.
    std::vector<const PredictionRow *> byId;
    std::size_t total = 0;
    for (const QVector<PredictionRow> *rows : lists)
        total += static_cast<std::size_t>(rows->size());
    byId.reserve(total);
    for (const QVector<PredictionRow> *rows : lists)
        for (const PredictionRow &p : *rows)
            byId.push_back(&p);
    std::stable_sort(byId.begin(), byId.end(),
                     [](const PredictionRow *a, const PredictionRow *b) { return a->sampleId < b->sampleId; });
    std::vector<const PredictionRow *> unique;
    unique.reserve(byId.size());
    for (std::size_t i = 0; i < byId.size(); ++i)
        if (i + 1 == byId.size() || byId[i + 1]->sampleId != byId[i]->sampleId)
            unique.push_back(byId[i]);
    byId = {};
    const auto cancelled = [&] { return cancel && cancel->load(); };
    std::size_t next = 0;
    while (next < unique.size()) {
        if (cancelled())
            return Error{Tr::tr("Training was cancelled.")};
        Status chunk = bulkTransaction([&]() -> Status {
            QSqlQuery insert(database());
            if (auto s = sql::prepare(insert, QString::fromUtf8(runscores::kInsertPart)); !s)
                return s;
            const WriteGate::Budget budget(writeGate());
            do {
                const int count = static_cast<int>(std::min<std::size_t>(runscores::kSamplesPerPart, unique.size() - next));
                if (auto s = runscores::insertPart(insert, runId, unique.data() + next, count); !s)
                    return s;
                next += static_cast<std::size_t>(count);
            } while (next < unique.size() && !budget.spent());
            return {};
        });
        if (!chunk)
            return chunk;
    }
    std::vector<const PredictionRow *> top;
    for (const PredictionRow *p : unique)
        if (p->rank && *p->rank <= runscores::kRankedRowsKept)
            top.push_back(p);
    next = 0;
    while (next < top.size()) {
        if (cancelled())
            return Error{Tr::tr("Training was cancelled.")};
        Status chunk = bulkTransaction([&]() -> Status {
            QSqlQuery query(database());
            if (auto s = sql::prepare(query, QStringLiteral("INSERT INTO predictions(run_id, sample_id, label,"
                                                            " confidence, score, rank, probabilities, detail)"
                                                            " VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(run_id, sample_id)"
                                                            " DO UPDATE SET label = excluded.label,"
                                                            " confidence = excluded.confidence, score = excluded.score,"
                                                            " rank = excluded.rank, probabilities = excluded.probabilities,"
                                                            " detail = excluded.detail"));
                !s)
                return s;
            const WriteGate::Budget budget(writeGate());
            do {
                const PredictionRow &p = *top[next++];
                query.bindValue(0, runId);
                query.bindValue(1, p.sampleId);
                query.bindValue(2, sql::text(p.label));
                query.bindValue(3, p.confidence);
                query.bindValue(4, optionalValue(p.score));
                query.bindValue(5, p.rank ? QVariant(*p.rank) : QVariant());
                query.bindValue(6, p.probabilities.isEmpty() ? QVariant() : QVariant(p.probabilities));
                query.bindValue(7, p.detailJson.isEmpty() ? QVariant() : QVariant(p.detailJson));
                if (auto s = sql::exec(query, Tr::tr("saving predictions")); !s)
                    return s;
            } while (next < top.size() && !budget.spent());
            return {};
        });
        if (!chunk)
            return chunk;
    }
    return {};
}

Status ProjectStore::prunePredictions(int keepLatestRuns)
{
    // Deleted in chunks for the same reason storePredictions writes in chunks; a part is some 100 KB of pages.
    const QString oldRuns = QStringLiteral(
        " WHERE run_id NOT IN (SELECT id FROM model_runs WHERE status = 'done' ORDER BY id DESC LIMIT ?)"
        " AND run_id NOT IN (SELECT id FROM model_runs WHERE status = 'running') LIMIT ?)");
    const struct
    {
        QString sql;
        int chunk;
    } steps[] = {{QStringLiteral("DELETE FROM predictions WHERE (run_id, sample_id) IN (SELECT run_id, sample_id"
                                 " FROM predictions") + oldRuns, kDeleteChunk},
                 {QStringLiteral("DELETE FROM run_scores WHERE (run_id, first_sample) IN (SELECT run_id, first_sample"
                                 " FROM run_scores") + oldRuns, kDeletePartChunk}};
    for (const auto &step : steps) {
        for (;;) {
            QSqlQuery query(database());
            if (auto s = bulkTransaction([&] {
                    return sql::run(query, step.sql, {qMax(1, keepLatestRuns), step.chunk},
                                    Tr::tr("pruning old predictions"));
                });
                !s)
                return s;
            if (query.numRowsAffected() < step.chunk)
                break;
        }
    }
    return {};
}

Status ProjectStore::pruneCheckpoints(int keepLatestRuns)
{
    QSqlQuery old(database());
    if (auto s = sql::run(old,
                          QStringLiteral("SELECT id FROM model_runs WHERE status <> 'running' AND id NOT IN"
                                         " (SELECT id FROM model_runs WHERE status = 'done' ORDER BY id DESC LIMIT ?)"
                                         " AND (checkpoint IS NOT NULL OR EXISTS(SELECT 1 FROM run_checkpoint_parts p"
                                         " WHERE p.run_id = model_runs.id))"),
                          {qMax(1, keepLatestRuns)}, Tr::tr("pruning old models"));
        !s)
        return s;
    QVector<qint64> runIds;
    while (old.next())
        runIds.push_back(old.value(0).toLongLong());
    // Parts are freed a few ms' worth per transaction, like the writes, so a label saved meanwhile never waits
    // for megabytes of pages to be freed.
    QSqlQuery query(database());
    for (qint64 runId : runIds) {
        bool more = true;
        while (more) {
            const Status freed = bulkTransaction([&]() -> Status {
                const WriteGate::Budget budget(writeGate());
                do {
                    if (auto s = sql::run(query,
                                          QStringLiteral("DELETE FROM run_checkpoint_parts WHERE run_id = ? AND part ="
                                                         " (SELECT min(part) FROM run_checkpoint_parts WHERE run_id = ?)"),
                                          {runId, runId}, Tr::tr("pruning old models"));
                        !s)
                        return s;
                    more = query.numRowsAffected() > 0;
                } while (more && !budget.spent());
                return {};
            });
            if (!freed)
                return freed;
        }
        if (auto s = bulkTransaction([&] {
                return sql::run(query, QStringLiteral("UPDATE model_runs SET checkpoint = NULL WHERE id = ?"), {runId},
                                Tr::tr("pruning old models"));
            });
            !s)
            return s;
    }
    return {};
}

Result<QVector<ModelRunRecord>> ProjectStore::runs() const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query, QStringLiteral("SELECT %1 FROM model_runs ORDER BY id").arg(QLatin1String(kRunColumns)),
                             {}, Tr::tr("reading model runs"));
        !s)
        return s;
    QVector<ModelRunRecord> out;
    while (query.next())
        out.push_back(readRun(query));
    return out;
}

Result<std::optional<ModelRunRecord>> ProjectStore::latestRun(bool onlyDone) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                             QStringLiteral("SELECT %1 FROM model_runs %2 ORDER BY id DESC LIMIT 1")
                                 .arg(QLatin1String(kRunColumns),
                                      onlyDone ? QStringLiteral("WHERE status = 'done'") : QString()),
                             {}, Tr::tr("reading model runs"));
        !s)
        return s;
    if (!query.next())
        return std::optional<ModelRunRecord>{};
    return std::optional<ModelRunRecord>{readRun(query)};
}

Result<QByteArray> ProjectStore::checkpoint(qint64 runId) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query, QStringLiteral("SELECT checkpoint FROM model_runs WHERE id = ?"), {runId},
                             Tr::tr("reading a model"));
        !s)
        return s;
    if (query.next() && !query.value(0).isNull())
        return query.value(0).toByteArray(); // saved before checkpoints were stored in parts
    QSqlQuery parts(database());
    if (auto s = sql::run(parts,
                             QStringLiteral("SELECT data FROM run_checkpoint_parts WHERE run_id = ? ORDER BY part"),
                             {runId}, Tr::tr("reading a model"));
        !s)
        return s;
    QByteArray bytes;
    while (parts.next())
        bytes += parts.value(0).toByteArray();
    if (bytes.isEmpty())
        return Error{Tr::tr("Model run %1 has no saved model.").arg(runId)};
    return bytes;
}

Result<QVector<MetricRow>> ProjectStore::runMetrics(qint64 runId) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                             QStringLiteral("SELECT level, name, is_average, precision, recall, f1, support"
                                            " FROM run_metrics WHERE run_id = ? ORDER BY position"),
                             {runId}, Tr::tr("reading metrics"));
        !s)
        return s;
    QVector<MetricRow> out;
    while (query.next())
        out.push_back(MetricRow{query.value(0).toString(), query.value(1).toString(), query.value(2).toInt() != 0,
                                query.value(3).toDouble(), query.value(4).toDouble(), query.value(5).toDouble(),
                                query.value(6).toLongLong()});
    return out;
}

Result<QVector<EpochRow>> ProjectStore::runEpochs(qint64 runId) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                             QStringLiteral("SELECT epoch, train_loss, dev_loss FROM run_epochs WHERE run_id = ?"
                                            " ORDER BY epoch"),
                             {runId}, Tr::tr("reading losses"));
        !s)
        return s;
    QVector<EpochRow> out;
    while (query.next())
        out.push_back(EpochRow{query.value(0).toInt(), query.value(1).toDouble(), optionalDouble(query.value(2))});
    return out;
}

Result<QVector<ConfusionCell>> ProjectStore::runConfusion(qint64 runId) const
{
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                             QStringLiteral("SELECT gold, predicted, count FROM run_confusion WHERE run_id = ?"),
                             {runId}, Tr::tr("reading the confusion matrix"));
        !s)
        return s;
    QVector<ConfusionCell> out;
    while (query.next())
        out.push_back(ConfusionCell{query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong()});
    return out;
}

Result<QVector<PredictionRow>> ProjectStore::rankedPredictions(qint64 runId, int limit, bool unlabeledOnly) const
{
    const QString unlabeled = QStringLiteral(
        " AND NOT EXISTS(SELECT 1 FROM annotations c WHERE c.id = (SELECT max(b.id) FROM annotations b"
        " WHERE b.sample_id = p.sample_id) AND c.cleared = 0)");
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                             QStringLiteral("SELECT sample_id, label, confidence, score, rank, probabilities, detail"
                                            " FROM predictions p WHERE run_id = ? AND rank IS NOT NULL%1"
                                            " ORDER BY rank LIMIT ?")
                                 .arg(unlabeledOnly ? unlabeled : QString()),
                             {runId, limit < 0 ? -1 : limit}, Tr::tr("reading the ranking"));
        !s)
        return s;
    QVector<PredictionRow> out;
    while (query.next())
        out.push_back(readPrediction(query));
    if (limit >= 0 && out.size() >= limit)
        return out;
    return rankingBelowKeptRows(runId, limit < 0 ? -1 : limit - int(out.size()), unlabeledOnly, out);
}

Result<QVector<PredictionRow>> ProjectStore::rankingBelowKeptRows(qint64 runId, int limit, bool unlabeledOnly,
                                                                  QVector<PredictionRow> out) const
{
    // The rest of the ranking is in the run's parts: a scan of them (0.1-0.3 s at a million samples), only when the
    // rows kept whole ran out.
    QSet<qint64> labeled;
    if (unlabeledOnly) {
        QSqlQuery current(database());
        if (auto s = sql::run(current,
                              QStringLiteral("SELECT sample_id FROM annotations a WHERE a.id = (SELECT max(b.id)"
                                             " FROM annotations b WHERE b.sample_id = a.sample_id) AND a.cleared = 0"),
                              {}, Tr::tr("reading the ranking"));
            !s)
            return s;
        while (current.next())
            labeled.insert(current.value(0).toLongLong());
    }
    std::vector<PredictionRow> below;
    const auto keepBelow = [&](const runscores::ScorePart &part) {
        for (int i = 0; i < part.size(); ++i)
            if (part.rank[std::size_t(i)] > runscores::kRankedRowsKept && !labeled.contains(part.ids[std::size_t(i)]))
                below.push_back(part.row(i));
        return true;
    };
    const Status read = m_server ? runscores::forEachPart(database(), runId, keepBelow)
                                 : runscores::forEachPart(sqliteHandle(), runId, keepBelow);
    if (!read)
        return Error{read.error()};
    std::sort(below.begin(), below.end(), [](const PredictionRow &a, const PredictionRow &b) { return *a.rank < *b.rank; });
    for (PredictionRow &p : below) {
        if (limit >= 0 && limit-- == 0)
            break;
        out.push_back(std::move(p));
    }
    return out;
}

Result<std::optional<PredictionRow>> ProjectStore::prediction(qint64 runId, qint64 sampleId) const
{
    // The top of the ranking is kept whole (with its probabilities); every other sample's prediction is in a part.
    QSqlQuery query(database());
    if (auto s = sql::run(query,
                             QStringLiteral("SELECT sample_id, label, confidence, score, rank, probabilities, detail"
                                            " FROM predictions WHERE run_id = ? AND sample_id = ?"),
                             {runId, sampleId}, Tr::tr("reading a prediction"));
        !s)
        return s;
    if (query.next())
        return std::optional<PredictionRow>{readPrediction(query)};
    const auto rows = predictions(runId, {sampleId});
    if (!rows)
        return Error{rows.error()};
    const auto it = rows->constFind(sampleId);
    return it == rows->constEnd() ? std::optional<PredictionRow>{} : std::optional<PredictionRow>{*it};
}

Result<QHash<qint64, PredictionRow>> ProjectStore::predictions(qint64 runId, const QVector<qint64> &sampleIds) const
{
    return m_server ? runscores::rowsOf(database(), runId, sampleIds) : runscores::rowsOf(sqliteHandle(), runId, sampleIds);
}

Status ProjectStore::forEachPrediction(qint64 runId, const std::function<bool(const PredictionRow &)> &visit) const
{
    bool more = true;
    const auto visitPart = [&](const runscores::ScorePart &part) {
        for (int i = 0; i < part.size() && more; ++i)
            more = visit(part.row(i));
        return more;
    };
    return m_server ? runscores::forEachPart(database(), runId, visitPart)
                    : runscores::forEachPart(sqliteHandle(), runId, visitPart);
}

} // namespace marginalia
