// Each annotator's own view of the samples (several people's labels of the same texts): their latest version.
#include "store/AnnotationHistories.h"
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
} // namespace

Result<QVector<AnnotatorLabels>> ProjectStore::annotatorLabels() const
{
    const QSqlDatabase db = database();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString names = sql::joinedText(db, QStringLiteral("l.name"),
                                          sql::isPostgres(db) ? QStringLiteral("chr(31)") : QStringLiteral("char(31)"));
    if (auto s = sql::run(query,
                          QStringLiteral("SELECT a.sample_id, a.annotator, %1").arg(names) + QStringLiteral(
                                         " FROM (SELECT max(id) AS id FROM annotations"
                                         " WHERE coalesce(origin, '') <> 'review' GROUP BY sample_id, annotator) latest"
                                         " JOIN annotations a ON a.id = latest.id"
                                         " LEFT JOIN annotation_labels al ON al.annotation_id = a.id"
                                         " LEFT JOIN labels l ON l.id = al.label_id"
                                         " WHERE a.cleared = 0 GROUP BY a.id ORDER BY a.sample_id, a.annotator"),
                          {}, Tr::tr("reading the annotators' labels"));
        !s)
        return s;
    QVector<AnnotatorLabels> out;
    while (query.next()) {
        AnnotatorLabels row;
        row.sampleId = query.value(0).toLongLong();
        row.annotator = query.value(1).toString();
        if (!query.value(2).isNull())
            row.labels = query.value(2).toString().split(QChar(0x1f));
        out.push_back(row);
    }
    return out;
}

Result<QVector<qint64>> ProjectStore::reviewCandidates() const
{
    // One pass over the annotations (a million single-annotator samples: a fraction of a second), as a round
    // reads them anyway. A review counts as nobody's vote, so a reviewer's name does not make two annotators.
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (auto s = sql::run(query,
                          QString::fromLatin1(kReviewCandidatesSql) + QStringLiteral(" ORDER BY sample_id"),
                          {}, Tr::tr("reading the annotators' labels"));
        !s)
        return s;
    QVector<qint64> out;
    while (query.next())
        out.push_back(query.value(0).toLongLong());
    return out;
}

} // namespace marginalia
