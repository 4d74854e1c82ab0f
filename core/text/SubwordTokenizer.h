#pragma once
// What a text encoder (ml/TextEncoder.h) needs of the tokenizer it was trained with: a text as ids, with the model's
// start and end marks and cut to a length, and the id that pads a batch. Two kinds: BERT's WordPiece, from a
// vocab.txt (text/WordPieceTokenizer.h), and SentencePiece, from a .model file (text/SentencePieceTokenizer.h).
// Plain C++ and Qt Core.
#include "Result.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace marginalia::text {

class SubwordTokenizer
{
public:
    virtual ~SubwordTokenizer() = default;
    // The pieces of `text`, without the start and end marks (for tests and for reading what the encoder sees).
    virtual QStringList pieces(const QString &text) const = 0;
    // start pieces end, as ids, cut to at most `maxLength` ids (at least 2), the end mark kept.
    virtual std::vector<std::int64_t> encode(const QString &text, int maxLength) const = 0;
    virtual std::int64_t padId() const = 0;
    virtual int size() const = 0; // ids the vocabulary has
};

// The tokenizer in `path`, which a project's settings name: a SentencePiece model (a file ending in .model) or a
// WordPiece vocabulary. Every refusal names the file and why.
Result<std::unique_ptr<SubwordTokenizer>> readSubwordTokenizer(const QString &path);

} // namespace marginalia::text
