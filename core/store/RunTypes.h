#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVector>
#include <optional>

namespace marginalia {

// One row of a classification report. level "label" holds classes (or entity types); other levels
// (e.g. "token" for per-tag NER reports) keep their own rows. Averages have isAverage set and names
// "micro avg", "macro avg", "weighted avg".
struct MetricRow
{
    QString level = QStringLiteral("label");
    QString name;
    bool isAverage = false;
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    qint64 support = 0;
};

struct EpochRow
{
    int epoch = 0;
    double trainLoss = 0;
    std::optional<double> devLoss;
};

struct ConfusionCell
{
    QString gold;
    QString predicted;
    qint64 count = 0;
};

struct RunResult
{
    int trainLabels = 0;
    int evalLabels = 0;
    double seconds = 0;
    std::optional<double> accuracy;
    std::optional<double> stopKappa; // agreement with the previous run on the stop set
    QVector<EpochRow> epochs;
    QVector<MetricRow> metrics;
    QVector<ConfusionCell> confusion;
    QByteArray checkpoint;
};

struct ModelRunRecord
{
    qint64 id = 0;
    QDateTime createdAt;
    QDateTime finishedAt;
    QString status; // running, done, failed, cancelled
    QString error;
    QString modelKind;
    QString configJson;
    QString device;
    QString strategy;
    int trainLabels = 0;
    int evalLabels = 0;
    double seconds = 0;
    std::optional<double> accuracy;
    std::optional<double> stopKappa;
};

// The model's view of one sample after a run: its top label and confidence, and for pool samples how
// informative the run's strategy found it (score; rank 1 = ask first).
struct PredictionRow
{
    qint64 sampleId = 0;
    QString label;
    double confidence = 0;
    std::optional<double> score;
    std::optional<int> rank;
    QByteArray probabilities; // float32 per label, in the order of the run's config "labels"
    QString detailJson;       // task-specific extras (e.g. predicted spans)
};

} // namespace marginalia

// Every member moves by a plain copy of its bytes: a list of a million rows then grows by realloc (in place, or by
// remapping pages) instead of holding the old and the new copy at once.
Q_DECLARE_TYPEINFO(marginalia::PredictionRow, Q_RELOCATABLE_TYPE);
