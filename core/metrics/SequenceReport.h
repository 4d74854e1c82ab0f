#pragma once
#include "metrics/ClassificationReport.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace marginalia::metrics {

// One chunk of a tagged sentence: tokens [start, end) of sentence `sentence` carry entity `type`.
struct Entity
{
    int sentence = 0;
    int start = 0;
    int end = 0;
    QString type;

    bool operator==(const Entity &o) const
    {
        return sentence == o.sentence && start == o.start && end == o.end && type == o.type;
    }
};

// Chunks of tag sequences by conlleval's rules (as seqeval's default mode applies them), which read BIO (IOB2),
// IOB1 and BIOES alike; BILOU's L- and U- count as E- and S-. "O" (or an empty tag) is outside; a tag without
// a prefix ("PER") counts as I-PER.
QVector<Entity> extractEntities(const QVector<QStringList> &sentences);

// Sequence-labeling evaluation: entity level (exact span and type match, per type, micro/macro/weighted; as
// conlleval and seqeval compute it) and token level (every tag, B-X, I-X and O, as its own class, as
// scikit-learn's classification_report over the flattened tags computes it).
struct SequenceReport
{
    ClassificationReport entities; // labels: entity types, sorted; accuracy = token accuracy
    ClassificationReport tokens;   // labels: tags, sorted

    // Rows with level "entity" and level "token".
    QVector<MetricRow> toRows() const;
    QString toText(int digits = 4) const;
};

// gold and predicted hold one tag list per sentence; sentences must have equal lengths pairwise (a shorter
// predicted sentence counts its missing tags as "O").
SequenceReport sequenceReport(const QVector<QStringList> &gold, const QVector<QStringList> &predicted);

} // namespace marginalia::metrics
