#pragma once
// A task model without torch for the driver tests: it "learns" which label each word goes with and predicts the
// label most of a text's known words vote for. What the drivers asked of it is recorded, and each step can be
// made to fail or throw.
#include "task/TaskModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <stdexcept>

namespace faketask {

using namespace marginalia;

class FakeModel final : public task::TaskModel
{
public:
    // What the test sets.
    QString failIn;  // "train", "evaluate", "predict", "load": that step returns an error
    QString throwIn; // the same steps: that step throws
    double coverageShare = 0; // > 0: coverage() asks for this share of a batch

    // What the drivers did.
    int trained = 0;
    QStringList loaded; // checkpoints load() was given
    std::vector<int> lastTrainSet;

    QString kind() const override { return QStringLiteral("fake"); }
    al::ScoreKind scoreKind() const override { return al::ScoreKind::ClassProbabilities; }
    QString deviceName() const override { return QStringLiteral("nowhere"); }

    Status setLabels(const QStringList &labels, const task::ProgressFn &) override
    {
        m_labels = labels;
        if (labels.size() < 2)
            return fail(QStringLiteral("fake: two labels needed"));
        return {};
    }
    QStringList labels() const override { return m_labels; }

    void addSample(const AnnotatedSample &a) override
    {
        m_ids.push_back(a.sample.id);
        m_words.push_back(a.sample.text.split(QLatin1Char(' '), Qt::SkipEmptyParts));
        m_gold.push_back(a.isLabeled() && !a.annotation->labels.isEmpty() ? m_labels.indexOf(a.annotation->labels.first())
                                                                          : -1);
    }
    int sampleCount() const override { return static_cast<int>(m_ids.size()); }
    // The label a sample was given to train on ("" when none).
    QString goldOf(qint64 sampleId) const
    {
        for (std::size_t i = 0; i < m_ids.size(); ++i)
            if (m_ids[i] == sampleId)
                return m_gold[i] >= 0 ? m_labels.value(m_gold[i]) : QString();
        return {};
    }
    bool isLabeled(int index) const override { return m_gold[static_cast<std::size_t>(index)] >= 0; }

    bool fits(const ModelRunRecord &run, const QByteArray &) const override
    {
        return QJsonDocument::fromJson(run.configJson.toUtf8()).object().value(QStringLiteral("labels")).toArray()
               == QJsonArray::fromStringList(m_labels);
    }
    Status load(const QByteArray &checkpoint) override
    {
        step(QStringLiteral("load"));
        if (failIn == QLatin1String("load"))
            return fail(QStringLiteral("fake: damaged checkpoint"));
        loaded << QString::fromUtf8(checkpoint);
        m_vote.clear();
        const QJsonObject o = QJsonDocument::fromJson(checkpoint).object();
        for (auto it = o.begin(); it != o.end(); ++it)
            m_vote.insert(it.key(), it.value().toInt());
        return {};
    }
    Status loadRun(const ModelRunRecord &run, const QByteArray &checkpoint) override
    {
        m_labels.clear();
        for (const QJsonValue &v :
             QJsonDocument::fromJson(run.configJson.toUtf8()).object().value(QStringLiteral("labels")).toArray())
            m_labels << v.toString();
        return load(checkpoint);
    }
    QJsonObject runConfig(qint64 warmStartRun) const override
    {
        return {{QStringLiteral("labels"), QJsonArray::fromStringList(m_labels)},
                {QStringLiteral("warm_start_run"), warmStartRun > 0 ? QJsonValue(warmStartRun) : QJsonValue()}};
    }
    Result<QByteArray> checkpoint() const override
    {
        QJsonObject o;
        for (auto it = m_vote.begin(); it != m_vote.end(); ++it)
            o.insert(it.key(), it.value());
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

    Result<QVector<EpochRow>> train(const std::vector<int> &samples, const std::atomic_bool &cancel,
                                    const task::ProgressFn &progress) override
    {
        step(QStringLiteral("train"));
        if (failIn == QLatin1String("train"))
            return fail(QStringLiteral("fake: training diverged"));
        if (cancel.load())
            return fail(QStringLiteral("fake: cancelled"));
        ++trained;
        lastTrainSet = samples;
        for (int i : samples)
            for (const QString &w : m_words[static_cast<std::size_t>(i)])
                m_vote.insert(w, m_gold[static_cast<std::size_t>(i)]);
        if (progress)
            progress(1, 1, QStringLiteral("Training"));
        return QVector<EpochRow>{EpochRow{1, 0.5, std::nullopt}};
    }

    Result<task::Evaluation> evaluate(const std::vector<int> &samples) override
    {
        step(QStringLiteral("evaluate"));
        if (failIn == QLatin1String("evaluate"))
            return fail(QStringLiteral("fake: cannot evaluate"));
        task::Evaluation e;
        int right = 0;
        for (int i : samples) {
            e.rows.push_back(row(i));
            if (isLabeled(i)) {
                ++e.labeled;
                right += guess(i) == m_gold[static_cast<std::size_t>(i)] ? 1 : 0;
            }
        }
        e.accuracy = e.macroF1 = e.microF1 = e.labeled > 0 ? double(right) / e.labeled : 0;
        MetricRow m;
        m.name = QStringLiteral("macro");
        m.isAverage = true;
        m.f1 = e.macroF1;
        e.metrics = {m};
        return e;
    }

    Result<task::Prediction> predict(const std::vector<int> &samples, const al::Strategy *, const std::vector<int> &,
                                     std::uint64_t) override
    {
        step(QStringLiteral("predict"));
        if (failIn == QLatin1String("predict"))
            return fail(QStringLiteral("fake: cannot predict"));
        task::Prediction p;
        p.scores.n = static_cast<int>(samples.size());
        p.scores.classes = static_cast<int>(m_labels.size());
        for (int i : samples) {
            p.rows.push_back(row(i));
            const std::vector<float> probs = probabilities(i);
            p.scores.probs.insert(p.scores.probs.end(), probs.begin(), probs.end());
        }
        return p;
    }

    // Coverage over the sample ids as one-dimensional representations: enough to see the driver use them.
    std::optional<task::Coverage> coverage(const std::vector<int> &samples, const std::vector<int> &) const override
    {
        if (coverageShare <= 0)
            return std::nullopt;
        task::Coverage c;
        c.share = coverageShare;
        al::PoolScores &s = c.scores;
        s.n = static_cast<int>(samples.size());
        s.dim = 1;
        for (int i : samples)
            s.embeddings.push_back(float(m_ids[static_cast<std::size_t>(i)]));
        return c;
    }

    QStringList comparableTags(int, const PredictionRow &row) const override { return {row.label}; }
    QJsonObject predictionJson(int, const PredictionRow &row) const override
    {
        return {{QStringLiteral("label"), row.label}};
    }
    QString predictionLine(int, const PredictionRow &row) const override { return row.label; }

private:
    void step(const QString &name) const
    {
        if (throwIn == name)
            throw std::runtime_error("fake: thrown in " + name.toStdString());
    }

    int guess(int i) const
    {
        std::vector<int> votes(static_cast<std::size_t>(m_labels.size()), 0);
        for (const QString &w : m_words[static_cast<std::size_t>(i)])
            if (const auto it = m_vote.constFind(w); it != m_vote.constEnd() && *it >= 0)
                ++votes[static_cast<std::size_t>(*it)];
        return static_cast<int>(std::max_element(votes.begin(), votes.end()) - votes.begin());
    }

    std::vector<float> probabilities(int i) const
    {
        const int k = static_cast<int>(m_labels.size());
        std::vector<float> p(static_cast<std::size_t>(k), 0.2f / float(std::max(1, k - 1)));
        // Samples with an odd id are the uncertain ones: the ranking must put them first.
        p[static_cast<std::size_t>(guess(i))] = m_ids[static_cast<std::size_t>(i)] % 2 ? 0.55f : 0.8f;
        return p;
    }

    PredictionRow row(int i) const
    {
        PredictionRow r;
        r.sampleId = m_ids[static_cast<std::size_t>(i)];
        r.label = m_labels.value(guess(i));
        r.confidence = probabilities(i)[static_cast<std::size_t>(guess(i))];
        return r;
    }

    QStringList m_labels;
    std::vector<qint64> m_ids;
    std::vector<QStringList> m_words;
    std::vector<int> m_gold;
    QHash<QString, int> m_vote;
};

} // namespace faketask
