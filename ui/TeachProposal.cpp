#include "ui/TeachProposal.h"

#include <cmath>
#include <cstring>

namespace marginalia::ui {

namespace {
// The run's float32 probabilities, one per label; empty when they do not fit the label set.
QVector<double> probabilities(const std::optional<PredictionRow> &guess, int labelCount)
{
    QVector<double> out;
    if (!guess || guess->probabilities.size() != qsizetype(labelCount) * qsizetype(sizeof(float)))
        return out;
    for (int i = 0; i < labelCount; ++i) {
        float p = 0;
        std::memcpy(&p, guess->probabilities.constData() + i * sizeof(float), sizeof(float));
        out << double(p);
    }
    return out;
}
} // namespace

TeachProposal proposeTeachLabel(const QVector<Label> &labels, const std::optional<PredictionRow> &guess,
                                const QStringList &rejected, const QString &teach)
{
    const QVector<double> p = probabilities(guess, int(labels.size()));
    auto probabilityOf = [&](const QString &name) -> std::optional<double> {
        for (int i = 0; i < labels.size() && i < p.size(); ++i)
            if (labels.at(i).name == name)
                return p.at(i);
        if (guess && guess->label == name)
            return guess->confidence;
        return std::nullopt;
    };
    if (!teach.isEmpty()) {
        if (rejected.contains(teach))
            return {};
        return {teach, probabilityOf(teach)};
    }
    int best = -1;
    double bestDistance = 2;
    for (int i = 0; i < labels.size() && i < p.size(); ++i) {
        if (rejected.contains(labels.at(i).name))
            continue;
        const double distance = std::abs(p.at(i) - 0.5);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    if (best >= 0)
        return {labels.at(best).name, p.at(best)};
    if (guess && !guess->label.isEmpty() && !guess->label.contains(QLatin1Char(',')) && !rejected.contains(guess->label))
        return {guess->label, guess->confidence};
    for (const Label &l : labels)
        if (!rejected.contains(l.name))
            return {l.name, std::nullopt};
    return {};
}

} // namespace marginalia::ui
