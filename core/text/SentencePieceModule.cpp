#include "text/SentencePieceModule.h"

#include <algorithm>
#include <cstring>
#include <sentencepiece_processor.h>
#include <string>

using sentencepiece::SentencePieceProcessor;

namespace {
const SentencePieceProcessor &of(const void *model) { return *static_cast<const SentencePieceProcessor *>(model); }
} // namespace

extern "C" {

void *marginalia_spm_open(const char *bytes, std::size_t size, char *error, std::size_t errorSize)
{
    auto *model = new SentencePieceProcessor;
    const auto status = model->LoadFromSerializedProto(std::string(bytes, size));
    if (status.ok() && model->GetPieceSize() > 0)
        return model;
    const std::string why = status.ok() ? std::string("the model has no pieces") : status.ToString();
    if (error && errorSize > 0) {
        const std::size_t n = std::min(errorSize - 1, why.size());
        std::memcpy(error, why.data(), n);
        error[n] = '\0';
    }
    delete model;
    return nullptr;
}

void marginalia_spm_close(void *model) { delete static_cast<SentencePieceProcessor *>(model); }

int marginalia_spm_piece_size(const void *model) { return of(model).GetPieceSize(); }

int marginalia_spm_piece_id(const void *model, const char *piece)
{
    const int id = of(model).PieceToId(piece); // the unknown id for a piece the model lacks
    return id >= 0 && of(model).IdToPiece(id) == piece ? id : -1;
}

int marginalia_spm_special_id(const void *model, int which)
{
    switch (which) {
    case 0: return of(model).bos_id();
    case 1: return of(model).eos_id();
    case 2: return of(model).pad_id();
    default: return -1;
    }
}

int marginalia_spm_encode(const void *model, const char *text, int *ids, int capacity)
{
    const std::vector<int> all = of(model).EncodeAsIds(text);
    std::copy_n(all.begin(), std::min<std::size_t>(all.size(), std::size_t(std::max(capacity, 0))), ids);
    return int(all.size());
}

std::size_t marginalia_spm_pieces(const void *model, const char *text, char *out, std::size_t capacity)
{
    std::string joined;
    for (const std::string &piece : of(model).EncodeAsPieces(text))
        joined += piece + '\n';
    std::memcpy(out, joined.data(), std::min(capacity, joined.size()));
    return joined.size();
}

} // extern "C"
