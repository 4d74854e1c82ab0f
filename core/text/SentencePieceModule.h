#pragma once
// The C interface of the SentencePiece module (marginalia_sentencepiece.so, SentencePieceModule.cpp), which alone
// links Debian's libsentencepiece. That library carries its own copy of protobuf and exports its symbols; in a
// process that also has LibTorch's libprotobuf.so, whichever loads second takes the other's functions and the
// process crashes while loading. So the tokenizer (SentencePieceTokenizer.cpp) loads the module with RTLD_LOCAL
// (its symbols stay out of the process's global scope) and RTLD_DEEPBIND (it uses its own protobuf first), and talks
// to it through these plain C functions. Ids and text cross as plain buffers.
#include <cstddef>

extern "C" {
// A model from its serialized bytes; null when they are not one (`error`, at most `errorSize` bytes, says why).
void *marginalia_spm_open(const char *bytes, std::size_t size, char *error, std::size_t errorSize);
void marginalia_spm_close(void *model);
int marginalia_spm_piece_size(const void *model);
// The id of `piece` when the model has that piece, else -1.
int marginalia_spm_piece_id(const void *model, const char *piece);
// 0: BOS, 1: EOS, 2: PAD; -1 when the model defines none.
int marginalia_spm_special_id(const void *model, int which);
// The ids of UTF-8 `text`: up to `capacity` written to `ids`; returns how many there are.
int marginalia_spm_encode(const void *model, const char *text, int *ids, int capacity);
// The pieces of UTF-8 `text`, each followed by '\n': up to `capacity` bytes written; returns how many there are.
std::size_t marginalia_spm_pieces(const void *model, const char *text, char *out, std::size_t capacity);
}
