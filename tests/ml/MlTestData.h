#pragma once
// Small constructed data sets for the model tests: each label has its own vocabulary, plus shared noise words.
#include "ml/TextData.h"
#include "store/ProjectStore.h"

#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

namespace mltest {

inline const QStringList &topicWords(int topic)
{
    static const QVector<QStringList> words{
        {QStringLiteral("goal"), QStringLiteral("match"), QStringLiteral("striker"), QStringLiteral("referee"),
         QStringLiteral("league"), QStringLiteral("penalty"), QStringLiteral("stadium"), QStringLiteral("coach")},
        {QStringLiteral("oven"), QStringLiteral("recipe"), QStringLiteral("garlic"), QStringLiteral("simmer"),
         QStringLiteral("butter"), QStringLiteral("flour"), QStringLiteral("saucepan"), QStringLiteral("roast")},
        {QStringLiteral("planet"), QStringLiteral("orbit"), QStringLiteral("telescope"), QStringLiteral("comet"),
         QStringLiteral("galaxy"), QStringLiteral("rocket"), QStringLiteral("nebula"), QStringLiteral("lunar")}};
    return words[topic];
}

inline QString sentence(const QVector<int> &topics, std::mt19937 &rng, int words = 8)
{
    static const QStringList noise{QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("today"),
                                   QStringLiteral("really"), QStringLiteral("we"), QStringLiteral("about")};
    QStringList out;
    for (int i = 0; i < words; ++i) {
        if (i % 2 == 0) {
            const QStringList &w = topicWords(topics[static_cast<int>(rng() % topics.size())]);
            out << w[static_cast<int>(rng() % w.size())];
        } else {
            out << noise[static_cast<int>(rng() % noise.size())];
        }
    }
    return out.join(QLatin1Char(' '));
}

// Single-label rows over the first `classes` topics, labels "topic0", "topic1", ...
inline QVector<marginalia::ml::LabeledText> labeledRows(int count, int classes, unsigned seed)
{
    std::mt19937 rng(seed);
    QVector<marginalia::ml::LabeledText> rows;
    for (int i = 0; i < count; ++i) {
        const int topic = i % classes;
        rows.push_back({sentence({topic}, rng) + QStringLiteral(" #%1").arg(i), {QStringLiteral("topic%1").arg(topic)}});
    }
    return rows;
}

// `rows` as labeled samples, ids 1, 2, ... in order.
inline QVector<marginalia::AnnotatedSample> annotatedRows(const QVector<marginalia::ml::LabeledText> &rows)
{
    QVector<marginalia::AnnotatedSample> out;
    for (int i = 0; i < rows.size(); ++i) {
        marginalia::AnnotatedSample a;
        a.sample.id = i + 1;
        a.sample.text = rows[i].text;
        a.annotation = marginalia::Annotation{};
        a.annotation->labels = rows[i].labels;
        out.push_back(a);
    }
    return out;
}

// A textcat project: `labeledPool` of the pool samples labeled, the rest unlabeled; `eval` labeled eval samples.
inline std::unique_ptr<marginalia::ProjectStore> makeProject(const QString &path, int pool, int labeledPool, int eval,
                                                             unsigned seed = 7,
                                                             marginalia::TaskType task = marginalia::TaskType::TextCat)
{
    using namespace marginalia;
    auto store = ProjectStore::create(path, task, {QStringLiteral("topic0"), QStringLiteral("topic1")});
    if (!store)
        qFatal("cannot create project: %s", qPrintable(store.error()));
    const auto rows = labeledRows(pool + eval, 2, seed);
    for (int i = 0; i < rows.size(); ++i) {
        Sample s;
        s.text = rows[i].text;
        s.split = i < pool ? Split::Pool : Split::Eval;
        const auto id = (*store)->addSample(s);
        if (!id || !*id)
            qFatal("cannot add sample");
        const bool label = i < pool ? i < labeledPool : true;
        if (label) {
            AnnotationInput in;
            in.labels = rows[i].labels;
            if (!(*store)->annotate(**id, in))
                qFatal("cannot annotate");
        }
    }
    return std::move(*store);
}

} // namespace mltest
