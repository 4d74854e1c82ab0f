// Scoring a large pool with and without the frozen document vector (TextClassifier.h): the same linear model,
// the same documents, in the same run. Without it, a linear model scores against a table projected onto its
// output layer; with it, the document vector is normalized after the mean and needs its word vectors' sums. Then
// the same with word classes (TextClassifier::setExtraIds: each word id adds its class's id), as a classification
// round on fewer than 1,000 labels scores its pool.
// Usage: marginalia_document_vector_bench [POOL_SIZE] [IDS_PER_DOCUMENT]
#include "ml/Device.h"
#include "ml/TextClassifier.h"
#include "ml/TrainingTypes.h"
#include "ml/WordVectors.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <random>

using namespace marginalia;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int pool = args.size() > 1 ? args[1].toInt() : 200000;
    const int perDocument = args.size() > 2 ? args[2].toInt() : 300;
    ml::configureTorchThreads(1);
    QTextStream out(stdout);
    std::mt19937_64 rng(7);
    ml::ModelShape shape;
    shape.classes = 10;
    // Word ids: a 50 k vocabulary with vectors; the other ids (bigrams) anywhere in the table.
    std::uniform_int_distribution<std::int64_t> anyRow(0, shape.buckets - 1);
    std::vector<std::int64_t> words(50000);
    for (auto &w : words)
        w = anyRow(rng);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::uniform_int_distribution<std::size_t> anyWord(0, words.size() - 1);
    std::vector<std::vector<std::int64_t>> documents(static_cast<std::size_t>(pool));
    for (auto &d : documents)
        for (int k = 0; k < perDocument; ++k)
            d.push_back(k % 2 ? words[anyWord(rng)] : anyRow(rng));
    // A few labeled documents, so that both models have trained rows.
    std::vector<ml::Example> examples;
    for (int i = 0; i < 500; ++i)
        examples.push_back({documents[static_cast<std::size_t>(i)], {i % shape.classes}, {}});
    ml::WordVectors vectors;
    vectors.dim = 64;
    vectors.rows = words;
    std::normal_distribution<float> normal;
    vectors.values.resize(words.size() * 64);
    for (float &v : vectors.values)
        v = normal(rng);
    ml::TrainingOptions options;
    options.epochs = 2;
    const std::atomic_bool cancel{false};
    // Each word's class among 512, as a row of its own.
    auto classes = std::make_shared<std::vector<std::int32_t>>(static_cast<std::size_t>(shape.buckets), -1);
    std::vector<std::int64_t> classRows(512);
    for (auto &c : classRows)
        c = anyRow(rng);
    std::uniform_int_distribution<std::size_t> anyClass(0, classRows.size() - 1);
    for (std::int64_t w : words)
        (*classes)[static_cast<std::size_t>(w)] = static_cast<std::int32_t>(classRows[anyClass(rng)]);
    double seconds[3] = {0, 0, 0};
    for (int variant = 0; variant < 3; ++variant) {
        const bool withVector = variant > 0;
        ml::ModelShape s = shape;
        s.documentDim = withVector ? 64 : 0;
        auto model = ml::TextClassifier::create(s, 1, ml::TextClassifier::Backend::RowLoops);
        if (!model) {
            out << model.error() << '\n';
            return 1;
        }
        if (withVector && !(*model)->useWordVectors(vectors)) {
            out << "the vectors were refused\n";
            return 1;
        }
        if (!(*model)->train(examples, options, cancel)) {
            out << "training failed\n";
            return 1;
        }
        if (variant == 2)
            (*model)->setExtraIds(classes);
        QElapsedTimer clock;
        clock.start();
        const auto scored = (*model)->predict(documents);
        seconds[variant] = clock.elapsed() / 1000.0;
        if (!scored) {
            out << scored.error() << '\n';
            return 1;
        }
    }
    out << QStringLiteral("scoring %1 documents of %2 ids, one thread\n").arg(pool).arg(perDocument);
    out << QStringLiteral("  without a document vector (projected table)  %1 s\n").arg(seconds[0], 0, 'f', 2);
    out << QStringLiteral("  with a 64-dimensional document vector         %1 s (x%2)\n")
               .arg(seconds[1], 0, 'f', 2)
               .arg(seconds[0] > 0 ? seconds[1] / seconds[0] : 0.0, 0, 'f', 2);
    out << QStringLiteral("  the same with word classes (one more id a word) %1 s (x%2 the vector's)\n")
               .arg(seconds[2], 0, 'f', 2)
               .arg(seconds[1] > 0 ? seconds[2] / seconds[1] : 0.0, 0, 'f', 2);
    return 0;
}
