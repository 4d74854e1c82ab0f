// marginalia agreement PROJECT [--json]: how far the annotators of the samples several of them labeled agree.
#include "cli/CommandRegistry.h"
#include "store/ProjectStore.h"
#include "task/ProjectAgreement.h"

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

QJsonValue number(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QString figure(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 4) : QStringLiteral("-");
}

QString nameOf(const QString &annotator)
{
    return annotator.isEmpty() ? Tr::tr("(unnamed)") : annotator;
}

int runAgreement(const QStringList &arguments)
{
    const QString name = QStringLiteral("agreement");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print one JSON object."));
    parser.addOption(json);
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Agreement between annotators on the samples two or more of them labeled (import each "
                               "person's file with --annotator NAME): Cohen's kappa for every pair, Fleiss' kappa over "
                               "the samples everyone labeled, Krippendorff's alpha (nominal, missing labels allowed), "
                               "and per label alpha and Fleiss' kappa of \"has the label\"."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one PROJECT path."));
    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    const auto agreement = task::projectAgreement(**store);
    if (!agreement)
        return dataError(agreement.error());
    const metrics::AgreementFigures &all = agreement->overall;
    if (parser.isSet(json)) {
        QJsonArray pairs, labels;
        for (const metrics::PairAgreement &p : all.pairs)
            pairs.append(QJsonObject{{QStringLiteral("a"), p.a},
                                     {QStringLiteral("b"), p.b},
                                     {QStringLiteral("items"), p.items},
                                     {QStringLiteral("cohen_kappa"), p.cohenKappa}});
        for (const task::LabelAgreement &l : agreement->perLabel)
            labels.append(QJsonObject{{QStringLiteral("label"), l.label},
                                      {QStringLiteral("items"), l.units},
                                      {QStringLiteral("krippendorff_alpha"), number(l.krippendorffAlpha)},
                                      {QStringLiteral("fleiss_kappa"), number(l.fleissKappa)}});
        const QJsonObject o{{QStringLiteral("annotators"), QJsonArray::fromStringList(agreement->annotators)},
                            {QStringLiteral("items"), all.units},
                            {QStringLiteral("pairs"), pairs},
                            {QStringLiteral("fleiss_kappa"), number(all.fleissKappa)},
                            {QStringLiteral("fleiss_items"), all.fleissUnits},
                            {QStringLiteral("krippendorff_alpha"), number(all.krippendorffAlpha)},
                            {QStringLiteral("labels"), labels}};
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        return Success;
    }
    out() << Tr::tr("%n annotator(s), %1 sample(s) labeled by two or more\n", nullptr, int(agreement->annotators.size()))
                 .arg(all.units);
    if (all.units == 0) {
        out() << Tr::tr("No sample was labeled by two annotators: import each person's labels with --annotator NAME.\n");
        return Success;
    }
    for (const metrics::PairAgreement &p : all.pairs)
        out() << Tr::tr("Cohen's kappa %1 / %2: %3 (%4 samples)\n").arg(nameOf(p.a), nameOf(p.b), figure(p.cohenKappa)).arg(p.items);
    out() << Tr::tr("Fleiss' kappa: %1 (%2 samples labeled by everyone)\n").arg(figure(all.fleissKappa)).arg(all.fleissUnits);
    out() << Tr::tr("Krippendorff's alpha: %1\n").arg(figure(all.krippendorffAlpha));
    out() << Tr::tr("per label (alpha, Fleiss' kappa):\n");
    for (const task::LabelAgreement &l : agreement->perLabel)
        out() << QStringLiteral("  %1 %2 %3  (%4)\n")
                     .arg(l.label.leftJustified(20), figure(l.krippendorffAlpha), figure(l.fleissKappa))
                     .arg(Tr::tr("%n sample(s)", nullptr, l.units));
    return Success;
}

} // namespace

[[maybe_unused]] const bool registered = registerCommand(
    {45, "agreement", QT_TRANSLATE_NOOP("Cli", "agreement between annotators (Cohen, Fleiss, Krippendorff)"), &runAgreement});

} // namespace marginalia::cli
