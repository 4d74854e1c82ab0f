#pragma once
// The browse search box's language, for finding examples of a rare label directly: words (every one must occur,
// case-insensitive; a "quoted phrase" counts as one word), or a /regular expression/ (Perl syntax,
// case-insensitive, Unicode-aware, so it works on Chinese as on English).
#include "Result.h"

#include <QString>
#include <QStringList>

struct sqlite3;

namespace marginalia {

struct TextSearch
{
    QStringList keywords;
    QString pattern; // a regular expression; empty: none
    bool isEmpty() const { return keywords.isEmpty() && pattern.isEmpty(); }
};

// An error (with the expression's own message and offset) for a regular expression that does not compile.
Result<TextSearch> parseTextSearch(const QString &input);

// Registers marginalia_regexp(pattern, text) on a connection: 1 when the case-insensitive expression matches the
// text. Pure and deterministic, so a project's schema could not turn it into a side effect.
bool registerTextSearch(sqlite3 *db);

} // namespace marginalia
