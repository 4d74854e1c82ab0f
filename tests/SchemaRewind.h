// Turns a project file the current version wrote back into what an older version wrote, so that a test can
// set an older user_version and run the upgrade steps from there (each step assumes exactly its old schema).
#pragma once

#include <QSqlQuery>
#include <QString>

namespace marginalia::testing {

// Undoes version 14 (labels' client keys); the caller then sets user_version to 13 or lower.
inline bool rewindToVersion13(QSqlQuery &q)
{
    return q.exec(QStringLiteral("DROP INDEX annotations_client_key"))
        && q.exec(QStringLiteral("ALTER TABLE annotations DROP COLUMN client_key"));
}

// Undoes versions 14 and 13 (assignments); the caller then sets user_version to 12 or lower.
inline bool rewindToVersion12(QSqlQuery &q)
{
    return rewindToVersion13(q) && q.exec(QStringLiteral("DROP TABLE assignments"));
}

// Undoes versions 14 to 12 (run_scores: the run's predictions below the top of its ranking go with it); the caller
// then sets user_version to 11 or lower.
inline bool rewindToVersion11(QSqlQuery &q)
{
    return rewindToVersion12(q) && q.exec(QStringLiteral("DROP TABLE run_scores"));
}

// Undoes versions 14 to 11 (image_features); the caller then sets user_version to 10 or lower.
inline bool rewindToVersion10(QSqlQuery &q)
{
    return rewindToVersion11(q) && q.exec(QStringLiteral("DROP TABLE image_features"));
}

// Undoes versions 14 to 10 (the full-text index and its mark); the caller then sets user_version to 9 or lower.
inline bool rewindToVersion9(QSqlQuery &q)
{
    return rewindToVersion10(q) && q.exec(QStringLiteral("DROP TABLE samples_fts"))
        && q.exec(QStringLiteral("DROP TABLE samples_fts_state"));
}

// Undoes versions 14 to 9 (sample_images); the caller then sets user_version to 8 or lower.
inline bool rewindToVersion8(QSqlQuery &q)
{
    return rewindToVersion9(q) && q.exec(QStringLiteral("DROP TABLE sample_images"));
}

// Undoes versions 14 to 8 (pool_vectors); the caller then sets user_version to 7 or lower.
inline bool rewindToVersion7(QSqlQuery &q)
{
    return rewindToVersion8(q) && q.exec(QStringLiteral("DROP TABLE pool_vectors"));
}

// Undoes versions 14 to 7 (provenance columns, label_rejections); the caller then sets user_version to 6 or lower.
inline bool rewindToVersion6(QSqlQuery &q)
{
    if (!rewindToVersion7(q))
        return false;
    for (const char *sql : {"DROP TABLE label_rejections", "ALTER TABLE annotations DROP COLUMN origin",
                            "ALTER TABLE annotations DROP COLUMN origin_run_id",
                            "ALTER TABLE annotations DROP COLUMN origin_strategy",
                            "ALTER TABLE annotations DROP COLUMN origin_score",
                            "ALTER TABLE annotations DROP COLUMN origin_rank", "ALTER TABLE annotations DROP COLUMN seconds"})
        if (!q.exec(QString::fromUtf8(sql)))
            return false;
    return true;
}

} // namespace marginalia::testing
