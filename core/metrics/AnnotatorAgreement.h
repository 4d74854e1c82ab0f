#pragma once
// Agreement between annotators who labeled the same samples: Cohen's kappa for every pair, Fleiss' kappa and
// Krippendorff's alpha (nominal, missing values allowed), overall and per label. Plain C++ and Qt Core.
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>
#include <vector>

namespace marginalia::metrics {

// One row per unit (sample), one column per rater: a category index, or -1 where the rater gave none.
using Ratings = std::vector<std::vector<int>>;

// Krippendorff's alpha for nominal data from the coincidence matrix. Units with fewer than two values carry no
// information and are left out. Nullopt when no unit has two values, or when every value is the same category
// (the expected disagreement is 0: agreement cannot be told from chance).
std::optional<double> krippendorffAlpha(const Ratings &units, int categories);

// Fleiss' kappa over the units every rater rated (the statistic assumes the same number of ratings per unit);
// nullopt with fewer than two raters or no such unit, or when chance agreement is 1.
std::optional<double> fleissKappa(const Ratings &units, int categories, int *usedUnits = nullptr);

struct PairAgreement
{
    QString a, b;
    int items = 0;      // units both rated
    double cohenKappa = 0;
};

struct AgreementFigures
{
    int units = 0;                           // rated by at least two raters (the overlap)
    QVector<PairAgreement> pairs;            // pairs with at least one unit in common
    std::optional<double> fleissKappa;
    int fleissUnits = 0;
    std::optional<double> krippendorffAlpha;
};

// The figures of a rating table (`raters` name its columns); only units rated by two or more raters count.
AgreementFigures agreementOf(const Ratings &units, const QStringList &raters, int categories);

// Agreement on one label at a time: each rating becomes "has the label" or not (missing stays missing).
Ratings binaryFor(const Ratings &units, int category);

} // namespace marginalia::metrics
