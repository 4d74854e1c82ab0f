// marginalia review PROJECT [--all] [--json]
// marginalia review PROJECT --sample ID --label L [--label L ...] [--annotator NAME]
// Lists the samples annotators disagree on with the label each trains on, or sets a reviewer's final label.
#include "cli/CommandRegistry.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

QString nameOf(const QString &annotator)
{
    return annotator.isEmpty() ? Tr::tr("(unnamed)") : annotator;
}

QStringList labelsOf(const std::optional<Annotation> &a)
{
    return a ? a->labels : QStringList();
}

// Whether the listing shows the sample: the disagreements and ties a reviewer should look at, or with --all
// every sample more than one person labeled or a reviewer decided.
bool listed(const ResolvedLabel &r, bool all)
{
    return all || (r.basis != LabelBasis::Reviewed && (r.disagreement || r.basis == LabelBasis::Tie));
}

QJsonObject toJson(const ResolvedLabel &r, const Sample &sample)
{
    QJsonArray votes;
    for (const Annotation &v : r.votes)
        votes.append(QJsonObject{{QStringLiteral("annotator"), v.annotator},
                                 {QStringLiteral("labels"), QJsonArray::fromStringList(v.labels)}});
    QJsonObject o{{QStringLiteral("id"), sample.id},
                  {QStringLiteral("external_id"), sample.externalId},
                  {QStringLiteral("basis"), labelBasisName(r.basis)},
                  {QStringLiteral("labels"), QJsonArray::fromStringList(labelsOf(r.annotation))},
                  {QStringLiteral("disagreement"), r.disagreement},
                  {QStringLiteral("votes"), votes}};
    o.insert(QStringLiteral("reviewer"), r.review ? QJsonValue(r.review->annotator) : QJsonValue(QJsonValue::Null));
    return o;
}

int listReviews(const ProjectStore &store, bool all, bool json)
{
    const auto resolved = resolveProjectLabels(store);
    if (!resolved)
        return dataError(resolved.error());
    QVector<qint64> ids = resolved->keys().toVector();
    std::sort(ids.begin(), ids.end());
    int disagreements = 0, reviewed = 0;
    QJsonArray rows;
    for (qint64 id : std::as_const(ids)) {
        const ResolvedLabel &r = (*resolved)[id];
        disagreements += r.disagreement;
        reviewed += r.basis == LabelBasis::Reviewed;
        if (!listed(r, all))
            continue;
        const auto sample = store.sample(id);
        if (!sample)
            return dataError(sample.error());
        if (json) {
            rows.append(toJson(r, *sample));
            continue;
        }
        QStringList votes;
        for (const Annotation &v : r.votes)
            votes << QStringLiteral("%1=%2").arg(nameOf(v.annotator), v.labels.join(QLatin1Char('+')));
        QString text = sample->text.simplified();
        if (text.size() > 60)
            text = text.left(59) + QChar(0x2026);
        out() << QStringLiteral("%1  %2  %3  [%4]  %5\n")
                     .arg(id)
                     .arg(labelsOf(r.annotation).join(QLatin1Char('+')), labelBasisText(r.basis), votes.join(QStringLiteral(", ")), text);
    }
    if (json) {
        const QJsonObject o{{QStringLiteral("samples"), rows},
                            {QStringLiteral("several_annotators"), int(ids.size())},
                            {QStringLiteral("disagreements"), disagreements},
                            {QStringLiteral("reviewed"), reviewed}};
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        return Success;
    }
    out() << Tr::tr("%1 sample(s) labeled by several annotators or reviewed: %2 with a disagreement, %3 reviewed\n")
                 .arg(ids.size())
                 .arg(disagreements)
                 .arg(reviewed);
    return Success;
}

int runReview(const QStringList &arguments)
{
    const QString name = QStringLiteral("review");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    const QCommandLineOption all(QStringLiteral("all"),
                                 Tr::tr("List every sample labeled by several annotators or reviewed, not only those "
                                        "waiting for a review."));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print one JSON object."));
    const QCommandLineOption sampleOption(QStringLiteral("sample"), Tr::tr("Set the final label of sample ID."),
                                          QStringLiteral("ID"));
    const QCommandLineOption labelOption(QStringLiteral("label"),
                                         Tr::tr("The final label (repeat for a multi-label sample)."), QStringLiteral("L"));
    const QCommandLineOption annotatorOption(QStringLiteral("annotator"),
                                             Tr::tr("Who reviews (default: the login name)."), QStringLiteral("NAME"));
    parser.addOptions({all, json, sampleOption, labelOption, annotatorOption});
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Review the samples annotators disagree on. Without --sample, lists them with the label "
                               "each one trains on and why (reviewed, majority, tie, single). With --sample and --label, "
                               "sets a reviewer's final label; every earlier label stays in the sample's history."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one PROJECT path."));
    if (parser.isSet(sampleOption) != parser.isSet(labelOption))
        return usageError(name, Tr::tr("--sample and --label go together."));
    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    if (!parser.isSet(sampleOption))
        return listReviews(**store, parser.isSet(all), parser.isSet(json));

    if ((*store)->task() == TaskType::Ner)
        return dataError(Tr::tr("Span labels are reviewed in the studio, not with --label."));
    bool ok = false;
    const qint64 sampleId = parser.value(sampleOption).toLongLong(&ok);
    if (!ok || sampleId <= 0)
        return usageError(name, Tr::tr("--sample needs a sample id."));
    const QString reviewer = parser.isSet(annotatorOption) ? parser.value(annotatorOption).trimmed()
                                                           : qEnvironmentVariable("USER", QStringLiteral("annotator"));
    if (reviewer.isEmpty())
        return usageError(name, Tr::tr("--annotator needs a name."));
    const auto saved = (*store)->annotate(sampleId, reviewInput(parser.values(labelOption), reviewer));
    if (!saved)
        return dataError(saved.error());
    out() << Tr::tr("Sample %1 now trains on %2 (reviewed by %3).\n")
                 .arg(sampleId)
                 .arg(parser.values(labelOption).join(QLatin1Char('+')), reviewer);
    return Success;
}

} // namespace

[[maybe_unused]] const bool reviewRegistered = registerCommand(
    {46, "review", QT_TRANSLATE_NOOP("Cli", "list disagreements between annotators, or set a reviewer's final label"),
     &runReview});

} // namespace marginalia::cli
