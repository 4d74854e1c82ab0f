// Pool pretraining: word vectors learned from a project's own text, kept in the project and used by the next
// rounds of the text classifier.
#include "MlTestData.h"
#include "ml/PoolPretraining.h"
#include "ml/SequenceTagger.h"
#include "ml/TokenFeatures.h"
#include "ml/WordClusters.h"
#include "ml/TrainingRound.h"
#include "settings/ProjectSettings.h"
#include "task/TaskModel.h"
#include "text/FeatureHasher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <cmath>
#include <numeric>
#include <random>

using namespace marginalia;

namespace {
// Cosine of two words' vectors after removing the mean vector (on a small corpus all vectors share one large
// common direction, which would hide the topics).
double cosine(const ml::WordVectorTable &t, const QString &a, const QString &b)
{
    const auto ia = t.words.indexOf(a), ib = t.words.indexOf(b);
    if (ia < 0 || ib < 0)
        return -2;
    std::vector<double> mean(std::size_t(t.dim), 0.0);
    for (std::size_t i = 0; i < t.values.size(); ++i)
        mean[i % std::size_t(t.dim)] += t.values[i] / double(t.words.size());
    double dot = 0, na = 0, nb = 0;
    for (int j = 0; j < t.dim; ++j) {
        const double x = t.values[std::size_t(ia * t.dim + j)] - mean[std::size_t(j)];
        const double y = t.values[std::size_t(ib * t.dim + j)] - mean[std::size_t(j)];
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    return dot / std::sqrt(na * nb + 1e-12);
}

ml::TextSource textsOf(const QStringList &texts)
{
    return [texts](const std::function<bool(const QString &)> &emit) -> Status {
        for (const QString &t : texts)
            if (!emit(t))
                break;
        return {};
    };
}

// Sentences of one topic each (MlTestData's vocabularies), no labels.
QStringList topicTexts(int count)
{
    std::mt19937 rng(3);
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << mltest::sentence({i % 3}, rng, 12);
    return out;
}

ml::PretrainOptions smallOptions(ml::PretrainMethod method = ml::PretrainMethod::DocumentTerms)
{
    ml::PretrainOptions o;
    o.method = method;
    o.dim = 16;
    o.epochs = 50;
    o.subwords = false;
    return o;
}
} // namespace

Q_DECLARE_METATYPE(marginalia::ml::PretrainMethod)

class TestPretrain : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static void addMethods()
    {
        QTest::addColumn<ml::PretrainMethod>("method");
        QTest::newRow("document-term SVD") << ml::PretrainMethod::DocumentTerms;
        QTest::newRow("skip-gram") << ml::PretrainMethod::SkipGram;
    }

private Q_SLOTS:
    void wordsOfOneTopicEndUpCloser_data() { addMethods(); }
    void wordsOfOneTopicEndUpCloser()
    {
        QFETCH(ml::PretrainMethod, method);
        const std::atomic_bool cancel{false};
        int reports = 0;
        const auto learned = ml::pretrainWordVectors(textsOf(topicTexts(600)), smallOptions(method), cancel,
                                                     [&](int, int, const QString &) { ++reports; });
        QVERIFY2(learned, qPrintable(learned.error()));
        QCOMPARE(learned->documents, 600);
        QCOMPARE(learned->tokens, 600 * 12);
        QCOMPARE(learned->table.dim, 16);
        QVERIFY(learned->table.words.contains(QStringLiteral("striker")));
        QVERIFY(!learned->table.words.contains(QStringLiteral("</s>")));
        QCOMPARE(learned->table.values.size(), std::size_t(learned->table.words.size() * 16));
        QVERIFY(reports > 0);
        // Words that share contexts (skip-gram) or documents (the SVD) end up together: sports with sports,
        // cooking with cooking.
        const ml::WordVectorTable &t = learned->table;
        const double same = cosine(t, QStringLiteral("striker"), QStringLiteral("referee"));
        const double other = cosine(t, QStringLiteral("striker"), QStringLiteral("garlic"));
        QVERIFY2(same > other + 0.2, qPrintable(QStringLiteral("%1 vs %2").arg(same).arg(other)));
    }

    void chineseCharactersGetVectors_data() { addMethods(); }
    void chineseCharactersGetVectors()
    {
        QFETCH(ml::PretrainMethod, method);
        QStringList texts;
        for (int i = 0; i < 200; ++i)
            texts << (i % 2 ? QStringLiteral("今天天气很好我们去公园散步") : QStringLiteral("股票市场今天上涨投资者很高兴"));
        const std::atomic_bool cancel{false};
        const auto learned = ml::pretrainWordVectors(textsOf(texts), smallOptions(method), cancel);
        QVERIFY2(learned, qPrintable(learned.error()));
        // The tokenizer splits CJK runs into characters; those are the words the classifier hashes.
        QVERIFY(learned->table.words.contains(QStringLiteral("股")));
        QVERIFY(learned->table.words.contains(QStringLiteral("园")));
    }

    void cancelAndEmptyPoolFailCleanly_data() { addMethods(); }
    void cancelAndEmptyPoolFailCleanly()
    {
        QFETCH(ml::PretrainMethod, method);
        const std::atomic_bool cancelled{true};
        QElapsedTimer timer;
        timer.start();
        const auto stopped = ml::pretrainWordVectors(textsOf(topicTexts(600)), smallOptions(method), cancelled);
        QVERIFY(!stopped);
        QVERIFY2(stopped.error().contains(QLatin1String("cancelled")), qPrintable(stopped.error()));
        QVERIFY(timer.elapsed() < 5000);

        const std::atomic_bool cancel{false};
        const auto empty = ml::pretrainWordVectors(textsOf({QStringLiteral("   "), QString()}), smallOptions(method), cancel);
        QVERIFY(!empty);
        QVERIFY2(empty.error().contains(QLatin1String("no text")), qPrintable(empty.error()));
        // Words that never reach the minimum count: a message, not a crash or a silent empty table.
        const auto rare = ml::pretrainWordVectors(textsOf({QStringLiteral("alpha beta gamma")}), smallOptions(method), cancel);
        QVERIFY(!rare);
        QVERIFY2(rare.error().contains(QLatin1String("too small")), qPrintable(rare.error()));
    }

    // The SVD gives the same vectors for the same text, and a pool with fewer samples or shared words than the
    // dimensions asked for gets as many as it can span instead of failing.
    void documentTermVectorsAreRepeatableAndFitSmallPools()
    {
        const std::atomic_bool cancel{false};
        const auto a = ml::pretrainWordVectors(textsOf(topicTexts(300)), smallOptions(), cancel);
        const auto b = ml::pretrainWordVectors(textsOf(topicTexts(300)), smallOptions(), cancel);
        QVERIFY(a && b);
        QCOMPARE(a->table.words, b->table.words);
        QCOMPARE(a->table.values, b->table.values);
        for (float v : a->table.values)
            QVERIFY(std::isfinite(v));
        ml::PretrainOptions wide = smallOptions();
        wide.dim = 64;
        const auto few = ml::pretrainWordVectors(textsOf(topicTexts(12)), wide, cancel);
        QVERIFY2(few, qPrintable(few.error()));
        QCOMPARE(few->table.dim, 11); // 12 samples span at most 11 directions
        QCOMPARE(few->table.values.size(), std::size_t(few->table.words.size() * 11));
    }

    // Skip-gram learns from a sample of a pool larger than its limit, each text kept with the same chance, and
    // still learns the topics from it.
    void skipGramSamplesALargePool()
    {
        const std::atomic_bool cancel{false};
        ml::PretrainOptions options = smallOptions(ml::PretrainMethod::SkipGram);
        options.skipGramTexts = 300;
        const auto learned = ml::pretrainWordVectors(textsOf(topicTexts(1200)), options, cancel);
        QVERIFY2(learned, qPrintable(learned.error()));
        // Binomial(1200, 1/4): a standard deviation of 15 texts.
        QVERIFY2(learned->documents > 240 && learned->documents < 360, qPrintable(QString::number(learned->documents)));
        const auto all = ml::pretrainWordVectors(textsOf(topicTexts(1200)), smallOptions(ml::PretrainMethod::SkipGram), cancel);
        QVERIFY(all);
        QCOMPARE(all->documents, qint64(1200));
        QVERIFY(learned->tokens < all->tokens / 2);
    }

    // Unless told, skip-gram makes more passes over a small pool than over a large one, and fewer with a wider
    // window, within 3 to 30.
    void skipGramPassesFollowThePoolSize()
    {
        QCOMPARE(ml::skipGramPasses(0, 5), 30);
        QCOMPARE(ml::skipGramPasses(800000, 15), 30);
        QCOMPARE(ml::skipGramPasses(1440000, 15), 17);
        QCOMPARE(ml::skipGramPasses(1440000, 30), 8);
        QCOMPARE(ml::skipGramPasses(4800000, 5), 15);
        QCOMPARE(ml::skipGramPasses(4800000, 15), 5);
        QCOMPARE(ml::skipGramPasses(qint64(1) << 40, 5), 3);
        const std::atomic_bool cancel{false};
        ml::PretrainOptions options = smallOptions(ml::PretrainMethod::SkipGram);
        options.epochs = 0;
        const auto learned = ml::pretrainWordVectors(textsOf(topicTexts(200)), options, cancel);
        QVERIFY2(learned, qPrintable(learned.error()));
        QCOMPARE(learned->epochs, ml::skipGramPasses(learned->tokens, options.window));
        options.epochs = 3;
        QCOMPARE(ml::pretrainWordVectors(textsOf(topicTexts(200)), options, cancel)->epochs, 3);
    }

    void encodingRoundTripsAndRefusesDamage()
    {
        ml::WordVectorTable t;
        t.dim = 3;
        t.words = {QStringLiteral("goal"), QStringLiteral("中")};
        t.values = {1, 2, 3, -4, 5.5f, 0};
        const QByteArray bytes = ml::encodeWordVectors(t);
        const auto back = ml::decodeWordVectors(bytes);
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->words, t.words);
        QCOMPARE(back->values, t.values);
        QVERIFY(!ml::decodeWordVectors(bytes.left(bytes.size() - 1)));           // truncated values
        QVERIFY(!ml::decodeWordVectors(bytes + QByteArray(4, '\0')));              // trailing bytes
        QVERIFY(!ml::decodeWordVectors(QByteArray("MRGNTNSR") + bytes.mid(8)));  // another format
        QByteArray huge = bytes;
        huge[12] = '\xff'; // word count 255 + ...: more words than the bytes can hold
        huge[13] = '\xff';
        QVERIFY(!ml::decodeWordVectors(huge));
        QByteArray nan = bytes;
        const float notANumber = std::nanf("");
        std::memcpy(nan.data() + nan.size() - 4, &notANumber, 4);
        QVERIFY(!ml::decodeWordVectors(nan));
        // Rows by hash bucket, for the classifier's table.
        const text::FeatureHasher hasher;
        const ml::WordVectors rows = ml::bucketRows(t, hasher);
        QCOMPARE(rows.rows.size(), std::size_t(2));
        QCOMPARE(rows.rows[0], hasher.bucketOf(QStringLiteral("goal")));
        QCOMPARE(rows.values[3], -4.0f);
    }

    void projectKeepsVectorsAndRoundsStartFromThem()
    {
        const QString path = m_dir.filePath(QStringLiteral("pretrain.marginalia"));
        auto store = mltest::makeProject(path, 300, 20, 20);
        const std::atomic_bool cancel{false};
        QVERIFY(storedPoolVectorsOrDie(*store) == nullptr);
        const auto learned = ml::pretrainProject(*store, smallOptions(), cancel);
        QVERIFY2(learned, qPrintable(learned.error()));
        QCOMPARE(learned->documents, 300); // the pool only: eval text stays unseen
        const auto record = store->poolVectors(false);
        QVERIFY(record && *record);
        QCOMPARE((*record)->samples, 300);
        QCOMPARE((*record)->words, int(learned->table.words.size()));
        QVERIFY((*record)->data.isEmpty()); // read without the blob
        const auto stored = storedPoolVectorsOrDie(*store);
        QVERIFY(stored);
        QCOMPARE(stored->words, learned->table.words);

        // The round records which vectors it started from; the next round warm-starts from it.
        ml::TrainingOptions options;
        options.embeddingDim = 16;
        options.epochs = 3;
        const auto first = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY2(first, qPrintable(first.error()));
        QCOMPARE(configOf(*store, first->runId).value(QStringLiteral("pool_vectors")).toInteger(),
                 (*record)->createdAt.toMSecsSinceEpoch());
        QCOMPARE(configOf(*store, first->runId).value(QStringLiteral("model")).toObject().value(QStringLiteral("embedding_dim")).toInt(), 16);
        QCOMPARE(configOf(*store, first->runId).value(QStringLiteral("word_classes")).toArray().size(), 1);
        // With the vectors' document vector, a round on a few labels adds class prototypes to the logits.
        const auto prototypeWeight = [&](qint64 run) {
            return configOf(*store, run).value(QStringLiteral("model")).toObject().value(QStringLiteral("prototype_weight")).toDouble(-1);
        };
        QCOMPARE(prototypeWeight(first->runId), 12.0);
        const auto second = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY(second);
        QCOMPARE(configOf(*store, second->runId).value(QStringLiteral("warm_start_run")).toInteger(), first->runId);
        // New vectors: the next round starts from them rather than from the old weights.
        QTest::qWait(5); // a new stamp
        QVERIFY(ml::pretrainProject(*store, smallOptions(), cancel));
        const auto third = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY(third);
        QVERIFY(configOf(*store, third->runId).value(QStringLiteral("warm_start_run")).isNull());
        // Switched off by the setting: no vectors.
        QVERIFY(store->setSetting(QString::fromLatin1(settings::kUsePoolVectors), QStringLiteral("false")));
        const auto fourth = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY(fourth);
        QCOMPARE(configOf(*store, fourth->runId).value(QStringLiteral("pool_vectors")).toInteger(), 0);
        QVERIFY(configOf(*store, fourth->runId).value(QStringLiteral("word_classes")).toArray().isEmpty());
        QCOMPARE(prototypeWeight(fourth->runId), 0.0); // no document vector, no prototypes
    }

    void damagedVectorsDoNotStopTraining()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged.marginalia"));
        auto store = mltest::makeProject(path, 60, 20, 20);
        PoolVectorsRecord broken;
        broken.dim = 16;
        broken.data = QByteArray("MRGNVECS") + QByteArray(3, '\x01');
        QVERIFY(store->setPoolVectors(broken));
        QStringList said;
        ml::TrainingOptions options;
        options.epochs = 2;
        const std::atomic_bool cancel{false};
        const auto round = ml::runTrainingRound(*store, options, cancel,
                                                [&](int, int, const QString &what) { said << what; });
        QVERIFY2(round, qPrintable(round.error()));
        QVERIFY2(said.join(QLatin1Char('\n')).contains(QLatin1String("damaged")), qPrintable(said.join(QLatin1Char('\n'))));
        QCOMPARE(configOf(*store, round->runId).value(QStringLiteral("pool_vectors")).toInteger(), 0);
    }

    // Before any label, the cold start spreads its picks by the documents' mean word vectors, so documents
    // on one topic lie close together even when they share no word.
    void coldStartEmbeddingsComeFromTheVectors()
    {
        const std::atomic_bool cancel{false};
        auto learned = ml::pretrainWordVectors(textsOf(topicTexts(600)), smallOptions(), cancel);
        QVERIFY2(learned, qPrintable(learned.error()));
        ml::TrainingOptions options;
        options.poolVectors = std::make_shared<ml::WordVectorTable>(learned->table);
        const auto model = task::makeTaskModel(TaskType::TextCat, options);
        QVERIFY(model->setLabels({QStringLiteral("topic0"), QStringLiteral("topic1")}, {}));
        const QStringList texts{QStringLiteral("striker referee"), QStringLiteral("goal stadium"),
                                QStringLiteral("garlic oven")};
        for (int i = 0; i < texts.size(); ++i) {
            AnnotatedSample a;
            a.sample.id = i + 1;
            a.sample.text = texts[i];
            model->addSample(a);
        }
        const auto coverage = model->coverage({0, 1, 2}, {});
        QVERIFY(coverage);
        QCOMPARE(coverage->share, 1.0); // nothing trained: every pick
        QCOMPARE(coverage->scores.dim, 16);
        const std::vector<float> &e = coverage->scores.embeddings;
        const auto dot = [&](int a, int b) {
            double d = 0;
            for (int j = 0; j < 16; ++j)
                d += double(e[std::size_t(a * 16 + j)]) * e[std::size_t(b * 16 + j)];
            return d;
        };
        QVERIFY2(dot(0, 1) > dot(0, 2) + 0.1, qPrintable(QStringLiteral("%1 vs %2").arg(dot(0, 1)).arg(dot(0, 2))));
        QVERIFY(std::abs(dot(2, 2) - 1.0) < 1e-4); // unit length
    }

    // A project's skip-gram takes a whole paragraph as a word's context for text classification, the next few
    // words for span labeling.
    void theWindowFollowsTheTask()
    {
        QCOMPARE(ml::skipGramWindow(false), 15);
        QCOMPARE(ml::skipGramWindow(true), 5);
        for (const TaskType task : {TaskType::TextCat, TaskType::MultiLabel, TaskType::Ner}) {
            const QString path = m_dir.filePath(QStringLiteral("window-%1.marginalia").arg(int(task)));
            auto store = ProjectStore::create(path, task, {QStringLiteral("a")});
            QVERIFY(store);
            const ml::PretrainOptions options = ml::projectPretrainOptions(**store);
            QCOMPARE(options.window, task == TaskType::Ner ? 5 : 15);
            QCOMPARE(options.method, ml::PretrainMethod::SkipGram);
        }
    }

    // A span-labeling project learns vectors from its sentences too; its rounds read word classes from them unless
    // the setting is switched off.
    void spanRoundsUseVectorsUnlessSwitchedOff()
    {
        const QString path = m_dir.filePath(QStringLiteral("spans.marginalia"));
        auto created = ProjectStore::create(path, TaskType::Ner, {QStringLiteral("PER")});
        QVERIFY(created);
        auto &store = *created;
        const QStringList names{QStringLiteral("Alice"), QStringLiteral("Bob"), QStringLiteral("Carol")};
        for (int i = 0; i < 60; ++i) {
            Sample s;
            s.text = names[i % 3] + QStringLiteral(" met the striker at the stadium ") + topicTexts(60)[i];
            s.split = i < 50 ? Split::Pool : Split::Eval;
            const auto id = store->addSample(s);
            QVERIFY(id && *id);
            AnnotationInput in;
            in.spans = {Span{0, int(names[i % 3].size()), QStringLiteral("PER")}};
            QVERIFY(store->annotate(**id, in));
        }
        const std::atomic_bool cancel{false};
        const auto learned = ml::pretrainProject(*store, smallOptions(), cancel);
        QVERIFY2(learned, qPrintable(learned.error()));
        QCOMPARE(learned->documents, qint64(50)); // the pool's sentences, not the evaluation split's
        ml::TrainingOptions options;
        options.epochs = 2;
        QCOMPARE(settings::value(*store, settings::kUsePoolVectors).toBool(), true);
        const auto withClasses = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY2(withClasses, qPrintable(withClasses.error()));
        const QJsonObject config = configOf(*store, withClasses->runId);
        QVERIFY(config.value(QStringLiteral("pool_vectors")).toInteger() > 0);
        QCOMPARE(config.value(QStringLiteral("word_classes")).toArray().size(), 3);
        QVERIFY(store->setSetting(QString::fromLatin1(settings::kUsePoolVectors), QStringLiteral("false")));
        const auto plain = ml::runTrainingRound(*store, options, cancel, {});
        QVERIFY2(plain, qPrintable(plain.error()));
        QCOMPARE(configOf(*store, plain->runId).value(QStringLiteral("pool_vectors")).toInteger(), 0);
        QVERIFY(configOf(*store, plain->runId).value(QStringLiteral("word_classes")).toArray().isEmpty());
    }

    // Word classes: words whose vectors point the same way share a class; fewer words than classes asked for give
    // one class a word; the same table gives the same classes, and the tagger's are computed once per table.
    void wordClassesGroupNearVectors()
    {
        ml::WordVectorTable table;
        table.dim = 4;
        std::mt19937 rng(3);
        std::normal_distribution<float> noise(0.0f, 0.05f);
        const float directions[2][4] = {{1, 0, 0, 0}, {0, 0, 1, 0}};
        for (int g = 0; g < 2; ++g)
            for (int i = 0; i < 30; ++i) {
                table.words << QStringLiteral("w%1_%2").arg(g).arg(i);
                for (float d : directions[g])
                    table.values.push_back(d + noise(rng));
            }
        const ml::WordClasses classes = ml::clusterWords(table, {2, 8, 1000}, 5);
        QCOMPARE(classes.levels, (std::vector<int>{2, 8, 60}));
        QCOMPARE(classes.of.size(), 60);
        for (int g = 0; g < 2; ++g)
            for (int i = 1; i < 30; ++i)
                QCOMPARE(classes.of.value(QStringLiteral("w%1_%2").arg(g).arg(i))[0],
                         classes.of.value(QStringLiteral("w%1_0").arg(g))[0]);
        QVERIFY(classes.of.value(QStringLiteral("w0_0"))[0] != classes.of.value(QStringLiteral("w1_0"))[0]);
        QSet<int> finest;
        for (const std::vector<int> &c : classes.of)
            finest.insert(c[2]);
        QCOMPARE(finest.size(), 60);
        QCOMPARE(ml::clusterWords(table, {2, 8}, 5).of, ml::clusterWords(table, {2, 8}, 5).of);

        const auto first = ml::wordClassesOf(table);
        QCOMPARE(ml::wordClassesOf(table).get(), first.get());
        table.values[0] += 0.5f; // other vectors under the same stamp: classes of their own
        QVERIFY(ml::wordClassesOf(table).get() != first.get());
    }

    // The tagger reads each word's classes among the pool's vectors as features of its tokens; its runs record
    // the vectors, a run trained from other vectors is not warm-started from, and only the same vectors load it
    // for rank and predict (other vectors would give the words other features).
    void taggerReadsWordClassesFromPoolVectors()
    {
        const std::atomic_bool cancel{false};
        auto learned = ml::pretrainWordVectors(textsOf(topicTexts(300)), smallOptions(), cancel);
        QVERIFY2(learned, qPrintable(learned.error()));
        learned->table.stamp = 7;
        const auto vectors = std::make_shared<ml::WordVectorTable>(learned->table);

        ml::TokenFeatures plain, withClasses;
        withClasses.setWordClasses(ml::wordClassesOf(*vectors));
        const QString known = vectors->words.first();
        const QStringList tokens{known, QStringLiteral("zqxjv")};
        const ml::EncodedSentence a = plain.encode(tokens), b = withClasses.encode(tokens);
        const auto idsOf = [](const ml::EncodedSentence &s, int t) { return s.offsets[t + 1] - s.offsets[t]; };
        const int levels = int(withClasses.wordClasses()->levels.size());
        QCOMPARE(levels, 3);
        QCOMPARE(idsOf(b, 0), idsOf(a, 0) + levels); // a word with a vector: one class feature a level
        QCOMPARE(idsOf(b, 1), idsOf(a, 1));          // a word without: none

        ml::TrainingOptions options;
        options.epochs = 2;
        options.poolVectors = vectors;
        const auto model = task::makeTaskModel(TaskType::Ner, options);
        QVERIFY(model->setLabels({QStringLiteral("PER")}, {}));
        std::vector<int> labeled;
        for (int i = 0; i < 40; ++i) {
            AnnotatedSample sample;
            sample.sample.id = i + 1;
            sample.sample.text = QStringLiteral("Alice met the striker at the stadium %1").arg(i);
            sample.annotation = Annotation{};
            sample.annotation->spans = {Span{0, 5, QStringLiteral("PER")}};
            model->addSample(sample);
            labeled.push_back(i);
        }
        const auto trained = model->train(labeled, cancel, {});
        QVERIFY2(trained, qPrintable(trained.error()));
        const QJsonObject config = model->runConfig(0);
        QCOMPARE(config.value(QStringLiteral("pool_vectors")).toInteger(), 7);
        QCOMPARE(config.value(QStringLiteral("word_classes")).toArray().size(), levels);
        const auto checkpoint = model->checkpoint();
        QVERIFY(checkpoint);
        ModelRunRecord run;
        run.modelKind = model->kind();
        run.configJson = QString::fromUtf8(QJsonDocument(config).toJson());
        QVERIFY(model->fits(run, *checkpoint));
        ModelRunRecord other = run;
        other.configJson = QStringLiteral("{\"pool_vectors\": 6}");
        QVERIFY(!model->fits(other, *checkpoint));

        // As rank and predict do: the stored run first, then the samples.
        const auto loadWith = [&](std::shared_ptr<const ml::WordVectorTable> v, Status &loaded) {
            ml::TrainingOptions o;
            o.poolVectors = std::move(v);
            auto reloaded = task::makeTaskModel(TaskType::Ner, o);
            loaded = reloaded->loadRun(run, *checkpoint);
            for (int i = 0; i < 40; ++i) {
                AnnotatedSample sample;
                sample.sample.id = i + 1;
                sample.sample.text = QStringLiteral("Alice met the striker at the stadium %1").arg(i);
                reloaded->addSample(sample);
            }
            return reloaded;
        };
        Status loaded;
        auto same = loadWith(vectors, loaded);
        QVERIFY2(loaded, "the same vectors load the run");
        const auto original = model->evaluate(labeled);
        const auto reloaded = same->evaluate(labeled);
        QVERIFY(original && reloaded);
        QCOMPARE(reloaded->rows.size(), original->rows.size());
        for (qsizetype i = 0; i < original->rows.size(); ++i) { // the same spans with the same confidence
            QCOMPARE(reloaded->rows[i].detailJson, original->rows[i].detailJson);
            QCOMPARE(reloaded->rows[i].confidence, original->rows[i].confidence);
        }
        Status refused;
        (void)loadWith(nullptr, refused);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("word classes")), qPrintable(refused.error()));
        // A run from before word classes (none recorded) loads, and reads its sentences without them.
        QJsonObject older = config;
        older.remove(QStringLiteral("word_classes"));
        run.configJson = QString::fromUtf8(QJsonDocument(older).toJson());
        Status olderLoaded;
        (void)loadWith(nullptr, olderLoaded);
        QVERIFY2(olderLoaded, qPrintable(olderLoaded.error()));
    }

    void classifierReadsWordClassesFromPoolVectors()
    {
        const std::atomic_bool cancel{false};
        auto learned = ml::pretrainWordVectors(textsOf(topicTexts(300)), smallOptions(), cancel);
        QVERIFY2(learned, qPrintable(learned.error()));
        learned->table.stamp = 7;
        const auto vectors = std::make_shared<ml::WordVectorTable>(learned->table);
        const int finest = ml::wordClassesOf(*vectors)->levels.back();
        const auto rows = mltest::labeledRows(60, 2, 5);

        // As rank and predict do: the stored run first (when there is one), then the samples.
        const auto modelWith = [&](std::shared_ptr<const ml::WordVectorTable> v, ml::FeatureCache *cache,
                                   const ModelRunRecord *run, const QByteArray &checkpoint, Status &ready) {
            ml::TrainingOptions o;
            o.epochs = 5;
            o.poolVectors = std::move(v);
            auto model = task::makeTaskModel(TaskType::TextCat, o, cache);
            ready = run ? model->loadRun(*run, checkpoint) : model->setLabels({QStringLiteral("topic0"), QStringLiteral("topic1")}, {});
            for (const AnnotatedSample &sample : mltest::annotatedRows(rows))
                model->addSample(sample);
            return model;
        };
        std::vector<int> all(std::size_t(rows.size()));
        std::iota(all.begin(), all.end(), 0);
        ml::FeatureCache cache;
        Status ready;
        const auto model = modelWith(vectors, &cache, nullptr, {}, ready);
        QVERIFY(ready);
        const auto trained = model->train(all, cancel, {});
        QVERIFY2(trained, qPrintable(trained.error()));
        // The features kept in the worker's cache are the text's alone: the classes are added where they are read.
        QVERIFY2(!cache.featureSettings.contains(QLatin1String("pool_vectors")), qPrintable(cache.featureSettings));
        const QJsonObject config = model->runConfig(0);
        QCOMPARE(config.value(QStringLiteral("pool_vectors")).toInteger(), 7);
        QCOMPARE(config.value(QStringLiteral("word_classes")).toArray(), QJsonArray{finest});
        const auto checkpoint = model->checkpoint();
        QVERIFY(checkpoint);
        ModelRunRecord run;
        run.modelKind = model->kind();
        run.configJson = QString::fromUtf8(QJsonDocument(config).toJson());

        const auto original = model->evaluate(all);
        QVERIFY(original);
        const auto same = modelWith(vectors, nullptr, &run, *checkpoint, ready);
        QVERIFY2(ready, qPrintable(ready.error()));
        const auto reloaded = same->evaluate(all);
        QVERIFY(reloaded);
        for (qsizetype i = 0; i < original->rows.size(); ++i)
            QCOMPARE(reloaded->rows[i].confidence, original->rows[i].confidence);
        // Without the vectors the classes are gone: the run is refused rather than read with other features.
        (void)modelWith(nullptr, nullptr, &run, *checkpoint, ready);
        QVERIFY(!ready);
        QVERIFY2(ready.error().contains(QLatin1String("word classes")), qPrintable(ready.error()));
        // A run from before word classes loads with or without the vectors, and reads its texts without them:
        // the same weights then score differently, since the classes fed them.
        QJsonObject older = config;
        older.remove(QStringLiteral("word_classes"));
        run.configJson = QString::fromUtf8(QJsonDocument(older).toJson());
        const auto withoutClasses = modelWith(vectors, nullptr, &run, *checkpoint, ready);
        QVERIFY2(ready, qPrintable(ready.error()));
        const auto plain = withoutClasses->evaluate(all);
        QVERIFY(plain);
        bool differs = false;
        for (qsizetype i = 0; i < original->rows.size(); ++i)
            differs = differs || std::abs(plain->rows[i].confidence - original->rows[i].confidence) > 1e-6;
        QVERIFY(differs);
        (void)modelWith(nullptr, nullptr, &run, *checkpoint, ready);
        QVERIFY2(ready, qPrintable(ready.error()));
        // A warm start needs the same features: this run does not fit a model that would read classes.
        run.configJson = QString::fromUtf8(QJsonDocument(config).toJson());
        QVERIFY(model->fits(run, *checkpoint));
        run.configJson = QString::fromUtf8(QJsonDocument(older).toJson());
        QVERIFY(!model->fits(run, *checkpoint));

        // Past kWordClassesUntil labels a round reads the texts alone (the classes measured no better there), and
        // a run with classes no longer fits it.
        {
            ml::TrainingOptions o;
            o.epochs = 1;
            o.poolVectors = vectors;
            const auto many = task::makeTaskModel(TaskType::TextCat, o);
            QVERIFY(many->setLabels({QStringLiteral("topic0"), QStringLiteral("topic1")}, {}));
            const auto manyRows = mltest::labeledRows(1000, 2, 6);
            for (const AnnotatedSample &sample : mltest::annotatedRows(manyRows))
                many->addSample(sample);
            run.configJson = QString::fromUtf8(QJsonDocument(config).toJson());
            QVERIFY(!many->fits(run, *checkpoint));
            std::vector<int> every(std::size_t(manyRows.size()));
            std::iota(every.begin(), every.end(), 0);
            QVERIFY(many->train(every, cancel, {}));
            QVERIFY(many->runConfig(0).value(QStringLiteral("word_classes")).toArray().isEmpty());
            const auto prototypeWeight = [&] {
                return many->runConfig(0).value(QStringLiteral("model")).toObject().value(QStringLiteral("prototype_weight")).toDouble(-1);
            };
            QCOMPARE(prototypeWeight(), 0.0); // nor class prototypes
            QVERIFY(many->train({0, 1, 2, 3}, cancel, {})); // a few labels again: classes again
            QCOMPARE(many->runConfig(0).value(QStringLiteral("word_classes")).toArray(), QJsonArray{finest});
            QCOMPARE(prototypeWeight(), 12.0);
        }

        // A word vector file replaces the pool's vectors, and their classes with them.
        const QString vec = m_dir.filePath(QStringLiteral("classes.vec"));
        QFile file(vec);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("2 4\ngoal 1 0 0 0\noven 0 1 0 0\n");
        file.close();
        ml::TrainingOptions withFile;
        withFile.epochs = 2;
        withFile.poolVectors = vectors;
        withFile.pretrainedVectors = vec;
        const auto fileModel = task::makeTaskModel(TaskType::TextCat, withFile);
        QVERIFY(fileModel->setLabels({QStringLiteral("topic0"), QStringLiteral("topic1")}, {}));
        QVERIFY(fileModel->runConfig(0).value(QStringLiteral("word_classes")).toArray().isEmpty());
        // Its document vector has class prototypes too; a text with several labels has none.
        const auto prototypeWeightOf = [](const task::TaskModel &model) {
            return model.runConfig(0).value(QStringLiteral("model")).toObject().value(QStringLiteral("prototype_weight")).toDouble(-1);
        };
        QCOMPARE(prototypeWeightOf(*fileModel), 12.0);
        const auto multilabel = task::makeTaskModel(TaskType::MultiLabel, withFile);
        QVERIFY(multilabel->setLabels({QStringLiteral("topic0"), QStringLiteral("topic1")}, {}));
        QCOMPARE(prototypeWeightOf(*multilabel), 0.0);
    }

private:
    static std::shared_ptr<const ml::WordVectorTable> storedPoolVectorsOrDie(const ProjectStore &store)
    {
        auto v = ml::storedPoolVectors(store);
        if (!v)
            qFatal("%s", qPrintable(v.error()));
        return *v;
    }
    static QJsonObject configOf(const ProjectStore &store, qint64 runId)
    {
        const auto runs = store.runs();
        for (const ModelRunRecord &r : *runs)
            if (r.id == runId)
                return QJsonDocument::fromJson(r.configJson.toUtf8()).object();
        return {};
    }
};

QTEST_GUILESS_MAIN(TestPretrain)
#include "tst_pretrain.moc"
