#pragma once
#include "store/ProjectStore.h"

#include <QAbstractTableModel>
#include <QHash>

namespace marginalia::ui {

// Rows for the browse view: samples with their current label and the latest run's prediction, filtered.
// The predicted-label and disagreement filters apply on top of the store's own filter.
class SampleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, SplitColumn, TextColumn, LabelColumn, PredictedColumn, ConfidenceColumn, ScoreColumn,
                  ProvenanceColumn, ColumnCount };

    struct Query
    {
        SampleFilter filter;
        QString predicted;        // only rows the model predicts as this label
        bool disagreement = false; // only labeled rows whose label differs from the prediction
        bool rankedQueue = false;  // the latest run's ranked queue of unlabeled pool samples, in rank order
        double minConfidence = 0;  // > 0: only rows the model predicts with at least this confidence
    };

    explicit SampleTableModel(QObject *parent = nullptr);
    void setStore(const ProjectStore *store) { m_store = store; }
    void reload(const Query &query);
    qint64 sampleId(int row) const;
    // What bulk accept needs of a row: its split, whether it is labeled, and the model's guess ("" = none).
    Split split(int row) const { return m_rows.value(row).split; }
    bool isLabeled(int row) const { return m_rows.value(row).labeled; }
    QString predicted(int row) const { return m_rows.value(row).predicted; }
    std::optional<double> score(int row) const { return m_rows.value(row).score; }
    std::optional<int> rank(int row) const { return m_rows.value(row).rank; }
    qint64 runId() const { return m_runId; } // the run whose predictions the rows show; 0 = none

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        qint64 id = 0;
        Split split = Split::Pool;
        QString text;
        QString label;
        QString predicted;
        QStringList predictedTypes; // span labeling: the types of the predicted spans
        double confidence = -1;
        std::optional<double> score;
        std::optional<int> rank;
        bool labeled = false;
        QString provenance; // how its label came about (ProvenanceText.h)
    };
    const ProjectStore *m_store = nullptr;
    QVector<Row> m_rows;
    qint64 m_runId = 0;
};

} // namespace marginalia::ui
