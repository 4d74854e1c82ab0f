// The six provenance columns that `annotations` and `label_rejections` share (schema version 7), bound and
// read in one order so the two tables cannot drift apart.
#pragma once
#include "store/ProjectTypes.h"
#include "store/RawStatement.h"

#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>

namespace marginalia::provenance {

inline const char *columns() { return "origin, origin_run_id, origin_strategy, origin_score, origin_rank, seconds"; }
inline const char *placeholders() { return "?, ?, ?, ?, ?, ?"; }

// Unknown values are NULL, not 0 or '': "no run surfaced this sample" differs from "run 0".
inline QVariantList values(const Provenance &p)
{
    const auto orNull = [](const auto &optional) { return optional ? QVariant(*optional) : QVariant(); };
    return {p.origin.isEmpty() ? QVariant() : QVariant(p.origin), p.runId > 0 ? QVariant(p.runId) : QVariant(),
            p.strategy.isEmpty() ? QVariant() : QVariant(p.strategy), orNull(p.score), orNull(p.rank), orNull(p.seconds)};
}

inline Provenance read(const QSqlQuery &query, int first)
{
    Provenance p;
    p.origin = query.value(first).toString();
    p.runId = query.value(first + 1).toLongLong();
    p.strategy = query.value(first + 2).toString();
    if (!query.isNull(first + 3))
        p.score = query.value(first + 3).toDouble();
    if (!query.isNull(first + 4))
        p.rank = query.value(first + 4).toInt();
    if (!query.isNull(first + 5))
        p.seconds = query.value(first + 5).toDouble();
    return p;
}

// The same from a raw statement (ProjectStore::forEachSample).
inline Provenance read(const sql::RawStatement &row, int first)
{
    Provenance p;
    p.origin = row.text(first);
    p.runId = row.integer(first + 1);
    p.strategy = row.text(first + 2);
    if (!row.isNull(first + 3))
        p.score = row.real(first + 3);
    if (!row.isNull(first + 4))
        p.rank = static_cast<int>(row.integer(first + 4));
    if (!row.isNull(first + 5))
        p.seconds = row.real(first + 5);
    return p;
}

} // namespace marginalia::provenance
