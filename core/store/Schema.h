#pragma once
#include "Result.h"

#include <QStringList>

class QSqlDatabase;

namespace marginalia::schema {

// "MRGN": written to PRAGMA application_id so a Marginalia project is recognised as such.
constexpr int kApplicationId = 0x4D52474E;
// Bumped with every migration step in Schema.cpp. Files with a newer version are refused, never modified.
constexpr int kCurrentVersion = 9;

// Brings a database from `fromVersion` (0 = empty file) to kCurrentVersion inside one transaction. What an
// upgrade changed that the user should hear of (stored models removed) is appended to `notices`.
Status migrate(QSqlDatabase &db, int fromVersion, QStringList *notices = nullptr);

} // namespace marginalia::schema
