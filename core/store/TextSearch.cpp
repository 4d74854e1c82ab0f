#include "store/TextSearch.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <sqlite3.h>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Store)
};

QRegularExpression compiled(const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption
                                           | QRegularExpression::UseUnicodePropertiesOption);
}

// marginalia_regexp(pattern, text). The compiled expression is kept with the statement (auxiliary data) so that
// a search over a million samples compiles it once.
void regexpFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto *cached = static_cast<const QRegularExpression *>(sqlite3_get_auxdata(context, 0));
    QRegularExpression local;
    if (!cached) {
        const auto *p = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
        local = compiled(QString::fromUtf8(p, sqlite3_value_bytes(argv[0])));
        if (!local.isValid()) {
            sqlite3_result_error(context, "invalid regular expression", -1);
            return;
        }
        // SQLite may free the copy at once; this call keeps using `local`.
        sqlite3_set_auxdata(context, 0, new QRegularExpression(local),
                            [](void *re) { delete static_cast<QRegularExpression *>(re); });
        cached = &local;
    }
    const auto *t = reinterpret_cast<const char *>(sqlite3_value_text(argv[1]));
    sqlite3_result_int(context, cached->match(QString::fromUtf8(t, sqlite3_value_bytes(argv[1]))).hasMatch() ? 1 : 0);
}
} // namespace

Result<TextSearch> parseTextSearch(const QString &input)
{
    TextSearch search;
    const QString text = input.trimmed();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('/')) && text.endsWith(QLatin1Char('/'))) {
        search.pattern = text.mid(1, text.size() - 2);
        const QRegularExpression re = compiled(search.pattern);
        if (!re.isValid())
            return fail(Tr::tr("The regular expression is not valid: %1 (at character %2).")
                            .arg(re.errorString())
                            .arg(re.patternErrorOffset() + 1));
        return search;
    }
    // Words, with "quoted phrases" kept whole; an unclosed quote runs to the end.
    QString word;
    bool quoted = false;
    const auto flush = [&] {
        if (!word.isEmpty())
            search.keywords << word;
        word.clear();
    };
    for (const QChar c : text) {
        if (c == QLatin1Char('"')) {
            flush();
            quoted = !quoted;
        } else if (c.isSpace() && !quoted) {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return search;
}

bool registerTextSearch(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, "marginalia_regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      nullptr, regexpFunction, nullptr, nullptr, nullptr)
           == SQLITE_OK;
}

} // namespace marginalia
