// The label set: names, colors, keyboard keys and display order.
#include "store/ProjectStore.h"
#include "store/SqlDialect.h"
#include "store/SqlHelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

// A palette that stays distinguishable for the first labels; later ones cycle.
const char *const kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
// Position i goes to labelIds[i]; called inside a transaction.
Status writePositions(const QSqlDatabase &db, const QVector<qint64> &labelIds)
{
    QSqlQuery query(db);
    if (auto s = sql::prepare(query, QStringLiteral("UPDATE labels SET position = ? WHERE id = ?")); !s)
        return s;
    for (qsizetype i = 0; i < labelIds.size(); ++i) {
        query.addBindValue(int(i));
        query.addBindValue(labelIds[i]);
        if (auto s = sql::exec(query, Tr::tr("reordering labels")); !s)
            return s;
    }
    return {};
}
} // namespace

Result<QVector<Label>> ProjectStore::labels() const
{
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT id, name, color, shortcut, position FROM labels ORDER BY position, id")))
        return sql::failure(query, Tr::tr("reading labels"));
    QVector<Label> out;
    while (query.next())
        out.push_back(Label{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                            query.value(3).toString(), query.value(4).toInt()});
    return out;
}

Result<Label> ProjectStore::addLabel(const QString &name, const QString &color, const QString &shortcut)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error{Tr::tr("A label needs a name.")};
    auto existing = labels();
    if (!existing)
        return Error{existing.error()};
    for (const Label &l : *existing)
        if (l.name == trimmed)
            return Error{Tr::tr("The label \"%1\" already exists.").arg(trimmed)};

    Label label;
    label.name = trimmed;
    label.position = existing->isEmpty() ? 0 : existing->back().position + 1;
    label.color = color.isEmpty() ? QString::fromLatin1(kPalette[existing->size() % std::size(kPalette)]) : color;
    label.shortcut = shortcut;
    if (label.shortcut.isEmpty() && existing->size() < 9)
        label.shortcut = QString::number(existing->size() + 1);

    QSqlQuery query(database());
    const auto id = sql::insertReturningId(query,
                                           QStringLiteral("INSERT INTO labels(name, color, shortcut, position) VALUES(?, ?, ?, ?)"),
                                           {label.name, sql::text(label.color), sql::text(label.shortcut), label.position},
                                           Tr::tr("adding a label"));
    if (!id)
        return Error{id.error()};
    label.id = *id;
    return label;
}

Status ProjectStore::updateLabel(const Label &label)
{
    if (label.name.trimmed().isEmpty())
        return Error{Tr::tr("A label needs a name.")};
    QSqlQuery query(database());
    if (auto s = sql::prepare(query, QStringLiteral("UPDATE labels SET name = ?, color = ?, shortcut = ? WHERE id = ?"));
        !s)
        return s;
    query.addBindValue(label.name.trimmed());
    query.addBindValue(sql::text(label.color));
    query.addBindValue(sql::text(label.shortcut));
    query.addBindValue(label.id);
    if (auto s = sql::exec(query, Tr::tr("changing a label")); !s)
        return s;
    if (query.numRowsAffected() != 1)
        return Error{Tr::tr("That label no longer exists.")};
    return {};
}

Status ProjectStore::removeLabel(qint64 labelId)
{
    QSqlQuery used(database());
    if (auto s = sql::prepare(used, QStringLiteral("SELECT (SELECT count(*) FROM annotation_labels WHERE label_id = ?)"
                                                   " + (SELECT count(*) FROM annotation_spans WHERE label_id = ?)"));
        !s)
        return s;
    used.addBindValue(labelId);
    used.addBindValue(labelId);
    if (auto s = sql::exec(used, Tr::tr("checking a label")); !s)
        return s;
    const int uses = used.next() ? used.value(0).toInt() : 0;
    if (uses > 0)
        return Error{Tr::tr("This label is used by %n annotation(s) and cannot be removed; rename it instead.", nullptr,
                            uses)};
    // A "not this label" means nothing once the label is gone, so it goes with it.
    return inTransaction([&]() -> Status {
        QSqlQuery query(database());
        if (auto s = sql::run(query, QStringLiteral("DELETE FROM label_rejections WHERE label_id = ?"), {labelId},
                              Tr::tr("removing a label"));
            !s)
            return s;
        return sql::run(query, QStringLiteral("DELETE FROM labels WHERE id = ?"), {labelId}, Tr::tr("removing a label"));
    });
}

Status ProjectStore::reorderLabels(const QVector<qint64> &labelIds)
{
    return inTransaction([&] { return writePositions(database(), labelIds); });
}

Result<qint64> ProjectStore::labelId(const QString &name) const
{
    QSqlQuery query(database());
    if (auto s = sql::prepare(query, QStringLiteral("SELECT id FROM labels WHERE name = ?")); !s)
        return s;
    query.addBindValue(name);
    if (auto s = sql::exec(query, Tr::tr("looking up a label")); !s)
        return s;
    if (!query.next())
        return Error{Tr::tr("The label \"%1\" is not in this project's label set.").arg(name)};
    return query.value(0).toLongLong();
}

} // namespace marginalia
