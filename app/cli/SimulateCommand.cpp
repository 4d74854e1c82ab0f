// marginalia simulate POOL.jsonl [--eval EVAL.jsonl | --eval-fraction F] --strategy S [--seed-size N] [--batch N]
//                     [--budget N] [--repeats R] [--seed K] [--json]
// marginalia simulate POOL --task ner ...: POOL and EVAL are tagged sentences (CoNLL or JSONL tokens + tags);
// labels count sentences, F1 is entity-level and accuracy token accuracy.
// marginalia simulate DIR --task image ... [--flip]: DIR and EVAL are image folders with one subfolder per label;
// files that cannot be read are listed on stderr and skipped.
#include "al/Strategies.h"
#include "cli/CommandRegistry.h"
#include "cli/ProgressLine.h"
#include "ml/PoolPretraining.h"
#include "ml/Device.h"
#include "ml/Simulation.h"
#include "settings/ProjectSettings.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

bool readInt(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum, int &value)
{
    bool ok = false;
    value = parser.value(option).toInt(&ok);
    return ok && value >= minimum;
}

int runSimulate(const QStringList &arguments)
{
    const QString name = QStringLiteral("simulate");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("POOL"), Tr::tr("Labeled JSONL (\"text\" and \"label\" or \"labels\"); with --task image, a folder with one subfolder of images per label."));
    const QCommandLineOption evalFile(QStringLiteral("eval"), Tr::tr("Labeled JSONL to evaluate on."), QStringLiteral("FILE"));
    const QCommandLineOption evalFraction(QStringLiteral("eval-fraction"),
                                          Tr::tr("Share of POOL held out for evaluation when --eval is not given (default 0.2)."),
                                          QStringLiteral("F"), QStringLiteral("0.2"));
    const QCommandLineOption strategy(QStringLiteral("strategy"),
                                      Tr::tr("Query strategy: %1.").arg(al::strategyNames(al::ScoreKind::ClassProbabilities).join(QStringLiteral(", "))),
                                      QStringLiteral("S"));
    const QCommandLineOption seedSize(QStringLiteral("seed-size"), Tr::tr("Random labels to start with (default 25)."),
                                      QStringLiteral("N"), QStringLiteral("25"));
    const QCommandLineOption batch(QStringLiteral("batch"), Tr::tr("Labels revealed per round (default 25)."),
                                   QStringLiteral("N"), QStringLiteral("25"));
    const QCommandLineOption budget(QStringLiteral("budget"), Tr::tr("Stop at this many labels (default 600)."),
                                    QStringLiteral("N"), QStringLiteral("600"));
    const QCommandLineOption repeats(QStringLiteral("repeats"), Tr::tr("Independent repeats averaged (default 1)."),
                                     QStringLiteral("R"), QStringLiteral("1"));
    const QCommandLineOption seed(QStringLiteral("seed"), Tr::tr("Random seed (default 42)."), QStringLiteral("K"),
                                  QStringLiteral("42"));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print the result as one JSON object."));
    const QCommandLineOption task(QStringLiteral("task"),
                                  Tr::tr("textcat (default) or ner: POOL and EVAL hold tagged sentences (CoNLL or JSONL "
                                         "with \"tokens\" and \"tags\"), strategies: %1.")
                                      .arg(al::strategyNames(al::ScoreKind::TokenMarginals).join(QStringLiteral(", ")))
                                      + QLatin1Char(' ')
                                      + Tr::tr("Or image: POOL and EVAL are folders with one subfolder of images per label."),
                                  QStringLiteral("T"), QStringLiteral("textcat"));
    const QCommandLineOption flip(QStringLiteral("flip"),
                                  Tr::tr("With --task image: mirror training images left to right (not for digits or "
                                         "text, where a mirrored image is another class)."));
    const QCommandLineOption vectors(QStringLiteral("vectors"),
                                     Tr::tr("Word vectors (fastText .vec or .bin) the text classifier reads each text through."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption pretrain(QStringLiteral("pretrain"),
                                      Tr::tr("Learn word vectors from the pool's text (not the labels, not the eval "
                                             "data) before the first round, as 'marginalia pretrain' does for a project."));
    const QCommandLineOption pretrainMethod(QStringLiteral("pretrain-method"),
                                            Tr::tr("How --pretrain learns: skipgram or svd (default: as a new project "
                                                   "does, see 'marginalia config')."),
                                            QStringLiteral("NAME"));
    const QCommandLineOption encoder(QStringLiteral("encoder"),
                                     Tr::tr("A TorchScript text encoder (.pt) whose features a classifier head (or, "
                                            "with --task ner, a tagging head over its token states) learns from, instead "
                                            "of the built-in model. The file runs as code."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption vocabulary(QStringLiteral("vocab"),
                                        Tr::tr("The encoder's WordPiece vocabulary (default: vocab.txt beside it)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption finetune(QStringLiteral("finetune-encoder"),
                                      Tr::tr("With --encoder: train the encoder's own weights with the classifier "
                                             "or tagging head every round (much slower; meant for a GPU)."));
    for (const QCommandLineOption *o : {&evalFile, &evalFraction, &strategy, &seedSize, &batch, &budget, &repeats, &seed,
                                        &json, &task, &vectors, &pretrain, &pretrainMethod, &flip, &encoder, &vocabulary,
                                        &finetune})
        parser.addOption(*o);
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Simulate active learning with an oracle: the pool's gold labels are revealed only for the "
                           "samples the strategy picks, and the model is scored on the eval data after each round."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(name, Tr::tr("expected exactly one POOL file."));
    if (!parser.isSet(strategy))
        return usageError(name, Tr::tr("--strategy is required."));
    if (parser.isSet(evalFile) && parser.isSet(evalFraction))
        return usageError(name, Tr::tr("give either --eval or --eval-fraction, not both."));
    if (parser.isSet(pretrainMethod) && (!parser.isSet(pretrain) || !ml::pretrainMethodNamed(parser.value(pretrainMethod))))
        return usageError(name, Tr::tr("--pretrain-method goes with --pretrain and expects skipgram or svd."));
    if (parser.isSet(vectors) && parser.isSet(pretrain))
        return usageError(name, Tr::tr("give either --vectors or --pretrain, not both."));
    const QString taskName = parser.value(task);
    if (taskName != QLatin1String("textcat") && taskName != QLatin1String("ner") && taskName != QLatin1String("image"))
        return usageError(name, Tr::tr("--task expects textcat, ner or image."));
    const bool ner = taskName == QLatin1String("ner");
    const bool image = taskName == QLatin1String("image");
    if (parser.isSet(flip) && !image)
        return usageError(name, Tr::tr("--flip is for --task image."));
    if (image && (parser.isSet(vectors) || parser.isSet(pretrain)))
        return usageError(name, Tr::tr("--vectors and --pretrain are for text."));
    if (image && parser.isSet(encoder))
        return usageError(name, Tr::tr("--encoder is for text."));
    if (parser.isSet(vocabulary) && !parser.isSet(encoder))
        return usageError(name, Tr::tr("--vocab goes with --encoder."));
    if (parser.isSet(encoder) && (parser.isSet(vectors) || parser.isSet(pretrain)))
        return usageError(name, Tr::tr("--vectors and --pretrain start the built-in model; --encoder replaces it."));
    if (parser.isSet(finetune) && !parser.isSet(encoder))
        return usageError(name, Tr::tr("--finetune-encoder goes with --encoder."));
    if (ner && parser.isSet(vectors))
        return usageError(name, Tr::tr("--vectors is for text classification; --pretrain works for tagging too."));
    ml::SimulationOptions options;
    options.training.strategy = parser.value(strategy);
    if (!al::findStrategy(options.training.strategy,
                          ner ? al::ScoreKind::TokenMarginals : al::ScoreKind::ClassProbabilities))
        return usageError(name, Tr::tr("unknown strategy \"%1\".").arg(options.training.strategy));
    int seedValue = 0;
    if (!readInt(parser, seedSize, 1, options.seedSize) || !readInt(parser, batch, 1, options.training.batchSize)
        || !readInt(parser, budget, 1, options.budget) || !readInt(parser, repeats, 1, options.repeats)
        || !readInt(parser, seed, 0, seedValue))
        return usageError(name, Tr::tr("--seed-size, --batch, --budget and --repeats expect positive numbers, --seed a "
                                   "non-negative one."));
    options.training.seed = static_cast<std::uint64_t>(seedValue);
    options.training.pretrainedVectors = parser.value(vectors);
    options.training.textEncoder = parser.value(encoder);
    options.training.textEncoderVocab = parser.value(vocabulary);
    options.training.encoderFinetune = parser.isSet(finetune);
    bool ok = false;
    const double fraction = parser.value(evalFraction).toDouble(&ok);
    if (!ok || fraction <= 0 || fraction >= 1)
        return usageError(name, Tr::tr("--eval-fraction expects a number between 0 and 1."));

    ProgressLine progress(QString{}); // on a terminal only: a log of the run gets its report alone
    const auto onProgress = [&](int done, int total, const QString &what) { progress.update(done, total, what); };
    const std::atomic_bool cancel{false};
    std::optional<Result<ml::SimulationResult>> result;
    int poolSize = 0;
    QJsonObject pretrained; // what --pretrain learned, for the report
    // --pretrain: vectors learned from the pool's text (never the eval data) seed the model of every repeat.
    const auto pretrainOn = [&](const ml::TextSource &texts) -> Status {
        ml::PretrainOptions pretrainOptions;
        // The tagger reads word classes from the vectors, and skip-gram's say more about a word's grammatical kin;
        // the classifier takes a new project's method unless told.
        const QString methodName =
            parser.isSet(pretrainMethod) ? parser.value(pretrainMethod)
            : ner                        ? QStringLiteral("skipgram")
                  : settings::find(QLatin1String(settings::kPretrainMethod))->defaultValue.toString();
        pretrainOptions.method = ml::pretrainMethodNamed(methodName).value_or(pretrainOptions.method);
        pretrainOptions.dim = options.training.embeddingDim;
        pretrainOptions.window = ml::skipGramWindow(ner);
        pretrainOptions.threads = options.training.threads;
        pretrainOptions.seed = options.training.seed;
        auto learned = ml::pretrainWordVectors(texts, pretrainOptions, cancel, onProgress);
        if (!learned)
            return Error{learned.error()};
        pretrained = QJsonObject{{QStringLiteral("method"), methodName},
                                 {QStringLiteral("words"), int(learned->table.words.size())},
                                 {QStringLiteral("tokens"), learned->tokens},
                                 {QStringLiteral("epochs"), learned->epochs},
                                 {QStringLiteral("seconds"), learned->seconds}};
        learned->table.stamp = 1;
        options.training.poolVectors = std::make_shared<ml::WordVectorTable>(std::move(learned->table));
        return {};
    };
    if (image) {
        const auto folder = readImageFolder(parser.positionalArguments().first());
        if (!folder)
            return dataError(folder.error());
        for (const QString &skipped : folder->skipped)
            err() << Tr::tr("skipped %1").arg(skipped) << '\n';
        QVector<LabeledImage> pool, eval;
        if (parser.isSet(evalFile)) {
            pool = folder->images;
            const auto evalFolder = readImageFolder(parser.value(evalFile), &folder->input);
            if (!evalFolder)
                return dataError(evalFolder.error());
            for (const QString &skipped : evalFolder->skipped)
                err() << Tr::tr("skipped %1").arg(skipped) << '\n';
            eval = evalFolder->images;
        } else {
            task::splitForSimulation(folder->images, fraction, options.training.seed, pool, eval);
        }
        poolSize = static_cast<int>(pool.size());
        ml::configureTorchThreads(options.training.threads); // the convolutions use torch's threads
        result = ml::simulateImages(pool, eval, folder->input, parser.isSet(flip), options, cancel, onProgress);
    } else if (ner) {
        const auto rows = io::readTaggedFile(parser.positionalArguments().first());
        if (!rows)
            return dataError(rows.error());
        QVector<io::TaggedSentence> pool, eval;
        if (parser.isSet(evalFile)) {
            pool = *rows;
            const auto evalRows = io::readTaggedFile(parser.value(evalFile));
            if (!evalRows)
                return dataError(evalRows.error());
            eval = *evalRows;
        } else {
            task::splitForSimulation(*rows, fraction, options.training.seed, pool, eval);
        }
        poolSize = static_cast<int>(pool.size());
        if (parser.isSet(pretrain)) {
            const ml::TextSource texts = [&](const std::function<bool(const QString &)> &emit) -> Status {
                for (const io::TaggedSentence &row : std::as_const(pool))
                    if (!emit(row.tokens.join(QLatin1Char(' '))))
                        break;
                return {};
            };
            if (auto s = pretrainOn(texts); !s)
                return dataError(s.error());
        }
        ml::configureTorchThreads(options.training.threads); // the tagger's convolutions use torch's threads
        result = ml::simulateSequences(pool, eval, options, cancel, onProgress);
    } else {
        const auto rows = ml::readTextFile(parser.positionalArguments().first());
        if (!rows)
            return dataError(rows.error());
        QVector<ml::LabeledText> pool, eval;
        if (parser.isSet(evalFile)) {
            pool = *rows;
            const auto evalRows = ml::readTextFile(parser.value(evalFile));
            if (!evalRows)
                return dataError(evalRows.error());
            eval = *evalRows;
        } else {
            task::splitForSimulation(*rows, fraction, options.training.seed, pool, eval);
        }
        poolSize = static_cast<int>(pool.size());
        if (parser.isSet(pretrain)) {
            const ml::TextSource texts = [&](const std::function<bool(const QString &)> &emit) -> Status {
                for (const ml::LabeledText &row : std::as_const(pool))
                    if (!emit(row.text))
                        break;
                return {};
            };
            if (auto s = pretrainOn(texts); !s)
                return dataError(s.error());
        }
        ml::configureTorchThreads(1); // scoring uses options.training.threads plain threads
        result = ml::simulate(pool, eval, options, cancel, onProgress);
    }
    progress.clear();
    if (!*result)
        return dataError(result->error());
    const ml::SimulationResult &sim = **result;
    if (parser.isSet(json)) {
        QJsonObject o = sim.toJson();
        if (!pretrained.isEmpty())
            o.insert(QStringLiteral("pretrain"), pretrained);
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        return Success;
    }
    if (!pretrained.isEmpty())
        out() << Tr::tr("pretraining: vectors for %1 words from %2 tokens of the pool in %3 s\n")
                     .arg(pretrained.value(QStringLiteral("words")).toInt())
                     .arg(pretrained.value(QStringLiteral("tokens")).toInteger())
                     .arg(pretrained.value(QStringLiteral("seconds")).toDouble(), 0, 'f', 1);
    out() << Tr::tr("strategy %1; full data (%2 labels): macro-F1 %3, micro-F1 %4, accuracy %5\n")
                 .arg(sim.strategy)
                 .arg(poolSize)
                 .arg(sim.fullMacroF1, 0, 'f', 4)
                 .arg(sim.fullMicroF1, 0, 'f', 4)
                 .arg(sim.fullAccuracy, 0, 'f', 4);
    out() << Tr::tr("labels  macro-F1  micro-F1  accuracy  seconds\n");
    for (const ml::CurvePoint &p : sim.curve)
        out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                     .arg(p.labels, 6)
                     .arg(p.macroF1, 8, 'f', 4)
                     .arg(p.microF1, 8, 'f', 4)
                     .arg(p.accuracy, 8, 'f', 4)
                     .arg(p.seconds, 7, 'f', 2);
    out() << Tr::tr("labels to reach 95% of full-data macro-F1: %1\n")
                 .arg(sim.labelsTo95 ? QString::number(*sim.labelsTo95) : Tr::tr("not reached"));
    if (sim.sequence)
        out() << Tr::tr("labels to reach 95% of full-data token accuracy: %1\n")
                     .arg(sim.labelsTo95Accuracy ? QString::number(*sim.labelsTo95Accuracy) : Tr::tr("not reached"));
    return Success;
}
} // namespace

[[maybe_unused]] const bool simulateRegistered = registerCommand(
    {80, "simulate", QT_TRANSLATE_NOOP("Cli", "simulate active learning on labeled data with an oracle"), &runSimulate});

} // namespace marginalia::cli
