#pragma once
// How a span-labeling project picks the sentences to label next: the sequence strategies of
// SequenceStrategy.h, plus random order and a diverse batch over the model's sentence representations.
#include "al/QueryStrategy.h"
#include "al/SequenceStrategy.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

namespace marginalia::al {

enum class SequenceQuery { Random, LeastConfidence, Mnlp, TokenEntropy, DiverseMnlp };

QString sequenceQueryName(SequenceQuery query); // "random", "least-confidence", "mnlp", "token-entropy", "diverse-mnlp"
std::optional<SequenceQuery> sequenceQueryFromName(const QString &name);
QStringList sequenceQueryNames();
// The query a span-labeling project uses for a configured strategy name: that one when it is a sequence
// query, else (a classifier-only strategy such as "margin") mnlp.
SequenceQuery sequenceQueryFor(const QString &name);
// diverse-mnlp clusters sentence representations (e.g. mean-pooled encoder states).
bool needsSentenceStates(SequenceQuery query);

// Orders the whole pool, most informative first (at most `limit` picks; limit <= 0: all).
//   random        a seeded shuffle (score: the uniform draw)
//   diverse-mnlp  the first `batchSize` picks are spread by k-means++ seeding over `states` (n x dim) among the
//                 10 x batchSize sentences of highest mnlp, starting from the highest; the rest follow mnlp.
//                 Without states it is plain mnlp.
// The others as rankSequences. Scores are the strategy's informativeness (mnlp for diverse-mnlp).
std::vector<Pick> rankSequencePool(SequenceQuery query, const SequenceScores &scores, const std::vector<float> &states,
                                   int dim, int batchSize, std::uint64_t seed, int limit = 0);

} // namespace marginalia::al
