#pragma once
// Learning word vectors from a project's own unlabeled text, before (and beside) any label, over the tokens
// text::tokenize() produces: by default from the documents words share (a truncated SVD of the pool's TF-IDF
// matrix, ml/DocumentTermSvd.h), or from their neighbours (skip-gram with subwords, Debian's fastText library).
// The classifier reads a frozen document vector from them (TextClassifier.h). Plain C++ interface, no torch.
#include "Result.h"
#include "ml/WordVectorTable.h"

#include <QString>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::ml {

// Measured with marginalia_pretrain_bench on two data sets: the document-term vectors lift the classifier's
// learning curve as much as skip-gram's and take seconds where skip-gram takes minutes. Skip-gram's vectors
// say more about a word's grammatical kin, which the sequence tagger's word rows use.
enum class PretrainMethod { DocumentTerms, SkipGram };

struct PretrainOptions
{
    PretrainMethod method = PretrainMethod::DocumentTerms;
    int dim = 64;
    // Skip-gram only:
    int epochs = 5;
    int minCount = 2;    // rarer words get no vector (their subwords still shape the others)
    int window = 5;
    int threads = 2;
    bool subwords = true; // character 3- to 6-grams, which help with rare and inflected words
    std::uint64_t seed = 42;
};

struct PretrainResult
{
    WordVectorTable table;
    qint64 documents = 0;
    qint64 tokens = 0;
    double seconds = 0;
};

// Calls `emit` with each text to learn from; stops early when `emit` returns false.
using TextSource = std::function<Status(const std::function<bool(const QString &text)> &emit)>;
using PretrainProgress = std::function<void(int done, int total, const QString &what)>;

// Learns vectors from the texts. Progress is reported on the calling thread; `cancel` stops within a fraction
// of a second with an error and nothing learned.
Result<PretrainResult> pretrainWordVectors(const TextSource &texts, const PretrainOptions &options,
                                           const std::atomic_bool &cancel, const PretrainProgress &progress = {});

// Learns from the project's pool samples and stores the vectors in the project, replacing earlier ones; the
// next rounds of the text classifier start from them.
Result<PretrainResult> pretrainProject(ProjectStore &store, const PretrainOptions &options,
                                       const std::atomic_bool &cancel, const PretrainProgress &progress = {});

// The vectors stored by pretrainProject; null when the project has none.
Result<std::shared_ptr<const WordVectorTable>> storedPoolVectors(const ProjectStore &store);

} // namespace marginalia::ml
