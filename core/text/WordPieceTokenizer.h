#pragma once
// BERT's tokenization, for text encoders trained with it (ml/TextEncoder.h): the basic step (control characters
// dropped, every CJK ideograph a token of its own, punctuation split off, lower case and accents removed for an
// uncased vocabulary) and then WordPiece, the longest vocabulary entry first, "##" marking a word's later pieces.
// The vocabulary is a `vocab.txt`: one token a line, its id the line number. Plain C++ and Qt Core.
#include "Result.h"
#include "text/SubwordTokenizer.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace marginalia::text {

class WordPieceTokenizer final : public SubwordTokenizer
{
public:
    // The file is read only after refuseOpenProject (it is named by a project's settings) and within a size
    // limit; every refusal names the file and why.
    static Result<WordPieceTokenizer> read(const QString &path);
    // [CLS], [SEP] and [UNK] must be there; [PAD] is id 0 when it is not. A vocabulary without an upper-case
    // letter outside the bracketed special tokens is uncased: text is lower-cased and stripped of accents.
    static Result<WordPieceTokenizer> fromTokens(const QStringList &tokens);

    // The word pieces of `text`, without [CLS] and [SEP] (for tests and for reading what the encoder sees).
    QStringList pieces(const QString &text) const override;
    // [CLS] pieces [SEP] as ids, cut to at most `maxLength` ids (at least 2).
    std::vector<std::int64_t> encode(const QString &text, int maxLength) const override;

    bool lowercase() const { return m_lowercase; }
    int size() const override { return static_cast<int>(m_ids.size()); }
    std::int64_t padId() const override { return m_pad; }

private:
    WordPieceTokenizer() = default;
    void appendPieces(const std::u32string &word, std::vector<std::int64_t> &out, QStringList *names) const;
    std::vector<std::u32string> basicWords(const QString &text) const;

    QHash<QString, std::int64_t> m_ids;
    bool m_lowercase = true;
    std::int64_t m_cls = 0, m_sep = 0, m_unk = 0, m_pad = 0;
};

} // namespace marginalia::text
