#pragma once
// A tiny TorchScript text encoder built in C++ (no downloads) with its WordPiece vocabulary, for the tests of
// the text encoder path: a random embedding table looked up per word piece.
#include <QString>
#include <QStringList>

// The vocabulary the tiny encoders read: BERT's special tokens, then `words` (one id each), a few pieces.
QStringList tinyVocabulary(const QStringList &words);

// Writes vocab.txt beside `path` too. `withMask`: forward(input_ids, attention_mask) returns (token states,
// first state), as a traced BERT does; otherwise forward(input_ids) returns one summed vector per text.
bool writeTinyTextEncoder(const QString &path, const QStringList &vocabulary, int dim, bool withMask, int seed);

// A tiny encoder shaped more like BERT: word and position embeddings (the positions an integer buffer), a
// submodule with a weight matrix, a layer norm and tanh; forward(input_ids, attention_mask) returns (token
// states, first state). Writes vocab.txt beside `path` too.
bool writeTinyLayeredEncoder(const QString &path, const QStringList &vocabulary, int dim, int seed);
