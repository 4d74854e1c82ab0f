#include "metrics/SequenceReport.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace marginalia::metrics {

namespace {

struct TagParts
{
    QChar prefix; // 'B', 'I', 'E', 'S' or 'O'
    QString type;
};

TagParts splitTag(const QString &tag)
{
    if (tag.isEmpty() || tag == QLatin1String("O"))
        return {QLatin1Char('O'), QString()};
    if (tag.size() >= 2 && (tag.at(1) == QLatin1Char('-') || tag.at(1) == QLatin1Char('_'))) {
        QChar prefix = tag.at(0).toUpper();
        if (prefix == QLatin1Char('L'))
            prefix = QLatin1Char('E');
        else if (prefix == QLatin1Char('U'))
            prefix = QLatin1Char('S');
        if (prefix == QLatin1Char('B') || prefix == QLatin1Char('I') || prefix == QLatin1Char('E')
            || prefix == QLatin1Char('S'))
            return {prefix, tag.mid(2)};
    }
    return {QLatin1Char('I'), tag};
}

// conlleval's endOfChunk / startOfChunk.
bool endsChunk(QChar prev, QChar tag, const QString &prevType, const QString &type)
{
    const char p = char(prev.unicode()), t = char(tag.unicode());
    if (p == 'E' || p == 'S')
        return true;
    if ((p == 'B' || p == 'I') && (t == 'B' || t == 'S' || t == 'O'))
        return true;
    return p != 'O' && prevType != type;
}

bool startsChunk(QChar prev, QChar tag, const QString &prevType, const QString &type)
{
    const char p = char(prev.unicode()), t = char(tag.unicode());
    if (t == 'B' || t == 'S')
        return true;
    if ((p == 'E' || p == 'S' || p == 'O') && (t == 'E' || t == 'I'))
        return true;
    return t != 'O' && prevType != type;
}

using Key = std::tuple<int, int, int, QString>;

} // namespace

QVector<Entity> extractEntities(const QVector<QStringList> &sentences)
{
    QVector<Entity> entities;
    for (int s = 0; s < sentences.size(); ++s) {
        const QStringList &tags = sentences[s];
        QChar prev = QLatin1Char('O');
        QString prevType;
        int begin = 0;
        // One step past the end with "O" closes a chunk that runs to the end of the sentence.
        for (int i = 0; i <= tags.size(); ++i) {
            const TagParts parts = i < tags.size() ? splitTag(tags[i]) : TagParts{QLatin1Char('O'), QString()};
            if (prev != QLatin1Char('O') && endsChunk(prev, parts.prefix, prevType, parts.type))
                entities.append(Entity{s, begin, i, prevType});
            if (startsChunk(prev, parts.prefix, prevType, parts.type))
                begin = i;
            prev = parts.prefix;
            prevType = parts.type;
        }
    }
    return entities;
}

SequenceReport sequenceReport(const QVector<QStringList> &gold, const QVector<QStringList> &predicted)
{
    SequenceReport report;

    // Token level: every tag a class, over the flattened sentences.
    QVector<QStringList> paddedPredicted = predicted;
    paddedPredicted.resize(gold.size());
    std::set<QString> tagSet;
    for (int s = 0; s < gold.size(); ++s) {
        while (paddedPredicted[s].size() < gold[s].size())
            paddedPredicted[s].append(QStringLiteral("O"));
        for (int i = 0; i < gold[s].size(); ++i) {
            tagSet.insert(gold[s][i]);
            tagSet.insert(paddedPredicted[s][i]);
        }
    }
    const QStringList tags(tagSet.begin(), tagSet.end());
    std::vector<int> goldIds, predictedIds;
    for (int s = 0; s < gold.size(); ++s) {
        for (int i = 0; i < gold[s].size(); ++i) {
            goldIds.push_back(int(tags.indexOf(gold[s][i])));
            predictedIds.push_back(int(tags.indexOf(paddedPredicted[s][i])));
        }
    }
    report.tokens = singleLabelReport(tags, goldIds, predictedIds);

    // Entity level: exact (sentence, span, type) matches.
    for (int s = 0; s < gold.size(); ++s)
        paddedPredicted[s] = paddedPredicted[s].mid(0, gold[s].size()); // extra predicted tags have no gold
    const QVector<Entity> goldEntities = extractEntities(gold);
    const QVector<Entity> predictedEntities = extractEntities(paddedPredicted);
    std::set<QString> typeSet;
    std::set<Key> goldKeys;
    for (const Entity &e : goldEntities) {
        typeSet.insert(e.type);
        goldKeys.insert({e.sentence, e.start, e.end, e.type});
    }
    for (const Entity &e : predictedEntities)
        typeSet.insert(e.type);
    const QStringList types(typeSet.begin(), typeSet.end());
    std::vector<qint64> tp(size_t(types.size()), 0), fp(size_t(types.size()), 0), fn(size_t(types.size()), 0);
    std::set<Key> matched;
    for (const Entity &e : predictedEntities) {
        const size_t t = size_t(types.indexOf(e.type));
        const Key key{e.sentence, e.start, e.end, e.type};
        if (goldKeys.count(key) && !matched.count(key)) {
            ++tp[t];
            matched.insert(key);
        } else {
            ++fp[t];
        }
    }
    for (const Entity &e : goldEntities) {
        if (!matched.count({e.sentence, e.start, e.end, e.type}))
            ++fn[size_t(types.indexOf(e.type))];
    }
    report.entities = countsReport(types, tp, fp, fn);
    report.entities.entityLevel = true;
    report.entities.accuracy = report.tokens.accuracy;
    return report;
}

QVector<MetricRow> SequenceReport::toRows() const
{
    return entities.toRows(QStringLiteral("entity")) + tokens.toRows(QStringLiteral("token"));
}

QString SequenceReport::toText(int digits) const
{
    return entities.toText(digits) + QLatin1Char('\n') + tokens.toText(digits);
}

} // namespace marginalia::metrics
