// marginalia pretrain PROJECT [--method svd|skipgram] [--epochs N] [--threads N] [--json]: learn word vectors
// from the pool's text
#include "cli/CommandRegistry.h"
#include "cli/ProgressLine.h"
#include "ml/PoolPretraining.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int runPretrain(const QStringList &arguments)
{
    const QString name = QStringLiteral("pretrain");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    const QCommandLineOption method(QStringLiteral("method"),
                                    Tr::tr("skipgram: from the words around each word (fastText; a minute or more), or "
                                           "svd: from the samples words share (seconds). Default: the project's "
                                           "setting model.pretrain_method."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption epochs(QStringLiteral("epochs"),
                                    Tr::tr("Skip-gram's passes over the text (default: from 30 for a small pool down to "
                                           "3 for a large one, fewer with the wider window of text classification)."),
                                    QStringLiteral("N"));
    const QCommandLineOption threads(QStringLiteral("threads"), Tr::tr("Threads to learn with (default 2)."),
                                     QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print what was learned as one JSON object."));
    for (const QCommandLineOption *o : {&method, &epochs, &threads, &json})
        parser.addOption(*o);
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Learn word vectors from the text of the project's pool samples, labeled or not, and keep "
                               "them in the project: the next training rounds start from them (setting "
                               "model.pool_vectors, on by default)."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one PROJECT path."));
    const std::optional<ml::PretrainMethod> chosen = ml::pretrainMethodNamed(parser.value(method));
    if (parser.isSet(method) && !chosen)
        return usageError(name, Tr::tr("--method expects skipgram or svd."));
    bool epochsOk = true, threadsOk = false;
    const int passes = parser.isSet(epochs) ? parser.value(epochs).toInt(&epochsOk) : 0; // 0: by the pool's size
    epochsOk = epochsOk && (!parser.isSet(epochs) || (passes >= 1 && passes <= 100));
    const int threadCount = parser.value(threads).toInt(&threadsOk);
    if (!epochsOk || !threadsOk || threadCount < 1 || threadCount > 64)
        return usageError(name, Tr::tr("--epochs expects 1 to 100, --threads 1 to 64."));
    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    if ((*store)->task() == TaskType::Image)
        return dataError(Tr::tr("Learning word vectors is for text; this project labels images."));
    ml::PretrainOptions options = ml::projectPretrainOptions(**store);
    options.method = chosen.value_or(options.method);
    options.epochs = passes;
    options.threads = threadCount;
    const std::atomic_bool cancel{false};
    ProgressLine progress(QString{});
    const auto result = ml::pretrainProject(**store, options, cancel, [&](int done, int total, const QString &what) {
        progress.update(done, total, what);
    });
    progress.clear();
    if (!result)
        return dataError(result.error());
    // On by default; a project may have switched it off, or name vectors or an encoder that rounds read instead.
    const bool used = settings::roundsReadPoolVectors(**store);
    if (parser.isSet(json)) {
        out() << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("samples"), result->documents},
                                                             {QStringLiteral("tokens"), result->tokens},
                                                             {QStringLiteral("words"), int(result->table.words.size())},
                                                             {QStringLiteral("dim"), result->table.dim},
                                                             {QStringLiteral("method"), ml::pretrainMethodName(options.method)},
                                                             {QStringLiteral("epochs"), result->epochs},
                                                             {QStringLiteral("used_by_rounds"), used},
                                                             {QStringLiteral("seconds"), result->seconds}})
                                        .toJson(QJsonDocument::Compact))
              << '\n';
        return Success;
    }
    out() << Tr::tr("Learned %1-dimensional vectors for %2 words from %3 samples (%4 tokens) in %5 s.\n")
                 .arg(result->table.dim)
                 .arg(result->table.words.size())
                 .arg(result->documents)
                 .arg(result->tokens)
                 .arg(result->seconds, 0, 'f', 1);
    if (!settings::value(**store, settings::kUsePoolVectors).toBool())
        out() << Tr::tr("Training rounds start from them once the setting model.pool_vectors is on "
                        "(marginalia config PROJECT model.pool_vectors true).\n");
    else if (!used)
        out() << Tr::tr("Training rounds read the word vector file or text encoder the project names instead; "
                        "they start from these once model.pretrained_vectors and model.text_encoder are empty.\n");
    return Success;
}
} // namespace

[[maybe_unused]] const bool pretrainRegistered = registerCommand(
    {48, "pretrain", QT_TRANSLATE_NOOP("Cli", "learn word vectors from the project's unlabeled text"), &runPretrain});

} // namespace marginalia::cli
