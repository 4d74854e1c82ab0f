#pragma once
// What a labeling task brings to the model layer. Text classification (single and multi-label) and span labeling
// implement it in core/ml; the round, simulation, rank and predict drivers (core/task) use nothing else, so a
// new task (images) is one more implementation, and the drivers are tested with a fake one without torch.
#include "Result.h"
#include "al/Strategies.h"
#include "metrics/ClassificationReport.h"
#include "ml/TrainingTypes.h"
#include "store/ProjectStore.h"

#include <QJsonObject>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace marginalia::task {

using ProgressFn = std::function<void(int done, int total, const QString &what)>;

// A model's reading of the evaluation samples, scored against their gold annotations.
struct Evaluation
{
    QVector<PredictionRow> rows;      // one per sample asked, in order
    int labeled = 0;                  // samples that had a gold annotation (the report covers only these)
    double accuracy = 0;
    double macroF1 = 0;
    double microF1 = 0;
    QVector<MetricRow> metrics;       // what the charts and `stats` show
    QVector<ConfusionCell> confusion;

    // The figures of a classifier's report (accuracy, macro and micro F1, per-label rows, confusion).
    void takeReport(const metrics::ClassificationReport &report);
};

// The share of a batch a classifier's coverage picks take, from the labels given so far: all of it (a cold start)
// while nothing is trained, or while some label has fewer than two examples and fewer than three labels per class
// were given in all (model scores mean little yet); a fifth while a label is still that rare after that bound (so
// exploring for it never keeps the strategy off for good); none (nullopt) otherwise.
std::optional<double> classifierCoverageShare(const std::vector<int> &labelCounts, int labeledSamples, bool trained);

// A model's reading of samples to rank: one prediction row each (no score or rank yet) and what the strategy
// asked for to rank them by. Asked with a strategy, a classifier leaves the rows' probabilities empty: they are in
// scores.probs (row i at i * classes), and a pool of a million keeps one copy of them, not two.
struct Prediction
{
    QVector<PredictionRow> rows;
    al::PoolScores scores;
};

// Picks that spread over the pool rather than follow the model (see TaskModel::coverage).
struct Coverage
{
    al::PoolScores scores; // n and the representations (dim, embeddings) of the samples asked about
    double share = 1;      // of a batch, in (0, 1]
};

// One task's model over a set of samples the caller adds; samples are referred to by their index in the order
// they were added. Calls come from one thread. Every method reports failure as an error, never by throwing on
// purpose (the drivers still catch what torch throws).
class TaskModel
{
public:
    virtual ~TaskModel() = default;

    // The model kind stored with a run ("embedding-bag", "sequence-cnn") and what strategies it feeds.
    virtual QString kind() const = 0;
    virtual al::ScoreKind scoreKind() const = 0;
    virtual QString deviceName() const = 0;

    // The project's labels (entity types for span labeling); an error when the model cannot learn from them.
    // Builds a fresh model for them; `progress` hears about settings the model has to do without.
    virtual Status setLabels(const QStringList &labels, const ProgressFn &progress) = 0;
    virtual QStringList labels() const = 0;
    // Featurizes one sample; a labeled one keeps its gold annotation for training and evaluation.
    virtual void addSample(const AnnotatedSample &sample) = 0;
    virtual int sampleCount() const = 0;
    virtual bool isLabeled(int index) const = 0;

    // Warm start: whether a stored run's model has this model's layout, and loading it. A load that fails
    // leaves a fresh model (as setLabels made it).
    virtual bool fits(const ModelRunRecord &run, const QByteArray &checkpoint) const = 0;
    virtual Status load(const QByteArray &checkpoint) = 0;
    // Rebuilds the model a stored run describes (labels and layout from its config) and loads its checkpoint.
    virtual Status loadRun(const ModelRunRecord &run, const QByteArray &checkpoint) = 0;
    virtual QJsonObject runConfig(qint64 warmStartRun) const = 0;
    virtual Result<QByteArray> checkpoint() const = 0;
    // Says that the next predict() is the weights' last use: the model may free them as soon as it has that
    // prediction's scores, before it builds a row per sample (the text classifier's hashed table is 256 MB, and
    // a million rows another 112 MB: without this both are held at once, the round's peak). Afterwards only
    // deviceName(), labels() and the methods that format or compare rows are called.
    virtual void releaseWeightsAfterNextPrediction() {}

    // Trains on the listed labeled samples (continuing from the current weights); reports epochs.
    virtual Result<QVector<EpochRow>> train(const std::vector<int> &samples, const std::atomic_bool &cancel,
                                            const ProgressFn &progress) = 0;
    virtual Result<Evaluation> evaluate(const std::vector<int> &samples) = 0;
    // Predicts the listed samples with what `strategy` needs (may be null: predictions only); `labeled` are the
    // labeled samples whose representations a strategy such as coreset starts from.
    virtual Result<Prediction> predict(const std::vector<int> &samples, const al::Strategy *strategy,
                                       const std::vector<int> &labeled, std::uint64_t seed) = 0;
    // Sample representations to spread picks over, and the share of a batch that goes to them: all of it while
    // the labels are too few for the model's scores to mean much (a cold start), a part while some label is
    // still rare (exploration); std::nullopt when the strategy alone should choose.
    virtual std::optional<Coverage> coverage(const std::vector<int> &samples, const std::vector<int> &labeled) const = 0;
    // A prediction of sample `index` as comparable tags (its label; its tokens' BIO tags), for the agreement of
    // two runs on the stop set.
    virtual QStringList comparableTags(int index, const PredictionRow &row) const = 0;
    // One prediction as a JSON object and as a line of text, for `marginalia predict`.
    virtual QJsonObject predictionJson(int index, const PredictionRow &row) const = 0;
    virtual QString predictionLine(int index, const PredictionRow &row) const = 0;
};

// What the strategies of a task rank by (what its model's scoreKind() says), known without making one.
al::ScoreKind scoreKindOf(TaskType task);

// The model for a project's task (core/ml implements it). `cache` (may be null) keeps featurized samples between
// rounds of one project.
std::unique_ptr<TaskModel> makeTaskModel(TaskType task, const ml::TrainingOptions &options,
                                         ml::FeatureCache *cache = nullptr);
// The same for a project: an image project's model reads its images through `store`, which must outlive it. Given
// a store it may write to, the model also keeps what is expensive to compute again there (a backbone's features).
std::unique_ptr<TaskModel> makeProjectModel(const ProjectStore &store, const ml::TrainingOptions &options,
                                            ml::FeatureCache *cache = nullptr);
std::unique_ptr<TaskModel> makeProjectModel(ProjectStore &store, const ml::TrainingOptions &options,
                                            ml::FeatureCache *cache = nullptr);

} // namespace marginalia::task
