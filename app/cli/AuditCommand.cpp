// marginalia audit PROJECT [--top N] [--folds K] [--json]: the labeled samples most likely labeled wrong.
#include "cli/CommandRegistry.h"
#include "ml/Device.h"
#include "settings/ModelSettings.h"
#include "store/ProjectStore.h"
#include "task/LabelAudit.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int runAudit(const QStringList &arguments)
{
    const QString name = QStringLiteral("audit");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    const QCommandLineOption top(QStringLiteral("top"), Tr::tr("How many samples to list (default 20)."), QStringLiteral("N"),
                                 QStringLiteral("20"));
    const QCommandLineOption folds(QStringLiteral("folds"), Tr::tr("Cross-validation folds (default 5)."),
                                   QStringLiteral("K"), QStringLiteral("5"));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print one JSON object per sample."));
    parser.addOptions({top, folds, json});
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Find labels that are probably wrong: every labeled sample is scored by a model trained "
                               "without it (k-fold cross-validation), and confident learning flags the samples whose "
                               "label the model confidently contradicts. Lists flagged samples first (the label "
                               "suggested, then the given one's probability), then the least confident others."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one PROJECT path."));
    bool ok = false;
    const int count = parser.value(top).toInt(&ok);
    if (!ok || count < 1)
        return usageError(name, Tr::tr("--top needs a whole number of at least 1."));
    task::AuditOptions options;
    options.folds = parser.value(folds).toInt(&ok);
    if (!ok || options.folds < 2 || options.folds > 20)
        return usageError(name, Tr::tr("--folds needs a whole number from 2 to 20."));
    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    ml::configureTorchThreads(1);
    const ml::TrainingOptions training = settings::trainingOptions(**store);
    ml::FeatureCache cache; // each fold's model featurizes the same samples
    const auto makeModel = [&] { return task::makeProjectModel(**store, training, &cache); };
    const std::atomic_bool cancel{false};
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto audit = task::auditLabels(**store, makeModel, options, cancel, [&](int, int, const QString &what) {
        if (!parser.isSet(json) && sinceProgress.elapsed() > 500) {
            err() << what << '\n';
            sinceProgress.restart();
        }
    });
    if (!audit)
        return dataError(audit.error());
    const int shown = std::min<int>(count, audit->ranked.size());
    for (int i = 0; i < shown; ++i) {
        const task::Suspect &s = audit->ranked[i];
        const auto sample = (*store)->sample(s.sampleId);
        const QString text = sample ? sample->text : QString();
        if (parser.isSet(json)) {
            out() << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), s.sampleId},
                                                                 {QStringLiteral("text"), text},
                                                                 {QStringLiteral("given"), s.given},
                                                                 {QStringLiteral("suggested"), s.suggested},
                                                                 {QStringLiteral("self_confidence"), s.selfConfidence},
                                                                 {QStringLiteral("margin"), s.margin},
                                                                 {QStringLiteral("flagged"), s.flagged}})
                                           .toJson(QJsonDocument::Compact))
                  << '\n';
            continue;
        }
        out() << QStringLiteral("%1\t%2\t%3 -> %4\t%5\t%6\n")
                     .arg(s.sampleId)
                     .arg(s.flagged ? Tr::tr("flagged") : QStringLiteral("-"))
                     .arg(s.given, s.suggested)
                     .arg(s.selfConfidence, 0, 'f', 3)
                     .arg(text.simplified().left(80));
    }
    if (!parser.isSet(json))
        err() << Tr::tr("%1 of %2 labeled sample(s) flagged as likely label errors.").arg(audit->flagged).arg(audit->ranked.size())
              << '\n';
    return Success;
}

} // namespace

[[maybe_unused]] const bool auditRegistered = registerCommand(
    {75, "audit", QT_TRANSLATE_NOOP("Cli", "find labels that are probably wrong (confident learning)"), &runAudit});

} // namespace marginalia::cli
