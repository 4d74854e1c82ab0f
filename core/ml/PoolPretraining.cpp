#include "ml/PoolPretraining.h"
#include "ml/DocumentTermSvd.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "text/Tokenizer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryFile>

#include <fasttext/fasttext.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <random>
#include <thread>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

// fastText's input matrix has a row per word and per subword bucket; its default of 2 million buckets would
// cost half a gigabyte at 64 dimensions. A project's vocabulary needs far fewer.
constexpr int kSubwordBuckets = 200000;

// One line of space-separated normalized tokens per text: fastText splits on whitespace, so tokens (which never
// contain any) reach it exactly as the classifier's hasher sees them. Past `limit` texts, each is kept with the
// same chance (a first pass counts them).
Status writeCorpus(const TextSource &texts, qint64 limit, std::uint64_t seed, QFile &file, qint64 &documents,
                   qint64 &tokens, const std::atomic_bool &cancel)
{
    qint64 available = 0;
    Status counted = texts([&](const QString &) {
        ++available;
        return !cancel.load();
    });
    if (!counted)
        return counted;
    const double keep = available > limit ? double(limit) / double(available) : 1.0;
    std::mt19937_64 rng(seed);
    std::bernoulli_distribution kept(keep);
    QByteArray line;
    bool writeFailed = false;
    Status read = texts([&](const QString &text) {
        if (cancel.load())
            return false;
        if (keep < 1.0 && !kept(rng))
            return true;
        line.clear();
        for (const text::Token &t : text::tokenize(text)) {
            if (!line.isEmpty())
                line.append(' ');
            line.append(t.text.toUtf8());
            ++tokens;
        }
        if (line.isEmpty())
            return true;
        line.append('\n');
        ++documents;
        if (file.write(line) != line.size()) {
            writeFailed = true;
            return false;
        }
        return true;
    });
    if (!read)
        return read;
    if (cancel.load())
        return fail(Tr::tr("Learning from unlabeled text was cancelled."));
    if (writeFailed || !file.flush())
        return fail(Tr::tr("Could not write the text to learn from to a temporary file: %1").arg(file.errorString()));
    return {};
}

WordVectorTable collectVectors(const fasttext::FastText &model)
{
    WordVectorTable table;
    table.dim = model.getDimension();
    const auto dictionary = model.getDictionary();
    fasttext::Vector vector(table.dim);
    table.words.reserve(dictionary->nwords());
    table.values.reserve(std::size_t(dictionary->nwords()) * std::size_t(table.dim));
    for (int32_t i = 0; i < dictionary->nwords(); ++i) {
        const std::string word = dictionary->getWord(i);
        if (word == "</s>") // fastText's end-of-line token
            continue;
        model.getWordVector(vector, word);
        table.words << QString::fromStdString(word);
        table.values.insert(table.values.end(), vector.data(), vector.data() + table.dim);
    }
    return table;
}

// The document-term method: the texts' tokens straight into the SVD.
Result<PretrainResult> learnFromDocumentTerms(const TextSource &texts, const PretrainOptions &options,
                                              const std::atomic_bool &cancel, const PretrainProgress &progress)
{
    QElapsedTimer clock;
    clock.start();
    PretrainResult result;
    if (progress)
        progress(0, 0, Tr::tr("Reading the text"));
    const TokenSource documents = [&](const std::function<bool(const QStringList &)> &emit) {
        return texts([&](const QString &text) {
            QStringList tokens;
            for (const text::Token &t : text::tokenize(text))
                tokens << t.text;
            result.tokens += tokens.size();
            result.documents += tokens.isEmpty() ? 0 : 1;
            return emit(tokens);
        });
    };
    DocumentTermSvdOptions svd;
    svd.dim = options.dim;
    svd.minCount = options.minCount;
    svd.seed = options.seed;
    auto table = documentTermSvd(documents, svd, cancel, [&](int done, int total) {
        if (progress)
            progress(done, total, Tr::tr("Learning word vectors"));
    });
    if (result.documents == 0 && !cancel.load())
        return fail(Tr::tr("There is no text to learn from: the project's pool is empty."));
    if (!table)
        return Error{table.error()};
    result.table = std::move(*table);
    result.seconds = clock.elapsed() / 1000.0;
    return result;
}
} // namespace

int skipGramPasses(qint64 tokens, int window)
{
    constexpr double kTokenWindowSteps = 360e6;
    const double perPass = double(std::max<qint64>(tokens, 1)) * std::max(window, 1);
    return int(std::clamp<double>(std::round(kTokenWindowSteps / perPass), 3, 30));
}

int skipGramWindow(bool spans)
{
    return spans ? 5 : 15;
}

std::optional<PretrainMethod> pretrainMethodNamed(const QString &name)
{
    if (name == QLatin1String("skipgram"))
        return PretrainMethod::SkipGram;
    if (name == QLatin1String("svd"))
        return PretrainMethod::DocumentTerms;
    return std::nullopt;
}

QString pretrainMethodName(PretrainMethod method)
{
    return method == PretrainMethod::SkipGram ? QStringLiteral("skipgram") : QStringLiteral("svd");
}

PretrainOptions projectPretrainOptions(const ProjectStore &store)
{
    PretrainOptions options;
    options.method = pretrainMethodNamed(settings::value(store, settings::kPretrainMethod).toString()).value_or(options.method);
    options.dim = settings::value(store, settings::kEmbeddingDim).toInt();
    options.window = skipGramWindow(store.task() == TaskType::Ner);
    return options;
}

Result<PretrainResult> pretrainWordVectors(const TextSource &texts, const PretrainOptions &options,
                                           const std::atomic_bool &cancel, const PretrainProgress &progress)
{
    if (options.method == PretrainMethod::DocumentTerms)
        return learnFromDocumentTerms(texts, options, cancel, progress);
    QElapsedTimer clock;
    clock.start();
    PretrainResult result;
    QTemporaryFile corpus(QDir::temp().filePath(QStringLiteral("marginalia-pretrain-XXXXXX.txt")));
    if (!corpus.open())
        return fail(Tr::tr("Could not create a temporary file for the text to learn from: %1").arg(corpus.errorString()));
    if (progress)
        progress(0, 0, Tr::tr("Reading the text"));
    if (auto s = writeCorpus(texts, std::max<qint64>(1, options.skipGramTexts), options.seed, corpus, result.documents,
                             result.tokens, cancel);
        !s)
        return Error{s.error()};
    if (result.documents == 0)
        return fail(Tr::tr("There is no text to learn from: the project's pool is empty."));

    fasttext::Args args;
    args.input = QFile::encodeName(corpus.fileName()).toStdString();
    args.model = fasttext::model_name::sg;
    args.dim = options.dim;
    result.epochs = options.epochs > 0 ? options.epochs : skipGramPasses(result.tokens, options.window);
    args.epoch = result.epochs;
    args.minCount = options.minCount;
    args.ws = options.window;
    args.thread = std::max(1, options.threads);
    args.seed = int(options.seed % 2147483647u);
    args.verbose = 0;
    args.minn = options.subwords ? 3 : 0;
    args.maxn = options.subwords ? 6 : 0;
    args.bucket = options.subwords ? kSubwordBuckets : 0;

    // fastText calls its progress callback from each of its threads: they only store a number, which this thread
    // reports, and this thread alone asks fastText to stop.
    fasttext::FastText model;
    std::atomic<float> done{0.0f};
    std::atomic_bool finished{false};
    std::exception_ptr failure;
    std::thread trainer([&] {
        try {
            model.train(args, [&](float p, float, double, double, int64_t) { done.store(p); });
        } catch (...) {
            failure = std::current_exception();
        }
        finished.store(true);
    });
    bool aborted = false;
    while (!finished.load()) {
        // Again on every poll: fastText forgets an abort that arrives before its threads start.
        if (cancel.load()) {
            model.abort();
            aborted = true;
        }
        if (progress)
            progress(int(done.load() * 1000), 1000, Tr::tr("Learning word vectors"));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    trainer.join();
    if (aborted)
        return fail(Tr::tr("Learning from unlabeled text was cancelled."));
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const std::invalid_argument &e) {
            // fastText's only input complaint: no word occurs often enough.
            return fail(Tr::tr("The pool's text is too small to learn word vectors from (%1).").arg(QString::fromUtf8(e.what())));
        } catch (const std::exception &e) {
            return fail(Tr::tr("Learning word vectors failed: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    result.table = collectVectors(model);
    result.seconds = clock.elapsed() / 1000.0;
    return result;
}

Result<PretrainResult> pretrainProject(ProjectStore &store, const PretrainOptions &options,
                                       const std::atomic_bool &cancel, const PretrainProgress &progress)
{
    SampleFilter pool;
    pool.split = Split::Pool;
    const TextSource texts = [&](const std::function<bool(const QString &)> &emit) {
        return store.forEachSample(pool, [&](const AnnotatedSample &s) { return emit(s.sample.text); });
    };
    auto result = pretrainWordVectors(texts, options, cancel, progress);
    if (!result)
        return result;
    PoolVectorsRecord record;
    record.samples = result->documents;
    record.words = int(result->table.words.size());
    record.dim = result->table.dim;
    record.seconds = result->seconds;
    record.data = encodeWordVectors(result->table);
    if (auto s = store.setPoolVectors(record); !s)
        return Error{s.error()};
    return result;
}

Result<std::shared_ptr<const WordVectorTable>> storedPoolVectors(const ProjectStore &store)
{
    auto record = store.poolVectors();
    if (!record)
        return Error{record.error()};
    if (!*record)
        return std::shared_ptr<const WordVectorTable>();
    auto table = decodeWordVectors((*record)->data);
    if (!table)
        return Error{table.error()};
    table->stamp = (*record)->createdAt.toMSecsSinceEpoch();
    return std::shared_ptr<const WordVectorTable>(std::make_shared<WordVectorTable>(std::move(*table)));
}

} // namespace marginalia::ml
