#include "ScriptedModelClient.h"
#include "store/ProjectStore.h"

#include <QHash>
#include <QTimer>

using namespace marginalia;

ScriptedModelClient::ScriptedModelClient(const QString &projectPath, QObject *parent)
    : ModelClient(parent), m_path(projectPath)
{
}

void ScriptedModelClient::requestRound()
{
    if (m_pending)
        return;
    m_pending = true;
    Q_EMIT stateChanged(ml::WorkerState::Training, m_round + 1);
    QTimer::singleShot(30, this, &ScriptedModelClient::runRound);
}

void ScriptedModelClient::requestAudit()
{
    Q_EMIT stateChanged(ml::WorkerState::Auditing, m_round);
    QTimer::singleShot(30, this, &ScriptedModelClient::runAudit);
}

void ScriptedModelClient::runAudit()
{
    Q_EMIT stateChanged(ml::WorkerState::Idle, m_round);
    auto opened = ProjectStore::open(m_path);
    if (!opened) {
        Q_EMIT auditEnded(false, opened.error(), {});
        return;
    }
    const auto labeled = (*opened)->annotatedSamples(SampleFilter::labeled());
    if (!labeled) {
        Q_EMIT auditEnded(false, labeled.error(), {});
        return;
    }
    QHash<QString, int> counts;
    for (const AnnotatedSample &a : *labeled)
        ++counts[a.annotation->labels.value(0)];
    QString common;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (common.isEmpty() || it.value() > counts.value(common))
            common = it.key();
    QVector<task::SuspectedLabel> suspects;
    for (const AnnotatedSample &a : *labeled) {
        const QString given = a.annotation->labels.value(0);
        if (given != common)
            suspects.push_back({a.sample.id, given, common, double(counts.value(given)) / labeled->size()});
    }
    Q_EMIT auditEnded(true, QStringLiteral("%1 suspects").arg(suspects.size()), suspects);
}

void ScriptedModelClient::runRound()
{
    m_pending = false;
    auto opened = ProjectStore::open(m_path);
    if (!opened) {
        Q_EMIT roundFailed(opened.error());
        return;
    }
    ProjectStore &store = **opened;
    if (store.task() == TaskType::Ner) {
        runSpanRound(store);
        return;
    }
    QStringList labels;
    const QVector<Label> labelRows = store.labels().value();
    for (const Label &l : labelRows)
        labels << l.name;
    // Majority label of the training labels predicts everything.
    QHash<QString, int> counts;
    int trainLabels = 0;
    const QVector<AnnotatedSample> train = store.annotatedSamples(SampleFilter::labeled(Split::Pool)).value();
    for (const AnnotatedSample &s : train) {
        ++counts[s.annotation->labels.value(0)];
        ++trainLabels;
    }
    QString majority = labels.value(0);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > counts.value(majority))
            majority = it.key();

    RunResult result;
    result.trainLabels = trainLabels;
    QHash<QString, int> tp, fp, fn, confusion;
    const QVector<AnnotatedSample> eval = store.annotatedSamples(SampleFilter::labeled(Split::Eval)).value();
    for (const AnnotatedSample &s : eval) {
        const QString gold = s.annotation->labels.value(0);
        ++result.evalLabels;
        if (gold == majority)
            ++tp[gold];
        else {
            ++fp[majority];
            ++fn[gold];
        }
        ++confusion[gold];
    }
    for (auto it = confusion.cbegin(); it != confusion.cend(); ++it)
        result.confusion.push_back({it.key(), majority, it.value()});
    double sumP = 0, sumR = 0, sumF = 0;
    int microTp = 0, microFp = 0;
    for (const QString &l : labels) {
        MetricRow row;
        row.name = l;
        const int t = tp.value(l), p = t + fp.value(l), g = t + fn.value(l);
        row.precision = p ? double(t) / p : 0;
        row.recall = g ? double(t) / g : 0;
        row.f1 = row.precision + row.recall > 0 ? 2 * row.precision * row.recall / (row.precision + row.recall) : 0;
        row.support = g;
        sumP += row.precision;
        sumR += row.recall;
        sumF += row.f1;
        microTp += t;
        microFp += fp.value(l);
        result.metrics.push_back(row);
    }
    const int n = std::max<int>(1, int(labels.size()));
    MetricRow macro{QStringLiteral("label"), QStringLiteral("macro avg"), true, sumP / n, sumR / n, sumF / n, result.evalLabels};
    const double micro = microTp + microFp ? double(microTp) / (microTp + microFp) : 0;
    MetricRow microRow{QStringLiteral("label"), QStringLiteral("micro avg"), true, micro, micro, micro, result.evalLabels};
    result.metrics << macro << microRow;
    result.epochs = {{1, 1.2, 1.3}, {2, 0.8, 1.0}, {3, 0.6, 0.9}};
    result.stopKappa = m_round > 0 ? std::optional<double>(0.9 + 0.02 * m_round) : std::nullopt;

    QVector<PredictionRow> predictions;
    int rank = 1;
    const QVector<qint64> pool = store.sampleIds(SampleFilter::unlabeled(Split::Pool)).value();
    for (qint64 id : pool) {
        PredictionRow row;
        row.sampleId = id;
        row.label = majority;
        row.confidence = 0.5;
        row.score = 1.0 / rank; // descending informativeness: reverse id order would do as well
        row.rank = rank++;
        predictions.push_back(row);
    }
    for (const AnnotatedSample &s : eval) { // like the engine: the evaluation split is predicted, never ranked
        PredictionRow row;
        row.sampleId = s.sample.id;
        row.label = majority;
        row.confidence = 0.5;
        predictions.push_back(row);
    }
    storeRun(store, result, predictions, macro.f1, micro);
}

void ScriptedModelClient::storeRun(ProjectStore &store, const RunResult &result,
                                   const QVector<PredictionRow> &predictions, double macroF1, double microF1)
{
    auto runId = store.beginRun(QStringLiteral("scripted"), QStringLiteral("{}"), QStringLiteral("cpu"), m_options.strategy);
    if (!runId) {
        Q_EMIT roundFailed(runId.error());
        return;
    }
    if (auto s = store.finishRun(*runId, result); !s) {
        Q_EMIT roundFailed(s.error());
        return;
    }
    if (auto s = store.storePredictions(*runId, predictions); !s) {
        Q_EMIT roundFailed(s.error());
        return;
    }
    ++m_round;
    ml::RoundSummary summary;
    summary.runId = *runId;
    summary.round = m_round;
    summary.trainLabels = result.trainLabels;
    summary.evalLabels = result.evalLabels;
    summary.macroF1 = macroF1;
    summary.microF1 = microF1;
    summary.device = QStringLiteral("CPU");
    Q_EMIT stateChanged(ml::WorkerState::Idle, m_round);
    Q_EMIT roundFinished(summary);
}
