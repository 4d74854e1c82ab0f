#pragma once
// Learning word vectors from a project's own unlabeled text, before (and beside) any label, over the tokens
// text::tokenize() produces: by default from their neighbours (skip-gram with subwords, Debian's fastText
// library), or from the documents words share (a truncated SVD of the pool's TF-IDF matrix, ml/DocumentTermSvd.h).
// The classifier reads a frozen document vector from them (TextClassifier.h). Plain C++ interface, no torch.
#include "Result.h"
#include "ml/WordVectorTable.h"

#include <QString>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

// Measured with marginalia_pretrain_bench (random picks, two repeats, mean macro-F1 over 50-300 labels against
// the from-scratch model): skip-gram with a 5-word window x1.16, x1.03 and x1.48 on sotu_period, sotu_party and
// Brown genre passages, the document-term SVD x1.11, x1.03 and x1.18; a 15-word window (skipGramWindow) lifted
// skip-gram to x1.26 on sotu_period and x1.55 on Brown. Skip-gram takes about 5 minutes on those 12 k texts on two
// threads, the SVD a second: the default is skip-gram (setting model.pretrain_method), the SVD the quick choice.
// Skip-gram's vectors also say more about a word's grammatical kin, which the sequence tagger's word rows use.
enum class PretrainMethod { DocumentTerms, SkipGram };

// The method a model.pretrain_method value names: "skipgram" or "svd"; nothing for another name.
std::optional<PretrainMethod> pretrainMethodNamed(const QString &name);
QString pretrainMethodName(PretrainMethod method);

struct PretrainOptions
{
    PretrainMethod method = PretrainMethod::SkipGram;
    int dim = 64;
    // Skip-gram only:
    int epochs = 0; // passes over the text; 0: skipGramPasses() of its token count and the window
    int minCount = 2;    // rarer words get no vector (their subwords still shape the others)
    int window = 5;      // words on either side that make a word's context (skipGramWindow)
    int threads = 2;
    bool subwords = true; // character 3- to 6-grams, which help with rare and inflected words
    // Its time and temporary file grow with the text: a larger pool is sampled down to about this many texts
    // (four times the largest data set measured; 50 k paragraphs take about 5 minutes on two threads, as they
    // get fewer passes).
    qint64 skipGramTexts = 50000;
    std::uint64_t seed = 42;
};

struct PretrainResult
{
    WordVectorTable table;
    qint64 documents = 0;
    qint64 tokens = 0;
    int epochs = 0; // skip-gram's passes over the text (0 for the SVD)
    double seconds = 0;
};

// Skip-gram's passes over a text of `tokens` tokens with a `window`-word window when not set: a small pool needs
// many for its vectors to settle, and each pass costs in proportion to the window. Measured with
// marginalia_pretrain_bench (two repeats, mean macro-F1 over 50-300 labels against scratch), window 5, at 5 / 15
// / 30 passes: x1.33 / x1.44 / x1.53 on Brown genre passages (0.8 M tokens), x1.12 / x1.16 / x1.14 on sotu_period
// (1.4 M); window 15 at 29 and 17 passes x1.55 and x1.26, window 30 at 9 passes x1.58 and x1.27, but at 6
// passes only x1.21 on sotu_period. So passes for about 360 M token-window steps in all (29 over Brown's 0.8 M
// tokens and 17 over sotu's 1.4 M with window 15), at least 3 and at most 30.
int skipGramPasses(qint64 tokens, int window);

// The context window for a task's vectors: a whole text's label (genre, period, topic) goes with the words that
// share its paragraph, a span's with the words next to it. 15 for text classification (see above; 30 measured
// the same), 5 for span labeling, whose tagger was measured with it.
int skipGramWindow(bool spans);

// Calls `emit` with each text to learn from; stops early when `emit` returns false.
using TextSource = std::function<Status(const std::function<bool(const QString &text)> &emit)>;
using PretrainProgress = std::function<void(int done, int total, const QString &what)>;

// Learns vectors from the texts. Progress is reported on the calling thread; `cancel` stops within a fraction
// of a second with an error and nothing learned.
Result<PretrainResult> pretrainWordVectors(const TextSource &texts, const PretrainOptions &options,
                                           const std::atomic_bool &cancel, const PretrainProgress &progress = {});

// What the project chooses: the method (setting model.pretrain_method), as many dimensions as the model's own rows
// (256 measured worse over the first 300 labels) and the window its task calls for (skipGramWindow); the rest as
// PretrainOptions has it.
PretrainOptions projectPretrainOptions(const ProjectStore &store);

// Learns from the project's pool samples and stores the vectors in the project, replacing earlier ones; the
// next rounds start from them (setting model.pool_vectors).
Result<PretrainResult> pretrainProject(ProjectStore &store, const PretrainOptions &options,
                                       const std::atomic_bool &cancel, const PretrainProgress &progress = {});

// The vectors stored by pretrainProject; null when the project has none.
Result<std::shared_ptr<const WordVectorTable>> storedPoolVectors(const ProjectStore &store);

} // namespace marginalia::ml
