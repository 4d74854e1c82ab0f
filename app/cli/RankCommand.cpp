// marginalia rank PROJECT [--strategy S] [--top N] [--json]
#include "al/Strategies.h"
#include "cli/CommandRegistry.h"
#include "ml/Device.h"
#include "task/RankDriver.h"
#include "task/StoredRunModel.h"
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

QString oneLine(QString text, int width)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\t'), QLatin1Char(' '));
    return text.size() > width ? text.left(width - 1) + QChar(0x2026) : text;
}

int runRank(const QStringList &arguments)
{
    const QString name = QStringLiteral("rank");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    const QCommandLineOption strategy(QStringLiteral("strategy"),
                                      Tr::tr("Query strategy: %1; span labeling: %2 (default: the latest run's).")
                                          .arg(al::strategyNames(al::ScoreKind::ClassProbabilities).join(QStringLiteral(", ")),
                                               al::strategyNames(al::ScoreKind::TokenMarginals).join(QStringLiteral(", "))),
                                      QStringLiteral("S"));
    const QCommandLineOption top(QStringLiteral("top"), Tr::tr("How many samples to list (default 10)."), QStringLiteral("N"),
                                 QStringLiteral("10"));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print one JSON object per sample."));
    parser.addOption(strategy);
    parser.addOption(top);
    parser.addOption(json);
    int code = Success;
    if (!parseArguments(parser, name, Tr::tr("List the unlabeled samples to label next, most informative first."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one PROJECT path."));
    bool ok = false;
    const int count = parser.value(top).toInt(&ok);
    if (!ok || count < 1)
        return usageError(name, Tr::tr("--top expects a positive number."));
    ml::configureTorchThreads(1);
    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    const bool ner = (*store)->task() == TaskType::Ner;
    const al::ScoreKind kind = task::scoreKindOf((*store)->task());
    if (parser.isSet(strategy) && !al::findStrategy(parser.value(strategy), kind))
        return usageError(name, Tr::tr("unknown strategy \"%1\".").arg(parser.value(strategy)));
    const auto latest = (*store)->latestRun(true);
    if (!latest)
        return dataError(latest.error());

    QVector<task::RankedSample> ranked;
    const QString fallback = al::strategyFor(QString(), kind).displayName();
    const QString wanted = parser.isSet(strategy) ? parser.value(strategy) : (*latest ? (*latest)->strategy : fallback);
    if (*latest && (*latest)->strategy == wanted) {
        const auto rows = (*store)->rankedPredictions((*latest)->id, count);
        if (!rows)
            return dataError(rows.error());
        for (const PredictionRow &p : *rows)
            ranked.push_back(task::RankedSample{p.sampleId, p.rank.value_or(0), p.score.value_or(0), p.label, p.confidence,
                                                p.detailJson});
    } else {
        // No stored ranking for this strategy: rank now with the latest model (or by coverage without one).
        const auto model = task::makeStoredRunModel(**store);
        const auto rows = task::rankCurrentPool(**store, *model, wanted, 25, 42, count);
        if (!rows)
            return dataError(rows.error());
        ranked = *rows;
    }
    for (int i = 0; i < ranked.size(); ++i) {
        task::RankedSample &r = ranked[i];
        if (ner) {
            // The types of the predicted spans stand for the label.
            QStringList types;
            for (const QJsonValue &v : QJsonDocument::fromJson(r.detailJson.toUtf8()).object().value(QStringLiteral("spans")).toArray())
                types << v.toObject().value(QStringLiteral("label")).toString();
            r.label = types.join(QLatin1Char(','));
        }
        const auto sample = (*store)->sample(r.sampleId);
        if (!sample)
            return dataError(sample.error());
        if (parser.isSet(json)) {
            QJsonObject o{{QStringLiteral("rank"), i + 1},
                                {QStringLiteral("id"), sample->externalId.isEmpty() ? QJsonValue(r.sampleId)
                                                                                     : QJsonValue(sample->externalId)},
                                {QStringLiteral("score"), r.score},
                                {QStringLiteral("label"), r.label.isEmpty() ? QJsonValue() : QJsonValue(r.label)},
                                {QStringLiteral("confidence"), r.confidence},
                                {QStringLiteral("text"), sample->text}};
            if (ner)
                o.insert(QStringLiteral("spans"),
                         QJsonDocument::fromJson(r.detailJson.toUtf8()).object().value(QStringLiteral("spans")).toArray());
            out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        } else {
            out() << QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                         .arg(i + 1)
                         .arg(r.score, 0, 'f', 4)
                         .arg(r.label.isEmpty() ? QStringLiteral("-") : r.label)
                         .arg(r.confidence, 0, 'f', 3)
                         .arg(oneLine(sample->text, 80));
        }
    }
    if (ranked.isEmpty())
        err() << Tr::tr("Every pool sample is labeled.\n");
    return Success;
}
} // namespace

[[maybe_unused]] const bool rankRegistered = registerCommand(
    {60, "rank", QT_TRANSLATE_NOOP("Cli", "list the samples to label next with their scores"), &runRank});

} // namespace marginalia::cli
