#pragma once
#include "Result.h"
#include "io/TaggedFile.h"
#include "ml/Simulation.h"

namespace marginalia::ml {

// Oracle simulation over tagged sentences (simulate --task ner): the pool's gold tags are revealed only for
// the sentences the query (al::SequenceQuery name in options.training.strategy) picks; after each round the
// tagger is scored on `eval`. Curve points count sentences; macro/micro-F1 are entity-level, accuracy is token
// accuracy; labelsTo95 follows the entity macro-F1 and labelsTo95Accuracy the token accuracy. `reference`, when
// given, stands in for training once on the whole pool (its full-data figures are copied); a budget of 0 gives
// the full-data figures only.
Result<SimulationResult> simulateSequences(const QVector<io::TaggedSentence> &pool, const QVector<io::TaggedSentence> &eval,
                                           const SimulationOptions &options, const std::atomic_bool &cancel,
                                           const ProgressFn &progress = {}, const SimulationResult *reference = nullptr);

// Splits sentences into pool and eval with a seeded shuffle (as splitForSimulation does for texts).
void splitSentencesForSimulation(const QVector<io::TaggedSentence> &rows, double evalFraction, std::uint64_t seed,
                                 QVector<io::TaggedSentence> &pool, QVector<io::TaggedSentence> &eval);

// Every tag of the sentences: "O" first when present, the rest sorted.
QStringList tagSetOf(const QVector<io::TaggedSentence> &pool, const QVector<io::TaggedSentence> &eval);

} // namespace marginalia::ml
