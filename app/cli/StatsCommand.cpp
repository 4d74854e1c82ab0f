// marginalia stats PROJECT [--json]
#include "cli/CommandRegistry.h"
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

QJsonObject toJson(const ProjectStats &s)
{
    QJsonObject perLabel;
    for (const LabelCount &c : s.perLabel)
        perLabel.insert(c.label, QJsonObject{{QStringLiteral("pool"), c.pool}, {QStringLiteral("eval"), c.eval}});
    QJsonObject o{{QStringLiteral("task"), taskTypeName(s.task)},
                  {QStringLiteral("samples"), s.samples},
                  {QStringLiteral("pool"), s.poolSamples},
                  {QStringLiteral("eval"), s.evalSamples},
                  {QStringLiteral("labeled"), s.labeledPool + s.labeledEval},
                  {QStringLiteral("labeled_pool"), s.labeledPool},
                  {QStringLiteral("labeled_eval"), s.labeledEval},
                  {QStringLiteral("flagged"), s.flagged},
                  {QStringLiteral("labels"), perLabel}};
    if (s.lastRun) {
        QJsonObject run{{QStringLiteral("id"), s.lastRun->id},
                        {QStringLiteral("finished"), s.lastRun->finishedAt.toString(Qt::ISODate)},
                        {QStringLiteral("model"), s.lastRun->modelKind},
                        {QStringLiteral("train_labels"), s.lastRun->trainLabels},
                        {QStringLiteral("eval_labels"), s.lastRun->evalLabels}};
        if (s.lastRun->accuracy)
            run.insert(QStringLiteral("accuracy"), *s.lastRun->accuracy);
        o.insert(QStringLiteral("last_run"), run);
    } else {
        o.insert(QStringLiteral("last_run"), QJsonValue::Null);
    }
    return o;
}
} // namespace

namespace {
int runStats(const QStringList &arguments)
{
    const QString name = QStringLiteral("stats");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print the figures as one JSON object."));
    parser.addOption(json);
    int code = Success;
    if (!parseArguments(parser, name, Tr::tr("Show counts of samples, labels and the last model run."), arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one PROJECT path."));
    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    const auto stats = (*store)->stats();
    if (!stats)
        return dataError(stats.error());
    if (parser.isSet(json)) {
        out() << QString::fromUtf8(QJsonDocument(toJson(*stats)).toJson(QJsonDocument::Compact)) << '\n';
        return Success;
    }
    out() << Tr::tr("task:        %1\n").arg(taskTypeName(stats->task));
    out() << Tr::tr("samples:     %1 (pool %2, eval %3)\n").arg(stats->samples).arg(stats->poolSamples).arg(stats->evalSamples);
    out() << Tr::tr("labeled:     %1 (pool %2, eval %3)\n")
                 .arg(stats->labeledPool + stats->labeledEval)
                 .arg(stats->labeledPool)
                 .arg(stats->labeledEval);
    out() << Tr::tr("flagged:     %1\n").arg(stats->flagged);
    out() << Tr::tr("labels:\n");
    for (const LabelCount &c : stats->perLabel)
        out() << QStringLiteral("  %1 %2 pool, %3 eval\n").arg(c.label.leftJustified(20)).arg(c.pool).arg(c.eval);
    if (stats->lastRun)
        out() << Tr::tr("last run:    #%1 %2, %3 training labels, accuracy %4\n")
                     .arg(stats->lastRun->id)
                     .arg(stats->lastRun->finishedAt.toString(Qt::ISODate))
                     .arg(stats->lastRun->trainLabels)
                     .arg(stats->lastRun->accuracy ? QString::number(*stats->lastRun->accuracy, 'f', 4) : QStringLiteral("-"));
    else
        out() << Tr::tr("last run:    none\n");
    return Success;
}

} // namespace

[[maybe_unused]] const bool registered =
    registerCommand({40, "stats", QT_TRANSLATE_NOOP("Cli", "show counts of samples, labels and the last model run"), &runStats});

} // namespace marginalia::cli
