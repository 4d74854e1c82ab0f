// The label audit (task/LabelAudit.h) with a counting model that needs no torch: planted label flips are found,
// and only they, with the right suggestion; bad input is refused.
#include "store/ProjectStore.h"
#include "task/LabelAudit.h"

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

using namespace marginalia;

namespace {

// Predicts from a sample's first word: the label most training samples with that word had gets 7/8, the others
// share the rest (binary fractions, so thresholds compare exactly).
class WordCountModel final : public task::TaskModel
{
public:
    QString kind() const override { return QStringLiteral("word-count"); }
    al::ScoreKind scoreKind() const override { return al::ScoreKind::ClassProbabilities; }
    QString deviceName() const override { return QStringLiteral("CPU"); }
    Status setLabels(const QStringList &labels, const task::ProgressFn &) override
    {
        m_labels = labels;
        return {};
    }
    QStringList labels() const override { return m_labels; }
    void addSample(const AnnotatedSample &a) override
    {
        m_samples.push_back(a);
    }
    int sampleCount() const override { return static_cast<int>(m_samples.size()); }
    bool isLabeled(int index) const override { return m_samples[static_cast<std::size_t>(index)].isLabeled(); }
    bool fits(const ModelRunRecord &, const QByteArray &) const override { return false; }
    Status load(const QByteArray &) override { return fail(QStringLiteral("no")); }
    Status loadRun(const ModelRunRecord &, const QByteArray &) override { return fail(QStringLiteral("no")); }
    QJsonObject runConfig(qint64) const override { return {}; }
    Result<QByteArray> checkpoint() const override { return QByteArray(); }
    Result<QVector<EpochRow>> train(const std::vector<int> &samples, const std::atomic_bool &cancel,
                                    const task::ProgressFn &) override
    {
        if (cancel.load())
            return fail(QStringLiteral("cancelled"));
        m_counts.clear();
        for (int i : samples) {
            const AnnotatedSample &a = m_samples[static_cast<std::size_t>(i)];
            QVector<int> &c = m_counts[word(a)];
            c.resize(m_labels.size());
            ++c[static_cast<int>(m_labels.indexOf(a.annotation->labels.first()))];
        }
        return QVector<EpochRow>{};
    }
    Result<task::Evaluation> evaluate(const std::vector<int> &) override { return task::Evaluation{}; }
    Result<task::Prediction> predict(const std::vector<int> &samples, const al::Strategy *, const std::vector<int> &,
                                     std::uint64_t) override
    {
        task::Prediction p;
        for (int i : samples) {
            const QVector<int> c = m_counts.value(word(m_samples[static_cast<std::size_t>(i)]), QVector<int>(m_labels.size()));
            const int top = static_cast<int>(std::max_element(c.begin(), c.end()) - c.begin());
            std::vector<float> probs(static_cast<std::size_t>(m_labels.size()), 0.125f / float(m_labels.size() - 1));
            probs[static_cast<std::size_t>(top)] = 0.875f;
            PredictionRow row;
            row.sampleId = m_samples[static_cast<std::size_t>(i)].sample.id;
            row.probabilities = QByteArray(reinterpret_cast<const char *>(probs.data()), int(probs.size() * sizeof(float)));
            p.rows.push_back(row);
        }
        return p;
    }
    std::optional<task::Coverage> coverage(const std::vector<int> &, const std::vector<int> &) const override
    {
        return std::nullopt;
    }
    QStringList comparableTags(int, const PredictionRow &row) const override { return {row.label}; }
    QJsonObject predictionJson(int, const PredictionRow &) const override { return {}; }
    QString predictionLine(int, const PredictionRow &) const override { return {}; }

private:
    static QString word(const AnnotatedSample &a) { return a.sample.text.section(QLatin1Char(' '), 0, 0); }
    QStringList m_labels;
    std::vector<AnnotatedSample> m_samples;
    QHash<QString, QVector<int>> m_counts;
};

task::ModelFactory wordCounts()
{
    return [] { return std::make_unique<WordCountModel>(); };
}

} // namespace

class TestLabelAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsThePlantedFlips()
    {
        QTemporaryDir dir;
        auto store = ProjectStore::create(dir.filePath(QStringLiteral("p.marginalia")), TaskType::TextCat,
                                          {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")});
        QVERIFY(store);
        QSet<qint64> flipped;
        const QString words[] = {QStringLiteral("meow"), QStringLiteral("woof"), QStringLiteral("tweet")};
        const QString labels[] = {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")};
        QHash<qint64, QString> truth;
        for (int i = 0; i < 90; ++i) {
            const int kind = i % 3;
            Sample s;
            s.text = words[kind] + QStringLiteral(" sample %1").arg(i);
            const auto id = (*store)->addSample(s);
            QVERIFY(id && id->has_value());
            QString label = labels[kind];
            if (i % 16 == 1) { // 6 flips, two of each kind: to the next label
                label = labels[(kind + 1) % 3];
                flipped.insert(**id);
                truth.insert(**id, labels[kind]);
            }
            AnnotationInput input;
            input.labels = {label};
            QVERIFY((*store)->annotate(**id, input));
        }
        const std::atomic_bool cancel{false};
        const auto audit = task::auditLabels(**store, wordCounts(), task::AuditOptions{}, cancel);
        QVERIFY2(audit, qPrintable(audit ? QString() : audit.error()));
        QCOMPARE(audit->ranked.size(), 90);
        QCOMPARE(audit->flagged, 6);
        for (int i = 0; i < 6; ++i) {
            const task::Suspect &s = audit->ranked[i];
            QVERIFY(s.flagged);
            QVERIFY2(flipped.contains(s.sampleId), qPrintable(QString::number(s.sampleId)));
            QCOMPARE(s.suggested, truth.value(s.sampleId));
            QVERIFY(s.selfConfidence < 0.5);
            QVERIFY(s.margin > 0);
        }
        QVERIFY(!audit->ranked[6].flagged);
        QCOMPARE(audit->thresholds.size(), 3);
    }

    void refusesWhatItCannotAudit()
    {
        QTemporaryDir dir;
        const std::atomic_bool cancel{false};
        auto few = ProjectStore::create(dir.filePath(QStringLiteral("few.marginalia")), TaskType::TextCat,
                                        {QStringLiteral("a"), QStringLiteral("b")});
        for (int i = 0; i < 4; ++i) {
            Sample s;
            s.text = QStringLiteral("text %1").arg(i);
            const auto id = (*few)->addSample(s);
            AnnotationInput input;
            input.labels = {i % 2 ? QStringLiteral("a") : QStringLiteral("b")};
            QVERIFY((*few)->annotate(**id, input));
        }
        const auto tooFew = task::auditLabels(**few, wordCounts(), task::AuditOptions{}, cancel);
        QVERIFY(!tooFew);
        QVERIFY(tooFew.error().contains(QStringLiteral("too few")));
        auto spans = ProjectStore::create(dir.filePath(QStringLiteral("ner.marginalia")), TaskType::Ner);
        QVERIFY(!task::auditLabels(**spans, wordCounts(), task::AuditOptions{}, cancel));
        task::AuditOptions twoFolds;
        twoFolds.folds = 2;
        const std::atomic_bool cancelled{true};
        const auto stopped = task::auditLabels(**few, wordCounts(), twoFolds, cancelled);
        QVERIFY(!stopped);
        QVERIFY(stopped.error().contains(QStringLiteral("cancelled")));
    }
};

QTEST_GUILESS_MAIN(TestLabelAudit)
#include "tst_labelaudit.moc"
