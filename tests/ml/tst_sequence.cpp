// The sequence tagger, the sequence queries, the span-labeling round, simulate --task ner, and the CLI on a
// span-labeling project.
#include "BundleParts.h"
#include "SequenceTestData.h"

#include "LatestTaskModel.h"
#include "al/Strategies.h"
#include "ml/Device.h"
#include "ml/Simulation.h"
#include "ml/SpanDecoding.h"
#include "ml/TensorBundle.h"
#include "ml/TrainingConfig.h"
#include "ml/TrainingRound.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <new>
#include <set>

using namespace marginalia;
using namespace marginalia::ml;

namespace {
const QStringList kPerTags{QStringLiteral("O"), QStringLiteral("B-PER"), QStringLiteral("I-PER")};
constexpr int kSmallBuckets = 1 << 14;

std::vector<TaggedExample> encode(const QVector<io::TaggedSentence> &rows, const QStringList &tags)
{
    const TokenFeatures features(kSmallBuckets);
    std::vector<TaggedExample> out;
    for (const io::TaggedSentence &r : rows)
        out.push_back(TaggedExample{features.encode(r.tokens), tagIndices(r.tags, tags)});
    return out;
}

std::vector<const EncodedSentence *> sentencesOf(const std::vector<TaggedExample> &examples)
{
    std::vector<const EncodedSentence *> out;
    for (const TaggedExample &e : examples)
        out.push_back(&e.sentence);
    return out;
}

double tokenAccuracy(const SequenceTagger &tagger, const std::vector<TaggedExample> &eval)
{
    const auto out = tagger.predict(sentencesOf(eval));
    if (!out)
        return -1;
    qint64 right = 0, total = 0;
    for (std::size_t i = 0; i < eval.size(); ++i) {
        const std::vector<int> best = bestTags(out->marginals[i], out->tags);
        for (std::size_t t = 0; t < best.size(); ++t, ++total)
            right += best[t] == eval[i].tags[t] ? 1 : 0;
    }
    return total > 0 ? static_cast<double>(right) / static_cast<double>(total) : 0;
}

TaggerShape smallShape(const QStringList &tags)
{
    TaggerShape shape;
    shape.buckets = kSmallBuckets;
    shape.embeddingDim = 24;
    shape.hiddenDim = 32;
    shape.tags = tags;
    return shape;
}

// A span-labeling project: `labeledPool` of `pool` pool sentences annotated, `eval` annotated eval sentences.
std::unique_ptr<ProjectStore> makeNerProject(const QString &path, int pool, int labeledPool, int eval)
{
    auto store = ProjectStore::create(path, TaskType::Ner, {QStringLiteral("PER"), QStringLiteral("LOC")});
    if (!store)
        qFatal("cannot create project: %s", qPrintable(store.error()));
    const auto rows = seqtest::sentences(pool + eval, 11, true);
    for (int i = 0; i < rows.size(); ++i) {
        Sample s;
        s.tokens = rows[i].tokens;
        s.text = rows[i].tokens.join(QLatin1Char(' '));
        s.split = i < pool ? Split::Pool : Split::Eval;
        const auto id = (*store)->addSample(s);
        if (!id || !*id)
            qFatal("cannot add sample");
        if (i >= pool || i < labeledPool) {
            AnnotationInput in;
            in.spans = text::spansFromTags(text::annotationTokens(s.text, s.tokens), rows[i].tags);
            if (!(*store)->annotate(**id, in))
                qFatal("cannot annotate");
        }
    }
    return std::move(*store);
}

TrainingOptions quickOptions()
{
    TrainingOptions o;
    o.epochs = 15;
    o.embeddingDim = 24;
    o.hiddenDim = 32;
    o.threads = 1;
    return o;
}
} // namespace

class TestSequence : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads(1);
    }

    void taggerLearnsCapitalizedNames()
    {
        const auto train = encode(seqtest::sentences(300, 1), kPerTags);
        const auto eval = encode(seqtest::sentences(100, 2), kPerTags); // names never seen in training
        auto tagger = SequenceTagger::create(smallShape(kPerTags), 7);
        QVERIFY2(tagger, qPrintable(tagger.error()));
        const double before = tokenAccuracy(**tagger, eval);
        const std::atomic_bool cancel{false};
        TaggerTraining training;
        const auto epochs = (*tagger)->train(train, training, cancel);
        QVERIFY2(epochs, qPrintable(epochs.error()));
        QVERIFY(!epochs->isEmpty());
        const double after = tokenAccuracy(**tagger, eval);
        QVERIFY2(after > 0.97, qPrintable(QStringLiteral("accuracy %1 (before training %2)").arg(after).arg(before)));
        // Marginals are distributions over the tags, one row per token.
        const auto out = (*tagger)->predict(sentencesOf(eval), true);
        QVERIFY(out);
        QCOMPARE(out->marginals[0].size(), static_cast<std::size_t>(eval[0].sentence.length() * 3));
        QCOMPARE(out->states.size(), eval.size() * static_cast<std::size_t>(out->dim));
        double sum = 0;
        for (int k = 0; k < 3; ++k)
            sum += out->marginals[0][static_cast<std::size_t>(k)];
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        QCOMPARE((*tagger)->deviceName(), selectedDevice().name);
    }

    void trainingIsDeterministicForASeed()
    {
        const auto train = encode(seqtest::sentences(80, 3), kPerTags);
        const auto eval = encode(seqtest::sentences(20, 4), kPerTags);
        const std::atomic_bool cancel{false};
        QVector<std::vector<std::vector<float>>> results;
        QVector<QByteArray> checkpoints;
        for (std::uint64_t seed : {5u, 5u, 6u}) {
            auto tagger = SequenceTagger::create(smallShape(kPerTags), seed);
            QVERIFY(tagger);
            TaggerTraining training;
            training.seed = seed;
            training.epochs = 4;
            QVERIFY((*tagger)->train(train, training, cancel));
            const auto out = (*tagger)->predict(sentencesOf(eval));
            QVERIFY(out);
            results.push_back(out->marginals);
            checkpoints.push_back(*(*tagger)->saveCheckpoint());
        }
        QVERIFY(results[0] == results[1]);
        QCOMPARE(checkpoints[0], checkpoints[1]);
        QVERIFY(results[0] != results[2]);
    }

    void warmStartKeepsKnownTagsWhenTheTagSetGrows()
    {
        const auto train = encode(seqtest::sentences(120, 8), kPerTags);
        const auto eval = encode(seqtest::sentences(20, 9), kPerTags);
        const std::atomic_bool cancel{false};
        auto first = SequenceTagger::create(smallShape(kPerTags), 3);
        QVERIFY(first);
        QVERIFY((*first)->train(train, TaggerTraining{}, cancel));
        const auto bytes = (*first)->saveCheckpoint();
        QVERIFY(bytes);
        const auto stored = SequenceTagger::checkpointShape(*bytes);
        QVERIFY(stored);
        QCOMPARE(stored->tags, kPerTags);

        // The new tag set puts LOC first: rows are matched by name, not position.
        const QStringList grown{QStringLiteral("O"), QStringLiteral("B-LOC"), QStringLiteral("I-LOC"),
                                QStringLiteral("B-PER"), QStringLiteral("I-PER")};
        auto second = SequenceTagger::create(smallShape(grown), 4);
        QVERIFY(second);
        QVERIFY2((*second)->loadCheckpoint(*bytes), "warm start into a larger tag set");
        const auto a = (*first)->predict(sentencesOf(eval));
        const auto b = (*second)->predict(sentencesOf(eval));
        QVERIFY(a && b);
        // Same encoder and the same output rows for O/B-PER/I-PER: the softmax restricted to them is unchanged.
        const int map[3] = {0, 3, 4};
        for (std::size_t i = 0; i < eval.size(); ++i)
            for (int t = 0; t < eval[i].sentence.length(); ++t) {
                double restricted = 0;
                for (int k : map)
                    restricted += b->marginals[i][static_cast<std::size_t>(t * 5 + k)];
                for (int k = 0; k < 3; ++k) {
                    const double expected = a->marginals[i][static_cast<std::size_t>(t * 3 + k)];
                    const double got = b->marginals[i][static_cast<std::size_t>(t * 5 + map[k])] / restricted;
                    QVERIFY2(std::abs(expected - got) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(expected).arg(got)));
                }
            }
        // A different layout is refused with a message.
        TaggerShape other = smallShape(grown);
        other.hiddenDim = 16;
        auto third = SequenceTagger::create(other, 4);
        QVERIFY(third);
        QVERIFY(!(*third)->loadCheckpoint(*bytes));
        QVERIFY(!(*third)->loadCheckpoint(QByteArray("not a checkpoint")));
    }

    // A tagger's checkpoint is read and checked against the tagger before anything is copied, and the layout its
    // description declares is read without torch and bounded.
    void taggerCheckpointIsCheckedBeforeLoading()
    {
        using namespace bundletest;
        const auto train = encode(seqtest::sentences(40, 8), kPerTags);
        const std::atomic_bool cancel{false};
        auto tagger = SequenceTagger::create(smallShape(kPerTags), 3);
        QVERIFY(tagger);
        QVERIFY((*tagger)->train(train, TaggerTraining{}, cancel));
        const QByteArray bytes = *(*tagger)->saveCheckpoint();
        const auto fresh = [] { return SequenceTagger::create(smallShape(kPerTags), 5).value(); };
        const auto bundle = readTensorBundle(bytes);
        QVERIFY2(bundle, qPrintable(bundle.error()));
        QCOMPARE(bundle->kind, QStringLiteral("sequence-cnn"));
        QVERIFY(bundle->find(QStringLiteral("convs.0.weight")));

        // Rebuilt unchanged, it loads; with the first convolution's bytes one float short, it does not, and the
        // shape cannot be read from it either.
        const Parts parts = split(bytes);
        QVERIFY(fresh()->loadCheckpoint(join(parts)));
        Parts shorter = parts;
        setField(shorter, QStringLiteral("convs.0.weight"), QStringLiteral("length"),
                 entry(parts, QStringLiteral("convs.0.weight")).value(QStringLiteral("length")).toInteger() - 4);
        const Status shortRecord = fresh()->loadCheckpoint(join(shorter));
        QVERIFY(!shortRecord);
        QVERIFY2(shortRecord.error().contains(QLatin1String("needs")), qPrintable(shortRecord.error()));
        QVERIFY(!SequenceTagger::checkpointShape(join(shorter)));
        QVERIFY(!SequenceTagger::checkpointShape(bytes.chopped(1)));

        // A convolution of width 2, stored consistently: the description still reads, the load is refused.
        QVector<TensorSource> sources;
        for (const TensorView &t : bundle->tensors) {
            sources << TensorSource{t.name, t.dtype, t.shape, t.data};
            if (t.name == QLatin1String("convs.1.weight"))
                sources.back().shape.back() = 2;
        }
        const QByteArray narrower = *writeTensorBundle(bundle->kind, bundle->meta, sources);
        QVERIFY(SequenceTagger::checkpointShape(narrower));
        const Status narrow = fresh()->loadCheckpoint(narrower);
        QVERIFY(!narrow);
        QVERIFY2(narrow.error().contains(QLatin1String("does not match")), qPrintable(narrow.error()));

        // A description declaring 2^30 buckets of 1024: read, but no tagger of that size is made.
        Parts huge = parts;
        setMeta(huge, QStringLiteral("buckets"), 1 << 30);
        setMeta(huge, QStringLiteral("embedding_dim"), 1024);
        const auto hugeShape = SequenceTagger::checkpointShape(join(huge));
        QVERIFY2(hugeShape, qPrintable(hugeShape.error()));
        QCOMPARE(hugeShape->buckets, 1 << 30);
        const auto made = SequenceTagger::create(*hugeShape, 1);
        QVERIFY(!made);
        QVERIFY2(made.error().contains(QLatin1String("million parameters")), qPrintable(made.error()));
        // Beyond what an int holds, tags repeated or missing: refused as damaged.
        for (const auto &[field, value] : {std::pair{QStringLiteral("buckets"), QJsonValue(qint64(1) << 40)},
                                           std::pair{QStringLiteral("tags"), QJsonValue(QJsonArray{QStringLiteral("O"), QStringLiteral("O")})},
                                           std::pair{QStringLiteral("tags"), QJsonValue(QJsonArray{})},
                                           std::pair{QStringLiteral("layers"), QJsonValue(QStringLiteral("2"))}}) {
            Parts bad = parts;
            setMeta(bad, field, value);
            const auto refused = SequenceTagger::checkpointShape(join(bad));
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(QLatin1String("damaged")), qPrintable(refused.error()));
            QVERIFY(!fresh()->loadCheckpoint(join(bad)));
        }
        // A classifier's checkpoint is not a tagger's.
        Parts classifier = parts;
        classifier.header[QStringLiteral("kind")] = QStringLiteral("embedding-bag");
        const auto notTagger = SequenceTagger::checkpointShape(join(classifier));
        QVERIFY(!notTagger);
        QVERIFY2(notTagger.error().contains(QLatin1String("not a sequence tagger")), qPrintable(notTagger.error()));
    }

    void refusedTaggerCheckpointTrainsFromScratch()
    {
        const QString path = m_dir.filePath(QStringLiteral("refused.marginalia"));
        auto store = makeNerProject(path, 60, 40, 10);
        const std::atomic_bool cancel{false};
        const TrainingOptions options = quickOptions();
        QVERIFY(runTrainingRound(*store, options, cancel));
        const auto stored = store->checkpoint((*store->latestRun(true))->id);
        QVERIFY(stored && !stored->isEmpty());
        // A tensor of another name: the layout still reads (so a warm start is tried), the tagger refuses it.
        bundletest::Parts parts = bundletest::split(*stored);
        bundletest::setField(parts, QStringLiteral("convs.0.weight"), QStringLiteral("name"), QStringLiteral("convs.0.other"));
        QSqlQuery q(store->database());
        QVERIFY(q.prepare(QStringLiteral("UPDATE run_checkpoint_parts SET data = ? WHERE part = 0")));
        q.addBindValue(bundletest::join(parts));
        QVERIFY(q.exec());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM run_checkpoint_parts WHERE part > 0")));
        QVERIFY(SequenceTagger::checkpointShape(*store->checkpoint((*store->latestRun(true))->id)));
        const auto loaded = tasktest::latestModel(*store);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().contains(QLatin1String("does not match")), qPrintable(loaded.error()));

        QStringList notes;
        const auto next = runTrainingRound(*store, options, cancel, [&](int, int, const QString &what) { notes << what; });
        QVERIFY2(next, qPrintable(next.error()));
        QVERIFY2(notes.join(QLatin1Char('\n')).contains(QLatin1String("training from scratch")),
                 qPrintable(notes.join(QLatin1Char('\n'))));
        const QJsonObject config = QJsonDocument::fromJson((*store->latestRun(true))->configJson.toUtf8()).object();
        QCOMPARE(config.value(QStringLiteral("warm_start_run")).toInteger(), 0);
        QVERIFY(tasktest::latestModel(*store));
    }

    void queriesOrderSentencesAsDefined()
    {
        // Three sentences over two tags: confident (0.99), uncertain (0.6), long and half-uncertain.
        al::PoolScores scores;
        scores.n = 3;
        scores.tags = 2;
        scores.marginals = {{0.99f, 0.01f, 0.99f, 0.01f},
                            {0.6f, 0.4f, 0.6f, 0.4f},
                            {0.99f, 0.01f, 0.99f, 0.01f, 0.99f, 0.01f, 0.5f, 0.5f}};
        const auto order = [&](const char *name, const std::vector<float> &states = {}, int dim = 0, int batch = 1) {
            al::PoolScores s = scores;
            s.embeddings = states;
            s.dim = dim;
            std::vector<int> out;
            for (const al::Pick &p : al::rankPool(*al::findStrategy(QLatin1String(name), al::ScoreKind::TokenMarginals), s,
                                                  batch, 1))
                out.push_back(p.index);
            return out;
        };
        // least-confidence: 1 - P(best): 1 - .36 = .64 beats 1 - .485 = .515 for the long one.
        QCOMPARE(order("least-confidence"), (std::vector<int>{1, 2, 0}));
        // mnlp: -log(.6) = .51 per token beats (3 * .01 + .69) / 4 = .18.
        QCOMPARE(order("mnlp"), (std::vector<int>{1, 2, 0}));
        QCOMPARE(order("token-entropy"), (std::vector<int>{1, 2, 0}));
        // Random: a permutation, the same for the same seed.
        auto random = order("random");
        QCOMPARE(random, order("random"));
        std::sort(random.begin(), random.end());
        QCOMPARE(random, (std::vector<int>{0, 1, 2}));
        // diverse-mnlp: sentence 1 first (highest mnlp); sentence 2 duplicates its state, so the batch of two
        // takes sentence 0 instead, then the rest follows mnlp.
        const std::vector<float> states{5, 5, 0, 0, 0, 0};
        QCOMPARE(order("diverse-mnlp", states, 2, 2), (std::vector<int>{1, 0, 2}));
        QCOMPARE(order("diverse-mnlp"), (std::vector<int>{1, 2, 0})); // no states: mnlp
        QCOMPARE(QLatin1String(al::strategyFor(QStringLiteral("margin"), al::ScoreKind::TokenMarginals).name), "mnlp");
        QCOMPARE(QLatin1String(al::strategyFor(QStringLiteral("token-entropy"), al::ScoreKind::TokenMarginals).name),
                 "token-entropy");
        QVERIFY(al::strategyNames(al::ScoreKind::TokenMarginals).contains(QStringLiteral("diverse-mnlp")));
    }

    void nerRoundStoresBothLevelsAndSpans()
    {
        const QString path = m_dir.filePath(QStringLiteral("round.marginalia"));
        auto store = makeNerProject(path, 200, 120, 40);
        const std::atomic_bool cancel{false};
        TrainingOptions options = quickOptions();
        options.strategy = QStringLiteral("margin"); // classifier-only: the round uses mnlp
        const auto summary = runTrainingRound(*store, options, cancel);
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(summary->trainLabels, 120);
        QCOMPARE(summary->evalLabels, 40);
        QVERIFY2(summary->accuracy > 0.9, qPrintable(QString::number(summary->accuracy)));
        QVERIFY(summary->microF1 > 0.7);
        const auto run = store->latestRun(true);
        QVERIFY(run && *run);
        QCOMPARE((*run)->strategy, QStringLiteral("mnlp"));
        QVERIFY((*run)->accuracy.has_value());
        QCOMPARE(*(*run)->accuracy, summary->accuracy);

        const auto rows = store->runMetrics(summary->runId);
        QVERIFY(rows);
        QSet<QString> labelRows, tokenRows;
        for (const MetricRow &m : *rows)
            (m.level == QLatin1String("label") ? labelRows : tokenRows).insert(m.name);
        QVERIFY(labelRows.contains(QStringLiteral("PER")) && labelRows.contains(QStringLiteral("LOC")));
        QVERIFY(labelRows.contains(QStringLiteral("micro avg")) && labelRows.contains(QStringLiteral("macro avg")));
        QVERIFY(tokenRows.contains(QStringLiteral("B-PER")) && tokenRows.contains(QStringLiteral("O")));
        QVERIFY(!labelRows.contains(QStringLiteral("B-PER")));
        const auto confusion = store->runConfusion(summary->runId);
        QVERIFY(confusion && !confusion->isEmpty());

        // Predictions: every sample, spans on token boundaries of its text, ranks on the unlabeled pool only.
        const auto samples = store->annotatedSamples();
        QVERIFY(samples);
        int ranked = 0, spans = 0;
        for (const AnnotatedSample &a : *samples) {
            const auto p = store->prediction(summary->runId, a.sample.id);
            QVERIFY(p && *p);
            QVERIFY((*p)->label.isEmpty());
            QVERIFY((*p)->confidence > 0 && (*p)->confidence <= 1);
            QCOMPARE((*p)->rank.has_value(), a.sample.split == Split::Pool && !a.isLabeled());
            ranked += (*p)->rank ? 1 : 0;
            const QJsonArray list = QJsonDocument::fromJson((*p)->detailJson.toUtf8()).object().value(QStringLiteral("spans")).toArray();
            const auto tokens = text::annotationTokens(a.sample.text, a.sample.tokens);
            for (const QJsonValue &v : list) {
                const QJsonObject o = v.toObject();
                const int start = o.value(QStringLiteral("start")).toInt(), end = o.value(QStringLiteral("end")).toInt();
                const text::TokenRange range = text::tokenRange(tokens, start, end);
                QVERIFY(!range.isEmpty());
                QCOMPARE(tokens[range.first].start, start);
                QCOMPARE(tokens[range.last].end, end);
                const QString surface = a.sample.text.mid(start, end - start);
                QVERIFY2(surface.at(0).isUpper(), qPrintable(surface));
                QVERIFY(o.value(QStringLiteral("confidence")).toDouble() > 0);
                ++spans;
            }
        }
        QCOMPARE(ranked, 80);
        QVERIFY(spans > 50);

        // A new entity type: the next round warm-starts (the tag set grew) and agrees with the last on the stop set.
        QVERIFY(store->addLabel(QStringLiteral("ORG")));
        const auto next = runTrainingRound(*store, options, cancel);
        QVERIFY2(next, qPrintable(next.error()));
        const auto second = store->latestRun(true);
        const QJsonObject config = QJsonDocument::fromJson((*second)->configJson.toUtf8()).object();
        QCOMPARE(config.value(QStringLiteral("warm_start_run")).toInteger(), summary->runId);
        QVERIFY(config.value(QStringLiteral("tags")).toArray().contains(QStringLiteral("B-ORG")));
        QVERIFY((*second)->stopKappa.has_value());
        QVERIFY(*(*second)->stopKappa > 0.5);
        const auto loaded = tasktest::latestModel(*store);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE((*loaded)->runConfig(0).value(QStringLiteral("tags")).toArray().size(), 7);
    }

    void roundRefusesUnknownStrategies()
    {
        const QString path = m_dir.filePath(QStringLiteral("unknown.marginalia"));
        auto store = makeNerProject(path, 20, 10, 5);
        TrainingOptions options = quickOptions();
        options.strategy = QStringLiteral("no-such-query");
        const std::atomic_bool cancel{false};
        const auto summary = runTrainingRound(*store, options, cancel);
        QVERIFY(!summary);
        QVERIFY(summary.error().contains(QStringLiteral("mnlp")));
    }

    // A span round that stops ends its run with the reason, as the classifier's does (runTrainingRound ends
    // the runs of both tasks; a throwing span round used to leave its run "running").
    void stoppedSpanRoundsEndTheirRuns()
    {
        auto store = makeNerProject(m_dir.filePath(QStringLiteral("stopped.marginalia")), 20, 10, 5);
        const std::atomic_bool cancelled{true};
        const auto stopped = runTrainingRound(*store, quickOptions(), cancelled);
        QVERIFY(!stopped);
        // Torch or the standard library throwing mid-round (here: out of memory while scoring the pool).
        const std::atomic_bool go{false};
        const auto failed = runTrainingRound(*store, quickOptions(), go, [](int, int, const QString &what) {
            if (what == QLatin1String("Scoring the pool"))
                throw std::bad_alloc();
        });
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QLatin1String("internal error")), qPrintable(failed.error()));
        const auto runs = store->runs();
        QVERIFY(runs);
        QCOMPARE(runs->size(), 2);
        QCOMPARE(runs->at(0).status, QStringLiteral("cancelled"));
        QCOMPARE(runs->at(0).error, stopped.error());
        QCOMPARE(runs->at(1).status, QStringLiteral("failed"));
        QCOMPARE(runs->at(1).error, failed.error());
    }

    void simulationImprovesOverTheSeedSet()
    {
        const auto pool = seqtest::sentences(300, 21, true);
        const auto eval = seqtest::sentences(80, 22, true);
        SimulationOptions options;
        options.training = quickOptions();
        options.training.strategy = QStringLiteral("mnlp");
        options.seedSize = 5;
        options.training.batchSize = 20;
        options.budget = 65;
        const std::atomic_bool cancel{false};
        const auto result = simulateSequences(pool, eval, options, cancel);
        QVERIFY2(result, qPrintable(result.error()));
        QCOMPARE(result->curve.size(), 4);
        QCOMPARE(result->curve.first().labels, 5);
        QCOMPARE(result->curve.last().labels, 65);
        QVERIFY2(result->curve.last().accuracy > result->curve.first().accuracy,
                 qPrintable(QStringLiteral("%1 -> %2").arg(result->curve.first().accuracy).arg(result->curve.last().accuracy)));
        QVERIFY(result->curve.last().microF1 > result->curve.first().microF1);
        QVERIFY(result->fullAccuracy > 0.9);
        const QJsonObject json = result->toJson();
        QVERIFY(json.contains(QStringLiteral("labels_to_95pct_accuracy")));
        QCOMPARE(json.value(QStringLiteral("labels_to_95pct_accuracy")).toInt(-1), *result->labelsTo95Accuracy);
        options.training.strategy = QStringLiteral("entropy");
        QVERIFY(!simulateSequences(pool, eval, options, cancel));
    }

    void cliTrainRankPredictSimulate()
    {
        const QString path = m_dir.filePath(QStringLiteral("cli.marginalia"));
        {
            // Small settings saved with the project, as the studio saves them; the CLI applies them.
            auto store = makeNerProject(path, 80, 50, 20);
            // The options quickOptions() gives the rounds above, as project settings for the CLI.
            for (const auto &[key, value] : {std::pair{settings::kEpochs, "15"}, std::pair{settings::kEmbeddingDim, "24"},
                                             std::pair{settings::kHiddenDim, "32"}})
                QVERIFY(settings::setValue(*store, QLatin1String(key), QLatin1String(value), settings::Cli));
        }
        const auto cli = [](const QStringList &args, QString *out = nullptr, QString *err = nullptr) {
            QProcess p;
            p.start(QStringLiteral(MARGINALIA_BINARY), args);
            if (!p.waitForFinished(120000))
                return -1;
            if (out)
                *out = QString::fromUtf8(p.readAllStandardOutput());
            if (err)
                *err = QString::fromUtf8(p.readAllStandardError());
            return p.exitCode();
        };
        QString out, err;
        QCOMPARE(cli({QStringLiteral("train"), path, QStringLiteral("--json")}, &out, &err), 0);
        const QJsonObject report = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(report.contains(QStringLiteral("PER")) && report.contains(QStringLiteral("micro avg")), qPrintable(out + err));
        QVERIFY(report.value(QStringLiteral("tokens")).toObject().contains(QStringLiteral("B-PER")));
        QCOMPARE(cli({QStringLiteral("train"), path}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("B-PER")) && out.contains(QStringLiteral("LOC")));
        QVERIFY(out.contains(QStringLiteral("micro avg")));
        QCOMPARE(cli({QStringLiteral("train"), path, QStringLiteral("--strategy"), QStringLiteral("margin")}), 1);

        QCOMPARE(cli({QStringLiteral("rank"), path, QStringLiteral("--top"), QStringLiteral("3"), QStringLiteral("--json")}, &out), 0);
        const QStringList lines = out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(lines[0].toUtf8()).object();
        QCOMPARE(first.value(QStringLiteral("rank")).toInt(), 1);
        QVERIFY(first.value(QStringLiteral("spans")).isArray());
        QCOMPARE(cli({QStringLiteral("rank"), path, QStringLiteral("--strategy"), QStringLiteral("diverse-mnlp"),
                      QStringLiteral("--top"), QStringLiteral("4")}, &out), 0);
        QCOMPARE(out.trimmed().split(QLatin1Char('\n')).size(), 4);

        const QString input = m_dir.filePath(QStringLiteral("raw.txt"));
        {
            QFile f(input);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("the report said Vakador was seen in Paris today\nthe friend left\n");
        }
        QCOMPARE(cli({QStringLiteral("predict"), path, input, QStringLiteral("--json")}, &out), 0);
        const QStringList predicted = out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(predicted.size(), 2);
        const QJsonObject line = QJsonDocument::fromJson(predicted[0].toUtf8()).object();
        QStringList surfaces;
        for (const QJsonValue &v : line.value(QStringLiteral("spans")).toArray()) {
            const QJsonObject s = v.toObject();
            surfaces << line.value(QStringLiteral("text")).toString().mid(s.value(QStringLiteral("start")).toInt(),
                                                                          s.value(QStringLiteral("end")).toInt() - s.value(QStringLiteral("start")).toInt());
        }
        QVERIFY2(surfaces.contains(QStringLiteral("Vakador")), qPrintable(predicted[0]));

        // simulate --task ner on a CoNLL file.
        const QString conll = m_dir.filePath(QStringLiteral("pool.conll"));
        {
            QFile f(conll);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (const io::TaggedSentence &s : seqtest::sentences(100, 31, true)) {
                for (int i = 0; i < s.tokens.size(); ++i)
                    f.write((s.tokens[i] + QLatin1Char(' ') + s.tags[i] + QLatin1Char('\n')).toUtf8());
                f.write("\n");
            }
        }
        QCOMPARE(cli({QStringLiteral("simulate"), conll, QStringLiteral("--task"), QStringLiteral("ner"),
                      QStringLiteral("--strategy"), QStringLiteral("mnlp"), QStringLiteral("--seed-size"), QStringLiteral("10"),
                      QStringLiteral("--batch"), QStringLiteral("20"), QStringLiteral("--budget"), QStringLiteral("50"),
                      QStringLiteral("--json")}, &out, &err), 0);
        const QJsonObject sim = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(sim.contains(QStringLiteral("labels_to_95pct_accuracy")), qPrintable(out + err));
        QCOMPARE(sim.value(QStringLiteral("curve")).toArray().size(), 3);
        QCOMPARE(cli({QStringLiteral("simulate"), conll, QStringLiteral("--task"), QStringLiteral("ner"),
                      QStringLiteral("--strategy"), QStringLiteral("margin")}), 1);
        // --pretrain learns from the pool sentences' tokens first; --vectors is for text classification.
        QCOMPARE(cli({QStringLiteral("simulate"), conll, QStringLiteral("--task"), QStringLiteral("ner"),
                      QStringLiteral("--strategy"), QStringLiteral("random"), QStringLiteral("--seed-size"), QStringLiteral("10"),
                      QStringLiteral("--batch"), QStringLiteral("20"), QStringLiteral("--budget"), QStringLiteral("30"),
                      QStringLiteral("--pretrain"), QStringLiteral("--json")}, &out, &err), 0);
        const QJsonObject pretrained = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(pretrained.value(QStringLiteral("pretrain")).toObject().value(QStringLiteral("words")).toInt() > 5,
                 qPrintable(out + err));
        QCOMPARE(cli({QStringLiteral("simulate"), conll, QStringLiteral("--task"), QStringLiteral("ner"),
                      QStringLiteral("--strategy"), QStringLiteral("mnlp"), QStringLiteral("--vectors"), conll}), 1);
    }
};

QTEST_GUILESS_MAIN(TestSequence)
#include "tst_sequence.moc"
