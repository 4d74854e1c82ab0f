// The round, rank and simulation drivers with a fake model: what a round stores, warm starts, failures ending
// their run, cold-start coverage, the stop set, for any task that implements TaskModel.
#include "FakeTaskModel.h"
#include "store/LabelResolution.h"
#include "ml/MlTestData.h"
#include "task/PredictDriver.h"
#include "task/RankDriver.h"
#include "task/RoundDriver.h"
#include "task/Simulation.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;
using faketask::FakeModel;

namespace {

ml::TrainingOptions options()
{
    ml::TrainingOptions o;
    o.batchSize = 3;
    return o;
}

QVariant scalar(ProjectStore &store, const QString &sql)
{
    QSqlQuery q(store.database());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

} // namespace

class TestRoundDriver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_next = 0;
    QString nextPath() { return m_dir.filePath(QStringLiteral("p%1.marginalia").arg(++m_next)); }

private Q_SLOTS:
    void aRoundStoresItsRun()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        FakeModel model;
        QStringList steps;
        const std::atomic_bool cancel{false};
        const auto summary = task::runRound(*store, model, options(), cancel,
                                            [&](int, int, const QString &what) { steps << what; });
        QVERIFY2(summary, qPrintable(summary.error()));
        QCOMPARE(model.trained, 1);
        QCOMPARE(int(model.lastTrainSet.size()), 10);
        QCOMPARE(summary->trainLabels, 10);
        QCOMPARE(summary->evalLabels, 10);
        QCOMPARE(summary->round, 1);
        QCOMPARE(summary->device, QStringLiteral("nowhere"));
        QVERIFY(summary->macroF1 > 0.9); // each topic has its own words
        QCOMPARE(steps.last(), QStringLiteral("Done"));

        const auto run = *store->latestRun(true);
        QVERIFY(run);
        QCOMPARE(run->modelKind, QStringLiteral("fake"));
        QCOMPARE(run->strategy, QStringLiteral("margin"));
        QCOMPARE(run->status, QStringLiteral("done"));
        QVERIFY(!store->checkpoint(run->id)->isEmpty());
        // Every sample has a prediction (in the run's parts); only the 30 unlabeled pool samples are ranked, uncertain
        // (odd id) first, and kept whole in `predictions`.
        int predicted = 0;
        QVERIFY(store->forEachPrediction(run->id, [&](const PredictionRow &) { return ++predicted > 0; }));
        QCOMPARE(predicted, 50);
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM predictions WHERE run_id = %1").arg(run->id)).toInt(), 30);
        const auto ranked = *store->rankedPredictions(run->id, -1);
        QCOMPARE(ranked.size(), 30);
        for (int i = 0; i < ranked.size(); ++i) {
            QCOMPARE(*ranked[i].rank, i + 1);
            QCOMPARE(ranked[i].sampleId % 2 == 1, i < 15);
        }
    }

    // A label said no to is out for that sample: the stored guess is another label (renormalized), and the
    // ranking orders the sample by its uncertainty among the labels still possible.
    void rejectedLabelsAreOutOfTheGuessAndTheRanking()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        FakeModel model;
        const std::atomic_bool cancel{false};
        QVERIFY(task::runRound(*store, model, options(), cancel, {}));
        const auto first = *store->rankedPredictions((*store->latestRun(true))->id, -1);
        // The most uncertain sample (ranked first, an odd id at 0.55): say no to its guess.
        const PredictionRow doubted = first.first();
        QVERIFY(store->rejectLabel(doubted.sampleId, RejectionInput{doubted.label, {}, AnnotationSource::Human, {}}));

        FakeModel next;
        QVERIFY(task::runRound(*store, next, options(), cancel, {}));
        const auto ranked = *store->rankedPredictions((*store->latestRun(true))->id, -1);
        const auto it = std::find_if(ranked.begin(), ranked.end(),
                                     [&](const PredictionRow &r) { return r.sampleId == doubted.sampleId; });
        QVERIFY(it != ranked.end());
        QVERIFY(it->label != doubted.label);
        QCOMPARE(it->confidence, 1.0); // two labels, one ruled out
        QCOMPARE(*it->rank, int(ranked.size())); // now the surest of all: asked last
        // Everything else ranks as before: the other uncertain samples still come first.
        QCOMPARE(ranked.first().sampleId % 2, qint64(1));

        // rank (the CLI's ranking now) respects it too.
        FakeModel ranking;
        const auto rankedNow = task::rankCurrentPool(*store, ranking, QStringLiteral("margin"), 3, 42, 0);
        QVERIFY2(rankedNow, qPrintable(rankedNow.error()));
        QCOMPARE(rankedNow->last().sampleId, doubted.sampleId);
    }

    void theNextRoundWarmStartsAndComparesTheStopSet()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        const std::atomic_bool cancel{false};
        FakeModel first;
        const auto one = task::runRound(*store, first, options(), cancel);
        QVERIFY(one);
        FakeModel second;
        const auto two = task::runRound(*store, second, options(), cancel);
        QVERIFY2(two, qPrintable(two.error()));
        QCOMPARE(second.loaded.size(), 1); // the first run's checkpoint
        QCOMPARE(second.loaded.first().toUtf8(), *store->checkpoint(one->runId));
        const auto run = *store->latestRun(true);
        QVERIFY(run->configJson.contains(QStringLiteral("\"warm_start_run\":%1").arg(one->runId)));
        // Both runs predict the same labels on the 30-sample stop set: full agreement.
        QVERIFY(run->stopKappa.has_value());
        QCOMPARE(*run->stopKappa, 1.0);
        QCOMPARE(two->round, 2);
    }

    // Samples several people labeled train on the majority's label, or the reviewer's, not on whoever saved last.
    void aRoundTrainsOnTheResolvedLabels()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10); // sample 1 and 3: topic0, sample 2: topic1
        const auto label = [&](qint64 id, const QString &who, const QString &topic) {
            AnnotationInput in;
            in.labels = {topic};
            in.annotator = who;
            QVERIFY(store->annotate(id, in));
        };
        label(1, QStringLiteral("alice"), QStringLiteral("topic0"));
        label(1, QStringLiteral("bob"), QStringLiteral("topic1")); // newest, outvoted two to one
        label(3, QStringLiteral("bob"), QStringLiteral("topic1")); // a tie, then the reviewer decides
        QVERIFY(store->annotate(3, reviewInput({QStringLiteral("topic0")}, QStringLiteral("carol"))));
        label(3, QStringLiteral("dave"), QStringLiteral("topic1")); // newest again, but the review stands
        FakeModel model;
        const std::atomic_bool cancel{false};
        QVERIFY(task::runRound(*store, model, options(), cancel));
        QCOMPARE(model.goldOf(1), QStringLiteral("topic0"));
        QCOMPARE(model.goldOf(3), QStringLiteral("topic0"));
        QCOMPARE(model.goldOf(2), QStringLiteral("topic1"));
        QCOMPARE((*store->currentAnnotation(1))->labels, QStringList{QStringLiteral("topic1")}); // history untouched
    }

    void aModelThatDoesNotLoadTrainsFromScratch()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        const std::atomic_bool cancel{false};
        FakeModel first;
        QVERIFY(task::runRound(*store, first, options(), cancel));
        FakeModel second;
        second.failIn = QStringLiteral("load");
        QStringList steps;
        const auto two = task::runRound(*store, second, options(), cancel,
                                        [&](int, int, const QString &what) { steps << what; });
        QVERIFY2(two, qPrintable(two.error()));
        QVERIFY(steps.join(QLatin1Char('\n')).contains(QLatin1String("training from scratch")));
        QVERIFY((*store->latestRun(true))->configJson.contains(QLatin1String("\"warm_start_run\":null")));
    }

    void everyFailureEndsItsRun_data()
    {
        QTest::addColumn<QString>("failIn");
        QTest::addColumn<QString>("throwIn");
        QTest::addColumn<QString>("reason");
        QTest::addRow("train fails") << "train" << "" << "training diverged";
        QTest::addRow("evaluate fails") << "evaluate" << "" << "cannot evaluate";
        QTest::addRow("predict fails") << "predict" << "" << "cannot predict";
        QTest::addRow("train throws") << "" << "train" << "internal error: fake: thrown in train";
        QTest::addRow("predict throws") << "" << "predict" << "internal error: fake: thrown in predict";
    }
    void everyFailureEndsItsRun()
    {
        QFETCH(QString, failIn);
        QFETCH(QString, throwIn);
        QFETCH(QString, reason);
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        FakeModel model;
        model.failIn = failIn;
        model.throwIn = throwIn;
        const std::atomic_bool cancel{false};
        const auto summary = task::runRound(*store, model, options(), cancel);
        QVERIFY(!summary);
        QVERIFY2(summary.error().contains(reason), qPrintable(summary.error()));
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM model_runs WHERE status = 'running'")).toInt(), 0);
        QCOMPARE(scalar(*store, QStringLiteral("SELECT status FROM model_runs")).toString(), QStringLiteral("failed"));
        QVERIFY(scalar(*store, QStringLiteral("SELECT error FROM model_runs")).toString().contains(reason));
        QVERIFY(!*store->latestRun(true));
    }

    void aCancelledRoundIsMarkedCancelled()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        FakeModel model;
        const std::atomic_bool cancel{true};
        QVERIFY(!task::runRound(*store, model, options(), cancel));
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM model_runs WHERE status = 'running'")).toInt(), 0);
    }

    void nothingToTrainOnStartsNoRun()
    {
        auto store = mltest::makeProject(nextPath(), 20, 0, 5);
        FakeModel model;
        const std::atomic_bool cancel{false};
        const auto summary = task::runRound(*store, model, options(), cancel);
        QVERIFY(!summary);
        QVERIFY2(summary.error().contains(QLatin1String("nothing to train on")), qPrintable(summary.error()));
        QCOMPARE(scalar(*store, QStringLiteral("SELECT count(*) FROM model_runs")).toInt(), 0);
    }

    void strategiesComeFromTheRegistry()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        const std::atomic_bool cancel{false};
        ml::TrainingOptions o = options();
        o.strategy = QStringLiteral("most-fun");
        FakeModel unknown;
        const auto refused = task::runRound(*store, unknown, o, cancel);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("entropy")), qPrintable(refused.error())); // lists the choices
        // A span-labeling strategy saved with the project means this task's default.
        o.strategy = QStringLiteral("mnlp");
        FakeModel other;
        QVERIFY(task::runRound(*store, other, o, cancel));
        QCOMPARE((*store->latestRun(true))->strategy, QStringLiteral("margin"));
    }

    void coldStartCoverageLeadsTheRanking()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        FakeModel model;
        model.coverageShare = 1;
        const std::atomic_bool cancel{false};
        const auto summary = task::runRound(*store, model, options(), cancel);
        QVERIFY(summary);
        // The first batch (3) comes from the coverage scores, so not only uncertain (odd id) samples lead.
        const auto ranked = *store->rankedPredictions(summary->runId, 3);
        QCOMPARE(ranked.size(), 3);
        FakeModel warm;
        QVERIFY(task::runRound(*store, warm, options(), cancel));
        const auto plain = *store->rankedPredictions((*store->latestRun(true))->id, 3);
        for (const PredictionRow &r : plain)
            QVERIFY(r.sampleId % 2 == 1);
        bool differs = false;
        for (int i = 0; i < 3; ++i)
            differs = differs || ranked[i].sampleId != plain[i].sampleId;
        QVERIFY(differs);
    }

    void explorationTakesItsShareOfTheBatch()
    {
        // A third of a batch of 3: the strategy's two best picks first, then one coverage pick, then the rest.
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        const std::atomic_bool cancel{false};
        FakeModel pure;
        const auto plainRound = task::runRound(*store, pure, options(), cancel);
        QVERIFY(plainRound);
        const auto plain = *store->rankedPredictions(plainRound->runId, -1);
        FakeModel exploring;
        exploring.coverageShare = 0.34;
        const auto exploredRound = task::runRound(*store, exploring, options(), cancel);
        QVERIFY(exploredRound);
        const auto explored = *store->rankedPredictions(exploredRound->runId, -1);
        QCOMPARE(explored.size(), plain.size());

        // The coverage pick, as the fake's coverage scores (sample ids) and the same seed choose it.
        std::vector<qint64> ids;
        for (const PredictionRow &r : plain)
            ids.push_back(r.sampleId);
        std::sort(ids.begin(), ids.end());
        al::PoolScores byId;
        byId.n = static_cast<int>(ids.size());
        byId.dim = 1;
        for (qint64 id : ids)
            byId.embeddings.push_back(float(id));
        const qint64 spread = ids[static_cast<std::size_t>(al::coldStartPicks(byId, 1, options().seed).front().index)];

        std::vector<qint64> expected;
        for (const PredictionRow &r : plain)
            if (r.sampleId != spread && expected.size() < 2)
                expected.push_back(r.sampleId);
        expected.push_back(spread);
        for (const PredictionRow &r : plain)
            if (std::find(expected.begin(), expected.end(), r.sampleId) == expected.end())
                expected.push_back(r.sampleId);
        std::vector<qint64> got;
        for (const PredictionRow &r : explored)
            got.push_back(r.sampleId);
        QCOMPARE(got, expected);
    }

    void rankWithoutAModelIsSeeded()
    {
        auto store = mltest::makeProject(nextPath(), 30, 0, 0);
        FakeModel a, b;
        const auto first = task::rankCurrentPool(*store, a, QStringLiteral("margin"), 4, 1, 10);
        const auto again = task::rankCurrentPool(*store, b, QStringLiteral("margin"), 4, 1, 10);
        QVERIFY2(first, qPrintable(first.error()));
        QCOMPARE(first->size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(first->at(i).sampleId, again->at(i).sampleId);
            QVERIFY(first->at(i).label.isEmpty()); // no model, no guess
        }
    }

    void rankWithTheLatestModel()
    {
        auto store = mltest::makeProject(nextPath(), 40, 10, 10);
        const std::atomic_bool cancel{false};
        FakeModel trainer;
        QVERIFY(task::runRound(*store, trainer, options(), cancel));
        FakeModel model;
        const auto ranked = task::rankCurrentPool(*store, model, QStringLiteral("least-confidence"), 3, 1, 5);
        QVERIFY2(ranked, qPrintable(ranked.error()));
        QCOMPARE(model.loaded.size(), 1);
        QCOMPARE(ranked->size(), 5);
        for (const task::RankedSample &r : *ranked) {
            QVERIFY(r.sampleId % 2 == 1);
            QVERIFY(r.label.startsWith(QLatin1String("topic")));
        }
        const auto predicted = task::predictTexts(*store, model, {QStringLiteral("goal striker match referee league penalty"), QStringLiteral("oven recipe garlic simmer butter flour")});
        QVERIFY2(predicted, qPrintable(predicted.error()));
        QCOMPARE(predicted->size(), 2);
        QCOMPARE(predicted->at(0).label, QStringLiteral("topic0"));
        QCOMPARE(predicted->at(1).label, QStringLiteral("topic1"));
    }

    void predictWithoutAModelSaysSo()
    {
        auto store = mltest::makeProject(nextPath(), 10, 5, 0);
        FakeModel model;
        const auto predicted = task::predictTexts(*store, model, {QStringLiteral("goal")});
        QVERIFY(!predicted);
        QVERIFY2(predicted.error().contains(QLatin1String("no trained model")), qPrintable(predicted.error()));
    }

    void simulationRevealsWhatTheStrategyPicks()
    {
        QVector<AnnotatedSample> pool, eval;
        const auto rows = mltest::labeledRows(60, 2, 5);
        for (int i = 0; i < rows.size(); ++i) {
            AnnotatedSample a;
            a.sample.id = i + 1;
            a.sample.text = rows[i].text;
            a.annotation = Annotation{};
            a.annotation->labels = rows[i].labels;
            (i < 45 ? pool : eval).push_back(a);
        }
        task::SimulationOptions o;
        o.training = options();
        o.training.batchSize = 10;
        o.seedSize = 5;
        o.budget = 35;
        std::vector<FakeModel *> made;
        const task::ModelFactory make = [&](const ml::TrainingOptions &) {
            auto model = std::make_unique<FakeModel>();
            made.push_back(model.get());
            return std::unique_ptr<task::TaskModel>(std::move(model));
        };
        const std::atomic_bool cancel{false};
        const auto result = task::simulate(make, pool, eval, o, cancel);
        QVERIFY2(result, qPrintable(result.error()));
        QCOMPARE(made.size(), std::size_t(2)); // the full-data reference, then one repeat
        QCOMPARE(result->curve.size(), 4);     // 5, 15, 25, 35 labels
        QCOMPARE(result->curve.first().labels, 5);
        QCOMPARE(result->curve.last().labels, 35);
        QVERIFY(result->fullMacroF1 > 0.9);
        QVERIFY(result->curve.last().tokens > result->curve.first().tokens);
        QCOMPARE(result->strategy, QStringLiteral("margin"));
        QVERIFY(!result->sequence);

        // Random reads nothing the model says: its simulation never asks for predictions.
        o.training.strategy = QStringLiteral("random");
        const task::ModelFactory failsToPredict = [](const ml::TrainingOptions &) {
            auto model = std::make_unique<FakeModel>();
            model->failIn = QStringLiteral("predict");
            return std::unique_ptr<task::TaskModel>(std::move(model));
        };
        const auto random = task::simulate(failsToPredict, pool, eval, o, cancel);
        QVERIFY2(random, qPrintable(random.error()));
        QCOMPARE(random->curve.last().labels, 35);
        o.training.strategy = QStringLiteral("margin");
        QVERIFY(!task::simulate(failsToPredict, pool, eval, o, cancel));

        o.training.strategy = QStringLiteral("mnlp"); // another task's strategy is a mistake here
        QVERIFY(!task::simulate(make, pool, eval, o, cancel));
        pool.first().annotation.reset();
        const auto unlabeled = task::simulate(make, pool, eval, o, cancel);
        QVERIFY(!unlabeled);
        QVERIFY(unlabeled.error().contains(QLatin1String("gold label")));
    }
};

QTEST_GUILESS_MAIN(TestRoundDriver)
#include "tst_rounddriver.moc"
