#include "ui/ProvenanceText.h"

#include <QCoreApplication>

namespace marginalia::ui {

namespace {
struct Words { Q_DECLARE_TR_FUNCTIONS(marginalia::ui::ProvenanceText) };

QString originText(const Provenance &p)
{
    const QString origin = p.origin;
    if (origin == QLatin1String(Provenance::Ranked)) {
        QStringList detail;
        if (!p.strategy.isEmpty())
            detail << p.strategy;
        if (p.rank)
            detail << QStringLiteral("#%1").arg(*p.rank);
        if (p.score)
            detail << Words::tr("score %1").arg(*p.score, 0, 'g', 3);
        const QString run = p.runId > 0 ? Words::tr("ranked by run %1").arg(p.runId) : Words::tr("ranked");
        return detail.isEmpty() ? run : QStringLiteral("%1 (%2)").arg(run, detail.join(QStringLiteral(", ")));
    }
    if (origin == QLatin1String(Provenance::Random))
        return Words::tr("random pick");
    if (origin == QLatin1String(Provenance::EvalRandom))
        return Words::tr("random evaluation pick");
    if (origin == QLatin1String(Provenance::Search))
        return Words::tr("search");
    if (origin == QLatin1String(Provenance::Browse))
        return Words::tr("browse");
    if (origin == QLatin1String(Provenance::Teach))
        return p.runId > 0 ? Words::tr("teach, run %1").arg(p.runId) : Words::tr("teach");
    if (origin == QLatin1String(Provenance::Bulk))
        return p.runId > 0 ? Words::tr("bulk, run %1").arg(p.runId) : Words::tr("bulk");
    if (origin == QLatin1String(Provenance::Review))
        return Words::tr("final label of a review");
    if (origin == QLatin1String(Provenance::Import))
        return Words::tr("import");
    return origin;
}
} // namespace

QString provenanceText(const Annotation &annotation)
{
    QStringList parts;
    if (!annotation.annotator.isEmpty()) // who: several people may label one project
        parts << Words::tr("by %1").arg(annotation.annotator);
    if (annotation.source == AnnotationSource::ModelAccepted)
        parts << Words::tr("model's guess accepted");
    else if (annotation.source == AnnotationSource::Imported)
        parts << Words::tr("imported");
    // An imported label's origin is the import itself: "imported" says it once.
    const bool imported = annotation.source == AnnotationSource::Imported;
    if (const QString origin = originText(annotation.provenance);
        !origin.isEmpty() && !(imported && annotation.provenance.origin == QLatin1String(Provenance::Import)))
        parts << origin;
    if (annotation.provenance.seconds)
        parts << Words::tr("%1 s").arg(*annotation.provenance.seconds, 0, 'f', 1);
    return parts.join(QStringLiteral(" · "));
}

} // namespace marginalia::ui
