// The project file's schema. core/store/SCHEMA.md explains each table; keep both in step.
#include "store/Schema.h"
#include "store/RunScores.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <vector>

namespace marginalia::schema {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

const char *const kVersion1[] = {
    R"(CREATE TABLE settings(
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL))",
    R"(CREATE TABLE labels(
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL UNIQUE CHECK(length(name) > 0),
        color    TEXT NOT NULL DEFAULT '',
        shortcut TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0))",
    R"(CREATE TABLE samples(
        id           INTEGER PRIMARY KEY,
        external_id  TEXT,
        text         TEXT NOT NULL,
        tokens       TEXT,
        meta         TEXT,
        content_hash BLOB NOT NULL,
        split        TEXT NOT NULL DEFAULT 'pool' CHECK(split IN ('pool', 'eval')),
        created_at   INTEGER NOT NULL))",
    // A named index rather than a column constraint, so a bulk import can drop it and build it again in one
    // sort (core/io/ImportWriter.cpp spells the same statement).
    "CREATE UNIQUE INDEX samples_content_hash ON samples(content_hash)",
    "CREATE INDEX samples_split ON samples(split, id)",
    R"(CREATE TABLE annotations(
        id         INTEGER PRIMARY KEY,
        sample_id  INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        cleared    INTEGER NOT NULL DEFAULT 0 CHECK(cleared IN (0, 1)),
        annotator  TEXT NOT NULL DEFAULT '',
        source     TEXT NOT NULL CHECK(source IN ('human', 'imported', 'model-accepted')),
        created_at INTEGER NOT NULL))",
    "CREATE INDEX annotations_sample ON annotations(sample_id, id)",
    R"(CREATE TABLE annotation_labels(
        annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        label_id      INTEGER NOT NULL REFERENCES labels(id),
        PRIMARY KEY(annotation_id, label_id)) WITHOUT ROWID)",
    "CREATE INDEX annotation_labels_label ON annotation_labels(label_id)",
    R"(CREATE TABLE annotation_spans(
        annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        start         INTEGER NOT NULL CHECK(start >= 0),
        end           INTEGER NOT NULL,
        label_id      INTEGER NOT NULL REFERENCES labels(id),
        CHECK(end > start),
        PRIMARY KEY(annotation_id, start, end, label_id)) WITHOUT ROWID)",
    "CREATE INDEX annotation_spans_label ON annotation_spans(label_id)",
    // The newest version of each sample's annotation; rows with cleared = 1 mean "unlabeled again".
    R"(CREATE VIEW current_annotations AS
        SELECT a.* FROM annotations a
        WHERE a.id = (SELECT max(b.id) FROM annotations b WHERE b.sample_id = a.sample_id))",
    R"(CREATE TABLE sample_flags(
        sample_id  INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,
        comment    TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL))",
    R"(CREATE TABLE model_runs(
        id           INTEGER PRIMARY KEY,
        created_at   INTEGER NOT NULL,
        finished_at  INTEGER,
        status       TEXT NOT NULL CHECK(status IN ('running', 'done', 'failed', 'cancelled')),
        error        TEXT,
        model_kind   TEXT NOT NULL,
        config       TEXT NOT NULL DEFAULT '{}',
        device       TEXT NOT NULL DEFAULT '',
        strategy     TEXT NOT NULL DEFAULT '',
        train_labels INTEGER NOT NULL DEFAULT 0,
        eval_labels  INTEGER NOT NULL DEFAULT 0,
        seconds      REAL,
        accuracy     REAL,
        stop_kappa   REAL,
        checkpoint   BLOB))",
    R"(CREATE TABLE run_epochs(
        run_id     INTEGER NOT NULL REFERENCES model_runs(id) ON DELETE CASCADE,
        epoch      INTEGER NOT NULL,
        train_loss REAL NOT NULL,
        dev_loss   REAL,
        PRIMARY KEY(run_id, epoch)) WITHOUT ROWID)",
    R"(CREATE TABLE run_metrics(
        run_id     INTEGER NOT NULL REFERENCES model_runs(id) ON DELETE CASCADE,
        level      TEXT NOT NULL DEFAULT 'label',
        name       TEXT NOT NULL,
        is_average INTEGER NOT NULL DEFAULT 0,
        precision  REAL NOT NULL,
        recall     REAL NOT NULL,
        f1         REAL NOT NULL,
        support    INTEGER NOT NULL,
        position   INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY(run_id, level, name)) WITHOUT ROWID)",
    R"(CREATE TABLE run_confusion(
        run_id    INTEGER NOT NULL REFERENCES model_runs(id) ON DELETE CASCADE,
        gold      TEXT NOT NULL,
        predicted TEXT NOT NULL,
        count     INTEGER NOT NULL,
        PRIMARY KEY(run_id, gold, predicted)) WITHOUT ROWID)",
    R"(CREATE TABLE predictions(
        run_id        INTEGER NOT NULL REFERENCES model_runs(id) ON DELETE CASCADE,
        sample_id     INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        label         TEXT NOT NULL DEFAULT '',
        confidence    REAL NOT NULL,
        score         REAL,
        rank          INTEGER,
        probabilities BLOB,
        detail        TEXT,
        PRIMARY KEY(run_id, sample_id)) WITHOUT ROWID)",
    "CREATE INDEX predictions_rank ON predictions(run_id, rank) WHERE rank IS NOT NULL",
};

// Version 2: a model checkpoint (tens of MB) is stored in parts, each written in its own short transaction,
// so a label saved meanwhile waits for one part instead of the whole blob.
const char *const kVersion2[] = {
    R"(CREATE TABLE run_checkpoint_parts(
        run_id INTEGER NOT NULL REFERENCES model_runs(id) ON DELETE CASCADE,
        part   INTEGER NOT NULL,
        data   BLOB NOT NULL,
        PRIMARY KEY(run_id, part)) WITHOUT ROWID)",
};

// Version 3: the split index covers the evaluation samples only. Pool queries read most of the table anyway,
// so a (split, id) index over every row cost a sort per bulk import (a tenth of its time) for nothing;
// queries name the split as a literal so the planner can use this partial index.
const char *const kVersion3[] = {
    "DROP INDEX IF EXISTS samples_split",
    "CREATE INDEX IF NOT EXISTS samples_eval ON samples(id) WHERE split = 'eval'",
};

// Version 4: the process that runs a round ("HOST PID START", store/ProcessTag.h), so that opening a project
// can end the runs a dead process left "running".
const char *const kVersion4[] = {
    "ALTER TABLE model_runs ADD COLUMN owner TEXT",
};

// Version 5: one key per setting (settings/ProjectSettings.h). The studio kept a few keys of its own and the
// CLI read a "training_options" JSON object nothing wrote; both become the registry's keys, the studio's value
// first where both had one.
const char *const kVersion5[] = {
    "UPDATE OR IGNORE settings SET key = 'model.batch_size' WHERE key = 'model.batchSize'",
    "UPDATE OR IGNORE settings SET key = 'studio.retrain_interval' WHERE key = 'ui.retrainInterval'",
    "UPDATE OR IGNORE settings SET key = 'import.eval_fraction' WHERE key = 'import.evalFraction'",
    // Each field of the JSON object (its names are the model keys without "model."); a null or an invalid object
    // gives nothing. JSON true/false arrive as 1/0, which the registry reads as booleans.
    "INSERT OR IGNORE INTO settings(key, value) SELECT 'model.' || j.key, CAST(j.value AS TEXT)"
    " FROM settings s, json_each(s.value) j WHERE s.key = 'training_options' AND json_valid(s.value)"
    " AND j.key IN ('strategy', 'batch_size', 'epochs', 'embedding_dim', 'hidden_dim', 'dropout', 'learning_rate',"
    " 'augment', 'class_weights', 'mc_passes', 'seed', 'pretrained_vectors') AND j.value IS NOT NULL",
    "DELETE FROM settings WHERE key IN ('training_options', 'model.batchSize', 'ui.retrainInterval', 'import.evalFraction')",
};

// Version 6: model weights are stored as plain named tensors (ml/TensorBundle.h), whose first bytes are
// "MRGNTNSR", and no longer as torch::save archives (a zip of code and a pickle, which torch parses and runs).
// Those are dropped rather than read. The run's checkpoint becomes an empty blob, which ProjectStore::checkpoint
// returns as empty bytes and every reader takes for "no stored model": the next round trains from scratch, and
// the run keeps its metrics, epochs and predictions. How many runs changed tells migrate() whether to say so.
const char *const kVersion6[] = {
    "UPDATE model_runs SET checkpoint = x''"
    " WHERE (length(checkpoint) > 0 AND substr(checkpoint, 1, 8) IS NOT x'4D52474E544E5352')"
    " OR id IN (SELECT p.run_id FROM run_checkpoint_parts p"
    " WHERE p.part = (SELECT min(q.part) FROM run_checkpoint_parts q WHERE q.run_id = p.run_id)"
    " AND substr(p.data, 1, 8) IS NOT x'4D52474E544E5352')",
    "DELETE FROM run_checkpoint_parts WHERE run_id IN (SELECT id FROM model_runs WHERE checkpoint = x'')",
};

// Version 7: where each label came from (the run, strategy, score and rank that surfaced the sample, or a
// search, teach mode, a random evaluation pick) and how long the annotator took; and rejected labels ("not
// this label"), which are constraints and negatives, never labels, so they live outside the annotation versions.
const char *const kVersion7[] = {
    "ALTER TABLE annotations ADD COLUMN origin TEXT",
    "ALTER TABLE annotations ADD COLUMN origin_run_id INTEGER",
    "ALTER TABLE annotations ADD COLUMN origin_strategy TEXT",
    "ALTER TABLE annotations ADD COLUMN origin_score REAL",
    "ALTER TABLE annotations ADD COLUMN origin_rank INTEGER",
    "ALTER TABLE annotations ADD COLUMN seconds REAL",
    R"(CREATE TABLE label_rejections(
        id              INTEGER PRIMARY KEY,
        sample_id       INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        label_id        INTEGER NOT NULL REFERENCES labels(id),
        annotator       TEXT NOT NULL DEFAULT '',
        source          TEXT NOT NULL CHECK(source IN ('human', 'imported', 'model-accepted')),
        created_at      INTEGER NOT NULL,
        origin          TEXT,
        origin_run_id   INTEGER,
        origin_strategy TEXT,
        origin_score    REAL,
        origin_rank     INTEGER,
        seconds         REAL))",
    "CREATE INDEX label_rejections_sample ON label_rejections(sample_id)",
    "CREATE INDEX label_rejections_label ON label_rejections(label_id)",
};

// Version 8: word vectors learned from the project's own text (ml/PoolPretraining.h), one row: the vectors of
// the last pretraining as one blob (words and float32 values, "MRGNVECS"), with what they were learned from.
const char *const kVersion8[] = {
    R"(CREATE TABLE pool_vectors(
        id         INTEGER PRIMARY KEY CHECK(id = 1),
        created_at INTEGER NOT NULL,
        samples    INTEGER NOT NULL,
        words      INTEGER NOT NULL,
        dim        INTEGER NOT NULL,
        seconds    REAL,
        data       BLOB NOT NULL))",
};

// Version 9: image projects. A sample's text is its image's path relative to the project file's folder and its
// content_hash the SHA-256 of the image's bytes; a project made self-contained keeps the bytes here as well.
const char *const kVersion9[] = {
    R"(CREATE TABLE sample_images(
        sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,
        data      BLOB NOT NULL))",
};

// Version 10: the browse view at a million samples. A full-text index over samples(text) with the trigram
// tokenizer (any substring of three characters or more, Chinese as English, case folded), external content so the
// text is not stored twice, and neither positions (detail=none) nor sizes: a word's trigrams find the candidates
// and the text itself confirms them. Not kept by triggers: a project opens with trusted_schema = OFF, under which
// SQLite refuses a virtual table in a trigger (a temporary one too), so the writers of samples index the rows
// above samples_fts_state.indexed_to (samples are only ever appended; a bulk import leaves them to the background
// indexing), and a search scans the rows above it.
const char *const kVersion10[] = {
    "CREATE VIRTUAL TABLE samples_fts USING fts5(text, content='samples', content_rowid='id', tokenize='trigram',"
    " detail='none', columnsize=0)",
    R"(CREATE TABLE samples_fts_state(
        id         INTEGER PRIMARY KEY CHECK(id = 1),
        indexed_to INTEGER NOT NULL))",
    // Up to 32 MB of new index entries wait in memory before they go to a segment (1 MB by default): a bulk import
    // then writes and merges far fewer segments (measured: 45 % less time indexing 300,000 paragraphs).
    "INSERT INTO samples_fts(samples_fts, rank) VALUES('hashsize', 33554432)",
    "INSERT INTO samples_fts_state(id, indexed_to) VALUES(1, 0)",
};

// Version 11: what a TorchScript image backbone (ml/ImageBackbone.h) made of each image, so that a round, a rank or
// an audit after a restart does not run the backbone over every image again. One backbone's features per sample
// (`backbone`: the file's SHA-256); a round with another backbone replaces them.
const char *const kVersion11[] = {
    R"(CREATE TABLE image_features(
        sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,
        backbone  TEXT NOT NULL,
        data      BLOB NOT NULL))",
};

// Version 12: a run's prediction of every sample as compact parts (store/RunScores.h); `predictions` keeps the
// top of each ranking. The upgrade moves every stored run's rows into parts.
const char *const kVersion12[] = {
    R"(CREATE TABLE run_scores(
        run_id       INTEGER NOT NULL REFERENCES model_runs(id) ON DELETE CASCADE,
        first_sample INTEGER NOT NULL,
        last_sample  INTEGER NOT NULL,
        data         BLOB NOT NULL,
        PRIMARY KEY(run_id, first_sample)))",
};

// Version 13: who is labeling which sample right now (store/Assignments.h). A lease per sample and annotator,
// until `expires_at` (ms since epoch): several studios on one project never get the same sample at once, except
// the overlap share that several annotators label on purpose.
const char *const kVersion13[] = {
    R"(CREATE TABLE assignments(
        sample_id  INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        annotator  TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY(sample_id, annotator)) WITHOUT ROWID)",
    "CREATE INDEX assignments_annotator ON assignments(annotator)",
};

// Version 14: a label made for a server project carries the key its maker gave it (AnnotationInput::clientKey), so a
// label sent twice (a retry after a dropped connection, the local outbox) is stored once.
const char *const kVersion14[] = {
    "ALTER TABLE annotations ADD COLUMN client_key TEXT",
    "CREATE UNIQUE INDEX annotations_client_key ON annotations(client_key) WHERE client_key IS NOT NULL",
};

Status runAll(QSqlDatabase &db, const char *const *begin, const char *const *end)
{
    for (auto it = begin; it != end; ++it) {
        QSqlQuery query(db);
        if (!query.exec(QString::fromUtf8(*it)))
            return sql::failure(query, QStringLiteral("schema"));
    }
    return {};
}

// Version 12's data step: each run's prediction rows become parts, and only the top of its ranking stays a row.
Status movePredictionsToParts(QSqlDatabase &db)
{
    QSqlQuery runs(db);
    if (!runs.exec(QStringLiteral("SELECT DISTINCT run_id FROM predictions")))
        return sql::failure(runs, Tr::tr("upgrading stored predictions"));
    QVector<qint64> runIds;
    while (runs.next())
        runIds.push_back(runs.value(0).toLongLong());
    QSqlQuery insert(db);
    if (auto s = sql::prepare(insert, QString::fromUtf8(runscores::kInsertPart)); !s)
        return s;
    for (const qint64 runId : std::as_const(runIds)) {
        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        if (auto s = sql::run(rows,
                              QStringLiteral("SELECT sample_id, label, confidence, score, rank, detail FROM predictions"
                                             " WHERE run_id = ? ORDER BY sample_id"),
                              {runId}, Tr::tr("upgrading stored predictions"));
            !s)
            return s;
        std::vector<PredictionRow> part;
        std::vector<const PredictionRow *> pointers;
        const auto flush = [&]() -> Status {
            pointers.clear();
            for (const PredictionRow &p : part)
                pointers.push_back(&p);
            const Status s = runscores::insertPart(insert, runId, pointers.data(), static_cast<int>(pointers.size()));
            part.clear();
            return s;
        };
        while (rows.next()) {
            PredictionRow p;
            p.sampleId = rows.value(0).toLongLong();
            p.label = rows.value(1).toString();
            p.confidence = rows.value(2).toDouble();
            if (!rows.value(3).isNull())
                p.score = rows.value(3).toDouble();
            if (!rows.value(4).isNull())
                p.rank = rows.value(4).toInt();
            p.detailJson = rows.value(5).toString();
            part.push_back(std::move(p));
            if (part.size() == std::size_t(runscores::kSamplesPerPart))
                if (auto s = flush(); !s)
                    return s;
        }
        if (auto s = flush(); !s)
            return s;
    }
    QSqlQuery prune(db);
    if (!prune.exec(QStringLiteral("DELETE FROM predictions WHERE rank IS NULL OR rank > %1").arg(runscores::kRankedRowsKept)))
        return sql::failure(prune, Tr::tr("upgrading stored predictions"));
    return {};
}

} // namespace

Status migrate(QSqlDatabase &db, int fromVersion, QStringList *notices)
{
    if (fromVersion >= kCurrentVersion)
        return {};
    return sql::inTransaction(db, [&]() -> Status {
        // Ordered steps: each brings version N-1 to N. Add new steps below, never edit old ones.
        if (fromVersion < 1) {
            if (auto s = runAll(db, std::begin(kVersion1), std::end(kVersion1)); !s)
                return s;
        }
        if (fromVersion < 2) {
            if (auto s = runAll(db, std::begin(kVersion2), std::end(kVersion2)); !s)
                return s;
        }
        if (fromVersion < 3) {
            if (auto s = runAll(db, std::begin(kVersion3), std::end(kVersion3)); !s)
                return s;
        }
        if (fromVersion < 4) {
            if (auto s = runAll(db, std::begin(kVersion4), std::end(kVersion4)); !s)
                return s;
        }
        if (fromVersion < 5) {
            if (auto s = runAll(db, std::begin(kVersion5), std::end(kVersion5)); !s)
                return s;
        }
        if (fromVersion < 6) {
            QSqlQuery query(db);
            if (!query.exec(QString::fromUtf8(kVersion6[0])))
                return sql::failure(query, QStringLiteral("schema"));
            const int dropped = query.numRowsAffected(); // SQLite's count of the connection's last statement
            if (auto s = runAll(db, std::begin(kVersion6) + 1, std::end(kVersion6)); !s)
                return s;
            if (dropped > 0 && notices)
                notices->append(Tr::tr("Stored models from an older version of Marginalia were removed: this version "
                                       "keeps models in a new format. Runs, metrics and predictions are kept; the next "
                                       "training round trains a new model."));
        }
        if (fromVersion < 7) {
            if (auto s = runAll(db, std::begin(kVersion7), std::end(kVersion7)); !s)
                return s;
        }
        if (fromVersion < 8) {
            if (auto s = runAll(db, std::begin(kVersion8), std::end(kVersion8)); !s)
                return s;
        }
        if (fromVersion < 9) {
            if (auto s = runAll(db, std::begin(kVersion9), std::end(kVersion9)); !s)
                return s;
        }
        if (fromVersion < 10) {
            if (auto s = runAll(db, std::begin(kVersion10), std::end(kVersion10)); !s)
                return s;
            QSqlQuery index(db);
            for (const char *statement : kIndexAllNewText)
                if (!index.exec(QString::fromUtf8(statement)))
                    return sql::failure(index, Tr::tr("indexing the samples' text"));
        }
        if (fromVersion < 11) {
            if (auto s = runAll(db, std::begin(kVersion11), std::end(kVersion11)); !s)
                return s;
        }
        if (fromVersion < 12) {
            if (auto s = runAll(db, std::begin(kVersion12), std::end(kVersion12)); !s)
                return s;
            if (auto s = movePredictionsToParts(db); !s)
                return s;
        }
        if (fromVersion < 13) {
            if (auto s = runAll(db, std::begin(kVersion13), std::end(kVersion13)); !s)
                return s;
        }
        if (fromVersion < 14) {
            if (auto s = runAll(db, std::begin(kVersion14), std::end(kVersion14)); !s)
                return s;
        }
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId))
            || !query.exec(QStringLiteral("PRAGMA user_version = %1").arg(kCurrentVersion)))
            return sql::failure(query, QStringLiteral("schema version"));
        return {};
    });
}

} // namespace marginalia::schema
