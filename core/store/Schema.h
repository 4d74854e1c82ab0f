#pragma once
#include "Result.h"

#include <QStringList>

class QSqlDatabase;

namespace marginalia::schema {

// "MRGN": written to PRAGMA application_id so a Marginalia project is recognised as such.
constexpr int kApplicationId = 0x4D52474E;
// Bumped with every migration step in Schema.cpp. Files with a newer version are refused, never modified.
constexpr int kCurrentVersion = 12;

// Adds the samples above samples_fts_state.indexed_to to the full-text index and moves the mark to the
// largest id (version 10). addSample and the batched import run both in the transaction of their inserts; a bulk
// import leaves its rows to the background indexing (BrowseQuery.h, indexText).
inline constexpr const char *kIndexNewText[] = {
    "INSERT INTO samples_fts(rowid, text) SELECT id, text FROM samples"
    " WHERE id > (SELECT indexed_to FROM samples_fts_state WHERE id = 1)",
    "UPDATE samples_fts_state SET indexed_to = (SELECT coalesce(max(id), 0) FROM samples)"
    " WHERE id = 1 AND indexed_to < (SELECT coalesce(max(id), 0) FROM samples)",
};

// Brings a database from `fromVersion` (0 = empty file) to kCurrentVersion inside one transaction. What an
// upgrade changed that the user should hear of (stored models removed) is appended to `notices`.
Status migrate(QSqlDatabase &db, int fromVersion, QStringList *notices = nullptr);

} // namespace marginalia::schema
