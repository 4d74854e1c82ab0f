#pragma once
// What the learning-curve benchmarks share: standard output as a QTextStream, a data set read with a message
// when it is missing, the simulation settings their figures are measured with, and a curve's mean macro-F1 (the
// area under it, per point), the one figure that compares two curves.
#include "ml/Simulation.h"
#include "ml/TextData.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdio>
#include <optional>

namespace marginalia::bench {

inline QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// Genre passages from the Brown corpus's tagging file: `sentencesEach` (4 by default) consecutive sentences of
// one of its 500 texts, labeled by the text's genre (the letter after "c" in ids such as "ca01-0"), 15 genres;
// with 4, 239 to 1,962 passages a genre. A paragraph-genre task like the one issue 14 measured fastText's
// pretraining on; its word statistics, unlike a speech's party or period, say much about the label. One
// sentence each (about 20 words) makes the same task on short texts.
inline std::optional<QVector<ml::LabeledText>> brownGenrePassages(const QString &path, int sentencesEach = 4)
{
    static const QHash<QChar, QString> genres = {
        {u'a', QStringLiteral("news")},      {u'b', QStringLiteral("editorial")},       {u'c', QStringLiteral("reviews")},
        {u'd', QStringLiteral("religion")},  {u'e', QStringLiteral("hobbies")},         {u'f', QStringLiteral("lore")},
        {u'g', QStringLiteral("belles_lettres")}, {u'h', QStringLiteral("government")}, {u'j', QStringLiteral("learned")},
        {u'k', QStringLiteral("fiction")},   {u'l', QStringLiteral("mystery")},  {u'm', QStringLiteral("science_fiction")},
        {u'n', QStringLiteral("adventure")}, {u'p', QStringLiteral("romance")},         {u'r', QStringLiteral("humor")}};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return std::nullopt;
    }
    QVector<ml::LabeledText> rows;
    QString text, source;
    int sentences = 0;
    const auto flush = [&] {
        if (!text.isEmpty())
            rows.push_back({text, {genres.value(source.at(1))}});
        text.clear();
        sentences = 0;
    };
    while (!file.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        const QString id = line.value(QStringLiteral("id")).toString().section(QLatin1Char('-'), 0, 0);
        if (id.size() < 2 || !genres.contains(id.at(1))) {
            std::fprintf(stderr, "%s: a line without a Brown text id\n", qPrintable(path));
            return std::nullopt;
        }
        if (id != source || sentences >= sentencesEach)
            flush();
        source = id;
        for (const QJsonValue &token : line.value(QStringLiteral("tokens")).toArray())
            text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + token.toString();
        ++sentences;
    }
    flush();
    return rows;
}

// The rows of a JSONL data set; a message on stderr and nothing when it is missing or unreadable. The Brown
// tagging file (brown_pos.jsonl) is read as genre passages of `brownSentences` sentences (brownGenrePassages).
inline std::optional<QVector<ml::LabeledText>> readDataSet(const QString &path, int brownSentences = 4)
{
    if (!QFile::exists(path)) {
        std::fprintf(stderr, "%s not found; run the datasets fetch script first.\n", qPrintable(path));
        return std::nullopt;
    }
    if (QFileInfo(path).fileName() == QLatin1String("brown_pos.jsonl"))
        return brownGenrePassages(path, brownSentences);
    auto rows = ml::readTextFile(path);
    if (!rows) {
        std::fprintf(stderr, "%s\n", qPrintable(rows.error()));
        return std::nullopt;
    }
    return std::move(*rows);
}

// Seed 50, 50 random labels to start, 50 labels a round: the settings the issues' figures use.
inline ml::SimulationOptions curveOptions(int budget, int repeats)
{
    ml::SimulationOptions options;
    options.seedSize = 50;
    options.training.batchSize = 50;
    options.training.seed = 50;
    options.budget = budget;
    options.repeats = repeats;
    return options;
}

inline double meanMacroF1(const ml::SimulationResult &r)
{
    double sum = 0;
    for (const auto &point : r.curve)
        sum += point.macroF1;
    return r.curve.isEmpty() ? 0.0 : sum / r.curve.size();
}

} // namespace marginalia::bench
