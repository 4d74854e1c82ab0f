#pragma once
// A text encoder from a TorchScript file the user names (a BERT-family model exported with torch.jit.trace,
// or one built in C++) and its tokenizer (a WordPiece vocab.txt or a SentencePiece .model): each text is embedded
// once, as the mean of its token states, and a classifier head trains on those features (ml/TextEncoderModel.h),
// or, fine-tuned, a copy of it trains with the head (tunableCopy). Loading TorchScript runs the file's code, so
// only a file named by the user's own settings or command line is loaded; a project keeps the file's path and the
// features (and a fine-tuned copy's weights as plain tensors), never the module. Plain C++ interface; torch stays
// in the .cpp.
#include "Result.h"
#include "text/SubwordTokenizer.h"

#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace marginalia::ml {

struct FeatureCache;

class TextEncoder
{
public:
    static constexpr int kDefaultMaxLength = 128; // word pieces a text is cut to, [CLS] and [SEP] included...
    static constexpr int kLongestMaxLength = 512; // ...unless the module's `max_length` attribute says otherwise

    // `vocabulary` empty: the vocab.txt beside the file, else a SentencePiece model beside it (spiece.model,
    // sentencepiece.bpe.model, tokenizer.model or spm.model). The module's forward takes input ids [N, L] (int64), and
    // the attention mask [N, L] (and token type ids) when it declares them; it returns token states [N, L, D]
    // (averaged over the mask) or text vectors [N, D], alone, first in a tuple, or as a dict's
    // "last_hidden_state". It runs once on a short text here, to learn D.
    static Result<std::unique_ptr<TextEncoder>> load(const QString &path, const QString &vocabulary = {});
    // load(), once for the rounds of one training thread: the module `cache` holds while its files (paths,
    // inodes, sizes, change times) stay the same, else loaded and kept there. `cache` may be null.
    static Result<std::shared_ptr<TextEncoder>> loadShared(const QString &path, const QString &vocabulary,
                                                           FeatureCache *cache);
    ~TextEncoder();
    TextEncoder(const TextEncoder &) = delete;
    TextEncoder &operator=(const TextEncoder &) = delete;

    int dim() const;
    int maxLength() const;
    QString deviceName() const;
    // SHA-256 of the module file and of its vocabulary, hex: which encoder stored features came from.
    QString fingerprint() const;
    const text::SubwordTokenizer &tokenizer() const;

    // A copy whose weights may be trained (fine-tuning, FeatureHead::fineTune): its own module, the same tokenizer
    // and fingerprint (the file it started from). Rounds share a loaded encoder (loadShared), which must stay as
    // the file has it; only such a copy changes.
    Result<std::unique_ptr<TextEncoder>> tunableCopy() const;
    // Whether the module returns a state per word piece ([N, L, D]), which wordStates needs.
    bool hasTokenStates() const;

    // n * dim() floats. Texts are run in batches of similar length; `progress` hears after each batch. A set
    // `cancel` stops it with an error.
    Result<std::vector<float>> features(const std::vector<QString> &texts, const std::atomic_bool *cancel = nullptr,
                                        const std::function<void(int done, int total)> &progress = {}) const;

    // Per-word states of texts given as words (a project's tokens): for each text, words * dim() floats, a word's
    // state being the state of its first word piece read in context. A text of more pieces than maxLength() is read
    // in windows of whole words, each starting halfway into the one before; a word takes its state from the window
    // where it has the most words on its narrower side (for all but the text's ends: about a quarter window of
    // context or more). A word cut to fit a window keeps its first pieces; a word the tokenizer makes no piece of takes the
    // state of its window's first position (the start mark). Windows are run in batches of similar length;
    // `progress` hears after each batch, a set `cancel` stops it with an error. Refused for an encoder without
    // token states.
    Result<std::vector<std::vector<float>>> wordStates(const std::vector<QStringList> &texts,
                                                       const std::atomic_bool *cancel = nullptr,
                                                       const std::function<void(int done, int total)> &progress = {}) const;

private:
    friend struct EncoderAccess; // ml/TextEncoderModule.h: the module itself, for fine-tuning
    TextEncoder();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace marginalia::ml
