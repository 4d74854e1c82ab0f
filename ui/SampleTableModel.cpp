#include "ui/SampleTableModel.h"
#include "ui/ProvenanceText.h"
#include "ui/SpanDraft.h"

#include <QSqlQuery>

namespace marginalia::ui {

namespace {
constexpr int kMaxRows = 5000; // the view is for finding samples; export is for reading them all

QVector<Span> predictedSpans(const QString &detailJson, const QString &text)
{
    QVector<Span> spans;
    for (const PredictedSpan &p : parsePredictedSpans(detailJson, {}, int(text.size()), {}))
        spans << p.span;
    return spans;
}

QStringList spanTypes(const QVector<Span> &spans)
{
    QStringList types;
    for (const Span &s : spans)
        types << s.label;
    return types;
}
} // namespace

SampleTableModel::SampleTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void SampleTableModel::reload(const Query &query)
{
    beginResetModel();
    m_rows.clear();
    if (!m_store) {
        endResetModel();
        return;
    }
    QHash<qint64, PredictionRow> predictions;
    auto run = m_store->latestRun(true);
    const qint64 runId = run && run->has_value() ? (*run)->id : 0;
    m_runId = runId;
    if (runId != 0) {
        // Every prediction of the run, ranked pool samples and the evaluation split alike (the store's
        // ranking accessor returns only the ranked ones).
        QSqlQuery query(m_store->database());
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT sample_id, label, confidence, score, rank, detail FROM predictions"
                                     " WHERE run_id = ?"));
        query.addBindValue(runId);
        if (query.exec()) {
            while (query.next()) {
                PredictionRow p;
                p.sampleId = query.value(0).toLongLong();
                p.label = query.value(1).toString();
                p.confidence = query.value(2).toDouble();
                if (!query.value(3).isNull())
                    p.score = query.value(3).toDouble();
                if (!query.value(4).isNull())
                    p.rank = query.value(4).toInt();
                p.detailJson = query.value(5).toString();
                predictions.insert(p.sampleId, p);
            }
        }
    }

    // Labels said no to (teach mode): shown with how the sample was labeled, or alone while it is unlabeled.
    QHash<qint64, QStringList> rejected;
    if (auto read = m_store->rejectedLabelsBySample())
        rejected = std::move(read).value();

    // Span labeling: the label and prediction columns list the spans; the predicted filter asks for a type.
    const bool spans = m_store->task() == TaskType::Ner;
    auto accept = [&](Row row) {
        if (!query.predicted.isEmpty() && row.predicted != query.predicted
            && !(spans && row.predictedTypes.contains(query.predicted)))
            return;
        if (query.minConfidence > 0 && row.confidence < query.minConfidence)
            return;
        if (query.disagreement && (row.label.isEmpty() || row.predicted.isEmpty() || row.label == row.predicted))
            return;
        m_rows.push_back(std::move(row));
    };
    auto fill = [&](Row &row, const QString &text) {
        if (const auto no = rejected.constFind(row.id); no != rejected.constEnd()) {
            const QString refused = tr("not %1").arg(no->join(QStringLiteral(", ")));
            row.provenance = row.provenance.isEmpty() ? refused : row.provenance + QStringLiteral(" · ") + refused;
        }
        const auto p = predictions.constFind(row.id);
        if (p != predictions.constEnd()) {
            row.predicted = p->label;
            if (spans) {
                const QVector<Span> list = predictedSpans(p->detailJson, text);
                row.predictedTypes = spanTypes(list);
                row.predicted = list.isEmpty() ? tr("no entities") : spanSummary(text, list);
            }
            row.confidence = p->confidence;
            row.score = p->score;
            row.rank = p->rank;
        }
    };

    if (query.rankedQueue && runId != 0) {
        auto ranked = m_store->rankedPredictions(runId, kMaxRows, true);
        for (const PredictionRow &p : ranked ? *ranked : QVector<PredictionRow>()) {
            auto sample = m_store->sample(p.sampleId);
            if (!sample)
                continue;
            Row row{p.sampleId, sample->split, sample->text.left(300), {}, {}, {}, -1, {}, {}};
            fill(row, sample->text);
            accept(std::move(row));
        }
    } else {
        SampleFilter filter = query.filter;
        filter.limit = kMaxRows;
        (void)m_store->forEachSample(filter, [&](const AnnotatedSample &s) {
            Row row{s.sample.id, s.sample.split, s.sample.text.left(300), {}, {}, {}, -1, {}, {}};
            row.labeled = s.isLabeled();
            if (s.isLabeled())
                row.provenance = provenanceText(*s.annotation);
            if (s.isLabeled() && spans)
                row.label = s.annotation->spans.isEmpty() ? tr("no entities")
                                                          : spanSummary(s.sample.text, s.annotation->spans);
            else if (s.isLabeled())
                row.label = s.annotation->labels.join(QStringLiteral(", "));
            fill(row, s.sample.text);
            accept(std::move(row));
            return true;
        });
    }
    endResetModel();
}

qint64 SampleTableModel::sampleId(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0; }

int SampleTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int SampleTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SampleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == TextColumn)
        return row.text;
    if (role == Qt::ToolTipRole && index.column() == ProvenanceColumn)
        return row.provenance;
    if (role == Qt::TextAlignmentRole && (index.column() == ConfidenceColumn || index.column() == ScoreColumn
                                          || index.column() == IdColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return row.id;
    case SplitColumn:
        return row.split == Split::Eval ? tr("eval") : tr("pool");
    case TextColumn:
        return QString(row.text).replace(QLatin1Char('\n'), QLatin1Char(' '));
    case LabelColumn:
        return row.label;
    case PredictedColumn:
        return row.predicted;
    case ConfidenceColumn:
        return row.confidence < 0 ? QVariant() : QVariant(QString::number(row.confidence, 'f', 2));
    case ScoreColumn:
        if (row.score)
            return row.rank ? QStringLiteral("%1 (#%2)").arg(*row.score, 0, 'g', 4).arg(*row.rank)
                            : QString::number(*row.score, 'g', 4);
        return {};
    case ProvenanceColumn:
        return row.provenance;
    default:
        return {};
    }
}

QVariant SampleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Id");
    case SplitColumn:
        return tr("Split");
    case TextColumn:
        return tr("Text");
    case LabelColumn:
        return m_store && m_store->task() == TaskType::Ner ? tr("Entities") : tr("Label");
    case PredictedColumn:
        return m_store && m_store->task() == TaskType::Ner ? tr("Predicted entities") : tr("Predicted");
    case ConfidenceColumn:
        return tr("Confidence");
    case ScoreColumn:
        return tr("Score (rank)");
    case ProvenanceColumn:
        return tr("How labeled");
    default:
        return {};
    }
}

} // namespace marginalia::ui
