// The span-labeling round of the scripted client: a gazetteer of the span texts labeled in the pool.
#include "ScriptedModelClient.h"
#include "store/ProjectStore.h"
#include "text/SpanTokens.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

using namespace marginalia;

namespace {
constexpr int kLongestEntity = 4; // tokens

// Greedy longest match of the gazetteer's entries over the sample's tokens.
QVector<Span> lookUp(const QHash<QString, QString> &gazetteer, const Sample &sample)
{
    const QVector<text::TokenSpan> tokens = text::annotationTokens(sample.text, sample.tokens);
    QVector<Span> found;
    int i = 0;
    while (i < tokens.size()) {
        int last = std::min(int(tokens.size()), i + kLongestEntity) - 1;
        for (; last >= i; --last)
            if (gazetteer.contains(sample.text.mid(tokens[i].start, tokens[last].end - tokens[i].start)))
                break;
        if (last < i) {
            ++i;
            continue;
        }
        const QString key = sample.text.mid(tokens[i].start, tokens[last].end - tokens[i].start);
        found.push_back(text::spanOfTokens(tokens, i, last, gazetteer.value(key)));
        i = last + 1;
    }
    return found;
}

QString detailJson(const QVector<Span> &spans)
{
    QJsonArray list;
    for (const Span &s : spans)
        list.append(QJsonObject{{QStringLiteral("start"), s.start},
                                {QStringLiteral("end"), s.end},
                                {QStringLiteral("label"), s.label},
                                {QStringLiteral("confidence"), 0.9}});
    const QJsonDocument doc(QJsonObject{{QStringLiteral("spans"), list}});
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

MetricRow metricRow(const QString &name, bool average, int tp, int fp, int fn)
{
    MetricRow row;
    row.name = name;
    row.isAverage = average;
    row.precision = tp + fp ? double(tp) / (tp + fp) : 0;
    row.recall = tp + fn ? double(tp) / (tp + fn) : 0;
    row.f1 = row.precision + row.recall > 0 ? 2 * row.precision * row.recall / (row.precision + row.recall) : 0;
    row.support = tp + fn;
    return row;
}
} // namespace

void ScriptedModelClient::runSpanRound(ProjectStore &store)
{
    QHash<QString, QString> gazetteer;
    RunResult result;
    const QVector<AnnotatedSample> train = store.annotatedSamples(SampleFilter::labeled(Split::Pool)).value();
    for (const AnnotatedSample &s : train) {
        ++result.trainLabels;
        for (const Span &span : s.annotation->spans)
            gazetteer.insert(s.sample.text.mid(span.start, span.end - span.start), span.label);
    }

    // Entity-level report on the labeled evaluation samples: a span counts when start, end and type match.
    QHash<QString, int> tp, fp, fn;
    const QVector<AnnotatedSample> labeledEval = store.annotatedSamples(SampleFilter::labeled(Split::Eval)).value();
    for (const AnnotatedSample &s : labeledEval) {
        ++result.evalLabels;
        const QVector<Span> predicted = lookUp(gazetteer, s.sample);
        for (const Span &p : predicted)
            ++(s.annotation->spans.contains(p) ? tp : fp)[p.label];
        for (const Span &g : s.annotation->spans)
            if (!predicted.contains(g))
                ++fn[g.label];
    }
    int allTp = 0, allFp = 0, allFn = 0;
    double sumP = 0, sumR = 0, sumF = 0;
    const QVector<Label> labels = store.labels().value();
    for (const Label &l : labels) {
        const MetricRow row = metricRow(l.name, false, tp.value(l.name), fp.value(l.name), fn.value(l.name));
        sumP += row.precision;
        sumR += row.recall;
        sumF += row.f1;
        allTp += tp.value(l.name);
        allFp += fp.value(l.name);
        allFn += fn.value(l.name);
        result.metrics.push_back(row);
    }
    const double n = std::max(1, int(labels.size()));
    const MetricRow micro = metricRow(QStringLiteral("micro avg"), true, allTp, allFp, allFn);
    const MetricRow macro{QStringLiteral("label"), QStringLiteral("macro avg"), true, sumP / n, sumR / n, sumF / n,
                          micro.support};
    result.metrics << micro << macro;
    result.epochs = {{1, 1.1, 1.2}, {2, 0.7, 0.9}};

    // Pool samples where the gazetteer finds most come first, so the annotator sees its spans early.
    struct Found
    {
        qint64 id;
        QVector<Span> spans;
    };
    QVector<Found> pool;
    const QVector<AnnotatedSample> unlabeled = store.annotatedSamples(SampleFilter::unlabeled(Split::Pool)).value();
    for (const AnnotatedSample &s : unlabeled)
        pool.push_back({s.sample.id, lookUp(gazetteer, s.sample)});
    std::stable_sort(pool.begin(), pool.end(),
                     [](const Found &a, const Found &b) { return a.spans.size() > b.spans.size(); });
    QVector<PredictionRow> predictions;
    for (int i = 0; i < pool.size(); ++i) {
        PredictionRow row;
        row.sampleId = pool.at(i).id;
        row.confidence = pool.at(i).spans.isEmpty() ? 0.95 : 0.8;
        row.score = double(pool.at(i).spans.size()) + 1.0 / (i + 1);
        row.rank = i + 1;
        row.detailJson = detailJson(pool.at(i).spans);
        predictions.push_back(row);
    }
    SampleFilter eval;
    eval.split = Split::Eval;
    const QVector<AnnotatedSample> evalSamples = store.annotatedSamples(eval).value();
    for (const AnnotatedSample &s : evalSamples) { // predicted, never ranked
        PredictionRow row;
        row.sampleId = s.sample.id;
        row.confidence = 0.8;
        row.detailJson = detailJson(lookUp(gazetteer, s.sample));
        predictions.push_back(row);
    }
    storeRun(store, result, predictions, macro.f1, micro.f1);
}
