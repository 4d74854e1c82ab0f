#pragma once
// Word classes from word vectors: k-means over the unit-length vectors at a few granularities. A word the labels
// never showed then shares a feature with labeled words whose contexts it shares, which is the part Brown clusters
// play in named-entity taggers. Plain C++, no torch.
#include "Result.h"
#include "ml/WordVectorTable.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace marginalia::ml {

struct WordClasses
{
    std::vector<int> levels;             // clusters per level, as asked (fewer when there are fewer words)
    QHash<QString, std::vector<int>> of; // each word's cluster at every level
};

// Deterministic for a table, its order and the seed. The centroids are fitted on the table's first `fitWords`
// words (fastText lists the most frequent first) and every word then goes to its nearest centroid, so the cost
// is at most fitWords x (sum of levels) x dim x iterations multiply-adds, plus one pass over the rest.
WordClasses clusterWords(const WordVectorTable &table, const std::vector<int> &levels, std::uint64_t seed,
                         int iterations = 10, int fitWords = 10000);

// The levels the sequence tagger reads (SpanLabelingModel). On Brown's proper names (10 repeats,
// entity F1 averaged over 1-6 k labeled tokens), with centroids seeded at random: 0.481 with 32/128/512 classes,
// 0.476 with 16/64/256/1024, 0.442 without; marginalia_tagger_pretrain_bench measures the levels as they are.
inline const std::vector<int> &wordClassLevels()
{
    static const std::vector<int> levels{32, 128, 512};
    return levels;
}

// clusterWords(table, wordClassLevels(), seed 1), remembered for the last table asked about: every round of a
// project reads the same vectors (a new table object each round, with the same stamp), and clustering 100 k words
// takes seconds. Thread-safe.
std::shared_ptr<const WordClasses> wordClassesOf(const WordVectorTable &table);

// A run's record of the classes per level its features held (empty or missing: none).
inline const QString kWordClassesKey = QStringLiteral("word_classes");
QJsonArray wordClassLevelsJson(const WordClasses *classes);

// Whether a stored run's features held word classes. Such a run loads only with the vectors it read them from
// (`poolVectorsStamp`, the stamp of those the model holds now): other vectors, or none, would give the same words
// other features. Runs from before word classes read their texts without them.
Result<bool> runReadsWordClasses(const QJsonObject &runConfig, qint64 poolVectorsStamp);

} // namespace marginalia::ml
