// marginalia train PROJECT [--strategy S] [--seed K] [--json]: one round with the project's settings
// Span-labeling projects print the entity-level report, then the token-level one.
#include "al/Strategies.h"
#include "cli/CommandRegistry.h"
#include "metrics/ClassificationReport.h"
#include "ml/Device.h"
#include "ml/TrainingConfig.h"
#include "ml/TrainingRound.h"
#include "settings/ModelSettings.h"
#include "store/ProjectStore.h"
#include "task/TaskModel.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Rebuilds the report from the rows the run stored, so the CLI prints exactly what the project holds.
metrics::ClassificationReport reportFromRows(const QVector<MetricRow> &rows, double accuracy, bool multilabel,
                                             const QString &level = QStringLiteral("label"))
{
    metrics::ClassificationReport r;
    r.accuracy = accuracy;
    r.multilabel = multilabel;
    for (const MetricRow &m : rows) {
        if (m.level != level)
            continue;
        const metrics::ClassMetrics c{m.name, m.precision, m.recall, m.f1, m.support};
        if (!m.isAverage) {
            r.labels << m.name;
            r.perLabel.push_back(c);
        } else if (m.name == QLatin1String("micro avg")) {
            r.micro = c;
        } else if (m.name == QLatin1String("macro avg")) {
            r.macro = c;
        } else if (m.name == QLatin1String("weighted avg")) {
            r.weighted = c;
        } else if (m.name == QLatin1String("samples avg")) {
            r.samples = c;
        }
    }
    return r;
}

int runTrain(const QStringList &arguments)
{
    const QString name = QStringLiteral("train");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    const QCommandLineOption strategy(QStringLiteral("strategy"),
                                      Tr::tr("Query strategy for the new ranking: %1; span labeling: %2.")
                                          .arg(al::strategyNames(al::ScoreKind::ClassProbabilities).join(QStringLiteral(", ")),
                                               al::strategyNames(al::ScoreKind::TokenMarginals).join(QStringLiteral(", "))),
                                      QStringLiteral("S"), QStringLiteral("margin"));
    const QCommandLineOption seed(QStringLiteral("seed"), Tr::tr("Random seed (default 42)."), QStringLiteral("K"));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print the evaluation report as JSON."));
    parser.addOption(strategy);
    parser.addOption(seed);
    parser.addOption(json);
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Train the model on the labeled pool samples now, rank the unlabeled pool and print a "
                           "classification report on the eval split."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one PROJECT path."));
    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    // The project's settings apply (the ones the studio uses and `marginalia config` edits); flags override them
    // for this round only.
    QStringList ignored;
    ml::TrainingOptions options = settings::trainingOptions(**store, &ignored);
    for (const QString &why : std::as_const(ignored))
        err() << Tr::tr("Using the default instead: %1\n").arg(why);
    if (parser.isSet(strategy))
        options.strategy = parser.value(strategy);
    if (parser.isSet(seed)) {
        bool ok = false;
        options.seed = parser.value(seed).toULongLong(&ok);
        if (!ok)
            return usageError(name, Tr::tr("--seed expects a non-negative integer."));
    }
    // A strategy given here must be one of the task's; one saved with the project for another task (e.g. the default
    // "margin" in a span-labeling project) means the task's default.
    if (parser.isSet(strategy) ? !al::findStrategy(options.strategy, task::scoreKindOf((*store)->task()))
                               : !al::isStrategyName(options.strategy))
        return usageError(name, Tr::tr("unknown strategy \"%1\".").arg(options.strategy));
    ml::configureTorchThreads(1); // see TrainingWorker: scoring uses options.threads plain threads
    const std::atomic_bool cancel{false};
    const auto summary = ml::runTrainingRound(**store, options, cancel, [](int done, int total, const QString &what) {
        if (total > 0)
            err() << QStringLiteral("%1 %2/%3\n").arg(what).arg(done).arg(total);
        else
            err() << what << '\n';
        err().flush();
    });
    if (!summary)
        return dataError(summary.error());
    const auto rows = (*store)->runMetrics(summary->runId);
    if (!rows)
        return dataError(rows.error());
    metrics::ClassificationReport report = reportFromRows(*rows, summary->accuracy, (*store)->task() == TaskType::MultiLabel);
    const bool ner = (*store)->task() == TaskType::Ner;
    report.entityLevel = ner;
    const metrics::ClassificationReport tokens = reportFromRows(*rows, summary->accuracy, false, QStringLiteral("token"));
    if (parser.isSet(json)) {
        QJsonObject o = report.toJson();
        if (ner)
            o.insert(QStringLiteral("tokens"), tokens.toJson());
        o.insert(QStringLiteral("run"), summary->runId);
        o.insert(QStringLiteral("train_labels"), summary->trainLabels);
        o.insert(QStringLiteral("eval_labels"), summary->evalLabels);
        o.insert(QStringLiteral("seconds"), summary->seconds);
        o.insert(QStringLiteral("suggest_stop"), summary->suggestStop);
        // The options the round used: the strategy as the run resolved it for the task (e.g. mnlp for "margin"
        // in a span-labeling project).
        if (const auto run = (*store)->latestRun(true); run && *run)
            options.strategy = (*run)->strategy;
        o.insert(QStringLiteral("options"), ml::optionsToJson(options));
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        return Success;
    }
    err() << Tr::tr("run #%1: %2 training labels, %3 eval labels, %4 s on %5\n")
                 .arg(summary->runId)
                 .arg(summary->trainLabels)
                 .arg(summary->evalLabels)
                 .arg(summary->seconds, 0, 'f', 2)
                 .arg(summary->device);
    if (summary->evalLabels == 0)
        err() << Tr::tr("No labeled eval samples: nothing to report.\n");
    else if (ner)
        out() << Tr::tr("Entities\n") << report.toText() << Tr::tr("\nTokens\n") << tokens.toText();
    else
        out() << report.toText();
    if (summary->suggestStop)
        err() << Tr::tr("The model's predictions have stopped changing; more labels may not help much.\n");
    return Success;
}
} // namespace

[[maybe_unused]] const bool trainRegistered = registerCommand(
    {50, "train", QT_TRANSLATE_NOOP("Cli", "train the model now and print a report on the eval split"), &runTrain});

} // namespace marginalia::cli
