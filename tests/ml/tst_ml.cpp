// The model engine: classifier, training rounds stored in a project, simulation.
#include "BundleParts.h"
#include "MlTestData.h"
#include "ProcLocks.h"
#include "LatestTaskModel.h"
#include "al/Strategies.h"
#include "ml/ClassifierOutput.h"
#include "ml/Device.h"
#include "ml/FeatureBlock.h"
#include "ml/Simulation.h"
#include "ml/TensorBundle.h"
#include "ml/TextClassifier.h"
#include "task/RankDriver.h"
#include "ml/TrainingRound.h"
#include "ml/WordVectors.h"
#include "text/FeatureHasher.h"
#include "text/Tokenizer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <fasttext/fasttext.h>
#include <functional>
#include <limits>
#include <random>
#include <numeric>
#include <set>
#include <sys/stat.h>

using namespace marginalia;
using namespace marginalia::ml;

namespace {
bool nearlyEqual(const std::vector<float> &actual, const std::vector<float> &expected)
{
    if (actual.size() != expected.size())
        return false;
    for (std::size_t i = 0; i < actual.size(); ++i)
        if (std::abs(actual[i] - expected[i]) > 1e-4f * std::max(1.0f, std::abs(expected[i]))) {
            qWarning("element %zu: %g, expected %g", i, double(actual[i]), double(expected[i]));
            return false;
        }
    return true;
}
} // namespace

class TestMl : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_projects = 0;
    QString nextPath() { return m_dir.filePath(QStringLiteral("p%1.marginalia").arg(++m_projects)); }
    // A `backend` column with a row for each way the table is trained and read (the GPU's exercised on the CPU).
    static void addBackendRows()
    {
        QTest::addColumn<int>("backend");
        QTest::newRow("row loops") << int(TextClassifier::Backend::RowLoops);
        QTest::newRow("tensors (the GPU's path)") << int(TextClassifier::Backend::Tensors);
    }
    static TrainingOptions fastOptions()
    {
        TrainingOptions o;
        o.epochs = 15;
        o.threads = 1;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        configureTorchThreads(1);
    }

    void separableDataReachesHighAccuracy_data()
    {
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("backend");
        QTest::addColumn<bool>("augment");
        const int rows = int(TextClassifier::Backend::RowLoops), tensors = int(TextClassifier::Backend::Tensors);
        QTest::addRow("linear") << 0 << rows << false;
        QTest::addRow("hidden layer") << 16 << rows << false;
        // The path a GPU runs, exercised here on the CPU.
        QTest::addRow("tensor backend") << 0 << tensors << false;
        QTest::addRow("tensor backend, hidden layer") << 16 << tensors << false;
        QTest::addRow("augmented (swaps, token dropout)") << 0 << rows << true;
    }
    void separableDataReachesHighAccuracy()
    {
        QFETCH(int, hidden);
        QFETCH(int, backend);
        QFETCH(bool, augment);
        const text::FeatureHasher hasher;
        const auto rows = mltest::labeledRows(300, 3, 1);
        std::vector<Example> train;
        std::vector<std::vector<std::int64_t>> test;
        std::vector<int> gold;
        for (int i = 0; i < rows.size(); ++i) {
            const int label = rows[i].labels.first().back().digitValue();
            if (i < 200) {
                train.push_back(Example{hasher.features(rows[i].text), {label}, {}});
                if (augment)
                    train.back().swapped = hasher.featuresWithSwaps(rows[i].text, 0.1, std::uint64_t(i));
            } else {
                test.push_back(hasher.features(rows[i].text));
                gold.push_back(label);
            }
        }
        ModelShape shape;
        shape.classes = 3;
        shape.hiddenDim = hidden;
        auto model = TextClassifier::create(shape, 3, TextClassifier::Backend(backend));
        QVERIFY2(model.ok(), qPrintable(model.error()));
        const std::atomic_bool cancel{false};
        TrainingOptions options = fastOptions();
        options.augment = augment;
        const auto epochs = (*model)->train(train, options, cancel);
        QVERIFY2(epochs.ok(), qPrintable(epochs.error()));
        QVERIFY(!epochs->isEmpty());
        QVERIFY(epochs->last().trainLoss < epochs->first().trainLoss);
        const auto out = (*model)->predict(test);
        QVERIFY(out.ok());
        int correct = 0;
        for (std::size_t i = 0; i < test.size(); ++i) {
            const float *p = out->probs.data() + i * 3;
            correct += (std::max_element(p, p + 3) - p) == gold[i];
        }
        QVERIFY2(correct >= 95, qPrintable(QString::number(correct)));
    }

    void fewLabelsStillGetTheMinimumTrainingSteps_data()
    {
        QTest::addColumn<int>("examples");
        QTest::addColumn<int>("epochs");
        QTest::addColumn<int>("expected");
        // No dev fold below 30 examples: 25 is one batch an epoch, so 100 epochs make the 100 steps.
        QTest::addRow("25 examples, one batch an epoch") << 25 << 30 << 100;
        QTest::addRow("40 examples, two batches an epoch") << 40 << 30 << 50;
        QTest::addRow("more epochs asked than the minimum needs") << 25 << 150 << 150;
        QTest::addRow("enough batches already") << 3200 << 2 << 2;
        QTest::addRow("no epochs asked, no training") << 25 << 0 << 0;
    }
    void fewLabelsStillGetTheMinimumTrainingSteps()
    {
        QFETCH(int, examples);
        QFETCH(int, epochs);
        QFETCH(int, expected);
        QCOMPARE(TextClassifier::epochsToRun(epochs, std::size_t(examples)), expected);
    }

    void earlyStoppingWaitsForTheMinimumSteps()
    {
        const text::FeatureHasher hasher;
        // 60 labels: a dev fold of 6 and 54 to train on, two batches an epoch. Without a floor a dev loss this
        // noisy ends training after a handful of epochs; with it, all 50 epochs the floor asks for run.
        const auto rows = mltest::labeledRows(60, 2, 5);
        std::vector<Example> train;
        for (const LabeledText &row : rows)
            train.push_back(Example{hasher.features(row.text), {row.labels.first().back().digitValue()}, {}});
        auto model = TextClassifier::create(ModelShape{}, 5, TextClassifier::Backend::RowLoops);
        QVERIFY(model.ok());
        const std::atomic_bool cancel{false};
        TrainingOptions options = fastOptions();
        QList<int> totals;
        const auto epochs =
            (*model)->train(train, options, cancel, [&](int, int total) { totals << total; });
        QVERIFY2(epochs.ok(), qPrintable(epochs.error()));
        QCOMPARE(TextClassifier::epochsToRun(options.epochs, 54), 50);
        QCOMPARE(epochs->size(), 50);
        QVERIFY(epochs->first().devLoss.has_value());
        // Progress counts against the epochs that may really run, not the smaller number asked for.
        QCOMPARE(totals.size(), epochs->size());
        QCOMPARE(totals.first(), TextClassifier::epochsToRun(options.epochs, 54));
    }

    void aTrustedDevFoldIsTrainedOnAfterItChoseTheEpochs_data()
    {
        addBackendRows();
    }
    void aTrustedDevFoldIsTrainedOnAfterItChoseTheEpochs()
    {
        QFETCH(int, backend);
        const text::FeatureHasher hasher;
        // Each example also holds an id of its own, so its row moves only if the example was trained on. At 400
        // examples the dev fold (40) is trusted: the epochs it chose are trained again on all of them. At 200 (a
        // fold of 20) it only stops training, and its examples are never learned from.
        constexpr std::int64_t kOwnIds = (1 << 20) - 1000, kUnused = kOwnIds - 1;
        for (const int count : {400, 200}) {
            const auto rows = mltest::labeledRows(count, 2, 9);
            std::vector<Example> examples;
            for (int i = 0; i < count; ++i) {
                examples.push_back(Example{hasher.features(rows[i].text), {rows[i].labels.first().back().digitValue()}, {}});
                examples.back().features.push_back(kOwnIds + i);
            }
            auto model = TextClassifier::create(ModelShape{}, 5, TextClassifier::Backend(backend));
            QVERIFY(model.ok());
            const std::atomic_bool cancel{false};
            QList<QPair<int, int>> progress;
            const auto epochs = (*model)->train(examples, fastOptions(), cancel,
                                                [&](int epoch, int total) { progress.append({epoch, total}); });
            QVERIFY2(epochs.ok(), qPrintable(epochs.error()));
            // The loss chart keeps the pass that chose (each epoch with its dev loss); progress never goes back
            // and ends complete.
            QVERIFY(epochs->last().devLoss.has_value());
            for (int k = 1; k < progress.size(); ++k)
                QVERIFY(double(progress[k].first) / progress[k].second
                        >= double(progress[k - 1].first) / progress[k - 1].second);
            QCOMPARE(progress.last().first, progress.last().second);
            std::vector<std::vector<std::int64_t>> alone{{kUnused}};
            for (int i = 0; i < count; ++i)
                alone.push_back({kOwnIds + i});
            const auto out = (*model)->predict(alone);
            QVERIFY(out.ok());
            const auto untouched = [&](int row) { return out->probs[size_t(row) * 2] == out->probs[0]; };
            int unlearned = 0;
            for (int i = 1; i <= count; ++i)
                unlearned += untouched(i) ? 1 : 0;
            if (count == 400) {
                // No epochs asked means no training, also where a fold would be trained on.
                auto idle = TextClassifier::create(ModelShape{}, 5, TextClassifier::Backend(backend));
                QVERIFY(idle.ok());
                TrainingOptions none = fastOptions();
                none.epochs = 0;
                const auto idleEpochs = (*idle)->train(examples, none, cancel);
                QVERIFY2(idleEpochs.ok(), qPrintable(idleEpochs.error()));
                QVERIFY(idleEpochs->isEmpty());
                const auto idleOut = (*idle)->predict(alone);
                QVERIFY(idleOut.ok());
                for (int i = 1; i <= count; ++i)
                    QCOMPARE(idleOut->probs[size_t(i) * 2], idleOut->probs[0]);
                QCOMPARE(unlearned, 0);
                QVERIFY(progress.size() > epochs->size()); // the refit's epochs were counted
            } else {
                QCOMPARE(unlearned, count / 10);
                QCOMPARE(progress.size(), epochs->size());
            }
        }
    }

    void checkpointRoundTripReproducesPredictions()
    {
        const text::FeatureHasher hasher;
        const auto rows = mltest::labeledRows(60, 2, 2);
        std::vector<Example> train;
        std::vector<std::vector<std::int64_t>> all;
        for (const auto &r : rows) {
            train.push_back(Example{hasher.features(r.text), {r.labels.first().back().digitValue()}, {}});
            all.push_back(train.back().features);
        }
        ModelShape shape;
        auto a = TextClassifier::create(shape, 5);
        const std::atomic_bool cancel{false};
        QVERIFY((*a)->train(train, fastOptions(), cancel).ok());
        const auto bytes = (*a)->saveCheckpoint();
        QVERIFY(bytes.ok());
        QVERIFY2(bytes->size() < 1 << 20, "only touched embedding rows are stored");
        auto b = TextClassifier::create(shape, 99);
        QVERIFY((*b)->loadCheckpoint(*bytes).ok());
        QCOMPARE((*b)->predict(all)->probs, (*a)->predict(all)->probs);
        ModelShape other = shape;
        other.classes = 3;
        auto c = TextClassifier::create(other, 5);
        QVERIFY(!(*c)->loadCheckpoint(*bytes).ok());

        // A checkpoint is the same whichever backend trained or reads it (a GPU-trained model opens on a CPU).
        auto tensors = TextClassifier::create(shape, 5, TextClassifier::Backend::Tensors);
        QVERIFY((*tensors)->loadCheckpoint(*bytes).ok());
        const auto expected = (*a)->predict(all);
        const auto actual = (*tensors)->predict(all);
        QVERIFY(actual.ok());
        QCOMPARE(actual->probs.size(), expected->probs.size());
        for (std::size_t i = 0; i < expected->probs.size(); ++i)
            QVERIFY2(std::abs(actual->probs[i] - expected->probs[i]) < 1e-5f, qPrintable(QString::number(i)));
        QVERIFY((*tensors)->train(train, fastOptions(), cancel).ok());
        const auto tensorBytes = (*tensors)->saveCheckpoint();
        QVERIFY(tensorBytes.ok());
        auto rowLoops = TextClassifier::create(shape, 7, TextClassifier::Backend::RowLoops);
        QVERIFY((*rowLoops)->loadCheckpoint(*tensorBytes).ok());
        const auto reread = (*rowLoops)->predict(all);
        const auto trained = (*tensors)->predict(all);
        for (std::size_t i = 0; i < trained->probs.size(); ++i)
            QVERIFY(std::abs(reread->probs[i] - trained->probs[i]) < 1e-5f);
        QCOMPARE((*tensors)->deviceName(), QStringLiteral("CPU"));
    }

    // Rows are pooled by a power of the text's length below 1: a text said twice is surer than once (its evidence
    // adds up), where their mean (power 1) says the same; on either backend. A model keeps the power it was made
    // with (the root, 0.5, by default; 0.4 for rounds on many labels), and its checkpoint fits no other power.
    void rowsArePooledByAPowerOfTheLength_data()
    {
        addBackendRows();
    }
    void rowsArePooledByAPowerOfTheLength()
    {
        QFETCH(int, backend);
        const text::FeatureHasher hasher;
        const auto rows = mltest::labeledRows(120, 2, 4);
        std::vector<Example> train;
        for (const auto &r : rows)
            train.push_back(Example{hasher.features(r.text), {r.labels.first().back().digitValue()}, {}});
        std::vector<std::vector<std::int64_t>> once, twice;
        for (std::size_t i = 0; i < 40; ++i) {
            once.push_back(train[i].features);
            twice.push_back(once.back());
            twice.back().insert(twice.back().end(), once.back().begin(), once.back().end());
        }
        const std::atomic_bool cancel{false};
        QCOMPARE(ModelShape{}.lengthPower, 0.5f);
        const std::vector<float> powers{0.4f, 0.5f, 1.0f};
        std::vector<QByteArray> checkpoints;
        std::vector<std::vector<float>> gains;
        for (const float power : powers) {
            ModelShape shape;
            shape.classes = 2;
            shape.lengthPower = power;
            auto model = TextClassifier::create(shape, 3, TextClassifier::Backend(backend));
            QVERIFY(model);
            QVERIFY((*model)->train(train, fastOptions(), cancel));
            const auto single = (*model)->predict(once), repeated = (*model)->predict(twice);
            QVERIFY(single && repeated);
            int surer = 0;
            float moved = 0;
            std::vector<float> gain;
            for (std::size_t i = 0; i < once.size(); ++i) {
                const std::size_t gold = i * 2 + std::size_t(train[i].labels.front());
                surer += repeated->probs[gold] > single->probs[gold] ? 1 : 0;
                moved = std::max(moved, std::abs(repeated->probs[gold] - single->probs[gold]));
                gain.push_back(repeated->probs[gold] - single->probs[gold]);
            }
            gains.push_back(gain);
            if (power < 1)
                QVERIFY2(surer >= 36, qPrintable(QStringLiteral("%1: %2").arg(power).arg(surer)));
            else
                QVERIFY2(moved < 1e-5f, qPrintable(QString::number(moved)));
            checkpoints.push_back(*(*model)->saveCheckpoint());
            auto reread = TextClassifier::create(shape, 9, TextClassifier::Backend(backend));
            QVERIFY((*reread)->loadCheckpoint(checkpoints.back()));
            QVERIFY(nearlyEqual((*reread)->predict(once)->probs, single->probs));
            QVERIFY(nearlyEqual((*reread)->predict(twice)->probs, repeated->probs));
        }
        // The two powers pool differently: a lower one lets a repeat add more.
        QVERIFY(gains[0] != gains[1]);
        for (std::size_t made = 0; made < powers.size(); ++made)
            for (std::size_t other = 0; other < powers.size(); ++other) {
                if (made == other)
                    continue;
                ModelShape shape;
                shape.classes = 2;
                shape.lengthPower = powers[other];
                auto model = TextClassifier::create(shape, 1, TextClassifier::Backend(backend));
                const Status refused = (*model)->loadCheckpoint(checkpoints[made]);
                QVERIFY(!refused);
                QVERIFY2(refused.error().contains(QLatin1String("different shape")), qPrintable(refused.error()));
            }
        for (const float wrong : {0.0f, -0.5f, 1.5f, std::numeric_limits<float>::quiet_NaN()}) {
            ModelShape shape;
            shape.lengthPower = wrong;
            QVERIFY(!TextClassifier::create(shape, 1, TextClassifier::Backend(backend)));
        }
    }

    // Runs stored before the pooling power was recorded describe it the way they did: by nothing (the mean) or by
    // the root's flag. They still load, as the models they were. The next round starts afresh from one that pooled
    // by the mean, and goes on from one that pooled by the root, as a round on few labels still does.
    void runsThatDescribedPoolingOtherwiseStillLoad_data()
    {
        QTest::addColumn<float>("power");
        QTest::newRow("by the mean") << 1.0f;
        QTest::newRow("by the root") << 0.5f;
    }
    void runsThatDescribedPoolingOtherwiseStillLoad()
    {
        QFETCH(float, power);
        auto store = mltest::makeProject(nextPath(), 40, 16, 10);
        const std::atomic_bool cancel{false};
        QVERIFY(runTrainingRound(*store, fastOptions(), cancel));
        const ModelRunRecord run = **store->latestRun(true);
        QJsonObject config = QJsonDocument::fromJson(run.configJson.toUtf8()).object();
        QJsonObject described = config.value(QStringLiteral("model")).toObject();
        QCOMPARE(described.value(QStringLiteral("length_power")).toDouble(), 0.5);
        described.remove(QStringLiteral("length_power"));
        if (power == 0.5f)
            described.insert(QStringLiteral("sqrt_length"), true);
        config.insert(QStringLiteral("model"), described);

        ModelShape shape;
        shape.buckets = described.value(QStringLiteral("buckets")).toInt();
        shape.classes = described.value(QStringLiteral("classes")).toInt();
        shape.embeddingDim = described.value(QStringLiteral("embedding_dim")).toInt();
        shape.hiddenDim = described.value(QStringLiteral("hidden_dim")).toInt();
        shape.documentDim = described.value(QStringLiteral("document_dim")).toInt();
        shape.lengthPower = power;
        auto older = TextClassifier::create(shape, 1);
        QVERIFY(older);
        const text::FeatureHasher hasher;
        QVERIFY((*older)->train({Example{hasher.features(QStringLiteral("a goal in the match")), {0}, {}},
                                 Example{hasher.features(QStringLiteral("bread in the oven")), {1}, {}}},
                                fastOptions(), cancel));
        const auto runId = store->beginRun(run.modelKind, QString::fromUtf8(QJsonDocument(config).toJson()),
                                           QStringLiteral("CPU"), run.strategy);
        QVERIFY(runId);
        RunResult result;
        result.checkpoint = *(*older)->saveCheckpoint();
        QVERIFY(store->finishRun(*runId, result));
        const auto loaded = tasktest::latestModel(*store);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error()));

        QVERIFY(runTrainingRound(*store, fastOptions(), cancel));
        const QJsonObject next = QJsonDocument::fromJson((**store->latestRun(true)).configJson.toUtf8()).object();
        const QJsonObject nextModel = next.value(QStringLiteral("model")).toObject();
        QCOMPARE(nextModel.value(QStringLiteral("length_power")).toDouble(), 0.5);
        QCOMPARE(next.value(QStringLiteral("warm_start_run")).toInteger() == *runId, power == 0.5f);
    }

    // From 1,000 training labels on, a round pools with a power of 0.4: the first such round starts afresh (rows
    // learned under the root mean something else), records the power, and the next goes on from it; its stored
    // model loads as it was trained.
    void roundsOnManyLabelsPoolWithALowerPower()
    {
        auto store = mltest::makeProject(nextPath(), 1200, 990, 40);
        const std::atomic_bool cancel{false};
        QVERIFY(runTrainingRound(*store, fastOptions(), cancel));
        const auto powerOfLatest = [&] {
            const QJsonObject config = QJsonDocument::fromJson((**store->latestRun(true)).configJson.toUtf8()).object();
            return config.value(QStringLiteral("model")).toObject().value(QStringLiteral("length_power")).toDouble();
        };
        QCOMPARE(powerOfLatest(), 0.5);
        const qint64 few = (**store->latestRun(true)).id;

        // Label 20 more pool samples (ids follow the rows, the first 990 labeled): 1,010 training labels.
        const auto rows = mltest::labeledRows(1240, 2, 7);
        for (qint64 id = 991; id <= 1010; ++id) {
            AnnotationInput in;
            in.labels = rows[int(id - 1)].labels;
            QVERIFY(store->annotate(id, in));
        }

        QVERIFY(runTrainingRound(*store, fastOptions(), cancel));
        const qint64 many = (**store->latestRun(true)).id;
        QCOMPARE(powerOfLatest(), double(0.4f));
        QJsonObject config = QJsonDocument::fromJson((**store->latestRun(true)).configJson.toUtf8()).object();
        QVERIFY(config.value(QStringLiteral("warm_start_run")).toInteger() != few);
        const auto loaded = tasktest::latestModel(*store);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error()));

        QVERIFY(runTrainingRound(*store, fastOptions(), cancel));
        config = QJsonDocument::fromJson((**store->latestRun(true)).configJson.toUtf8()).object();
        QCOMPARE(powerOfLatest(), double(0.4f));
        QCOMPARE(config.value(QStringLiteral("warm_start_run")).toInteger(), many);
    }

    // The format itself: what the writer is given, the reader gives back, at aligned offsets.
    void tensorBundleRoundTrip()
    {
        const std::vector<float> weights{1.5f, -2.0f, 0.25f, 4.0f, 5.0f, 6.0f};
        const std::vector<qint64> rows{0, 7, 63};
        const float scalar = 3.0f;
        const QJsonObject meta{{QStringLiteral("size"), 7}, {QStringLiteral("names"), QJsonArray{QStringLiteral("a")}}};
        const auto bytes = writeTensorBundle(QStringLiteral("test"), meta,
                                             {{QStringLiteral("w"), DType::Float32, {2, 3}, weights.data()},
                                              {QStringLiteral("rows"), DType::Int64, {3}, rows.data()},
                                              {QStringLiteral("none"), DType::Float32, {0, 4}, nullptr},
                                              {QStringLiteral("scalar"), DType::Float32, {}, &scalar}});
        QVERIFY2(bytes, qPrintable(bytes.error()));
        QVERIFY(bytes->startsWith(kBundleMagic));
        const auto bundle = readTensorBundle(*bytes);
        QVERIFY2(bundle, qPrintable(bundle.error()));
        QCOMPARE(bundle->kind, QStringLiteral("test"));
        QCOMPARE(bundle->meta, meta);
        QCOMPARE(bundle->tensors.size(), 4);
        const TensorView *w = bundle->find(QStringLiteral("w"));
        QVERIFY(w && w->dtype == DType::Float32 && w->shape == (QVector<qint64>{2, 3}) && w->bytes == 24);
        QCOMPARE(QByteArray(w->data, 24), QByteArray(reinterpret_cast<const char *>(weights.data()), 24));
        const TensorView *r = bundle->find(QStringLiteral("rows"));
        QVERIFY(r && r->dtype == DType::Int64 && r->elements() == 3);
        QCOMPARE(QByteArray(r->data, 24), QByteArray(reinterpret_cast<const char *>(rows.data()), 24));
        QCOMPARE(bundle->find(QStringLiteral("none"))->elements(), qint64(0));
        QCOMPARE(bundle->find(QStringLiteral("scalar"))->elements(), qint64(1));
        const qint64 start = bundletest::dataStart(qFromLittleEndian<quint32>(bytes->constData() + 12));
        for (const TensorView &t : bundle->tensors)
            QCOMPARE((t.data - bytes->constData() - start) % kBundleAlignment, qint64(0));
        // Taken apart and rebuilt, the same bytes; what the reader would refuse is not written.
        QCOMPARE(bundletest::join(bundletest::split(*bytes)), *bytes);
        QVERIFY(!writeTensorBundle(QStringLiteral("test"), {},
                                   {{QStringLiteral("w"), DType::Float32, {2, 3}, weights.data()},
                                    {QStringLiteral("w"), DType::Float32, {2, 3}, weights.data()}}));
        QVERIFY(!writeTensorBundle(QStringLiteral("test"), {}, {{QStringLiteral("w"), DType::Float32, {-1}, weights.data()}}));
        QVERIFY(!writeTensorBundle({}, {}, {}));
        QVERIFY(readTensorBundle(*writeTensorBundle(QStringLiteral("empty"), {}, {})));
    }

    // Models trained on other data, for more rounds, or with a hidden layer and several labels each, store the
    // rows they touched and load to the same predictions.
    void checkpointsOfOneShapeLoad_data()
    {
        QTest::addColumn<int>("hidden");
        QTest::addColumn<bool>("multilabel");
        QTest::addRow("linear") << 0 << false;
        QTest::addRow("hidden layer, multilabel") << 8 << true;
    }
    void checkpointsOfOneShapeLoad()
    {
        QFETCH(int, hidden);
        QFETCH(bool, multilabel);
        const text::FeatureHasher hasher;
        ModelShape shape;
        shape.buckets = 1 << 16; // more than the n-grams of 200 documents: the table rows touched vary
        shape.classes = 3;
        shape.embeddingDim = 16;
        shape.hiddenDim = hidden;
        shape.multilabel = multilabel;
        const auto examples = [&](int count, unsigned seed) {
            std::vector<Example> out;
            for (const auto &r : mltest::labeledRows(count, 3, seed)) {
                std::vector<int> labels{r.labels.first().back().digitValue()};
                if (multilabel && out.size() % 3 == 0)
                    labels.push_back((labels.front() + 1) % 3);
                out.push_back(Example{hasher.features(r.text), labels, {}});
            }
            return out;
        };
        TrainingOptions options = fastOptions();
        options.embeddingDim = shape.embeddingDim;
        options.hiddenDim = hidden;
        const std::atomic_bool cancel{false};
        const auto trained = [&](int count, unsigned seed, int epochs, const QByteArray &warm) -> QByteArray {
            auto model = TextClassifier::create(shape, seed);
            if (!model || (!warm.isEmpty() && !(*model)->loadCheckpoint(warm)))
                return {};
            TrainingOptions o = options;
            o.epochs = epochs;
            if (!(*model)->train(examples(count, seed), o, cancel))
                return {};
            const auto bytes = (*model)->saveCheckpoint();
            return bytes ? *bytes : QByteArray();
        };
        const QByteArray untrained = *(*TextClassifier::create(shape, 1))->saveCheckpoint();
        const QByteArray small = trained(20, 1, 2, {});
        const QByteArray large = trained(200, 2, 15, {});
        const QByteArray longer = trained(60, 3, 15, large); // a second round, warm-started
        QVERIFY(!small.isEmpty() && !large.isEmpty() && !longer.isEmpty());
        std::vector<std::vector<std::int64_t>> probe;
        for (const Example &e : examples(30, 9))
            probe.push_back(e.features);
        for (const QByteArray &bytes : {untrained, small, large, longer}) {
            auto a = TextClassifier::create(shape, 11);
            auto b = TextClassifier::create(shape, 12);
            const Status loaded = (*a)->loadCheckpoint(bytes);
            QVERIFY2(loaded, qPrintable(loaded.error()));
            QVERIFY((*b)->loadCheckpoint(bytes));
            QCOMPARE((*a)->predict(probe)->probs, (*b)->predict(probe)->probs);
        }
        // The tensors each holds: the table rows it touched, the shape's other sizes, its shape described.
        const auto smallBundle = readTensorBundle(small);
        const auto largeBundle = readTensorBundle(large);
        QVERIFY(smallBundle && largeBundle);
        QCOMPARE(smallBundle->kind, QStringLiteral("embedding-bag"));
        QCOMPARE(smallBundle->tensors.size(), hidden > 0 ? 7 : 5); // the table as two, and the typical length
        QCOMPARE(smallBundle->find(QStringLiteral("typical_length"))->elements(), 1);
        QCOMPARE(smallBundle->meta.value(QStringLiteral("buckets")).toInteger(), qint64(shape.buckets));
        QCOMPARE(smallBundle->meta.value(QStringLiteral("multilabel")).toBool(), multilabel);
        const TensorView *smallRows = smallBundle->find(QStringLiteral("bag.weight.values"));
        const TensorView *largeRows = largeBundle->find(QStringLiteral("bag.weight.values"));
        QVERIFY(smallRows && largeRows);
        QVERIFY2(smallRows->shape.front() < largeRows->shape.front(),
                 qPrintable(QStringLiteral("%1 %2").arg(smallRows->shape.front()).arg(largeRows->shape.front())));
        QCOMPARE(smallRows->shape.back(), qint64(shape.embeddingDim));
        QCOMPARE(readTensorBundle(untrained)->find(QStringLiteral("bag.weight.rows"))->elements(), qint64(0));

        // Another shape's checkpoint is refused: another width, or a hidden layer more or less.
        ModelShape wider = shape;
        wider.embeddingDim = 32;
        ModelShape layered = shape;
        layered.hiddenDim = hidden > 0 ? 0 : 8;
        for (const ModelShape &other : {wider, layered}) {
            const Status refused = (*TextClassifier::create(other, 1))->loadCheckpoint(small);
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(QLatin1String("different shape")), qPrintable(refused.error()));
        }
    }

    // A trained model of checkpointShape(): a few table rows, an output layer of 3 x 4.
    static ModelShape checkpointShape()
    {
        ModelShape shape;
        shape.buckets = 64;
        shape.classes = 3;
        shape.embeddingDim = 4;
        return shape;
    }
    static QByteArray smallCheckpoint(std::vector<Example> examples = {{{1, 2, 3}, {0}, {}}, {{4, 5}, {1}, {}},
                                                                       {{6, 60}, {2}, {}}, {{2, 7}, {0}, {}}},
                                      std::uint64_t seed = 1)
    {
        auto model = TextClassifier::create(checkpointShape(), seed);
        TrainingOptions options = fastOptions();
        options.epochs = 2;
        options.embeddingDim = 4;
        const std::atomic_bool cancel{false};
        if (!model || !(*model)->train(examples, options, cancel))
            return {};
        const auto bytes = (*model)->saveCheckpoint();
        return bytes ? *bytes : QByteArray();
    }

    // The checkpoint with one change a project file made elsewhere could hold; each row names what the refusal
    // must say (empty: the checkpoint loads). A refused checkpoint leaves the model as it was.
    void tamperedCheckpointIsRefused_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *change, const char *message) {
            QTest::newRow(change) << QString::fromLatin1(change) << QString::fromLatin1(message);
        };
        row("rebuilt unchanged", "");
        row("wrong magic", "not in the format");
        row("an older torch archive", "not in the format");
        row("newer format version", "newer version");
        row("format version 0", "format version is 0");
        row("cut short in the data", "cut short");
        row("cut short in the header", "cut short");
        row("header length of 2 GB", "more than the");
        row("header not JSON", "not valid JSON");
        row("header a JSON array", "not a JSON object");
        row("header with a field more", "exactly the fields kind, meta and tensors");
        row("entry without its length", "exactly the fields");
        row("unknown element type", "unknown element type");
        row("ranges overlapping", "overlaps");
        row("unused bytes between tensors", "unused bytes");
        row("bytes after the last tensor", "followed by");
        row("a tensor reaching past the end", "past the end");
        row("length one float short", "needs");
        row("dimension of 2^40", "more than");
        row("dimensions whose product overflows", "more than");
        row("negative dimension", "whole number");
        row("fractional dimension", "whole number");
        row("rank 9", "more than 8 dimensions");
        row("two tensors of one name", "two tensors named");
        row("another width, consistent", "has the shape [3, 5]");
        row("int64 where floats belong", "holds int64");
        row("typical length negative", "typical text length is -3");
        row("a tensor missing", "has no tensor \"out.bias\"");
        row("a tensor more", "this model does not have");
        row("more rows than the table", "stores 65 table rows");
        row("row number outside the table", "outside the table");
        row("row numbers repeated", "out of order");
        row("another shape described", "different shape");
        row("description incomplete", "incomplete");
        row("a tagger's checkpoint", "not a text classifier");
    }

    void tamperedCheckpointIsRefused()
    {
        QFETCH(QString, change);
        QFETCH(QString, message);
        using namespace bundletest;
        const QByteArray original = smallCheckpoint();
        QVERIFY(!original.isEmpty());
        Parts parts = split(original);
        QCOMPARE(join(parts), original);
        const auto bundle = readTensorBundle(original);
        QVERIFY(bundle);
        const qint64 storedRows = bundle->find(QStringLiteral("bag.weight.rows"))->elements();
        QVERIFY(storedRows >= 2);
        const QString rowsName = QStringLiteral("bag.weight.rows"), valuesName = QStringLiteral("bag.weight.values");
        const QString weight = QStringLiteral("out.weight"), bias = QStringLiteral("out.bias");
        // The tensors of the original, for checkpoints written anew with one of them changed.
        const auto rewritten = [&](const std::function<void(QVector<TensorSource> &)> &edit) {
            QVector<TensorSource> sources;
            for (const TensorView &t : bundle->tensors)
                sources << TensorSource{t.name, t.dtype, t.shape, t.data};
            edit(sources);
            return writeTensorBundle(bundle->kind, bundle->meta, sources).value();
        };
        const auto rowAt = [&](int i) { return qFromLittleEndian<qint64>(parts.data.constData() + offsetOf(parts, rowsName) + 8 * i); };
        const auto setRow = [&](int i, qint64 value) {
            qToLittleEndian<qint64>(value, parts.data.data() + offsetOf(parts, rowsName) + 8 * i);
        };
        QByteArray tampered;
        if (change == QLatin1String("wrong magic")) {
            tampered = original;
            tampered[3] = 'X';
        } else if (change == QLatin1String("an older torch archive")) {
            tampered = QByteArray("PK\x03\x04", 4) + original.mid(4);
        } else if (change == QLatin1String("newer format version")) {
            parts.version = 2;
        } else if (change == QLatin1String("format version 0")) {
            parts.version = 0;
        } else if (change == QLatin1String("cut short in the data")) {
            tampered = original.chopped(4);
        } else if (change == QLatin1String("cut short in the header")) {
            tampered = original.left(40);
        } else if (change == QLatin1String("header length of 2 GB")) {
            tampered = original;
            qToLittleEndian<quint32>(0x80000000u, tampered.data() + 12);
        } else if (change == QLatin1String("header not JSON")) {
            tampered = join(QJsonDocument(parts.header).toJson(QJsonDocument::Compact).chopped(1), parts.data);
        } else if (change == QLatin1String("header a JSON array")) {
            tampered = join("[1, 2]", parts.data);
        } else if (change == QLatin1String("header with a field more")) {
            parts.header[QStringLiteral("code")] = QStringLiteral("print(1)");
        } else if (change == QLatin1String("entry without its length")) {
            QJsonArray tensors = parts.header.value(QStringLiteral("tensors")).toArray();
            QJsonObject first = tensors[0].toObject();
            first.remove(QStringLiteral("length"));
            tensors[0] = first;
            parts.header[QStringLiteral("tensors")] = tensors;
        } else if (change == QLatin1String("unknown element type")) {
            setField(parts, bias, QStringLiteral("dtype"), QStringLiteral("float16"));
        } else if (change == QLatin1String("ranges overlapping")) {
            setField(parts, bias, QStringLiteral("offset"), offsetOf(parts, weight));
        } else if (change == QLatin1String("unused bytes between tensors")) {
            setField(parts, bias, QStringLiteral("offset"), offsetOf(parts, bias) + 64);
            parts.data.insert(offsetOf(parts, weight) + 48, QByteArray(64, '\0'));
        } else if (change == QLatin1String("bytes after the last tensor")) {
            parts.data += '\0';
        } else if (change == QLatin1String("a tensor reaching past the end")) {
            setField(parts, bias, QStringLiteral("shape"), QJsonArray{100});
            setField(parts, bias, QStringLiteral("length"), 400);
        } else if (change == QLatin1String("length one float short")) {
            setField(parts, bias, QStringLiteral("length"), 8);
        } else if (change == QLatin1String("dimension of 2^40")) {
            setField(parts, bias, QStringLiteral("shape"), QJsonArray{qint64(1) << 40});
        } else if (change == QLatin1String("dimensions whose product overflows")) {
            setField(parts, weight, QStringLiteral("shape"), QJsonArray{1 << 30, 1 << 30, 1 << 30});
        } else if (change == QLatin1String("negative dimension")) {
            setField(parts, bias, QStringLiteral("shape"), QJsonArray{-3});
        } else if (change == QLatin1String("fractional dimension")) {
            setField(parts, bias, QStringLiteral("shape"), QJsonArray{2.5});
        } else if (change == QLatin1String("rank 9")) {
            setField(parts, bias, QStringLiteral("shape"), QJsonArray{3, 1, 1, 1, 1, 1, 1, 1, 1});
        } else if (change == QLatin1String("two tensors of one name")) {
            setField(parts, bias, QStringLiteral("name"), weight);
        } else if (change == QLatin1String("another width, consistent")) {
            // A 3 x 5 output layer, described and stored consistently: not this model's.
            const std::vector<float> wider(15, 0.5f);
            tampered = rewritten([&](QVector<TensorSource> &s) {
                for (TensorSource &t : s)
                    if (t.name == weight) {
                        t.shape = {3, 5};
                        t.data = wider.data();
                    }
            });
        } else if (change == QLatin1String("typical length negative")) {
            const float negative = -3.0f;
            tampered = rewritten([&](QVector<TensorSource> &s) {
                for (TensorSource &t : s)
                    if (t.name == QLatin1String("typical_length"))
                        t.data = &negative;
            });
        } else if (change == QLatin1String("int64 where floats belong")) {
            const std::vector<qint64> ints(3, 1);
            tampered = rewritten([&](QVector<TensorSource> &s) {
                for (TensorSource &t : s)
                    if (t.name == bias) {
                        t.dtype = DType::Int64;
                        t.data = ints.data();
                    }
            });
        } else if (change == QLatin1String("a tensor missing")) {
            tampered = rewritten([&](QVector<TensorSource> &s) {
                s.removeIf([&](const TensorSource &t) { return t.name == bias; });
            });
        } else if (change == QLatin1String("a tensor more")) {
            const float one = 1;
            tampered = rewritten([&](QVector<TensorSource> &s) {
                s << TensorSource{QStringLiteral("hidden.bias"), DType::Float32, {1}, &one};
            });
        } else if (change == QLatin1String("more rows than the table")) {
            std::vector<qint64> rows(65);
            std::iota(rows.begin(), rows.end(), 0);
            const std::vector<float> values(65 * 4, 0.5f);
            tampered = rewritten([&](QVector<TensorSource> &s) {
                s[0] = TensorSource{rowsName, DType::Int64, {65}, rows.data()};
                s[1] = TensorSource{valuesName, DType::Float32, {65, 4}, values.data()};
            });
        } else if (change == QLatin1String("row number outside the table")) {
            setRow(static_cast<int>(storedRows) - 1, 64);
        } else if (change == QLatin1String("row numbers repeated")) {
            setRow(1, rowAt(0));
        } else if (change == QLatin1String("another shape described")) {
            setMeta(parts, QStringLiteral("buckets"), 128);
        } else if (change == QLatin1String("description incomplete")) {
            QJsonObject meta = parts.header.value(QStringLiteral("meta")).toObject();
            meta.remove(QStringLiteral("classes"));
            parts.header[QStringLiteral("meta")] = meta;
        } else if (change == QLatin1String("a tagger's checkpoint")) {
            parts.header[QStringLiteral("kind")] = QStringLiteral("sequence-cnn");
        }
        if (tampered.isEmpty())
            tampered = join(parts);

        // A model trained on other data: a load that wrote anything before refusing would change its scores.
        auto model = TextClassifier::create(checkpointShape(), 7);
        QVERIFY(model);
        QVERIFY((*model)->loadCheckpoint(smallCheckpoint({{{9, 10}, {1}, {}}, {{11, 12}, {2}, {}}, {{13}, {0}, {}}}, 7)));
        const std::vector<std::vector<std::int64_t>> probe{{1, 5, 63}, {}, {0}, {9, 11, 13}};
        const auto before = (*model)->predict(probe);
        QVERIFY(before);
        const Status loaded = (*model)->loadCheckpoint(tampered);
        if (message.isEmpty()) {
            QVERIFY2(loaded, qPrintable(loaded.error()));
            auto reference = TextClassifier::create(checkpointShape(), 8);
            QVERIFY((*reference)->loadCheckpoint(original));
            QCOMPARE((*model)->predict(probe)->probs, (*reference)->predict(probe)->probs);
            return;
        }
        QVERIFY(!loaded);
        qInfo("%s: %s", qPrintable(change), qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(message), qPrintable(loaded.error()));
        QCOMPARE((*model)->predict(probe)->probs, before->probs);
    }

    void roundIsStoredWithMetricsEpochsAndRanks()
    {
        auto store = mltest::makeProject(nextPath(), 80, 30, 40);
        const std::atomic_bool cancel{false};
        const auto summary = runTrainingRound(*store, fastOptions(), cancel);
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
        QCOMPARE(summary->trainLabels, 30);
        QCOMPARE(summary->evalLabels, 40);
        QCOMPARE(summary->round, 1);
        QVERIFY(summary->macroF1 > 0.9);
        const auto run = store->latestRun(true);
        QVERIFY(run.ok() && run->has_value());
        QCOMPARE((*run)->id, summary->runId);
        QCOMPARE((*run)->status, QStringLiteral("done"));
        QVERIFY((*run)->accuracy.has_value());
        QVERIFY(!store->checkpoint(summary->runId)->isEmpty());
        const auto metrics = store->runMetrics(summary->runId);
        QVERIFY(std::any_of(metrics->begin(), metrics->end(),
                            [](const MetricRow &m) { return m.name == QLatin1String("macro avg"); }));
        QVERIFY(!store->runEpochs(summary->runId)->isEmpty());
        QVERIFY(!store->runConfusion(summary->runId)->isEmpty());
        const auto ranked = store->rankedPredictions(summary->runId, -1);
        QCOMPARE(ranked->size(), 50);
        std::set<int> ranks;
        for (const PredictionRow &p : *ranked) {
            QVERIFY(p.rank && p.score);
            QCOMPARE(p.probabilities.size(), 2 * int(sizeof(float)));
            ranks.insert(*p.rank);
        }
        QCOMPARE(int(ranks.size()), 50);
        QCOMPARE(*ranks.begin(), 1);
        // Labeled pool samples are predicted but not ranked.
        const auto labeledIds = store->sampleIds(SampleFilter::labeled(Split::Pool));
        QCOMPARE(labeledIds->size(), 30);
        const auto labeledPrediction = store->prediction(summary->runId, labeledIds->first());
        QVERIFY(labeledPrediction.ok() && labeledPrediction->has_value());
        QVERIFY(!(*labeledPrediction)->rank.has_value());
        const QJsonObject config = QJsonDocument::fromJson((*run)->configJson.toUtf8()).object();
        QCOMPARE(config.value(QStringLiteral("labels")).toArray().size(), 2);
    }

    void evalSamplesAreNeverTrainedOnNorRanked()
    {
        auto store = mltest::makeProject(nextPath(), 40, 0, 30);
        const std::atomic_bool cancel{false};
        // Only eval samples carry labels: there is nothing to train on.
        const auto none = runTrainingRound(*store, fastOptions(), cancel);
        QVERIFY(!none.ok());
        QVERIFY(store->runs()->isEmpty());
        auto labeled = mltest::makeProject(nextPath(), 40, 10, 30);
        const auto summary = runTrainingRound(*labeled, fastOptions(), cancel);
        QVERIFY(summary.ok());
        QCOMPARE(summary->trainLabels, 10);
        SampleFilter evalOnly;
        evalOnly.split = Split::Eval;
        const auto evalIds = labeled->sampleIds(evalOnly);
        QCOMPARE(evalIds->size(), 30);
        for (qint64 id : *evalIds) {
            const auto p = labeled->prediction(summary->runId, id);
            QVERIFY(p.ok() && p->has_value());
            QVERIFY(!(*p)->rank.has_value());
            QVERIFY(!(*p)->score.has_value());
        }
    }

    void warmStartResumesFromCheckpoint()
    {
        auto store = mltest::makeProject(nextPath(), 60, 20, 20);
        const std::atomic_bool cancel{false};
        const auto first = runTrainingRound(*store, fastOptions(), cancel);
        QVERIFY(first.ok());
        // No epochs: the second run's model is exactly the first one's.
        TrainingOptions none = fastOptions();
        none.epochs = 0;
        const auto second = runTrainingRound(*store, none, cancel);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        const auto run = store->latestRun(true);
        const QJsonObject config = QJsonDocument::fromJson((*run)->configJson.toUtf8()).object();
        QCOMPARE(config.value(QStringLiteral("warm_start_run")).toInteger(), first->runId);
        QCOMPARE(second->macroF1, first->macroF1);
        QCOMPARE(second->round, 2);
        const auto a = store->rankedPredictions(first->runId, 5);
        const auto b = store->rankedPredictions(second->runId, 5);
        QCOMPARE(a->size(), b->size());
        for (int i = 0; i < a->size(); ++i)
            QCOMPARE((*a)[i].probabilities, (*b)[i].probabilities);
    }

    // A pool's features are kept sorted and varint-coded: what comes back is every id (repeats too), and a span
    // stays valid while later documents fill new blocks.
    void featureBlockKeepsEveryIdAndItsSpans()
    {
        FeatureBlock block;
        std::mt19937 rng(7);
        std::uniform_int_distribution<std::int64_t> id(0, (1 << 20) - 1);
        std::vector<std::vector<std::int64_t>> docs;
        std::vector<FeatureSpan> spans;
        for (int d = 0; d < 3000; ++d) {
            std::vector<std::int64_t> f(std::size_t(d % 400));
            for (auto &x : f)
                x = d % 3 == 0 ? id(rng) % 50 : id(rng); // small steps and repeats, and large ones
            if (d == 5)
                f = {0, 0, 0x7fffffff, 1 << 20};
            docs.push_back(f);
            spans.push_back(block.append(f));
        }
        std::vector<std::int64_t> big(FeatureBlock::kBlockBytes, 3); // larger than a block: a block of its own
        spans.push_back(block.append(big));
        docs.push_back(big);
        QVERIFY(block.bytes() > FeatureBlock::kBlockBytes);
        for (std::size_t d = 0; d < docs.size(); ++d) {
            std::vector<std::int64_t> want = docs[d];
            std::sort(want.begin(), want.end());
            QCOMPARE(spans[d].size(), want.size());
            QVERIFY(spans[d].decode() == want);
        }
    }

    void featureCacheGivesTheSameRound()
    {
        const std::atomic_bool cancel{false};
        auto plain = mltest::makeProject(nextPath(), 50, 20, 10);
        auto cached = mltest::makeProject(nextPath(), 50, 20, 10);
        FeatureCache cache;
        const auto a = runTrainingRound(*plain, fastOptions(), cancel);
        const auto b = runTrainingRound(*cached, fastOptions(), cancel, {}, &cache);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(cache.cachedSamples, 60);
        const auto c = runTrainingRound(*cached, fastOptions(), cancel, {}, &cache); // served from the cache
        QVERIFY(c.ok());
        QCOMPARE(b->macroF1, a->macroF1);
        const auto ra = plain->rankedPredictions(a->runId, -1);
        const auto rb = cached->rankedPredictions(b->runId, -1);
        QCOMPARE(ra->size(), rb->size());
        for (int i = 0; i < ra->size(); ++i)
            QCOMPARE((*ra)[i].probabilities, (*rb)[i].probabilities);
    }

    void sameSeedGivesSameRun()
    {
        const std::atomic_bool cancel{false};
        QVector<QByteArray> probabilities;
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto store = mltest::makeProject(nextPath(), 60, 24, 20);
            const auto summary = runTrainingRound(*store, fastOptions(), cancel);
            QVERIFY(summary.ok());
            QByteArray all;
            const auto rows = store->rankedPredictions(summary->runId, -1);
            QCOMPARE(rows->size(), 36);
            for (const PredictionRow &p : *rows) {
                // The ranked rows kept whole carry the model's probabilities (filled from the pool's scores).
                QVERIFY(!p.probabilities.isEmpty() && p.probabilities.size() % qsizetype(sizeof(float)) == 0);
                const float *f = reinterpret_cast<const float *>(p.probabilities.constData());
                const float sum = std::accumulate(f, f + p.probabilities.size() / qsizetype(sizeof(float)), 0.0f);
                QVERIFY(std::abs(sum - 1.0f) < 1e-4f);
                QVERIFY(std::abs(*std::max_element(f, f + p.probabilities.size() / qsizetype(sizeof(float))) - p.confidence) < 1e-6);
                all += QByteArray::number(p.sampleId) + p.probabilities;
            }
            probabilities << all;
        }
        QCOMPARE(probabilities[0], probabilities[1]);
    }

    void failedRoundIsRecorded()
    {
        auto store = mltest::makeProject(nextPath(), 30, 10, 10);
        const std::atomic_bool cancel{false};
        TrainingOptions bad = fastOptions();
        bad.learningRate = -1;
        const auto summary = runTrainingRound(*store, bad, cancel);
        QVERIFY(!summary.ok());
        QVERIFY(!summary.error().isEmpty());
        const auto runs = store->runs();
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->first().status, QStringLiteral("failed"));
        QCOMPARE(runs->first().error, summary.error());
        QVERIFY(!store->latestRun(true)->has_value());
    }

    void cancelledRoundIsRecordedAsCancelled()
    {
        auto store = mltest::makeProject(nextPath(), 30, 10, 10);
        const std::atomic_bool cancel{true};
        const auto summary = runTrainingRound(*store, fastOptions(), cancel);
        QVERIFY(!summary.ok());
        const auto runs = store->runs();
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->first().status, QStringLiteral("cancelled"));
    }

    void multilabelProjectTrains()
    {
        auto store = ProjectStore::create(nextPath(), TaskType::MultiLabel,
                                          {QStringLiteral("topic0"), QStringLiteral("topic1"), QStringLiteral("topic2")});
        QVERIFY(store.ok());
        std::mt19937 rng(4);
        const QVector<QVector<int>> combos{{0}, {1}, {2}, {0, 1}, {1, 2}, {0, 2}};
        for (int i = 0; i < 180; ++i) {
            const QVector<int> topics = combos[i % combos.size()];
            Sample s;
            s.text = mltest::sentence(topics, rng, 12) + QStringLiteral(" #%1").arg(i);
            s.split = i < 120 ? Split::Pool : Split::Eval;
            const auto id = (*store)->addSample(s);
            AnnotationInput in;
            for (int t : topics)
                in.labels << QStringLiteral("topic%1").arg(t);
            if (i < 100 || i >= 120)
                QVERIFY((*store)->annotate(**id, in).ok());
        }
        const std::atomic_bool cancel{false};
        TrainingOptions options = fastOptions();
        options.epochs = 30;
        const auto summary = runTrainingRound(**store, options, cancel);
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
        QVERIFY2(summary->microF1 > 0.85, qPrintable(QString::number(summary->microF1)));
        QCOMPARE((*store)->rankedPredictions(summary->runId, -1)->size(), 20);
    }

    // Word vectors make a frozen document vector beside the learned mean: the unit-length mean of the centred
    // vectors of the document's words (scaled by the model's constant), which training never changes and a
    // checkpoint keeps.
    // A large pool is scored through a projected table (and, with a document vector, a compact copy of the word
    // rows): the probabilities must be those of the plain path, which asking for the hidden layer takes.
    void largePoolsScoreAsSmallOnesDo_data()
    {
        QTest::addColumn<int>("documentDim");
        QTest::newRow("plain") << 0;
        QTest::newRow("with a document vector") << 8;
    }
    void largePoolsScoreAsSmallOnesDo()
    {
        QFETCH(int, documentDim);
        ModelShape shape;
        shape.buckets = 4096;
        shape.classes = 3;
        shape.embeddingDim = 8;
        shape.documentDim = documentDim;
        auto model = TextClassifier::create(shape, 1, TextClassifier::Backend::RowLoops);
        QVERIFY(model);
        std::mt19937_64 rng(5);
        std::uniform_int_distribution<std::int64_t> row(0, shape.buckets - 1);
        if (documentDim > 0) {
            WordVectors vectors;
            vectors.dim = documentDim;
            for (std::int64_t r = 0; r < shape.buckets; r += 3) // a third of the rows hold a word
                vectors.rows.push_back(r);
            std::normal_distribution<float> normal;
            for (std::size_t i = 0; i < vectors.rows.size() * std::size_t(documentDim); ++i)
                vectors.values.push_back(normal(rng));
            QVERIFY((*model)->useWordVectors(vectors));
        }
        std::vector<std::vector<std::int64_t>> documents(20500);
        for (auto &d : documents)
            for (int k = 0; k < 12; ++k)
                d.push_back(row(rng));
        documents[7].clear(); // an empty text scores as well
        std::vector<Example> examples;
        for (int i = 0; i < 60; ++i)
            examples.push_back({documents[std::size_t(i)], {i % 3}, {}});
        TrainingOptions training = fastOptions();
        training.epochs = 3;
        const std::atomic_bool cancel{false};
        QVERIFY((*model)->train(examples, training, cancel));
        const auto projected = (*model)->predict(documents);
        const auto plain = (*model)->predict(documents, true);
        QVERIFY(projected && plain);
        QCOMPARE(projected->probs.size(), plain->probs.size());
        float worst = 0;
        for (std::size_t i = 0; i < plain->probs.size(); ++i)
            worst = std::max(worst, std::abs(projected->probs[i] - plain->probs[i]));
        QVERIFY2(worst < 1e-4f, qPrintable(QString::number(worst)));
    }

    // Class prototypes (ModelShape::prototypeWeight): each class's unit-length mean document vector over the
    // last training's examples. A text's logit for a class gains the weight times the cosine of its document vector
    // to that mean, beside what the same training gives a model without them (training never reads them); a
    // checkpoint keeps them and fits only a shape with them; stored ones that are not unit rows are refused.
    void classPrototypesAddTheirCosines_data()
    {
        addBackendRows();
    }
    void classPrototypesAddTheirCosines()
    {
        QFETCH(int, backend);
        constexpr int kClasses = 3, kDim = 4;
        ModelShape plainShape;
        plainShape.buckets = 256;
        plainShape.classes = kClasses;
        plainShape.embeddingDim = 2;
        plainShape.documentDim = kDim;
        ModelShape shape = plainShape;
        shape.prototypeWeight = 12;
        QVERIFY(shape.readsPrototypes());
        ModelShape multi = shape;
        multi.multilabel = true;
        QVERIFY(!multi.readsPrototypes());
        for (const float wrong : {-1.0f, std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN()}) {
            ModelShape damaged = shape;
            damaged.prototypeWeight = wrong;
            QVERIFY(!TextClassifier::create(damaged, 1, TextClassifier::Backend(backend)));
        }

        // Words 0-29: word w leans to axis w % 3, with noise on every axis.
        std::mt19937_64 rng(11);
        std::normal_distribution<float> noise(0.0f, 0.4f);
        WordVectors vectors;
        vectors.dim = kDim;
        for (std::int64_t w = 0; w < 30; ++w) {
            vectors.rows.push_back(w);
            for (int k = 0; k < kDim; ++k)
                vectors.values.push_back((k == w % 3 ? 1.0f : 0.0f) + noise(rng));
        }
        std::vector<Example> examples;
        std::vector<std::vector<std::int64_t>> texts;
        for (int i = 0; i < 24; ++i) {
            const int label = i % kClasses;
            std::vector<std::int64_t> ids{label + 3 * (i % 10), label + 3 * ((i + 4) % 10), 100 + i};
            examples.push_back({ids, {label}, {}});
            texts.push_back({std::int64_t(i % 30), std::int64_t((i * 7) % 30), 200 + i});
        }
        const std::atomic_bool cancel{false};
        const auto trained = [&](const ModelShape &s) {
            auto model = TextClassifier::create(s, 4, TextClassifier::Backend(backend));
            if (!model || !(*model)->useWordVectors(vectors) || !(*model)->train(examples, fastOptions(), cancel))
                qFatal("could not train the test model");
            return std::move(*model);
        };
        const auto withPrototypes = trained(shape), without = trained(plainShape);
        std::vector<std::vector<std::int64_t>> trainingTexts;
        for (const Example &e : examples)
            trainingTexts.push_back(e.features);
        const auto scored = withPrototypes->predict(texts, true), plain = without->predict(texts);
        const auto seenHidden = withPrototypes->predict(trainingTexts, true);
        QVERIFY(scored && plain && seenHidden);
        // The prototypes as the test works them out from the document vectors (the last kDim columns of `hidden`).
        const auto documentOf = [&](const ClassScores &out, std::size_t i) {
            std::vector<double> v(kDim);
            for (int k = 0; k < kDim; ++k)
                v[std::size_t(k)] = out.embeddings[i * std::size_t(out.dim) + std::size_t(out.dim - kDim + k)];
            return v;
        };
        std::vector<std::vector<double>> prototypes(kClasses, std::vector<double>(kDim, 0.0));
        for (std::size_t i = 0; i < examples.size(); ++i) {
            const auto v = documentOf(*seenHidden, i);
            for (int k = 0; k < kDim; ++k)
                prototypes[std::size_t(examples[i].labels.front())][std::size_t(k)] += v[std::size_t(k)];
        }
        const auto dot = [](const std::vector<double> &a, const std::vector<double> &b) {
            return std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
        };
        for (auto &p : prototypes) {
            const double length = std::sqrt(dot(p, p));
            for (double &x : p)
                x /= length;
        }
        double largest = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const auto v = documentOf(*scored, i);
            const double length = std::sqrt(dot(v, v));
            for (int c = 1; c < kClasses; ++c) {
                const auto at = [&](const ClassScores &out, int k) { return double(out.probs[i * kClasses + std::size_t(k)]); };
                const double added = std::log(at(*scored, c) / at(*scored, 0)) - std::log(at(*plain, c) / at(*plain, 0));
                const double expected = 12.0 * (dot(v, prototypes[std::size_t(c)]) - dot(v, prototypes[0])) / length;
                QVERIFY2(std::abs(added - expected) < 2e-3 * std::max(1.0, std::abs(expected)),
                         qPrintable(QStringLiteral("text %1, class %2: %3, expected %4").arg(i).arg(c).arg(added).arg(expected)));
                largest = std::max(largest, std::abs(expected));
            }
        }
        QVERIFY2(largest > 1.0, qPrintable(QString::number(largest))); // the prototypes do move the scores

        // Kept by a checkpoint, which fits only a shape with them.
        const QByteArray checkpoint = *withPrototypes->saveCheckpoint();
        auto reread = TextClassifier::create(shape, 9, TextClassifier::Backend(backend));
        QVERIFY((*reread)->loadCheckpoint(checkpoint));
        QVERIFY(nearlyEqual((*reread)->predict(texts)->probs, scored->probs));
        auto plainModel = TextClassifier::create(plainShape, 9, TextClassifier::Backend(backend));
        const Status refused = (*plainModel)->loadCheckpoint(checkpoint);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("different shape")), qPrintable(refused.error()));
        QVERIFY(!(*reread)->loadCheckpoint(*without->saveCheckpoint()));

        // Stored prototypes that are not unit rows: refused, and the model keeps what it had.
        bundletest::Parts parts = bundletest::split(checkpoint);
        const qint64 at = bundletest::offsetOf(parts, QStringLiteral("class_prototypes"));
        QVERIFY(at >= 0);
        const float twice = 2.0f;
        parts.data.replace(at, sizeof twice, reinterpret_cast<const char *>(&twice), sizeof twice);
        const Status damaged = (*reread)->loadCheckpoint(bundletest::join(parts));
        QVERIFY(!damaged);
        QVERIFY2(damaged.error().contains(QLatin1String("prototypes")), qPrintable(damaged.error()));
        QVERIFY(nearlyEqual((*reread)->predict(texts)->probs, scored->probs));
    }

    void pretrainedVectorsMakeTheDocumentVector_data()
    {
        addBackendRows();
    }
    void pretrainedVectorsMakeTheDocumentVector()
    {
        QFETCH(int, backend);
        const QString path = m_dir.filePath(QStringLiteral("tiny.vec"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("3 4\nGoal 1 0 0 0\noven 0 1 0.5 0\nbad line\nplanet 0 0 0 2\n");
        f.close();
        QCOMPARE(*TextClassifier::vectorFileDimension(path), 4);
        const text::FeatureHasher hasher;
        ModelShape shape;
        shape.classes = 2;
        shape.embeddingDim = 2;
        shape.documentDim = 4;
        auto model = TextClassifier::create(shape, 1, TextClassifier::Backend(backend));
        const auto used = (*model)->loadPretrainedVectors(path, hasher);
        QVERIFY2(used.ok(), qPrintable(used.error()));
        QCOMPARE(*used, 3);
        // The vectors' mean is (1/3, 1/3, 1/6, 2/3); oven's centred vector (-1/3, 2/3, 1/3, -2/3) has length
        // sqrt(10)/3. The learned columns start at zero.
        const std::int64_t oven = hasher.bucketOf(QStringLiteral("oven")), goal = hasher.bucketOf(QStringLiteral("goal"));
        const float unit = 4.0f / std::sqrt(10.0f);
        const std::vector<float> ovenVector{0, 0, -unit, 2 * unit, unit, -2 * unit};
        const auto out = (*model)->predict({{oven}, {oven, oven + 1}}, true);
        QCOMPARE(out->dim, 6);
        const std::vector<float> first(out->embeddings.begin(), out->embeddings.begin() + 6);
        const std::vector<float> second(out->embeddings.begin() + 6, out->embeddings.end());
        QVERIFY(nearlyEqual(first, ovenVector));
        QVERIFY(nearlyEqual(second, ovenVector)); // ids without a vector change the learned mean only
        const auto upper = (*model)->predict({{goal}}, true);
        QVERIFY(upper->embeddings[2] > 0); // words are normalized like tokens: "Goal" is goal
        ModelShape other = shape;
        other.documentDim = 8;
        auto mismatch = TextClassifier::create(other, 1);
        QVERIFY(!(*mismatch)->loadPretrainedVectors(path, hasher).ok());

        // Training moves the learned columns and leaves the document vector as it was; a checkpoint keeps both.
        const std::vector<Example> examples{{{oven, 7}, {0}, {}}, {{goal, 9}, {1}, {}}};
        TrainingOptions training = fastOptions();
        training.epochs = 5;
        const std::atomic_bool cancel{false};
        QVERIFY((*model)->train(examples, training, cancel).ok());
        const auto trained = (*model)->predict({{oven, 7}}, true);
        QVERIFY(std::abs(trained->embeddings[0]) + std::abs(trained->embeddings[1]) > 1e-4f);
        QVERIFY(nearlyEqual(std::vector<float>(trained->embeddings.begin() + 2, trained->embeddings.end()),
                            std::vector<float>(ovenVector.begin() + 2, ovenVector.end())));
        const auto checkpoint = (*model)->saveCheckpoint();
        QVERIFY(checkpoint.ok());
        auto restored = TextClassifier::create(shape, 2, TextClassifier::Backend(backend));
        QVERIFY((*restored)->loadCheckpoint(*checkpoint).ok());
        QVERIFY(nearlyEqual((*restored)->predict({{oven, 7}}, true)->embeddings, trained->embeddings));
        auto plain = TextClassifier::create(ModelShape{}, 1); // no document vector: another shape
        QVERIFY(!(*plain)->loadCheckpoint(*checkpoint).ok());

        auto store = mltest::makeProject(nextPath(), 40, 16, 10);
        TrainingOptions options = fastOptions();
        options.pretrainedVectors = path;
        const auto summary = runTrainingRound(*store, options, cancel);
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
        const QJsonObject config = QJsonDocument::fromJson((*store->latestRun(true))->configJson.toUtf8()).object();
        const QJsonObject described = config.value(QStringLiteral("model")).toObject();
        QCOMPARE(described.value(QStringLiteral("document_dim")).toInt(), 4);
        QCOMPARE(described.value(QStringLiteral("embedding_dim")).toInt(), options.embeddingDim);
    }

    // A fastText binary model (.bin) seeds the embedding as its .vec would, with libfasttext's own word vectors
    // (character n-grams included); a damaged or truncated one is refused by name before libfasttext reads it.
    void fastTextBinaryModelsSeedTheEmbedding()
    {
        const QString corpus = m_dir.filePath(QStringLiteral("ft-corpus.txt"));
        {
            QFile f(corpus);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 200; ++i)
                f.write(QStringLiteral("the oven bakes bread %1 while the striker scores goal 退款 申请\n").arg(i % 7).toUtf8());
        }
        fasttext::Args args;
        args.input = QFile::encodeName(corpus).toStdString();
        args.model = fasttext::model_name::sg;
        args.dim = 4;
        args.epoch = 2;
        args.minCount = 1;
        args.thread = 1;
        args.verbose = 0;
        args.minn = 2;
        args.maxn = 3;
        args.bucket = 2000;
        fasttext::FastText trained;
        trained.train(args);
        const QString bin = m_dir.filePath(QStringLiteral("tiny.bin"));
        trained.saveModel(QFile::encodeName(bin).toStdString());

        QCOMPARE(*TextClassifier::vectorFileDimension(bin), 4);
        const text::FeatureHasher hasher;
        const auto read = readWordVectors(bin, 4, hasher);
        QVERIFY2(read, qPrintable(read ? QString() : read.error()));
        std::set<std::int64_t> rows; // every word but </s>, on the row its normalized form hashes to (digits share one)
        for (int i = 0; i < trained.getDictionary()->nwords(); ++i)
            if (trained.getDictionary()->getWord(i) != "</s>")
                rows.insert(hasher.bucketOf(text::normalizeToken(QString::fromStdString(trained.getDictionary()->getWord(i)))));
        QCOMPARE(std::set<std::int64_t>(read->rows.begin(), read->rows.end()), rows);
        QVERIFY(rows.size() >= 10);
        fasttext::Vector expected(4);
        trained.getWordVector(expected, "oven");
        const auto at = std::find(read->rows.begin(), read->rows.end(), hasher.bucketOf(QStringLiteral("oven")));
        QVERIFY(at != read->rows.end());
        const float *got = read->values.data() + (at - read->rows.begin()) * 4;
        for (int j = 0; j < 4; ++j)
            QCOMPARE(got[j], expected[j]);
        QVERIFY(!readWordVectors(bin, 8, hasher)); // another dimension than the model's

        // Truncated: its matrices claim more than the file holds. Its header alone: it ends in the dictionary.
        QFile whole(bin);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray bytes = whole.readAll();
        for (const qsizetype keep : {bytes.size() - 100, qsizetype(70)}) {
            const QString cut = m_dir.filePath(QStringLiteral("cut-%1.bin").arg(keep));
            QFile f(cut);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.left(keep));
            f.close();
            const auto refused = readWordVectors(cut, 4, hasher);
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(cut) && refused.error().contains(QLatin1String("fastText")),
                     qPrintable(refused.error()));
        }

        auto store = mltest::makeProject(nextPath(), 40, 16, 10);
        TrainingOptions options = fastOptions();
        options.pretrainedVectors = bin;
        options.embeddingDim = 4;
        const std::atomic_bool cancel{false};
        const auto summary = runTrainingRound(*store, options, cancel);
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
    }

    // A shape comes from a project file (settings, a run's config): one that would exhaust the machine is refused
    // with a message instead of allocated.
    void oversizedModelsAreRefused()
    {
        ModelShape shape;
        shape.embeddingDim = 4096; // 2^20 buckets x 4096: 4.3 billion parameters
        const auto model = TextClassifier::create(shape, 1);
        QVERIFY(!model);
        QVERIFY2(model.error().contains(QLatin1String("4295 million parameters")), qPrintable(model.error()));
        auto store = mltest::makeProject(nextPath(), 30, 12, 6);
        TrainingOptions options = fastOptions();
        options.embeddingDim = 100000;
        const std::atomic_bool cancel{false};
        const auto summary = runTrainingRound(*store, options, cancel);
        QVERIFY(!summary);
        QVERIFY2(summary.error().contains(QLatin1String("million parameters")), qPrintable(summary.error()));
        options.embeddingDim = 16;
        QVERIFY(runTrainingRound(*store, options, cancel));
    }

    // A project setting names the vectors, and a project may come from elsewhere: what is not a regular file of
    // sane size is refused at once, never read (a FIFO would block, /dev/zero never ends).
    void unusableVectorFilesAreRefusedAtOnce_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::addRow("fifo") << "fifo" << "not a regular file";
        QTest::addRow("/dev/zero") << "/dev/zero" << "not a regular file";
        QTest::addRow("directory") << "directory" << "not a regular file";
        QTest::addRow("missing") << "missing" << "do not exist";
        QTest::addRow("larger than 8 GB") << "huge" << "larger than 8 GB";
        QTest::addRow("first line without end") << "endless line" << "longer than 1 MB";
        QTest::addRow("100000 dimensions") << "wide" << "at most 4096";
    }
    void unusableVectorFilesAreRefusedAtOnce()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QString path = m_dir.filePath(QStringLiteral("vectors-%1").arg(QString(kind).remove(QLatin1Char('/'))));
        if (kind == QLatin1String("fifo")) {
            QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
        } else if (kind == QLatin1String("/dev/zero")) {
            path = kind;
        } else if (kind == QLatin1String("directory")) {
            QVERIFY(QDir().mkpath(path));
        } else if (kind == QLatin1String("huge")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write("1 4\nword 1 2 3 4\n") > 0);
            QVERIFY(f.resize((qint64(8) << 30) + 1)); // sparse: nothing of it is on disk
        } else if (kind == QLatin1String("endless line")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(QByteArray(2 << 20, '7')) > 0);
        } else if (kind == QLatin1String("wide")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write("1 100000\n") > 0);
        }
        QElapsedTimer timer;
        timer.start();
        const auto dim = TextClassifier::vectorFileDimension(path);
        QVERIFY(!dim);
        qInfo("%s: %s", qPrintable(kind), qPrintable(dim.error()));
        QVERIFY2(dim.error().contains(message), qPrintable(dim.error()));
        ModelShape shape;
        shape.buckets = 64;
        shape.embeddingDim = 1;
        shape.documentDim = 4;
        auto model = TextClassifier::create(shape, 1);
        const auto used = (*model)->loadPretrainedVectors(path, text::FeatureHasher());
        QVERIFY(!used);
        QVERIFY2(used.error().contains(message), qPrintable(used.error()));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void vectorFileReadingIsBounded()
    {
        // A line past 1 MiB further down stops the read with its line number; a word seen twice (the same row)
        // keeps its last vector.
        const QString path = m_dir.filePath(QStringLiteral("long-line.vec"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("3 4\ngoal 1 0 0 0\nGoal 0 0 0 3\nplanet 0 2 0 0\n");
        f.write("oven " + QByteArray(2 << 20, '1') + "\n");
        f.close();
        const text::FeatureHasher hasher;
        ModelShape shape;
        shape.embeddingDim = 1;
        shape.documentDim = 4;
        auto model = TextClassifier::create(shape, 1);
        const auto refused = (*model)->loadPretrainedVectors(path, hasher);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("line 5")), qPrintable(refused.error()));
        QVERIFY(f.resize(f.size() - (2 << 20) - 6));
        const auto used = (*model)->loadPretrainedVectors(path, hasher);
        QVERIFY2(used, qPrintable(used.error()));
        QCOMPARE(*used, 2);
        // goal kept (0, 0, 0, 3): centred on the mean (0, 1, 0, 1.5) it is (0, -1, 0, 1.5).
        const auto out = (*model)->predict({{hasher.bucketOf(QStringLiteral("goal"))}}, true);
        const float unit = 4.0f / std::sqrt(3.25f);
        QVERIFY(nearlyEqual(out->embeddings, {0, 0, -unit, 0, 1.5f * unit}));
    }

    // The round does not stop on vectors it cannot use: a project from another machine names a path that is
    // not there, or not a file, and the user has no other way to train it. It trains without them and says so.
    void roundWithUnusableVectorsTrainsWithoutThem()
    {
        const QString fifo = m_dir.filePath(QStringLiteral("round.fifo"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        auto store = mltest::makeProject(nextPath(), 40, 16, 10);
        TrainingOptions options = fastOptions();
        options.pretrainedVectors = fifo;
        const std::atomic_bool cancel{false};
        QStringList notes;
        const auto summary = runTrainingRound(*store, options, cancel, [&](int, int, const QString &what) { notes << what; });
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
        QVERIFY2(notes.join(QLatin1Char('\n')).contains(QLatin1String("without the pretrained word vectors")),
                 qPrintable(notes.join(QLatin1Char('\n'))));
        const QJsonObject config = QJsonDocument::fromJson((*store->latestRun(true))->configJson.toUtf8()).object();
        QCOMPARE(config.value(QStringLiteral("model")).toObject().value(QStringLiteral("embedding_dim")).toInt(),
                 options.embeddingDim);
        QCOMPARE(config.value(QStringLiteral("options")).toObject().value(QStringLiteral("pretrained_vectors")).toString(),
                 QString());
    }

    // A project whose settings name the project file itself as its vectors: reading it through QFile would
    // drop the locks SQLite holds on it (see ProjectStore.h). The round trains without it, and keeps them.
    void projectNamedAsItsOwnVectorsIsNotOpened()
    {
        auto store = mltest::makeProject(nextPath(), 40, 16, 10);
        const QStringList locks = testlocks::posixLocksOn(store->path());
        QVERIFY(!locks.isEmpty());
        TrainingOptions options = fastOptions();
        options.pretrainedVectors = store->path();
        const std::atomic_bool cancel{false};
        QStringList notes;
        const auto summary = runTrainingRound(*store, options, cancel, [&](int, int, const QString &what) { notes << what; });
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
        QVERIFY2(notes.join(QLatin1Char('\n')).contains(QLatin1String("is open here")), qPrintable(notes.join(QLatin1Char('\n'))));
        QCOMPARE(testlocks::posixLocksOn(store->path()), locks);
    }

    void strategiesRankThePool_data()
    {
        QTest::addColumn<QString>("strategy");
        for (const QString &s : al::strategyNames(al::ScoreKind::ClassProbabilities))
            QTest::addRow("%s", qPrintable(s)) << s;
    }
    void strategiesRankThePool()
    {
        QFETCH(QString, strategy);
        auto store = mltest::makeProject(nextPath(), 60, 20, 10);
        TrainingOptions options = fastOptions();
        options.strategy = strategy;
        options.batchSize = 5;
        options.mcPasses = 3;
        const std::atomic_bool cancel{false};
        const auto summary = runTrainingRound(*store, options, cancel);
        QVERIFY2(summary.ok(), qPrintable(summary.error()));
        QCOMPARE(store->rankedPredictions(summary->runId, -1)->size(), 40);
        QCOMPARE((*store->latestRun(true))->strategy, strategy);
        const auto now = task::rankCurrentPool(*store, *task::makeProjectModel(*store, {}), strategy, 5, 1, 7);
        QVERIFY2(now.ok(), qPrintable(now.error()));
        QCOMPARE(now->size(), 7);
    }

    // Every classifier turns its scores into rows the same way: asked with a strategy, a row leaves its
    // probabilities to the scores (one copy for a pool of a million), and representations travel only when the
    // classifier gave them.
    void classifierPredictionKeepsOneCopyOfTheProbabilities()
    {
        const QStringList labels{QStringLiteral("sport"), QStringLiteral("food"), QStringLiteral("art")};
        const std::vector<qint64> ids{101, 102, 103, 104};
        const SampleIdOf idOf = [&](int sample) { return ids[std::size_t(sample)]; };
        const std::vector<int> samples{3, 1};
        const auto scores = [] {
            ClassScores s;
            s.n = 2;
            s.classes = 3;
            s.dim = 2;
            s.probs = {0.1f, 0.2f, 0.7f, 0.5f, 0.3f, 0.2f};
            s.mc = {{0.2f, 0.2f, 0.6f, 0.6f, 0.2f, 0.2f}};
            return s;
        };

        const task::Prediction plain = classifierPrediction(samples, idOf, labels, false, true, scores(), {});
        QCOMPARE(plain.rows.size(), 2);
        QCOMPARE(plain.rows[0].sampleId, 104);
        QCOMPARE(plain.rows[0].label, QStringLiteral("art"));
        QCOMPARE(plain.rows[0].confidence, 0.7f);
        QCOMPARE(plain.rows[1].sampleId, 102);
        QCOMPARE(plain.rows[1].label, QStringLiteral("sport"));
        QCOMPARE(plain.rows[1].probabilities.size(), int(3 * sizeof(float)));
        QCOMPARE(reinterpret_cast<const float *>(plain.rows[1].probabilities.constData())[1], 0.3f);
        QCOMPARE(plain.scores.probs, scores().probs);
        QCOMPARE(plain.scores.mc, scores().mc);
        QCOMPARE(plain.scores.dim, 0); // no representations were asked for: none to rank by
        QVERIFY(plain.scores.embeddings.empty() && plain.scores.labeledEmbeddings.empty());

        ClassScores withEmbeddings = scores();
        withEmbeddings.embeddings = {1, 0, 0, 1};
        const task::Prediction ranked =
            classifierPrediction(samples, idOf, labels, true, false, std::move(withEmbeddings), {0.5f, 0.5f});
        QVERIFY(ranked.rows[0].probabilities.isEmpty() && ranked.rows[1].probabilities.isEmpty());
        QCOMPARE(ranked.rows[0].label, QStringLiteral("art"));
        QVERIFY(ranked.scores.multilabel);
        QCOMPARE(ranked.scores.n, 2);
        QCOMPARE(ranked.scores.classes, 3);
        QCOMPARE(ranked.scores.dim, 2);
        QCOMPARE(ranked.scores.embeddings, (std::vector<float>{1, 0, 0, 1}));
        QCOMPARE(ranked.scores.labeledEmbeddings, (std::vector<float>{0.5f, 0.5f}));
    }

    void coldStartRanksWithoutAModel()
    {
        auto store = mltest::makeProject(nextPath(), 30, 0, 0);
        const auto picks = task::rankCurrentPool(*store, *task::makeProjectModel(*store, {}), QStringLiteral("margin"), 4, 1, 10);
        QVERIFY2(picks.ok(), qPrintable(picks.error()));
        QCOMPARE(picks->size(), 10);
        std::set<qint64> ids;
        for (const task::RankedSample &r : *picks)
            ids.insert(r.sampleId);
        QCOMPARE(int(ids.size()), 10);
    }

    void simulationImprovesOverTheSeedSet()
    {
        const auto rows = mltest::labeledRows(400, 3, 11);
        QVector<LabeledText> pool, eval;
        task::splitForSimulation(rows, 0.25, 3, pool, eval);
        QCOMPARE(eval.size(), 100);
        SimulationOptions options;
        options.training = fastOptions();
        options.training.strategy = QStringLiteral("margin");
        options.training.batchSize = 10;
        options.seedSize = 3;
        options.budget = 63;
        options.repeats = 2;
        const std::atomic_bool cancel{false};
        const auto result = simulate(pool, eval, options, cancel);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->curve.size(), 7);
        QCOMPARE(result->curve.first().labels, 3);
        QCOMPARE(result->curve.last().labels, 63);
        QVERIFY(result->fullMacroF1 > 0.95);
        QVERIFY2(result->curve.last().macroF1 > result->curve.first().macroF1 + 0.1,
                 qPrintable(QStringLiteral("%1 -> %2").arg(result->curve.first().macroF1).arg(result->curve.last().macroF1)));
        QVERIFY(result->labelsTo95.has_value());
        const QJsonObject json = result->toJson();
        QCOMPARE(json.value(QStringLiteral("curve")).toArray().size(), 7);
        QVERIFY(json.contains(QStringLiteral("labels_to_95pct")));
    }
};

QTEST_GUILESS_MAIN(TestMl)
#include "tst_ml.moc"
