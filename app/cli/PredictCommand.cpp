// marginalia predict PROJECT FILE [--json]
// Span-labeling projects print the predicted spans of each line.
#include "cli/CommandRegistry.h"
#include "ml/Device.h"
#include "ml/SequenceModel.h"
#include "ml/TextData.h"
#include "ml/TrainedModel.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// One line per input: the spans as LABEL [start, end) "surface" confidence, tab-separated; "-" when none.
int predictSpans(const ProjectStore &store, const QVector<ml::LabeledText> &rows, bool json)
{
    auto model = ml::loadLatestTagger(store);
    if (!model)
        return dataError(model.error());
    const ml::TorchThreads threads(model->options.threads);
    const ml::TokenFeatures features;
    std::vector<ml::SentenceTokens> tokens;
    std::vector<ml::EncodedSentence> encoded;
    for (const ml::LabeledText &row : rows) {
        tokens.push_back(ml::sentenceTokens(row.text));
        encoded.push_back(features.encode(tokens.back().words));
    }
    std::vector<const ml::EncodedSentence *> sentences;
    for (const ml::EncodedSentence &e : encoded)
        sentences.push_back(&e);
    const auto tagged = model->tagger->predict(sentences);
    if (!tagged)
        return dataError(tagged.error());
    for (int i = 0; i < rows.size(); ++i) {
        const QString &text = rows[i].text;
        const ml::PredictedSentence p = ml::decodeSentence(tokens[static_cast<std::size_t>(i)].spans,
                                                           tagged->marginals[static_cast<std::size_t>(i)],
                                                           model->tagger->shape().tags);
        if (json) {
            QJsonObject o = QJsonDocument::fromJson(ml::spansDetailJson(p).toUtf8()).object();
            o.insert(QStringLiteral("text"), text);
            o.insert(QStringLiteral("confidence"), p.confidence);
            out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
            continue;
        }
        QStringList parts;
        for (int k = 0; k < p.spans.size(); ++k) {
            const Span &s = p.spans[k];
            parts << QStringLiteral("%1 [%2, %3) \"%4\" %5")
                         .arg(s.label)
                         .arg(s.start)
                         .arg(s.end)
                         .arg(text.mid(s.start, s.end - s.start))
                         .arg(p.spanConfidence.value(k), 0, 'f', 4);
        }
        out() << (parts.isEmpty() ? QStringLiteral("-") : parts.join(QLatin1Char('\t'))) << '\n';
    }
    return Success;
}

int runPredict(const QStringList &arguments)
{
    const QString name = QStringLiteral("predict");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("JSONL with a \"text\" field, or plain text lines."));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print one JSON object per input line."));
    parser.addOption(json);
    int code = Success;
    if (!parseArguments(parser, name, Tr::tr("Apply the latest model to new text: one line per input with the label and "
                                         "its confidence."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 2)
        return usageError(name, Tr::tr("expected a PROJECT path and a FILE."));
    auto store = openProject(parser.positionalArguments().at(0));
    if (!store)
        return dataError(store.error());
    ml::configureTorchThreads(1);
    const auto rows = ml::readTextFile(parser.positionalArguments().at(1));
    if (!rows)
        return dataError(rows.error());
    if ((*store)->task() == TaskType::Ner)
        return predictSpans(**store, *rows, parser.isSet(json));
    auto model = ml::loadLatestModel(**store);
    if (!model)
        return dataError(model.error());
    model->classifier->setScoringThreads(model->options.threads);
    const text::FeatureHasher hasher(model->features);
    std::vector<std::vector<std::int64_t>> features;
    features.reserve(static_cast<std::size_t>(rows->size()));
    for (const ml::LabeledText &row : *rows)
        features.push_back(hasher.features(row.text));
    const auto scored = model->classifier->predict(features);
    if (!scored)
        return dataError(scored.error());
    const std::size_t k = static_cast<std::size_t>(scored->classes);
    for (std::size_t i = 0; i < features.size(); ++i) {
        const float *p = scored->probs.data() + i * k;
        const int best = static_cast<int>(std::max_element(p, p + k) - p);
        if (parser.isSet(json)) {
            QJsonObject probs;
            QJsonArray chosen;
            for (std::size_t c = 0; c < k; ++c) {
                probs.insert(model->labels.value(static_cast<int>(c)), static_cast<double>(p[c]));
                if (p[c] >= 0.5f)
                    chosen.append(model->labels.value(static_cast<int>(c)));
            }
            QJsonObject o{{QStringLiteral("label"), model->labels.value(best)},
                          {QStringLiteral("confidence"), static_cast<double>(p[best])},
                          {QStringLiteral("probabilities"), probs}};
            if (model->shape.multilabel)
                o.insert(QStringLiteral("labels"), chosen);
            out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        } else {
            out() << model->labels.value(best) << '\t' << QString::number(p[best], 'f', 4) << '\n';
        }
    }
    return Success;
}
} // namespace

[[maybe_unused]] const bool predictRegistered = registerCommand(
    {70, "predict", QT_TRANSLATE_NOOP("Cli", "label new text with the latest model"), &runPredict});

} // namespace marginalia::cli
