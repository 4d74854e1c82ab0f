// marginalia predict PROJECT FILE [--json] (image projects: FILE is a folder, an image or a list of paths)
// One line per input with the label and its confidence; span-labeling projects print the predicted spans as
// LABEL [start, end) "surface" confidence, tab-separated ("-" when none).
#include "cli/CommandRegistry.h"
#include "io/ImageReader.h"
#include "ml/Device.h"
#include "ml/TextData.h"
#include "task/PredictDriver.h"
#include "task/StoredRunModel.h"
#include "store/ProjectFiles.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// The images `predict` labels in an image project: a folder's files, one image, or a list with a path per line
// (relative to the list's folder).
Result<QStringList> imagesToPredict(const QString &source)
{
    const QFileInfo info(source);
    if (info.isDir()) {
        QStringList paths;
        for (const QFileInfo &file : QDir(source).entryInfoList(QDir::Files, QDir::Name))
            paths << file.absoluteFilePath();
        if (paths.isEmpty())
            return Error{Tr::tr("%1 holds no files.").arg(source)};
        return paths;
    }
    if (auto s = refuseOpenProject(source); !s)
        return Error{s.error()};
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot open %1: %2").arg(source, file.errorString())};
    if (imageSize(file.peek(qint64(1) << 20), source))
        return QStringList{info.absoluteFilePath()};
    QStringList paths;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty())
            paths << QDir::cleanPath(info.absoluteDir().absoluteFilePath(line));
    }
    return paths;
}

int runPredict(const QStringList &arguments)
{
    const QString name = QStringLiteral("predict");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("JSONL with a \"text\" field, or plain text lines. Image projects: a folder of images, one image, or a "
                                        "list of image paths, one per line."));
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
    const bool images = (*store)->task() == TaskType::Image;
    QStringList texts;
    if (images) {
        // New images are read from their files, not through the project (which knows only its own).
        const auto paths = imagesToPredict(parser.positionalArguments().at(1));
        if (!paths)
            return dataError(paths.error());
        texts = *paths;
    } else {
        const auto rows = ml::readTextFile(parser.positionalArguments().at(1));
        if (!rows)
            return dataError(rows.error());
        for (const ml::LabeledText &row : *rows)
            texts << row.text;
    }
    const auto model = images ? task::makeTaskModel(TaskType::Image, ml::TrainingOptions{})
                              : task::makeStoredRunModel(**store);
    const auto predicted = task::predictTexts(**store, *model, texts);
    if (!predicted)
        return dataError(predicted.error());
    for (int i = 0; i < predicted->size(); ++i) {
        const PredictionRow &row = predicted->at(i);
        if (parser.isSet(json))
            out() << QString::fromUtf8(QJsonDocument(model->predictionJson(i, row)).toJson(QJsonDocument::Compact)) << '\n';
        else if (images)
            out() << texts[i] << '\t' << model->predictionLine(i, row) << '\n';
        else
            out() << model->predictionLine(i, row) << '\n';
    }
    return Success;
}
} // namespace

[[maybe_unused]] const bool predictRegistered = registerCommand(
    {70, "predict", QT_TRANSLATE_NOOP("Cli", "label new text with the latest model"), &runPredict});

} // namespace marginalia::cli
