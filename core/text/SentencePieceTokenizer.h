#pragma once
// SentencePiece (Debian's libsentencepiece), for text encoders trained with it (ALBERT, XLM-R, T5 and their
// Chinese and multilingual kin): the model file carries its own normalization and pieces. A text is marked as the
// model expects: [CLS] ... [SEP] when it has those pieces, else its BOS and EOS ids where it defines them. The
// library runs in a module loaded apart from LibTorch's protobuf (text/SentencePieceModule.h).
#include "text/SubwordTokenizer.h"

namespace marginalia::text {

class SentencePieceTokenizer final : public SubwordTokenizer
{
public:
    // The file is read only after refuseOpenProject (a project's settings name it) and within a size limit.
    static Result<std::unique_ptr<SentencePieceTokenizer>> read(const QString &path);
    ~SentencePieceTokenizer() override;
    SentencePieceTokenizer(const SentencePieceTokenizer &) = delete;
    SentencePieceTokenizer &operator=(const SentencePieceTokenizer &) = delete;

    QStringList pieces(const QString &text) const override;
    std::vector<std::int64_t> encode(const QString &text, int maxLength) const override;
    std::int64_t padId() const override { return m_pad; }
    int size() const override;

private:
    SentencePieceTokenizer() = default;
    void *m_model = nullptr; // the module's (SentencePieceModule.h)
    std::int64_t m_start = -1, m_end = -1, m_pad = 0; // -1: the model has no such mark
};

} // namespace marginalia::text
