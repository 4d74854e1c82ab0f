#pragma once
// What the learning-curve benchmarks share: standard output as a QTextStream, a data set read with a message
// when it is missing, the simulation settings their figures are measured with, and a curve's mean macro-F1 (the
// area under it, per point), the one figure that compares two curves.
#include "ml/Simulation.h"
#include "ml/TextData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>
#include <algorithm>
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

// The quips of a fortune file: the texts between its "%" lines, without terminal colour codes.
inline std::optional<QStringList> fortuneQuips(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return std::nullopt;
    }
    static const QRegularExpression colours(QStringLiteral("\x1b\\[[0-9;]*m"));
    QStringList quips;
    for (const QString &quip : QString::fromUtf8(file.readAll()).split(QRegularExpression(QStringLiteral("\n%\n"))))
        if (const QString text = QString(quip).remove(colours).trimmed(); !text.isEmpty() && text != QLatin1String("%"))
            quips << text;
    return quips;
}

// Debian's fortune cookies (packages fortunes and fortunes-min, in `dir`): each file a category (people,
// definitions, computers, politics, ... zippy), 40 categories of 30 to 1,239 quips, 15,025 in all, 17 words the
// median: a task of many classes, rare classes and short texts. Quips found in more than one file are left out, as are the files that are not
// English quips (ascii-art, translate-me; fortunes-zh's) and those of fewer than 20.
inline std::optional<QVector<ml::LabeledText>> fortuneCategories(const QString &dir)
{
    static const QStringList notQuips{QStringLiteral("ascii-art"), QStringLiteral("translate-me"),
                                      QStringLiteral("chinese"), QStringLiteral("tang300"), QStringLiteral("song100")};
    QHash<QString, QStringList> categoriesOf;
    QStringList order;
    for (const QFileInfo &info : QDir(dir).entryInfoList(QDir::Files, QDir::Name)) {
        if (info.fileName().contains(QLatin1Char('.')) || notQuips.contains(info.fileName()))
            continue;
        const auto quips = fortuneQuips(info.filePath());
        if (!quips)
            return std::nullopt;
        if (quips->size() < 20)
            continue;
        for (const QString &quip : *quips) {
            QStringList &categories = categoriesOf[quip];
            if (categories.isEmpty())
                order << quip;
            if (!categories.contains(info.fileName()))
                categories << info.fileName();
        }
    }
    QVector<ml::LabeledText> rows;
    for (const QString &quip : std::as_const(order))
        if (const QStringList &categories = categoriesOf[quip]; categories.size() == 1)
            rows.push_back({quip, categories});
    if (rows.isEmpty()) {
        std::fprintf(stderr, "%s: no fortune files (apt install fortunes)\n", qPrintable(dir));
        return std::nullopt;
    }
    return rows;
}

// Short Chinese texts from Debian's fortunes-zh (`chinese` is its file of sayings): each saying of six classical
// works labeled by the work its source line names (谚语, 论语, 菜根谭, 增广贤文, 诗经 in traditional characters,
// 道德经; 81 to 758 each), and the Tang and Song poems of tang300 and song100 beside it (唐诗, 宋诗): 8 labels,
// 2,760 texts of about 28 characters. Source, title and author lines are left out of the text.
inline std::optional<QVector<ml::LabeledText>> chineseFortuneSources(const QString &chinesePath)
{
    static const QHash<QString, QString> works{{QStringLiteral("谚语"), QStringLiteral("谚语")},
                                               {QStringLiteral("论语"), QStringLiteral("论语")},
                                               {QStringLiteral("菜根谭"), QStringLiteral("菜根谭")},
                                               {QStringLiteral("增广贤文"), QStringLiteral("增广贤文")},
                                               {QStringLiteral("詩經"), QStringLiteral("诗经")},
                                               {QStringLiteral("道德经"), QStringLiteral("道德经")}};
    static const QRegularExpression source(QStringLiteral("《([^》‧·・/ ]*)"));
    const auto body = [](const QString &quip) {
        QString text;
        for (const QString &line : quip.split(QLatin1Char('\n'))) {
            const QString l = line.trimmed();
            if (l.isEmpty() || l.startsWith(QLatin1String("--")) || l.startsWith(QStringLiteral("作者"))
                || l.startsWith(QStringLiteral("题目")) || (l.startsWith(QStringLiteral("《")) && l.endsWith(QStringLiteral("》"))))
                continue;
            text += l;
        }
        return text;
    };
    QVector<ml::LabeledText> rows;
    const auto sayings = fortuneQuips(chinesePath);
    if (!sayings)
        return std::nullopt;
    for (const QString &quip : *sayings) {
        const QString work = works.value(source.match(quip).captured(1));
        if (const QString text = body(quip); !work.isEmpty() && !text.isEmpty())
            rows.push_back({text, {work}});
    }
    const QDir dir = QFileInfo(chinesePath).dir();
    for (const auto &[file, label] : {std::pair{"tang300", "唐诗"}, std::pair{"song100", "宋诗"}}) {
        const auto poems = fortuneQuips(dir.filePath(QLatin1String(file)));
        if (!poems)
            return std::nullopt;
        for (const QString &poem : *poems)
            if (const QString text = body(poem); !text.isEmpty())
                rows.push_back({text, {QString::fromUtf8(label)}});
    }
    QHash<QString, int> seen; // a text under two labels says nothing: left out
    for (const auto &row : std::as_const(rows))
        ++seen[row.text];
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const ml::LabeledText &row) { return seen[row.text] > 1; }),
               rows.end());
    return rows;
}

// The rows of a JSONL data set; a message on stderr and nothing when it is missing or unreadable. The Brown
// tagging file (brown_pos.jsonl) is read as genre passages of `brownSentences` sentences (brownGenrePassages), a
// directory as fortune categories (fortuneCategories) and fortunes-zh's `chinese` file as the sources of its
// sayings (chineseFortuneSources).
inline std::optional<QVector<ml::LabeledText>> readDataSet(const QString &path, int brownSentences = 4)
{
    if (!QFile::exists(path)) {
        std::fprintf(stderr, "%s not found: the datasets fetch script writes the JSONL sets, and `apt install fortunes "
                             "fortunes-zh` the fortune files.\n", qPrintable(path));
        return std::nullopt;
    }
    if (QFileInfo(path).fileName() == QLatin1String("brown_pos.jsonl"))
        return brownGenrePassages(path, brownSentences);
    if (QFileInfo(path).isDir())
        return fortuneCategories(path);
    if (QFileInfo(path).fileName() == QLatin1String("chinese"))
        return chineseFortuneSources(path);
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
