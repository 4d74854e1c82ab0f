#pragma once
#include "store/ProjectTypes.h"
#include "store/RunTypes.h"

#include <QStringList>
#include <QVector>
#include <optional>

namespace marginalia::ui {

// The one label teach mode asks about for a sample ("Is this Emma?").
struct TeachProposal
{
    QString label;                    // empty: nothing left to ask about this sample
    std::optional<double> probability; // the model's, when it has one for that label
};

// With a label to teach (`teach` not empty): that label, unless it was rejected for the sample. Otherwise the
// label the model is least sure about, its probability nearest one half, among the labels not rejected for
// the sample; without probabilities, the model's guess, else the first label not rejected. `labels` is the
// label set in the order the run's probabilities use.
TeachProposal proposeTeachLabel(const QVector<Label> &labels, const std::optional<PredictionRow> &guess,
                                const QStringList &rejected, const QString &teach = {});

} // namespace marginalia::ui
