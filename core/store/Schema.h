#pragma once
#include "Result.h"

#include <QStringList>

class QSqlDatabase;

namespace marginalia::schema {

// "MRGN": written to PRAGMA application_id so a Marginalia project is recognised as such.
constexpr int kApplicationId = 0x4D52474E;
// Bumped with every migration step in Schema.cpp. Files with a newer version are refused, never modified.
constexpr int kCurrentVersion = 14;

// Adds the samples above samples_fts_state.indexed_to to the full-text index and moves the mark to the
// largest id (version 10). The upgrade to version 10 runs these.
inline constexpr const char *kIndexAllNewText[] = {
    "INSERT INTO samples_fts(rowid, text) SELECT id, text FROM samples"
    " WHERE id > (SELECT indexed_to FROM samples_fts_state WHERE id = 1)",
    "UPDATE samples_fts_state SET indexed_to = (SELECT coalesce(max(id), 0) FROM samples)"
    " WHERE id = 1 AND indexed_to < (SELECT coalesce(max(id), 0) FROM samples)",
};
// The same for the writers of new samples (addSample, the batched import), in the transaction of their inserts,
// but only while the rows above the mark are at most 20,000: after a bulk import left a million rows to the
// studio's background indexing, the next small write must not index them all while it holds the write lock (15 s,
// during which an annotator's label would wait). Searches scan the rows above the mark meanwhile.
inline constexpr const char *kIndexNewText[] = {
    "INSERT INTO samples_fts(rowid, text) SELECT id, text FROM samples"
    " WHERE id > (SELECT indexed_to FROM samples_fts_state WHERE id = 1)"
    " AND (SELECT coalesce(max(id), 0) FROM samples) - (SELECT indexed_to FROM samples_fts_state WHERE id = 1) <= 20000",
    "UPDATE samples_fts_state SET indexed_to = (SELECT coalesce(max(id), 0) FROM samples)"
    " WHERE id = 1 AND indexed_to < (SELECT coalesce(max(id), 0) FROM samples)"
    " AND (SELECT coalesce(max(id), 0) FROM samples) - indexed_to <= 20000",
};

// Brings a database from `fromVersion` (0 = empty file) to kCurrentVersion inside one transaction. What an
// upgrade changed that the user should hear of (stored models removed) is appended to `notices`.
Status migrate(QSqlDatabase &db, int fromVersion, QStringList *notices = nullptr);

} // namespace marginalia::schema
