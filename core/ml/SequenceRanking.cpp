#include "al/SequenceQuery.h"
#include "ml/Ranking.h"
#include "ml/SequenceModel.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};
} // namespace

Result<QVector<RankedSample>> rankCurrentSequencePool(const ProjectStore &store, const QString &queryName, int batchSize,
                                                      std::uint64_t seed, int top)
{
    const auto query = al::sequenceQueryFromName(queryName);
    if (!query)
        return fail(Tr::tr("Unknown query strategy \"%1\"; choose one of: %2.")
                        .arg(queryName, al::sequenceQueryNames().join(QStringLiteral(", "))));
    auto model = loadLatestTagger(store);
    const TokenFeatures features;
    std::vector<qint64> ids;
    std::vector<SentenceTokens> tokens;
    std::vector<EncodedSentence> encoded;
    const Status s = store.forEachSample(SampleFilter::unlabeled(Split::Pool), [&](const AnnotatedSample &a) {
        ids.push_back(a.sample.id);
        tokens.push_back(sentenceTokens(a.sample.text, a.sample.tokens));
        encoded.push_back(features.encode(tokens.back().words));
        return true;
    });
    if (!s)
        return s;
    TaggerOutput out;
    std::vector<al::Pick> picks;
    if (model) {
        std::vector<const EncodedSentence *> sentences;
        for (const EncodedSentence &e : encoded)
            sentences.push_back(&e);
        auto scored = model->tagger->predict(sentences, al::needsSentenceStates(*query));
        if (!scored)
            return Error{scored.error()};
        out = std::move(*scored);
        picks = al::rankSequencePool(*query, sequenceScores(out), out.states, out.dim, batchSize, seed, top);
    } else {
        // No model yet: nothing tells the sentences apart, so a seeded random order.
        al::SequenceScores none;
        none.marginals.resize(ids.size());
        picks = al::rankSequencePool(al::SequenceQuery::Random, none, {}, 0, batchSize, seed, top);
    }
    QVector<RankedSample> rows;
    for (std::size_t r = 0; r < picks.size() && (top <= 0 || static_cast<int>(r) < top); ++r) {
        const std::size_t i = static_cast<std::size_t>(picks[r].index);
        RankedSample row;
        row.sampleId = ids[i];
        row.rank = static_cast<int>(r) + 1;
        row.score = picks[r].score;
        if (model) {
            const PredictedSentence p = decodeSentence(tokens[i].spans, out.marginals[i], model->tagger->shape().tags);
            QStringList types;
            for (const Span &span : p.spans)
                types << span.label;
            row.label = types.join(QLatin1Char(','));
            row.confidence = p.confidence;
            row.detailJson = spansDetailJson(p);
        }
        rows.push_back(row);
    }
    return rows;
}

} // namespace marginalia::ml
