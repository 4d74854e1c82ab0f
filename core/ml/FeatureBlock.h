#pragma once
// Hashed feature ids of many documents in a few large blocks instead of a vector each, so that a pool of a million
// paragraphs fits beside the model: no allocation per document, and each document's ids sorted and kept as varint
// steps from one to the next (about 2 bytes an id among a million buckets, against 8 in a vector). The models pool
// a document's rows by their mean, for which the order of its ids does not matter. What a span points at never
// moves, so the model and the worker's cache share one copy.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace marginalia::ml {

// One document's feature ids where a FeatureBlock keeps them (ascending).
struct FeatureSpan
{
    const std::uint8_t *bytes = nullptr; // null: no document
    std::uint32_t count = 0;             // ids
    std::uint32_t byteCount = 0;

    std::size_t size() const { return count; }
    bool empty() const { return count == 0; }
    // The ids, into `out` (replacing what it held).
    void decodeInto(std::vector<std::int64_t> &out) const;
    std::vector<std::int64_t> decode() const;
};

// Append-only storage of documents' ids in blocks of kBlockBytes (larger for a larger document): a block is never
// reallocated, so spans stay valid until clear() or destruction.
class FeatureBlock
{
public:
    static constexpr std::size_t kBlockBytes = std::size_t(1) << 24; // 16 MB

    FeatureSpan append(const std::vector<std::int64_t> &features);
    // append() in two steps, so that the encoding (the costly part) can run on several threads: encode() a
    // document's ids into `out` (replacing it; returns how many ids), then appendEncoded() its bytes.
    static std::uint32_t encode(const std::vector<std::int64_t> &features, std::vector<std::uint8_t> &out,
                                std::vector<std::uint32_t> &scratch);
    FeatureSpan appendEncoded(const std::vector<std::uint8_t> &encoded, std::uint32_t count);
    void clear();
    std::size_t bytes() const;

private:
    struct Block
    {
        std::unique_ptr<std::uint8_t[]> bytes;
        std::size_t capacity = 0;
        std::size_t used = 0;
    };
    std::vector<Block> m_blocks;
    std::vector<std::uint32_t> m_sorted; // append()'s scratch
    std::vector<std::uint8_t> m_encoded;
};

} // namespace marginalia::ml
