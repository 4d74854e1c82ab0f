#include "store/ProjectTransfer.h"
#include "store/Assignments.h"
#include "store/ProjectStore.h"
#include "store/Schema.h"
#include "store/SqlDialect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <unistd.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

constexpr int kRowsPerInsert = 200;

// Parents before children, so that every row's references exist when it arrives; tables a later version adds
// come after these, in name order.
const char *const kTableOrder[] = {"settings", "labels", "samples", "sample_images", "annotations",
                                   "annotation_labels", "annotation_spans", "label_rejections", "sample_flags",
                                   "assignments", "pool_vectors", "image_features", "model_runs",
                                   "run_checkpoint_parts", "run_epochs", "run_metrics", "run_confusion",
                                   "predictions", "run_scores"};

struct Column
{
    QString name;
    QString type; // the file's declared type
    bool notNull = false;
    int primaryKey = 0; // position in the primary key, 0 = not in it
    QString defaultValue; // the declared default as SQL text (a number or a quoted string), empty if none
};

struct Table
{
    QString name;
    QVector<Column> columns;
};

QString quoted(const QString &identifier)
{
    return QLatin1Char('"') + QString(identifier).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

Error failure(const QSqlQuery &query, const QString &what)
{
    return Error{Tr::tr("%1: %2").arg(what, query.lastError().text().trimmed())};
}

// The file's tables with their columns; the full-text index is left out (it is built again from the samples).
Result<QVector<Table>> fileTables(const QSqlDatabase &db)
{
    QSqlQuery names(db);
    if (!names.exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                   " AND name NOT LIKE 'samples_fts%'")))
        return failure(names, Tr::tr("reading the project's tables"));
    QStringList found;
    while (names.next())
        found << names.value(0).toString();
    QStringList ordered;
    for (const char *name : kTableOrder)
        if (found.removeAll(QLatin1String(name)) > 0)
            ordered << QLatin1String(name);
    found.sort();
    ordered += found;
    QVector<Table> tables;
    for (const QString &name : std::as_const(ordered)) {
        Table t;
        t.name = name;
        QSqlQuery info(db);
        if (!info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(quoted(name))))
            return failure(info, Tr::tr("reading the project's tables"));
        while (info.next())
            t.columns.push_back({info.value(1).toString(), info.value(2).toString().toUpper(), info.value(3).toInt() != 0,
                                 info.value(5).toInt(), info.value(4).toString()});
        tables.push_back(t);
    }
    return tables;
}

QString serverType(const QString &fileType)
{
    if (fileType.contains(QLatin1String("INT")))
        return QStringLiteral("BIGINT");
    if (fileType.contains(QLatin1String("REAL")) || fileType.contains(QLatin1String("DOUB")))
        return QStringLiteral("DOUBLE PRECISION");
    if (fileType.contains(QLatin1String("BLOB")))
        return QStringLiteral("BYTEA");
    return QStringLiteral("TEXT");
}

QString createStatement(const QString &schema, const Table &t)
{
    QStringList parts, keys;
    QVector<const Column *> byKey;
    for (const Column &c : t.columns) {
        parts << QStringLiteral("%1 %2%3").arg(quoted(c.name), serverType(c.type),
                                               c.notNull || c.primaryKey ? QStringLiteral(" NOT NULL") : QString());
        if (c.primaryKey)
            byKey.push_back(&c);
    }
    std::sort(byKey.begin(), byKey.end(), [](const Column *a, const Column *b) { return a->primaryKey < b->primaryKey; });
    for (const Column *c : byKey)
        keys << quoted(c->name);
    if (!keys.isEmpty())
        parts << QStringLiteral("PRIMARY KEY(%1)").arg(keys.join(QStringLiteral(", ")));
    return QStringLiteral("CREATE TABLE %1.%2(%3)").arg(quoted(schema), quoted(t.name), parts.join(QStringLiteral(", ")));
}

// Copies every row `select` yields into `table` (columns in the same order), a few hundred rows per statement.
Status copyRows(QSqlQuery &select, QSqlDatabase &to, const QString &table, const QStringList &columns,
                const std::atomic_bool *cancel, const std::function<void(qint64)> &copied)
{
    const QString head = QStringLiteral("INSERT INTO %1(%2) VALUES ").arg(table, columns.join(QStringLiteral(", ")));
    const QString row = QLatin1Char('(') + QStringList(columns.size(), QStringLiteral("?")).join(QLatin1Char(',')) + QLatin1Char(')');
    QVector<QVariant> values;
    int rows = 0;
    const auto flush = [&]() -> Status {
        if (rows == 0)
            return {};
        QSqlQuery insert(to);
        QStringList tuples(rows, row);
        if (!insert.prepare(head + tuples.join(QLatin1Char(','))))
            return failure(insert, Tr::tr("copying %1").arg(table));
        for (const QVariant &v : std::as_const(values))
            insert.addBindValue(v);
        if (!insert.exec())
            return failure(insert, Tr::tr("copying %1").arg(table));
        copied(rows);
        values.clear();
        rows = 0;
        return {};
    };
    while (select.next()) {
        for (int i = 0; i < columns.size(); ++i)
            values.push_back(select.value(i));
        if (++rows == kRowsPerInsert) {
            if (cancel && cancel->load())
                return Error{Tr::tr("The copy was cancelled; nothing was written.")};
            if (auto s = flush(); !s)
                return s;
        }
    }
    if (select.lastError().isValid())
        return failure(select, Tr::tr("reading %1").arg(table));
    return flush();
}

// The table's CHECK constraints as the file declares them (its CREATE TABLE text; `end`, a reserved word on the
// server, quoted), and its foreign keys with their ON DELETE actions: the server refuses what the file refuses.
Status addChecksAndReferences(QSqlQuery &q, const QSqlDatabase &file, const QString &schema, const Table &t)
{
    const QString table = schema + QLatin1Char('.') + quoted(t.name);
    QSqlQuery read(file);
    if (!read.exec(QStringLiteral("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = '%1'").arg(t.name))
        || !read.next())
        return failure(read, Tr::tr("reading the project's tables"));
    const QString create = read.value(0).toString();
    static const QRegularExpression check(QStringLiteral("\\bCHECK\\s*\\("), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression end(QStringLiteral("\\bend\\b"));
    for (auto it = check.globalMatch(create); it.hasNext();) {
        const auto match = it.next();
        int depth = 1;
        qsizetype at = match.capturedEnd();
        const qsizetype from = at;
        for (; at < create.size() && depth > 0; ++at)
            depth += create.at(at) == QLatin1Char('(') ? 1 : create.at(at) == QLatin1Char(')') ? -1 : 0;
        if (depth != 0)
            return Error{Tr::tr("The project's table %1 has a constraint that cannot be read.").arg(t.name)};
        QString expression = create.mid(from, at - 1 - from);
        expression.replace(end, QStringLiteral("\"end\""));
        // NOT VALID: the rows the file holds were checked by SQLite already; new rows are checked from now on.
        if (!q.exec(QStringLiteral("ALTER TABLE %1 ADD CHECK (%2) NOT VALID").arg(table, expression)))
            return failure(q, Tr::tr("creating the project's constraints on the server"));
    }
    if (!read.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(quoted(t.name))))
        return failure(read, Tr::tr("reading the project's tables"));
    struct Reference
    {
        QString parent, onDelete;
        QStringList from, to;
    };
    QMap<int, Reference> references;
    while (read.next()) {
        Reference &r = references[read.value(0).toInt()];
        r.parent = read.value(2).toString();
        r.from << quoted(read.value(3).toString());
        if (!read.value(4).isNull())
            r.to << quoted(read.value(4).toString());
        r.onDelete = read.value(6).toString();
    }
    for (const Reference &r : std::as_const(references)) {
        const QString to = r.to.isEmpty() ? QString() : QStringLiteral("(%1)").arg(r.to.join(QStringLiteral(", ")));
        const QString onDelete = r.onDelete == QLatin1String("NO ACTION") || r.onDelete.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" ON DELETE ") + r.onDelete;
        if (!q.exec(QStringLiteral("ALTER TABLE %1 ADD FOREIGN KEY (%2) REFERENCES %3.%4%5%6 NOT VALID")
                        .arg(table, r.from.join(QStringLiteral(", ")), schema, quoted(r.parent), to, onDelete)))
            return failure(q, Tr::tr("creating the project's constraints on the server"));
    }
    return {};
}

// What the file declares beyond columns and primary keys, so that the server answers the store's statements as the
// file does: its indexes (the unique ones are what ON CONFLICT relies on), ids handed out by sequences, and the
// function that tells a lease who labeled a sample (security definer: under row-level security an annotator does
// not see the others' labels of an overlap sample, but must not be leased one that is already full).
Status addServerLayout(QSqlQuery &q, const QSqlDatabase &file, const QString &schema, const QVector<Table> &tables)
{
    const QString s = quoted(schema);
    for (const Table &t : tables) {
        QSqlQuery list(file);
        if (!list.exec(QStringLiteral("PRAGMA index_list(%1)").arg(quoted(t.name))))
            return failure(list, Tr::tr("reading the project's indexes"));
        struct Index
        {
            QString name;
            bool unique = false;
            QString origin;
        };
        QVector<Index> indexes;
        while (list.next())
            indexes.push_back({list.value(1).toString(), list.value(2).toInt() != 0, list.value(3).toString()});
        for (const Index &index : std::as_const(indexes)) {
            QString statement;
            if (index.origin == QLatin1String("c")) { // CREATE INDEX: its own text, the table moved into the schema
                QSqlQuery text(file);
                if (!text.exec(QStringLiteral("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = '%1'").arg(index.name))
                    || !text.next())
                    return failure(text, Tr::tr("reading the project's indexes"));
                statement = text.value(0).toString().replace(QStringLiteral(" ON %1(").arg(t.name),
                                                             QStringLiteral(" ON %1.%2(").arg(s, quoted(t.name)));
                statement.replace(QLatin1String("IF NOT EXISTS "), QString());
            } else if (index.origin == QLatin1String("u")) { // a UNIQUE column constraint
                QSqlQuery columns(file);
                if (!columns.exec(QStringLiteral("PRAGMA index_info(%1)").arg(quoted(index.name))))
                    return failure(columns, Tr::tr("reading the project's indexes"));
                QStringList names;
                while (columns.next())
                    names << quoted(columns.value(2).toString());
                statement = QStringLiteral("CREATE UNIQUE INDEX ON %1.%2(%3)").arg(s, quoted(t.name), names.join(QStringLiteral(", ")));
            } else {
                continue; // the primary key, created with the table
            }
            if (!q.exec(statement))
                return failure(q, Tr::tr("creating the project's indexes on the server"));
        }
        // Defaults too: the store leaves columns out of an INSERT where the file fills them in.
        static const QRegularExpression literal(QStringLiteral("^(-?[0-9.]+|'[^']*')$"));
        for (const Column &c : t.columns)
            if (literal.match(c.defaultValue).hasMatch()
                && !q.exec(QStringLiteral("ALTER TABLE %1.%2 ALTER COLUMN %3 SET DEFAULT %4")
                               .arg(s, quoted(t.name), quoted(c.name), c.defaultValue)))
                return failure(q, Tr::tr("creating the project's defaults on the server"));
        if (auto checked = addChecksAndReferences(q, file, s, t); !checked)
            return checked;
        const bool ownIds = std::any_of(t.columns.cbegin(), t.columns.cend(), [](const Column &c) {
            return c.name == QLatin1String("id") && c.primaryKey == 1 && c.type.contains(QLatin1String("INT"));
        });
        if (!ownIds)
            continue;
        const QString sequence = QStringLiteral("%1.%2").arg(s, quoted(t.name + QStringLiteral("_id_seq")));
        for (const QString &statement :
             {QStringLiteral("CREATE SEQUENCE IF NOT EXISTS %1 OWNED BY %2.%3.id").arg(sequence, s, quoted(t.name)),
              QStringLiteral("SELECT setval('%1', (SELECT coalesce(max(id), 0) + 1 FROM %2.%3), false)")
                  .arg(QString(sequence).replace(QLatin1Char('\''), QStringLiteral("''")), s, quoted(t.name)),
              QStringLiteral("ALTER TABLE %1.%2 ALTER COLUMN id SET DEFAULT nextval('%3')")
                  .arg(s, quoted(t.name), QString(sequence).replace(QLatin1Char('\''), QStringLiteral("''")))})
            if (!q.exec(statement))
                return failure(q, Tr::tr("creating the project's ids on the server"));
    }
    // The store's own queries (store/Assignments.h), run with the rights of the one who pushed; their search path is
    // the project's schema, which only its owners may change.
    const QString definer = QStringLiteral("LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1, pg_catalog").arg(s);
    for (const QString &function :
         {QStringLiteral("CREATE FUNCTION %1.sample_labelers(bigint) RETURNS SETOF text %2 AS $$ %3 $$")
              .arg(s, definer, sql::numberedParameters(labelersOfSampleSql())),
          QStringLiteral("CREATE FUNCTION %1.overlap_waiting(text, bigint, bigint, bigint) RETURNS SETOF bigint %2"
                         " AS $$ %3 $$")
              .arg(s, definer, sql::numberedParameters(overlapWaitingSql()))})
        if (!q.exec(function))
            return failure(q, Tr::tr("creating the project on the server"));
    return {};
}

Result<qint64> countRows(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !q.next())
        return failure(q, Tr::tr("counting %1").arg(table));
    return q.value(0).toLongLong();
}
} // namespace

Status upgradeServerProject(QSqlDatabase &db, const QString &schema, int fromVersion)
{
    if (fromVersion < kFirstServerVersion || fromVersion >= schema::kCurrentVersion)
        return Error{Tr::tr("No upgrade of a server project from schema version %1 exists.").arg(fromVersion)};
    QSqlQuery q(db);
    const QString s = quoted(schema);
    // Version 14: labels' client keys.
    if (!q.exec(QStringLiteral("ALTER TABLE %1.annotations ADD COLUMN IF NOT EXISTS client_key TEXT").arg(s)))
        return failure(q, Tr::tr("upgrading the project on the server"));
    // The layout a push of this version makes (a version 13 push made none of it), read from a new file of the same
    // tables.
    const QTemporaryDir scratch;
    if (!scratch.isValid())
        return Error{Tr::tr("No temporary folder to build the new project in.")};
    auto layout = ProjectStore::create(scratch.filePath(QStringLiteral("layout.mrgn")), TaskType::TextCat);
    if (!layout)
        return Error{layout.error()};
    const auto tables = fileTables((*layout)->database());
    if (!tables)
        return Error{tables.error()};
    if (auto added = addServerLayout(q, (*layout)->database(), schema, *tables); !added)
        return added;
    if (!q.exec(QStringLiteral("UPDATE %1.marginalia_project SET value = '%2' WHERE key = 'schema_version'")
                    .arg(s)
                    .arg(schema::kCurrentVersion)))
        return failure(q, Tr::tr("upgrading the project on the server"));
    return {};
}

Result<TransferSummary> pushProject(const ProjectStore &from, const ServerLocation &to, bool replace,
                                    const std::atomic_bool *cancel, const TransferProgress &progress)
{
    const auto tables = fileTables(from.database());
    if (!tables)
        return Error{tables.error()};
    const ServerConnectionName guard;
    TransferSummary summary;
    Status result = [&]() -> Status {
        auto server = connectToServer(to, guard.name());
        if (!server)
            return Error{server.error()};
        QSqlDatabase db = *server;
        QSqlDatabase file = from.database();
        // One snapshot of the file (a studio may be labeling it meanwhile), one transaction on the server.
        QSqlQuery snapshot(file);
        if (!snapshot.exec(QStringLiteral("BEGIN")))
            return failure(snapshot, Tr::tr("reading the project"));
        const auto endSnapshot = qScopeGuard([&] { QSqlQuery(file).exec(QStringLiteral("COMMIT")); });
        if (!db.transaction())
            return Error{Tr::tr("Cannot start a transaction on %1: %2").arg(to.text(), db.lastError().text())};
        const auto rollback = [&](Status s) {
            db.rollback();
            return s;
        };
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT 1 FROM information_schema.schemata WHERE schema_name = '%1'").arg(to.schema())))
            return rollback(failure(q, Tr::tr("looking for the project on the server")));
        if (q.next()) {
            if (!replace)
                return rollback(Error{Tr::tr("The server already has a project \"%1\"; --replace replaces it.").arg(to.project)});
            if (!q.exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(quoted(to.schema()))))
                return rollback(failure(q, Tr::tr("replacing the project on the server")));
        }
        if (!q.exec(QStringLiteral("CREATE SCHEMA %1").arg(quoted(to.schema())))
            || !q.exec(QStringLiteral("CREATE TABLE %1.marginalia_project(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                           .arg(quoted(to.schema()))))
            return rollback(failure(q, Tr::tr("creating the project on the server")));
        const QList<QPair<QString, QString>> about{
            {QStringLiteral("schema_version"), QString::number(schema::kCurrentVersion)},
            {QStringLiteral("task"), taskTypeName(from.task())},
            {QStringLiteral("pushed_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("pushed_from"), QFileInfo(from.path()).fileName()}};
        for (const auto &[key, value] : about) {
            q.prepare(QStringLiteral("INSERT INTO %1.marginalia_project(key, value) VALUES(?, ?)").arg(quoted(to.schema())));
            q.addBindValue(key);
            q.addBindValue(value);
            if (!q.exec())
                return rollback(failure(q, Tr::tr("creating the project on the server")));
        }
        qint64 total = 0;
        for (const Table &t : *tables) {
            if (!q.exec(createStatement(to.schema(), t)))
                return rollback(failure(q, Tr::tr("creating %1 on the server").arg(t.name)));
            const auto rows = countRows(file, quoted(t.name));
            if (!rows)
                return rollback(Error{rows.error()});
            total += *rows;
        }
        for (const Table &t : *tables) {
            QStringList columns;
            for (const Column &c : t.columns)
                columns << quoted(c.name);
            QSqlQuery select(file);
            select.setForwardOnly(true);
            if (!select.exec(QStringLiteral("SELECT %1 FROM %2").arg(columns.join(QStringLiteral(", ")), quoted(t.name))))
                return rollback(failure(select, Tr::tr("reading %1").arg(t.name)));
            const QString target = quoted(to.schema()) + QLatin1Char('.') + quoted(t.name);
            if (auto s = copyRows(select, db, target, columns, cancel, [&](qint64 n) {
                    summary.rows += n;
                    if (progress)
                        progress(summary.rows, total);
                });
                !s)
                return rollback(s);
            ++summary.tables;
        }
        if (auto s = addServerLayout(q, file, to.schema(), *tables); !s)
            return rollback(s);
        if (!db.commit())
            return Error{Tr::tr("The server did not take the project: %1").arg(db.lastError().text())};
        return {};
    }();
    if (!result)
        return Error{result.error()};
    return summary;
}

Result<TransferSummary> pullProject(const ServerLocation &from, const QString &file, const std::atomic_bool *cancel,
                                    const TransferProgress &progress)
{
    if (QFileInfo::exists(file))
        return Error{Tr::tr("%1 already exists; pull writes a new project file.").arg(file)};
    const QString building = file + QStringLiteral(".partial-%1").arg(::getpid());
    const auto removeBuilding = [&] {
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            ::unlink(QFile::encodeName(building + QLatin1String(suffix)).constData());
    };
    removeBuilding();
    const ServerConnectionName guard;
    TransferSummary summary;
    Status result = [&]() -> Status {
        auto server = connectToServer(from, guard.name());
        if (!server)
            return Error{server.error()};
        QSqlDatabase db = *server;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT key, value FROM %1.marginalia_project").arg(quoted(from.schema()))))
            return Error{Tr::tr("The server has no project \"%1\" (%2).").arg(from.project, from.text())};
        QHash<QString, QString> about;
        while (q.next())
            about.insert(q.value(0).toString(), q.value(1).toString());
        const int version = about.value(QStringLiteral("schema_version")).toInt();
        if (version != schema::kCurrentVersion)
            return Error{Tr::tr("The project on the server has schema version %1; this Marginalia reads version %2. "
                                "Pull it with the version that pushed it.")
                             .arg(version)
                             .arg(schema::kCurrentVersion)};
        const auto task = taskTypeFromName(about.value(QStringLiteral("task")));
        if (!task)
            return Error{Tr::tr("The project on the server names no task Marginalia knows.")};
        // The server's tables as it has them, so only columns both sides know are copied.
        QHash<QString, QSet<QString>> serverColumns;
        if (!q.exec(QStringLiteral("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = '%1'")
                        .arg(from.schema())))
            return failure(q, Tr::tr("reading the project on the server"));
        while (q.next())
            serverColumns[q.value(0).toString()].insert(q.value(1).toString());

        auto created = ProjectStore::create(building, *task);
        if (!created)
            return Error{created.error()};
        ProjectStore &store = **created;
        const auto tables = fileTables(store.database());
        if (!tables)
            return Error{tables.error()};
        // A consistent read of the server's copy while the file is written.
        if (!db.transaction())
            return Error{Tr::tr("Cannot start a transaction on %1: %2").arg(from.text(), db.lastError().text())};
        qint64 total = 0;
        for (const Table &t : *tables) {
            if (!serverColumns.contains(t.name))
                continue;
            const auto rows = countRows(db, quoted(from.schema()) + QLatin1Char('.') + quoted(t.name));
            if (!rows)
                return Error{rows.error()};
            total += *rows;
        }
        Status copied = store.inTransaction([&]() -> Status {
            QSqlDatabase target = store.database();
            QSqlQuery w(target);
            // The file's own first rows (task, creation time, no labels) are replaced by the server's.
            if (!w.exec(QStringLiteral("PRAGMA defer_foreign_keys = ON")))
                return failure(w, Tr::tr("writing the project"));
            for (const Table &t : *tables)
                if (!w.exec(QStringLiteral("DELETE FROM %1").arg(quoted(t.name))))
                    return failure(w, Tr::tr("writing the project"));
            for (const Table &t : *tables) {
                const auto have = serverColumns.constFind(t.name);
                if (have == serverColumns.cend())
                    continue;
                QStringList columns;
                for (const Column &c : t.columns)
                    if (have->contains(c.name))
                        columns << quoted(c.name);
                QSqlQuery select(db);
                select.setForwardOnly(true);
                if (!select.exec(QStringLiteral("SELECT %1 FROM %2.%3")
                                     .arg(columns.join(QStringLiteral(", ")), quoted(from.schema()), quoted(t.name))))
                    return failure(select, Tr::tr("reading %1 on the server").arg(t.name));
                if (auto s = copyRows(select, target, quoted(t.name), columns, cancel, [&](qint64 n) {
                        summary.rows += n;
                        if (progress)
                            progress(summary.rows, total);
                    });
                    !s)
                    return s;
                ++summary.tables;
            }
            // The full-text index is built from the samples, as an upgrade to version 10 does.
            if (!w.exec(QStringLiteral("UPDATE samples_fts_state SET indexed_to = 0")))
                return failure(w, Tr::tr("indexing the samples' text"));
            for (const char *statement : schema::kIndexAllNewText)
                if (!w.exec(QString::fromUtf8(statement)))
                    return failure(w, Tr::tr("indexing the samples' text"));
            return {};
        });
        db.rollback(); // only read
        return copied;
    }();
    if (!result) {
        removeBuilding();
        return Error{result.error()};
    }
    if (::rename(QFile::encodeName(building).constData(), QFile::encodeName(file).constData()) != 0) {
        removeBuilding();
        return Error{Tr::tr("Cannot move the pulled project to %1.").arg(file)};
    }
    return summary;
}

} // namespace marginalia
