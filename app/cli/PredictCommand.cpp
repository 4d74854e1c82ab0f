// marginalia predict PROJECT FILE [--json]
// One line per input with the label and its confidence; span-labeling projects print the predicted spans as
// LABEL [start, end) "surface" confidence, tab-separated ("-" when none).
#include "cli/CommandRegistry.h"
#include "ml/Device.h"
#include "ml/TextData.h"
#include "task/PredictDriver.h"
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

int runPredict(const QStringList &arguments)
{
    const QString name = QStringLiteral("predict");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("JSONL with a \"text\" field, or plain text lines."));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print one JSON object per input line."));
    parser.addOption(json);
    int code = Success;
    if (!parseArguments(parser, name, Tr::tr("Apply the latest model to new text: one line per input with the label and "
                                         "its confidence."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 2)
        return usageError(name, Tr::tr("expected a PROJECT path and a FILE."));
    auto store = openProject(parser.positionalArguments().at(0));
    if (!store)
        return dataError(store.error());
    ml::configureTorchThreads(1);
    const auto rows = ml::readTextFile(parser.positionalArguments().at(1));
    if (!rows)
        return dataError(rows.error());
    QStringList texts;
    for (const ml::LabeledText &row : *rows)
        texts << row.text;
    const auto model = task::makeProjectModel(**store, ml::TrainingOptions{});
    const auto predicted = task::predictTexts(**store, *model, texts);
    if (!predicted)
        return dataError(predicted.error());
    for (int i = 0; i < predicted->size(); ++i) {
        const PredictionRow &row = predicted->at(i);
        if (parser.isSet(json))
            out() << QString::fromUtf8(QJsonDocument(model->predictionJson(i, row)).toJson(QJsonDocument::Compact)) << '\n';
        else
            out() << model->predictionLine(i, row) << '\n';
    }
    return Success;
}
} // namespace

[[maybe_unused]] const bool predictRegistered = registerCommand(
    {70, "predict", QT_TRANSLATE_NOOP("Cli", "label new text with the latest model"), &runPredict});

} // namespace marginalia::cli
